import { inArray } from 'drizzle-orm'
import { createApp } from '../../src/app'
import { enqueueEmail } from '../../src/db/queries/outbox'
import { outbox } from '../../src/db/schema'
import type { Env } from '../../src/env'
import { testDb, testEnv } from './app'
import { ORIGIN, type Browser } from './auth'

// `n` outbox rows of a workspace, oldest first, all to addresses under one fresh domain so a
// test can filter down to exactly its own rows (signing up and inviting write emails too).
export async function seedEmails(tenantId: string, n: number, opts: { status?: 'queued' | 'sent' | 'failed'; lastError?: string; domain?: string } = {}) {
  const domain = opts.domain ?? `log-${crypto.randomUUID().slice(0, 8)}.test`
  const ids: string[] = []
  for (let i = 0; i < n; i++) {
    const key = `test:email-log:${crypto.randomUUID()}`
    ids.push(await enqueueEmail(testDb(), { tenantId, idempotencyKey: key, to: `person${String(i).padStart(2, '0')}@${domain}`, subject: `Email ${i}`, html: '<p>x</p>', text: 'x' }))
  }
  if (opts.status) await testDb().update(outbox).set({ status: opts.status, lastError: opts.lastError ?? null, sentAt: opts.status === 'sent' ? new Date() : null }).where(inArray(outbox.id, ids))
  return { ids, domain }
}

// A JOBS producer that keeps what it is sent, so a test sees the job without the real consumer
// racing it to a sent row.
export function keepingQueue(): { jobs: Env['JOBS']; sent: unknown[] } {
  const sent: unknown[] = []
  const jobs = { send: async (body: unknown) => void sent.push(body) } as unknown as Env['JOBS']
  return { jobs, sent }
}

// A signed-in request straight into the worker with other bindings (a keepingQueue as JOBS).
// A form may repeat a name: pass URLSearchParams for that.
export async function requestWith(env: Partial<Env>, who: Browser, path: string, init: { method?: string; form?: Record<string, string> | URLSearchParams; json?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
  const headers: Record<string, string> = { Cookie: who.cookie, Origin: ORIGIN, ...init.headers }
  if (init.form) headers['Content-Type'] = 'application/x-www-form-urlencoded'
  if (init.json !== undefined) headers['Content-Type'] = 'application/json'
  const body = init.form ? new URLSearchParams(init.form) : init.json !== undefined ? JSON.stringify(init.json) : undefined
  return createApp().request(path, { method: init.method ?? 'GET', body, headers, redirect: 'manual' }, { ...testEnv, ...env })
}
