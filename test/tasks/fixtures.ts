import { and, eq } from 'drizzle-orm'
import { accounts } from '../../src/db/schema'
import { testDb } from '../helpers/app'
import type { Browser } from '../helpers/auth'
import { created } from '../helpers/records'

// Records for tasks, notes and activities to hang off, made through the records' own API.
export const newAccount = (who: Browser, name = 'Acme Corp') => created<{ id: string; name: string }>(who, '/accounts', { name })

export const newContact = (who: Browser, body: { firstName: string; accountId?: string }) => created<{ id: string }>(who, '/contacts', body)

export async function lastContactedOf(tenantId: string, accountId: string): Promise<Date | null> {
  const [row] = await testDb().select({ at: accounts.lastContactedAt }).from(accounts).where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, accountId)))
  return row?.at ?? null
}

// A fixed instant n days from now, at noon UTC, as ISO: clear of midnight for day filters.
export function daysFromNow(n: number): string {
  const d = new Date()
  d.setUTCHours(12, 0, 0, 0)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString()
}
