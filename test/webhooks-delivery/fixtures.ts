import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult, waitOnExecutionContext } from 'cloudflare:test'
import { and, eq } from 'drizzle-orm'
import { vi } from 'vitest'
import worker from '../../functions/worker'
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from '../../src/db/schema'
import type { JobMessage } from '../../src/domain/jobs/messages'
import { generateSecret } from '../../src/domain/webhooks/signing'
import type { Env } from '../../src/env'
import { CRONS } from '../../src/handlers/jobs/scheduled'
import { testDb, testEnv } from '../helpers/app'
import { me, signUp, type Browser } from '../helpers/auth'

export type Workspace = { admin: Browser; tenantId: string; userId: string; email: string }

export async function workspace(name = 'Hooks'): Promise<Workspace> {
  const admin = await signUp({ workspace: name })
  const who = await me(admin)
  return { admin, tenantId: who.workspace.id, userId: who.userId, email: who.email }
}

export const RECEIVER = 'https://hooks.example.com/crm'

// An endpoint written straight to the table (the endpoints API is tested on its own).
export async function addEndpoint(ws: Workspace, eventTypes: string[], url = RECEIVER) {
  const row = { tenantId: ws.tenantId, id: crypto.randomUUID(), url, eventTypes, secret: generateSecret(), createdBy: ws.userId }
  await testDb().insert(webhookEndpoints).values(row)
  return row
}

export type Received = { url: string; headers: Record<string, string>; body: string }

// The network as the worker sees it: DNS-over-HTTPS answers from `dns` (host → addresses, public by
// default), and every other https URL answered by `answer`. Database traffic passes through.
export function network(opts: { answer?: (req: Received) => Response; dns?: Record<string, string[]> } = {}) {
  const received: Received[] = []
  const realFetch = globalThis.fetch
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input)
    if (url.startsWith('https://cloudflare-dns.com/dns-query')) {
      const q = new URL(url).searchParams
      const ips = opts.dns?.[q.get('name') ?? ''] ?? ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946']
      const type = q.get('type') === 'AAAA' ? 28 : 1
      const Answer = ips.filter((ip) => ip.includes(':') === (type === 28)).map((data) => ({ name: q.get('name'), type, TTL: 60, data }))
      return Response.json({ Status: 0, Answer })
    }
    if (!url.startsWith('https://')) return realFetch(input, init)
    const req = { url, headers: Object.fromEntries(new Headers(init?.headers).entries()), body: String(init?.body ?? '') }
    received.push(req)
    return opts.answer ? opts.answer(req) : new Response('ok')
  })
  return received
}

// One run of the real scheduled() handler on the per-minute cron; the webhook messages it
// enqueued for this workspace (other test files share the database and its outbox).
export async function runDispatcher(ws: Workspace): Promise<JobMessage[]> {
  const sent: unknown[] = []
  const JOBS = { sendBatch: async (msgs: { body: unknown }[]) => void sent.push(...msgs.map((m) => m.body)) } as unknown as Env['JOBS']
  const ctx = createExecutionContext()
  worker.scheduled(createScheduledController({ cron: CRONS.reminders, scheduledTime: Date.now() }), { ...testEnv, JOBS }, ctx)
  await waitOnExecutionContext(ctx)
  return (sent as JobMessage[]).filter((m) => m.type === 'webhook.deliver' && m.tenantId === ws.tenantId)
}

export type Enqueued = { body: JobMessage; delaySeconds?: number }

// One delivery of messages through the real queue() handler; what the jobs enqueue is kept.
export async function deliver(bodies: JobMessage[], attempts = 1) {
  const enqueued: Enqueued[] = []
  const send = async (body: JobMessage, options?: { delaySeconds?: number }) => void enqueued.push({ body, delaySeconds: options?.delaySeconds })
  const batch = createMessageBatch('jobs', bodies.map((body, i) => ({ id: `m${i}`, timestamp: new Date(), attempts, body })))
  const ctx = createExecutionContext()
  await worker.queue(batch, { ...testEnv, JOBS: { send } as unknown as Env['JOBS'] })
  return { ...(await getQueueResult(batch, ctx)), enqueued }
}

export const deliveriesOf = (ws: Workspace) => testDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.tenantId, ws.tenantId)).orderBy(webhookDeliveries.createdAt)
export const attemptsOf = (ws: Workspace, deliveryId: string) =>
  testDb().select().from(webhookAttempts).where(and(eq(webhookAttempts.tenantId, ws.tenantId), eq(webhookAttempts.deliveryId, deliveryId))).orderBy(webhookAttempts.attemptedAt)
export const endpointOf = async (ws: Workspace, id: string) => (await testDb().select().from(webhookEndpoints).where(and(eq(webhookEndpoints.tenantId, ws.tenantId), eq(webhookEndpoints.id, id))))[0]
