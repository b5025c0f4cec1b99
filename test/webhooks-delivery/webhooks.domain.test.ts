import fc from 'fast-check'
import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import { WEBHOOK_EVENT_TYPES } from '../../src/domain/webhooks/catalogue'
import { disableReason } from '../../src/domain/webhooks/disable'
import { isSubscribed, webhookPayload, webhookTypesFor } from '../../src/domain/webhooks/events'
import { MAX_ATTEMPTS, MAX_DELAY_SECONDS, retryDelaySeconds } from '../../src/domain/webhooks/retry'
import { generateSecret, webhookHeaders } from '../../src/domain/webhooks/signing'

describe('timeline events to webhook types', () => {
  const ev = (entityType: string, eventType: string, payload: Record<string, unknown> = {}) => webhookTypesFor({ entityType, eventType, payload } as Parameters<typeof webhookTypesFor>[0])
  it.each([
    ['lead', 'created', {}, ['lead.created']],
    ['lead', 'owner_changed', {}, ['lead.updated']],
    ['contact', 'status_changed', {}, ['contact.updated']],
    ['lead', 'converted', { contactId: 'x' }, ['lead.converted']],
    ['contact', 'converted', { leadId: 'x' }, []],
    ['contact', 'merged', { survived: true }, ['contact.merged']],
    ['contact', 'merged', { survived: false }, []],
    ['lead', 'form_submitted', {}, ['form.submitted']],
    ['task', 'task_completed', {}, ['task.completed']],
    ['account', 'task_completed', {}, []],
    ['opportunity', 'stage_changed', { changes: { stageId: { from: 'a', to: 'b' } } }, ['opportunity.stage_changed']],
    ['opportunity', 'status_changed', { changes: { status: { from: 'open', to: 'won' } } }, ['opportunity.updated', 'opportunity.won']],
    ['opportunity', 'updated', { changes: { status: { from: 'open', to: 'lost' }, amount: { from: '1', to: '2' } } }, ['opportunity.updated', 'opportunity.lost']],
    ['opportunity', 'status_changed', { changes: { status: { from: 'won', to: 'open' } } }, ['opportunity.updated']],
    ['note', 'created', {}, []],
    ['lead', 'archived', {}, []],
    ['workspace', 'exported', {}, []],
  ])('%s %s %j → %j', (entity, event, payload, expected) => {
    expect(ev(entity, event, payload)).toEqual(expected)
  })

  it('every type it produces is in the catalogue', () => {
    const entities = ['account', 'contact', 'lead', 'opportunity', 'task', 'note', 'activity', 'workspace']
    const events = ['created', 'updated', 'owner_changed', 'status_changed', 'stage_changed', 'archived', 'converted', 'form_submitted', 'task_completed', 'merged']
    for (const e of entities) for (const t of events) for (const type of ev(e, t, { changes: { status: { to: 'won' } } })) expect(WEBHOOK_EVENT_TYPES).toHaveProperty(type)
  })

  it('matches exact types and families, nothing else', () => {
    expect(isSubscribed(['contact.*'], 'contact.merged')).toBe(true)
    expect(isSubscribed(['contact.*'], 'lead.created')).toBe(false)
    expect(isSubscribed(['lead.created'], 'lead.created')).toBe(true)
    expect(isSubscribed(['lead.created'], 'lead.updated')).toBe(false)
    expect(isSubscribed(['lead.*'], 'opportunity.won')).toBe(false)
    expect(isSubscribed([], 'lead.created')).toBe(false)
  })

  it('builds the { type, timestamp, data } payload', () => {
    const occurredAt = new Date('2026-01-02T03:04:05.678Z')
    const body = webhookPayload('lead.created', { id: 'e1', entityType: 'lead', entityId: 'l1', eventType: 'created', actorUserId: 'u1', occurredAt, payload: { name: 'Ada' } })
    expect(body).toEqual({ type: 'lead.created', timestamp: '2026-01-02T03:04:05.678Z', data: { eventId: 'e1', entityType: 'lead', entityId: 'l1', event: 'created', actorUserId: 'u1', payload: { name: 'Ada' } } })
  })
})

describe('Standard Webhooks signatures', () => {
  it('generates whsec_ secrets of 32 random bytes', () => {
    const a = generateSecret()
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    expect(generateSecret()).not.toBe(a)
  })

  // The reference library (standardwebhooks on npm) checks our headers: any body, any id.
  it('verify with the independent standardwebhooks implementation', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.uuid(), async (text, id) => {
        const secret = generateSecret()
        const body = JSON.stringify({ type: 'lead.created', data: { text } })
        const headers = await webhookHeaders(secret, id, body, new Date())
        expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body))
        // A changed body or another endpoint's secret does not verify.
        expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow()
        expect(() => new Webhook(generateSecret()).verify(body, headers)).toThrow()
      }),
      { numRuns: 30 },
    )
  })
})

describe('retry schedule', () => {
  it('grows exponentially from a minute and stops after the last attempt', () => {
    const mid = (n: number) => retryDelaySeconds(n, 0.5)
    expect([1, 2, 3, 4, 5, 6].map(mid)).toEqual([60, 300, 1500, 7500, 37500, MAX_DELAY_SECONDS])
    expect(mid(MAX_ATTEMPTS - 1)).toBe(MAX_DELAY_SECONDS)
    expect(mid(MAX_ATTEMPTS)).toBeNull()
  })

  it('spans about 3 days whatever the jitter, each delay within the queue limit', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 0.9999999, noNaN: true }), { minLength: MAX_ATTEMPTS, maxLength: MAX_ATTEMPTS }), (randoms) => {
        const delays = randoms.map((r, i) => retryDelaySeconds(i + 1, r))
        expect(delays.at(-1)).toBeNull()
        const waits = delays.filter((d): d is number => d !== null)
        for (const d of waits) expect(d).toBeGreaterThan(0)
        for (const d of waits) expect(d).toBeLessThanOrEqual(MAX_DELAY_SECONDS)
        const days = waits.reduce((a, b) => a + b, 0) / 86_400
        expect(days).toBeGreaterThan(2.7)
        expect(days).toBeLessThan(3.2)
      }),
    )
  })
})

describe('auto-disable', () => {
  const now = new Date('2026-03-10T12:00:00Z')
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000)
  it('disables on 410 at once, and after 5 days of failures', () => {
    expect(disableReason(410, null, now)).toMatch(/410/)
    expect(disableReason(500, daysAgo(4.9), now)).toBeNull()
    expect(disableReason(null, daysAgo(5), now)).toMatch(/5 days/)
    expect(disableReason(500, null, now)).toBeNull()
  })
})
