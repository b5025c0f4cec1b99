import { and, eq, sql } from 'drizzle-orm'
import type { FailureCounts } from '../../domain/access/throttle-policy'
import type { Db } from '../client'
import { loginFailures } from '../schema'

// Failures in the window for the three throttle dimensions, in one round trip.
export async function countLoginFailures(db: Db, email: string, ip: string, since: Date): Promise<FailureCounts> {
  const sinceIso = since.toISOString()
  const rows = await db.execute<{ dim: string; count: number; oldest_ms: number | null }>(sql`
    select 'accountAndIp' as dim, count(*)::int as count, (extract(epoch from min(created_at)) * 1000)::float8 as oldest_ms from ${loginFailures}
      where email = ${email} and ip = ${ip} and created_at > ${sinceIso}
    union all
    select 'account', count(*)::int, (extract(epoch from min(created_at)) * 1000)::float8 from ${loginFailures} where email = ${email} and created_at > ${sinceIso}
    union all
    select 'ip', count(*)::int, (extract(epoch from min(created_at)) * 1000)::float8 from ${loginFailures} where ip = ${ip} and created_at > ${sinceIso}`)
  const get = (dim: string) => {
    const row = rows.rows.find((r) => r.dim === dim)
    return { count: Number(row?.count ?? 0), oldest: row?.oldest_ms != null ? new Date(Number(row.oldest_ms)) : null }
  }
  return { accountAndIp: get('accountAndIp'), account: get('account'), ip: get('ip') }
}

export const recordLoginFailure = (db: Db, email: string, ip: string) => db.insert(loginFailures).values({ email, ip })

// A successful sign-in forgives this address's failures for the account.
export const clearLoginFailures = (db: Db, email: string, ip: string) => db.delete(loginFailures).where(and(eq(loginFailures.email, email), eq(loginFailures.ip, ip)))
