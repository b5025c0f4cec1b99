import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult, waitOnExecutionContext } from 'cloudflare:test'
import { and, asc, eq, like } from 'drizzle-orm'
import { vi } from 'vitest'
import worker from '../../functions/worker'
import { activities, activityEvents, customerStatusHistory, leads, leadScoreHistory, outbox, scoringRules } from '../../src/db/schema'
import type { JobMessage } from '../../src/domain/jobs/messages'
import { ruleToRow } from '../../src/domain/scoring/engine'
import type { ScoringRuleInput } from '../../src/domain/scoring/rules'
import type { Env } from '../../src/env'
import { CRONS } from '../../src/handlers/jobs/scheduled'
import { testDb, testEnv } from '../helpers/app'
import { me, signUp, type Browser } from '../helpers/auth'

export type Workspace = { admin: Browser; tenantId: string; userId: string; email: string }

const db = testDb()

// A workspace with exactly `rules` (its starter rules replaced), so each test knows its scores.
export async function workspace(rules: ScoringRuleInput[]): Promise<Workspace> {
  const admin = await signUp({ workspace: 'Scoring' })
  const who = await me(admin)
  await db.delete(scoringRules).where(eq(scoringRules.tenantId, who.workspace.id))
  const ws = { admin, tenantId: who.workspace.id, userId: who.userId, email: who.email }
  await addRules(ws, rules)
  return ws
}

export async function addRules(ws: Workspace, rules: ScoringRuleInput[]): Promise<void> {
  if (rules.length) await db.insert(scoringRules).values(rules.map((r) => ({ tenantId: ws.tenantId, ...ruleToRow(r) })))
}

export const ruleIds = async (ws: Workspace) => Object.fromEntries((await db.select().from(scoringRules).where(eq(scoringRules.tenantId, ws.tenantId))).map((r) => [r.name, r.id]))

// Leads written straight to the table: no recompute is enqueued for them (the app would put one
// on the real queue, whose consumer would race the test's own deliveries).
export async function seedLead(ws: Workspace, fields: Partial<typeof leads.$inferInsert> = {}): Promise<string> {
  const id = crypto.randomUUID()
  await db.insert(leads).values({ tenantId: ws.tenantId, id, lastName: 'Lead', ownerId: ws.userId, createdBy: ws.userId, ...fields })
  return id
}

export async function seedLeads(ws: Workspace, n: number, fields: Partial<typeof leads.$inferInsert> = {}): Promise<string[]> {
  const rows = Array.from({ length: n }, (_, i) => ({ tenantId: ws.tenantId, id: crypto.randomUUID(), lastName: `Lead ${i}`, createdBy: ws.userId, ...fields }))
  for (let i = 0; i < rows.length; i += 200) await db.insert(leads).values(rows.slice(i, i + 200))
  return rows.map((r) => r.id).sort()
}

// A logged activity of the lead, as the app would store it (the engagement a rule counts).
export async function logOnLead(ws: Workspace, leadId: string, type: 'email' | 'call' | 'meeting', outcome: string, occurredAt = new Date()): Promise<string> {
  const id = crypto.randomUUID()
  await db.insert(activities).values({ tenantId: ws.tenantId, id, type, outcome, subject: `${type} ${outcome}`, occurredAt, leadId, createdBy: ws.userId })
  return id
}

export const formSubmitted = (ws: Workspace, leadId: string, occurredAt = new Date()) =>
  db.insert(activityEvents).values({ tenantId: ws.tenantId, entityType: 'lead', entityId: leadId, eventType: 'form_submitted', occurredAt, payload: { form: 'Pricing' } })

export const recompute = (ws: Workspace, leadId: string, tenantId = ws.tenantId): JobMessage => ({ type: 'score.recompute', key: `score:${leadId}:${Date.now()}`, tenantId, leadId })

// A JOBS binding that keeps what is sent to it, one by one or in batches, or refuses it.
export function capturing({ fail = false } = {}) {
  const sent: JobMessage[] = []
  const keep = (body: JobMessage) => {
    if (fail) throw new Error('queue unavailable')
    sent.push(body)
  }
  const jobs = { send: async (body: JobMessage) => keep(body), sendBatch: async (msgs: { body: JobMessage }[]) => msgs.forEach((m) => keep(m.body)) } as unknown as Env['JOBS']
  return { jobs, sent }
}

// One delivery of `bodies` through the real queue() handler; returns the acks and what the jobs
// enqueued.
export async function deliver(bodies: JobMessage[], { attempts = 1, failSend = false } = {}) {
  const queue = capturing({ fail: failSend })
  const batch = createMessageBatch('jobs', bodies.map((body, i) => ({ id: `m${i}`, timestamp: new Date(), attempts, body })))
  await worker.queue(batch, { ...testEnv, JOBS: queue.jobs })
  return { ...(await getQueueResult(batch, createExecutionContext())), enqueued: queue.sent }
}

// Delivers messages, then the send-email messages they produced.
export async function deliverWithEmails(bodies: JobMessage[], attempts = 1) {
  const first = await deliver(bodies, { attempts })
  const emails = first.enqueued.filter((m) => m.type === 'send-email')
  if (emails.length) await deliver(emails, { attempts })
  return first
}

// One run of the real scheduled() handler on the nightly scoring cron; returns what it enqueued.
export async function runNightly(scheduledTime = Date.now()): Promise<JobMessage[]> {
  const queue = capturing()
  const ctx = createExecutionContext()
  worker.scheduled(createScheduledController({ cron: CRONS.scoreDecay, scheduledTime }), { ...testEnv, JOBS: queue.jobs }, ctx)
  await waitOnExecutionContext(ctx)
  return queue.sent
}

export const leadRow = async (ws: Workspace, id: string) => {
  const [row] = await db.select().from(leads).where(and(eq(leads.tenantId, ws.tenantId), eq(leads.id, id)))
  if (!row) throw new Error('no such lead')
  return row
}

export const historyOf = (ws: Workspace, id: string) => db.select({ day: leadScoreHistory.day, score: leadScoreHistory.score }).from(leadScoreHistory).where(and(eq(leadScoreHistory.tenantId, ws.tenantId), eq(leadScoreHistory.leadId, id))).orderBy(asc(leadScoreHistory.day))

export const leadEvents = (ws: Workspace, id: string) =>
  db.select().from(activityEvents).where(and(eq(activityEvents.tenantId, ws.tenantId), eq(activityEvents.entityId, id))).orderBy(asc(activityEvents.occurredAt), asc(activityEvents.id))

export const statusHistory = (ws: Workspace, id: string) => db.select().from(customerStatusHistory).where(and(eq(customerStatusHistory.tenantId, ws.tenantId), eq(customerStatusHistory.entityId, id)))

export const thresholdEmails = (leadId: string) => db.select().from(outbox).where(like(outbox.idempotencyKey, `score-threshold:${leadId}:%`)).orderBy(asc(outbox.createdAt))

// Counts what reached the (log) provider for a lead's threshold emails.
export function watchProvider() {
  const log = vi.spyOn(console, 'log')
  return (leadId: string) =>
    log.mock.calls
      .map(([line]) => {
        try {
          return JSON.parse(String(line)) as { event?: string; idempotencyKey?: string }
        } catch {
          return {}
        }
      })
      .filter((l) => l.event === 'mail.sent' && l.idempotencyKey?.startsWith(`score-threshold:${leadId}:`)).length
}

export const today = () => new Date().toISOString().slice(0, 10)
