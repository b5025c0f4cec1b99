import { csvParseRows } from 'd3-dsv'
import { and, eq } from 'drizzle-orm'
import { expect } from 'vitest'
import { activityEvents, contacts } from '../../src/db/schema'
import { testDb } from '../helpers/app'
import { me, signUp, type Browser } from '../helpers/auth'

export type Workspace = { admin: Browser; tenantId: string; userId: string; email: string }

export async function workspace(name = 'Exports'): Promise<Workspace> {
  const admin = await signUp({ workspace: name })
  const who = await me(admin)
  return { admin, tenantId: who.workspace.id, userId: who.userId, email: who.email }
}

// The file as a spreadsheet would read it: the BOM checked and dropped (Response.text() would
// drop it unseen), then rows of cells.
export async function csvOf(res: Response): Promise<string[][]> {
  expect(res.status, res.status === 200 ? '' : await res.clone().text()).toBe(200)
  expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
  const bytes = new Uint8Array(await res.arrayBuffer())
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  return csvParseRows(new TextDecoder().decode(bytes.subarray(3)).replace(/\r\n$/, ''))
}

// A column of a parsed file, by its header.
export function column(rows: string[][], header: string): string[] {
  const i = rows[0]?.indexOf(header) ?? -1
  if (i < 0) throw new Error(`no ${header} column in ${JSON.stringify(rows[0])}`)
  return rows.slice(1).map((r) => r[i] ?? '')
}

export const exportEvents = (tenantId: string) =>
  testDb()
    .select()
    .from(activityEvents)
    .where(and(eq(activityEvents.tenantId, tenantId), eq(activityEvents.eventType, 'exported')))
    .orderBy(activityEvents.occurredAt)

// Contacts written straight to the table (thousands at once), created a second apart so the
// list's default order (newest first) is known: "Person 0" is the newest.
export async function seedContacts(ws: { tenantId: string; userId: string }, n: number, prefix = 'Person'): Promise<void> {
  const start = Date.now()
  const rows = Array.from({ length: n }, (_, i) => ({ tenantId: ws.tenantId, id: crypto.randomUUID(), firstName: prefix, lastName: String(i), ownerId: ws.userId, createdBy: ws.userId, createdAt: new Date(start - i * 1000) }))
  for (let i = 0; i < rows.length; i += 1000) await testDb().insert(contacts).values(rows.slice(i, i + 1000))
}
