import { and, eq } from 'drizzle-orm'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { readScoreInputs } from '../../src/db/queries/score-inputs'
import { writeScore } from '../../src/db/queries/score-writes'
import { activities, leads, memberships } from '../../src/db/schema'
import type { JobMessage } from '../../src/domain/jobs/messages'
import type { ScoringRuleInput } from '../../src/domain/scoring/rules'
import { reachedThresholds, scoreLead } from '../../src/domain/scoring/engine'
import { thresholdEffects } from '../../src/domain/scoring/threshold-effects'
import { testDb } from '../helpers/app'
import { addMember, me } from '../helpers/auth'
import { api } from '../helpers/records'
import {
  addRules,
  deliver,
  deliverWithEmails,
  formSubmitted,
  historyOf,
  leadEvents,
  leadRow,
  logOnLead,
  recompute,
  ruleIds,
  runNightly,
  seedLead,
  seedLeads,
  statusHistory,
  thresholdEmails,
  today,
  watchProvider,
  workspace,
  type Workspace,
} from './scoring-fixtures'

afterEach(() => vi.restoreAllMocks())

const db = testDb()

const VP: ScoringRuleInput = { kind: 'fit', name: 'Title contains VP', points: 15, condition: { op: 'contains', field: 'title', value: 'VP' }, enabled: true }
const REPLIED: ScoringRuleInput = { kind: 'engagement', name: 'Replied to an email', points: 10, signal: 'email_replied', halfLifeDays: null, enabled: true }
const FORM: ScoringRuleInput = { kind: 'engagement', name: 'Submitted a form', points: 20, signal: 'form_submitted', halfLifeDays: 30, enabled: true }

type ApiLead = { id: string; score: number; scoreBreakdown: { ruleId: string; name: string; kind: string; points: number; count?: number }[]; scoredAt: string | null; status: string; ownerId: string | null; updatedAt: string }

// Everything a recompute can change, to compare before and after a replay.
async function stateOf(ws: Workspace, id: string) {
  const { scoredAt: _version, ...row } = await leadRow(ws, id)
  return { row, history: await historyOf(ws, id), events: (await leadEvents(ws, id)).map((e) => [e.eventType, e.actorUserId, e.payload]), statuses: (await statusHistory(ws, id)).length, emails: (await thresholdEmails(id)).map((e) => [e.toAddress, e.status]) }
}

describe('score.recompute', () => {
  it('scores a lead from its fields and engagement, and the API shows the score and why', async () => {
    const ws = await workspace([VP, REPLIED, FORM])
    const ids = await ruleIds(ws)
    const id = await seedLead(ws, { title: 'VP Sales' })
    await logOnLead(ws, id, 'email', 'replied')
    await logOnLead(ws, id, 'email', 'replied')
    await logOnLead(ws, id, 'email', 'sent') // no rule counts a sent email
    const before = await leadRow(ws, id)
    const result = await deliver([recompute(ws, id)])
    expect(result.explicitAcks).toEqual(['m0'])
    expect(result.enqueued).toEqual([])
    const lead = (await api<ApiLead>(ws.admin, 'GET', `/leads/${id}`)).body
    expect(lead.score).toBe(35)
    expect(lead.scoreBreakdown).toEqual([
      { ruleId: ids['Replied to an email'], name: 'Replied to an email', kind: 'engagement', points: 20, count: 2 },
      { ruleId: ids['Title contains VP'], name: 'Title contains VP', kind: 'fit', points: 15 },
    ])
    expect(Date.parse(lead.scoredAt ?? '')).toBeGreaterThan(Date.now() - 60_000)
    expect(await historyOf(ws, id)).toEqual([{ day: today(), score: 35 }])
    // A score is no edit: the forms' concurrency stamp and the timeline are untouched.
    expect(lead.updatedAt).toBe(before.updatedAt.toISOString())
    expect(await leadEvents(ws, id)).toEqual([])
  })

  it('gives the same state when the same message is delivered 1 to 5 times', async () => {
    const ws = await workspace([VP, REPLIED, { kind: 'threshold', name: 'MQL', minScore: 20, setStatus: 'qualified', assignTo: null, notifyOwner: true, enabled: true }])
    for (let times = 1; times <= 5; times++) {
      const id = await seedLead(ws, { title: 'VP Ops' })
      await logOnLead(ws, id, 'email', 'replied')
      const msg = recompute(ws, id)
      await deliverWithEmails([msg])
      const first = await stateOf(ws, id)
      expect(first.row.score).toBe(25)
      expect(first.row.status).toBe('qualified')
      for (let again = 2; again <= times; again++) {
        const redelivery = await deliverWithEmails([msg], again)
        expect(redelivery.explicitAcks).toEqual(['m0'])
        expect(await stateOf(ws, id)).toEqual(first)
      }
    }
  })

  it('lets a stale recompute lose to a newer one: the earlier read applied later changes nothing', async () => {
    const ws = await workspace([VP, REPLIED])
    const id = await seedLead(ws, { title: 'VP Sales' })
    // t1: a recompute reads the lead (15 points)...
    const t1 = await readScoreInputs(db, ws.tenantId, id)
    const stale = scoreLead(t1.lead?.fields ?? ({} as never), t1.events, t1.rules, t1.readAt)
    expect(stale.score).toBe(15)
    // ...t2: the lead gains engagement, and the recompute that read it applies first (25).
    await logOnLead(ws, id, 'email', 'replied')
    await deliver([recompute(ws, id)])
    const newer = await stateOf(ws, id)
    expect(newer.row.score).toBe(25)
    // t1's result arrives last, and is refused by the version guard.
    const effects = thresholdEffects(reachedThresholds(stale.score, t1.rules), { status: 'new', ownerId: ws.userId, scoreThresholds: [] }, new Set())
    expect(await writeScore(db, { tenantId: ws.tenantId, leadId: id, readAt: t1.readAt, result: stale, effects, emails: [], mayHaveEmails: false })).toEqual({ applied: false, queuedEmails: [] })
    expect(await stateOf(ws, id)).toEqual(newer)

    // The same through the queue: a message whose read is older than the stored score's.
    const future = new Date(Date.now() + 3_600_000)
    await db.update(leads).set({ scoredAt: future }).where(and(eq(leads.tenantId, ws.tenantId), eq(leads.id, id)))
    await db.update(activities).set({ archivedAt: new Date() }).where(eq(activities.leadId, id))
    await deliver([recompute(ws, id)])
    expect((await leadRow(ws, id)).score).toBe(25)
    expect((await leadRow(ws, id)).scoredAt).toEqual(future)
  })

  it('leaves converted and archived leads, and other workspaces’ leads, as they are', async () => {
    const ws = await workspace([VP])
    const other = await workspace([VP])
    const archived = await seedLead(ws, { title: 'VP', archivedAt: new Date() })
    const theirs = await seedLead(other, { title: 'VP' })
    const result = await deliver([recompute(ws, archived), recompute(ws, theirs), recompute(other, theirs, ws.tenantId)])
    expect(result.explicitAcks).toEqual(['m0', 'm1', 'm2'])
    expect(await leadRow(ws, archived)).toMatchObject({ score: 0, scoredAt: null })
    expect(await leadRow(other, theirs)).toMatchObject({ score: 0, scoredAt: null })
    expect(await historyOf(other, theirs)).toEqual([])
  })

  it('decays engagement with its half-life', async () => {
    const ws = await workspace([FORM])
    const id = await seedLead(ws)
    await formSubmitted(ws, id, new Date(Date.now() - 30 * 86_400_000))
    await formSubmitted(ws, id)
    await deliver([recompute(ws, id)])
    const lead = (await api<ApiLead>(ws.admin, 'GET', `/leads/${id}`)).body
    expect(lead.score).toBe(30)
    expect(lead.scoreBreakdown).toMatchObject([{ name: 'Submitted a form', points: 30, count: 2 }])
  })
})

describe('thresholds', () => {
  async function crossing() {
    const ws = await workspace([VP, REPLIED])
    const rep = await me(await addMember(ws.admin, 'rep', 'Riley Rep'))
    await addRules(ws, [{ kind: 'threshold', name: 'MQL', minScore: 20, setStatus: 'qualified', assignTo: rep.userId, notifyOwner: true, enabled: true }])
    const id = await seedLead(ws, { title: 'VP <Sales>', firstName: 'Ada', lastName: 'Lovelace', status: 'contacted' })
    const activity = await logOnLead(ws, id, 'email', 'replied')
    return { ws, rep, id, activity, mql: (await ruleIds(ws)).MQL as string }
  }

  it('on crossing: qualifies, re-routes and emails the new owner once, across redeliveries', async () => {
    const sends = watchProvider()
    const { ws, rep, id, mql } = await crossing()
    const msg = recompute(ws, id)
    const first = await deliverWithEmails([msg])
    expect(first.enqueued.map((m) => m.type)).toEqual(['send-email'])
    for (let attempt = 2; attempt <= 5; attempt++) await deliverWithEmails([msg], attempt)
    await deliverWithEmails([recompute(ws, id)])

    const row = await leadRow(ws, id)
    expect(row).toMatchObject({ score: 25, status: 'qualified', ownerId: rep.userId, scoreThresholds: [mql] })
    expect((await leadEvents(ws, id)).map((e) => [e.eventType, e.actorUserId, e.payload])).toEqual([
      ['status_changed', null, { changes: { status: { from: 'contacted', to: 'qualified' } }, scoringRule: 'MQL' }],
      ['owner_changed', null, { changes: { ownerId: { from: ws.userId, to: rep.userId } }, scoringRule: 'MQL' }],
    ])
    expect((await statusHistory(ws, id)).map((h) => [h.fromValue, h.toValue, h.changedBy])).toEqual([['contacted', 'qualified', null]])
    const emails = await thresholdEmails(id)
    expect(emails).toHaveLength(1)
    expect(emails[0]).toMatchObject({ tenantId: ws.tenantId, toAddress: rep.email, status: 'sent', subject: 'Ada Lovelace reached MQL (score 25)' })
    // Keyed by the crossing: the rule and the score version that first reached it.
    expect(emails[0]?.idempotencyKey).toMatch(new RegExp(`^score-threshold:${id}:${mql}:\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z$`))
    expect(emails[0]?.html).toContain(`href="http://localhost/leads/${id}"`)
    expect(emails[0]?.html).toContain('+15 Title contains VP')
    expect(emails[0]?.text).toContain('The lead has been assigned to you.')
    expect(sends(id)).toBe(1)
    // The timeline says who acted.
    const timeline = await (await ws.admin.get(`/leads/${id}/timeline`, { 'HX-Request': 'true' })).text()
    expect(timeline).toContain('Lead scoring (MQL) changed Status from Contacted to Qualified')
  })

  it('acts again on a later crossing after the score fell below, with an email of its own', async () => {
    const sends = watchProvider()
    const { ws, id, activity, mql } = await crossing()
    await deliverWithEmails([recompute(ws, id)])
    await db.update(activities).set({ archivedAt: new Date() }).where(eq(activities.id, activity))
    await deliverWithEmails([recompute(ws, id)])
    expect(await leadRow(ws, id)).toMatchObject({ score: 15, scoreThresholds: [] })
    await logOnLead(ws, id, 'email', 'replied')
    await deliverWithEmails([recompute(ws, id)])
    expect(await leadRow(ws, id)).toMatchObject({ score: 25, scoreThresholds: [mql], status: 'qualified' })
    // Qualified already, and owned by the rule's member: only the email repeats.
    expect((await leadEvents(ws, id)).map((e) => e.eventType)).toEqual(['status_changed', 'owner_changed'])
    expect(await thresholdEmails(id)).toHaveLength(2)
    expect(sends(id)).toBe(2)
  })

  it('a fault between writing the email and enqueueing it: the redelivery sends it once', async () => {
    const sends = watchProvider()
    const { ws, id } = await crossing()
    const msg = recompute(ws, id)
    const failed = await deliver([msg], { failSend: true })
    expect(failed.retryMessages).toEqual([{ msgId: 'm0' }])
    expect(await thresholdEmails(id)).toMatchObject([{ status: 'queued' }])
    await deliverWithEmails([msg], 2)
    await deliverWithEmails([msg], 3)
    expect(await thresholdEmails(id)).toMatchObject([{ status: 'sent', attempts: 1 }])
    expect(sends(id)).toBe(1)
    expect((await leadEvents(ws, id)).map((e) => e.eventType)).toEqual(['status_changed', 'owner_changed'])
  })

  // On the PostgreSQL server (TEST_DATABASE_URL) the recomputes really run at the same time, and
  // the row lock of the score write plus the re-checked threshold list keep the effects single.
  it('concurrent recomputes of one crossing act on it once', async () => {
    const { ws, id } = await crossing()
    const runs = await Promise.all(Array.from({ length: 4 }, () => deliver([recompute(ws, id)])))
    expect(runs.flatMap((r) => r.explicitAcks)).toHaveLength(4)
    expect((await leadEvents(ws, id)).map((e) => e.eventType)).toEqual(['status_changed', 'owner_changed'])
    expect(await statusHistory(ws, id)).toHaveLength(1)
    expect(await thresholdEmails(id)).toHaveLength(1)
  })

  it('does not demote or re-route a lead someone already settled, nor email a missing owner', async () => {
    const { ws, id } = await crossing()
    await db.update(leads).set({ status: 'unqualified', ownerId: null }).where(eq(leads.id, id))
    // The rule's member has left: no re-routing, and with no owner, no email.
    await db.update(memberships).set({ deactivatedAt: new Date() }).where(and(eq(memberships.tenantId, ws.tenantId), eq(memberships.role, 'rep')))
    await deliverWithEmails([recompute(ws, id)])
    expect(await leadRow(ws, id)).toMatchObject({ status: 'unqualified', ownerId: null, score: 25 })
    expect(await leadEvents(ws, id)).toEqual([])
    expect(await thresholdEmails(id)).toEqual([])
  })
})

describe('nightly decay sweep', () => {
  it('the cron enqueues one sweep per workspace, keyed by the tick', async () => {
    const a = await workspace([FORM])
    const b = await workspace([FORM])
    const tick = Date.now()
    const sent = await runNightly(tick)
    const mine = sent.filter((m) => m.type === 'score.sweep' && [a.tenantId, b.tenantId].includes(m.tenantId))
    const runStartedAt = new Date(tick).toISOString()
    expect(mine).toEqual([a, b].map((ws) => ({ type: 'score.sweep', key: `score-sweep:${ws.tenantId}:${runStartedAt}:first`, tenantId: ws.tenantId, runStartedAt })).sort((x, y) => (x.tenantId < y.tenantId ? -1 : 1)))
    expect(sent.every((m) => m.type === 'score.sweep')).toBe(true)
  })

  it('pages through a workspace’s open leads not yet rescored this run, 200 at a time, and decays them', async () => {
    const ws = await workspace([FORM])
    const open = await seedLeads(ws, 450)
    const faded = open[0] as string
    await formSubmitted(ws, faded, new Date(Date.now() - 60 * 86_400_000))
    // Not swept: unqualified and archived leads, and leads already rescored since the run began.
    await seedLeads(ws, 3, { status: 'unqualified' })
    await seedLeads(ws, 2, { archivedAt: new Date() })
    const runStartedAt = new Date().toISOString()
    const fresh = await seedLeads(ws, 5, { scoredAt: new Date(Date.now() + 1000) })
    const first = sweepOf(ws, runStartedAt)
    const pages: JobMessage[][] = []
    let next: JobMessage | undefined = first
    while (next) {
      const { enqueued, explicitAcks } = await deliver([next])
      expect(explicitAcks).toEqual(['m0'])
      pages.push(enqueued)
      next = enqueued.find((m) => m.type === 'score.sweep')
    }
    const recomputes = pages.map((p) => p.filter((m) => m.type === 'score.recompute').map((m) => (m.type === 'score.recompute' ? m.leadId : '')))
    expect(recomputes.map((p) => p.length)).toEqual([200, 200, 50])
    expect(recomputes.flat()).toEqual(open)
    expect(recomputes.flat()).not.toEqual(expect.arrayContaining(fresh))
    expect(pages.map((p) => p.filter((m) => m.type === 'score.sweep').map((m) => (m.type === 'score.sweep' ? m.after : null)))).toEqual([[open[199]], [open[399]], []])

    // The recomputes apply the decay: a form sent 60 days ago (half-life 30) is worth a quarter.
    await deliver(pages[0]?.filter((m) => m.type === 'score.recompute' && m.leadId === faded) ?? [])
    expect(await leadRow(ws, faded)).toMatchObject({ score: 5 })
    // A redelivered first page skips what this run has rescored already.
    const again = await deliver([first])
    expect(again.enqueued.filter((m) => m.type === 'score.recompute').map((m) => (m.type === 'score.recompute' ? m.leadId : ''))).not.toContain(faded)
  })

  it('sweeps only its own workspace', async () => {
    const ws = await workspace([FORM])
    const other = await workspace([FORM])
    await seedLeads(other, 3)
    const { enqueued } = await deliver([sweepOf(ws, new Date().toISOString())])
    expect(enqueued).toEqual([])
  })
})

const sweepOf = (ws: Workspace, runStartedAt: string): JobMessage => ({ type: 'score.sweep', key: `score-sweep:${ws.tenantId}:${runStartedAt}:first`, tenantId: ws.tenantId, runStartedAt })
