import { createExecutionContext } from 'cloudflare:test'
import { and, eq, inArray, sql } from 'drizzle-orm'
import { expect } from 'vitest'
import { createApp } from '../../src/app'
import { activityEvents, contacts, imports } from '../../src/db/schema'
import type { JobMessage } from '../../src/domain/jobs/messages'
import type { Env } from '../../src/env'
import { testDb, testEnv } from '../helpers/app'
import { ORIGIN, me, signUp, type Browser } from '../helpers/auth'
import { capturingQueue } from '../helpers/jobs'
import { deliver } from '../jobs/reminder-fixtures'

// Imports through the API, with the jobs they start run by the test through the real queue handler.

export type Workspace = { admin: Browser; tenantId: string; userId: string }

export async function workspace(name = 'Imports'): Promise<Workspace> {
  const admin = await signUp({ workspace: name })
  const who = await me(admin)
  return { admin, tenantId: who.workspace.id, userId: who.userId }
}

export type ImportJson = {
  id: string
  status: string
  dryRun: boolean
  mode: string
  matchKey: string | null
  mapping: Record<string, string>
  error: string | null
  totals: { rows: number; inserted: number; updated: number; skipped: number; rejected: number }
  rowsInFile: number | null
  progress: { percent: number; rowsPerSecond: number; etaSeconds: number | null }
  revert: { total: number; done: number; removed: number; kept: number }
  errorsUrl: string | null
  finishedAt: string | null
}

// POST /api/v1/imports as a multipart form from the browser's session, the queue captured.
export const upload = (who: Browser, csv: string, fields: Record<string, string> = {}, headers: Record<string, string> = {}) =>
  uploadWith({ Cookie: who.cookie, Origin: ORIGIN, ...headers }, csv, fields)

export async function uploadWith(headers: Record<string, string>, csv: string, fields: Record<string, string> = {}) {
  const form = new FormData()
  for (const [name, value] of Object.entries({ entity: 'contacts', ...fields })) form.append(name, value)
  form.append('file', new File([csv], 'people.csv', { type: 'text/csv' }))
  const queue = capturingQueue()
  // An execution context as the runtime gives one: an API token's last use is noted in waitUntil.
  const res = await createApp().request('/api/v1/imports', { method: 'POST', body: form, headers }, { ...testEnv, JOBS: queue.jobs }, createExecutionContext())
  return { res, sent: queue.sent as JobMessage[] }
}

// A request with other bindings (the queue captured), as `who`.
export async function apiWith(env: Partial<Env>, who: Browser, method: string, path: string) {
  return createApp().request(path, { method, headers: { Cookie: who.cookie, Origin: ORIGIN } }, { ...testEnv, ...env })
}

// Delivers the messages and every continuation they send, until the import's job is done.
export async function runJobs(messages: JobMessage[]): Promise<void> {
  for (let pending = messages; pending.length; ) {
    const run = await deliver(pending)
    expect(run.retryMessages).toEqual([])
    pending = run.enqueued
  }
}

// Uploads, expects the run to start, and runs it to the end.
export async function importCsv(who: Browser, csv: string, fields: Record<string, string> = {}): Promise<ImportJson> {
  const { res, sent } = await upload(who, csv, fields)
  expect(res.status, await res.clone().text()).toBe(202)
  await runJobs(sent)
  return getImportJson(who, ((await res.json()) as ImportJson).id)
}

export async function getImportJson(who: Browser, id: string): Promise<ImportJson> {
  const res = await who.get(`/api/v1/imports/${id}`)
  expect(res.status).toBe(200)
  return (await res.json()) as ImportJson
}

export const csvOf = (rows: string[][]) => rows.map((r) => r.join(',')).join('\r\n') + '\r\n'

// `n` people, one per row, with emails under a domain of the test's own.
export function people(n: number, domain: string, from = 0): string[][] {
  return Array.from({ length: n }, (_, i) => [`Person`, `No${from + i}`, `p${from + i}@${domain}`])
}
export const PEOPLE_HEADER = ['First name', 'Last name', 'Email']

export const contactsOf = (tenantId: string) =>
  testDb()
    .select({ id: contacts.id, email: contacts.email, firstName: contacts.firstName, lastName: contacts.lastName })
    .from(contacts)
    .where(eq(contacts.tenantId, tenantId))

export const importedEvents = (tenantId: string, ids: string[]) =>
  ids.length ? testDb().select().from(activityEvents).where(and(eq(activityEvents.tenantId, tenantId), sql`${activityEvents.eventType} = 'imported'`, inArray(activityEvents.entityId, ids))) : Promise.resolve([])

export const importRow = async (tenantId: string, id: string) => (await testDb().select().from(imports).where(and(eq(imports.tenantId, tenantId), eq(imports.id, id))))[0]
