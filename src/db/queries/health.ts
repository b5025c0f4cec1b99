import { sql } from 'drizzle-orm'
import type { Db } from '../client'

// A real round trip to PostgreSQL, so /healthz cannot report ok while the database is down.
export async function pingDatabase(db: Db): Promise<boolean> {
  const rows = await db.execute<{ ok: number }>(sql`select 1 as ok`)
  return rows.rows[0]?.ok === 1
}
