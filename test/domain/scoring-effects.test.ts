import { describe, expect, it } from 'vitest'
import { scoreLineText } from '../../src/domain/scoring/explain'
import type { EngagementRule, ThresholdRule } from '../../src/domain/scoring/rules'
import { thresholdEffects } from '../../src/domain/scoring/threshold-effects'

const threshold = (id: string, minScore: number, extra: Partial<ThresholdRule> = {}): ThresholdRule => ({ id, kind: 'threshold', name: id.toUpperCase(), minScore, setStatus: null, assignTo: null, notifyOwner: false, enabled: true, ...extra })
const lead = (extra: Partial<Parameters<typeof thresholdEffects>[1]> = {}) => ({ status: 'new', ownerId: 'owner', scoreThresholds: [], ...extra })
const members = new Set(['owner', 'ann', 'bob'])

describe('threshold effects', () => {
  it('acts only on thresholds not reached before', () => {
    const mql = threshold('mql', 60, { setStatus: 'qualified', notifyOwner: true })
    expect(thresholdEffects([mql], lead({ scoreThresholds: ['mql'] }), members)).toMatchObject({ reachedIds: ['mql'], fresh: [], status: null, owner: null, notify: null })
    expect(thresholdEffects([mql], lead(), members)).toMatchObject({ status: { ruleId: 'mql', from: 'new', to: 'qualified' }, notify: { ruleIds: ['mql'], ownerId: 'owner' } })
  })

  it.each([
    ['new', true],
    ['contacted', true],
    ['qualified', false],
    ['unqualified', false],
  ])('moves a %s lead to qualified: %s', (status, moves) => {
    expect(thresholdEffects([threshold('mql', 60, { setStatus: 'qualified' })], lead({ status }), members).status !== null).toBe(moves)
  })

  it('with several fresh thresholds: the lowest sets the status, the highest re-routes, each notifies the owner after routing', () => {
    const rules = [threshold('a', 40, { setStatus: 'qualified', assignTo: 'ann', notifyOwner: true }), threshold('b', 60, { setStatus: 'qualified', assignTo: 'bob' }), threshold('c', 80, { notifyOwner: true })]
    expect(thresholdEffects(rules, lead(), members)).toMatchObject({ status: { ruleId: 'a' }, owner: { ruleId: 'b', from: 'owner', to: 'bob' }, notify: { ruleIds: ['a', 'c'], ownerId: 'bob' } })
  })

  it('re-routes only to an active member other than the owner, and emails only an active owner', () => {
    expect(thresholdEffects([threshold('a', 40, { assignTo: 'gone', notifyOwner: true })], lead(), members)).toMatchObject({ owner: null, notify: { ownerId: 'owner' } })
    expect(thresholdEffects([threshold('a', 40, { assignTo: 'owner' })], lead(), members).owner).toBeNull()
    expect(thresholdEffects([threshold('a', 40, { notifyOwner: true })], lead({ ownerId: null }), members).notify).toBeNull()
    expect(thresholdEffects([threshold('a', 40, { notifyOwner: true })], lead({ ownerId: 'left' }), members).notify).toBeNull()
  })
})

describe('score lines in words', () => {
  const replied: EngagementRule = { id: 'r', kind: 'engagement', name: 'Replied to an email', points: 10, signal: 'email_replied', halfLifeDays: 14, enabled: true }
  it.each([
    [{ ruleId: 'f', name: 'Title contains VP', kind: 'fit' as const, points: 15 }, '+15 Title contains VP'],
    [{ ruleId: 'f', name: 'Free mail', kind: 'fit' as const, points: -10 }, '−10 Free mail'],
    [{ ruleId: 'r', name: 'Replied to an email', kind: 'engagement' as const, points: 20, count: 2 }, '+20 Replied to an email ×2'],
    [{ ruleId: 'r', name: 'Replied to an email', kind: 'engagement' as const, points: 9.5, count: 2 }, '+9.5 Replied to an email ×2 (fading)'],
    [{ ruleId: 'r', name: 'Replied to an email', kind: 'engagement' as const, points: 7.1, count: 1 }, '+7.1 Replied to an email (fading)'],
    [{ ruleId: 'gone', name: 'Old rule', kind: 'engagement' as const, points: 3.2, count: 1 }, '+3.2 Old rule'],
  ])('%o reads "%s"', (line, text) => {
    expect(scoreLineText(line, [replied])).toBe(text)
  })
})
