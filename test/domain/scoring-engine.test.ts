import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SCORING_RULES, reachedThresholds, ruleFromRow, ruleToRow, scoreLead } from '../../src/domain/scoring/engine'
import { ENGAGEMENT_SIGNALS, FIT_FIELDS, ScoringRuleInput, type EngagementRule, type FitCondition, type FitRule, type ScoringRule, type ThresholdRule } from '../../src/domain/scoring/rules'
import type { EngagementEvent, ScoringLead } from '../../src/domain/scoring/types'

const NOW = new Date('2025-03-01T12:00:00Z')
const DAY = 86_400_000
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY)

const blankLead = Object.fromEntries(FIT_FIELDS.map((f) => [f, null])) as ScoringLead
const lead = (fields: Partial<ScoringLead> = {}): ScoringLead => ({ ...blankLead, ...fields })

let n = 0
const fit = (condition: FitCondition, points = 10, extra: Partial<FitRule> = {}): FitRule => ({ id: `fit-${++n}`, kind: 'fit', name: `Fit ${n}`, points, condition, enabled: true, ...extra })
const engagement = (signal: EngagementRule['signal'], points: number, halfLifeDays: number | null, extra: Partial<EngagementRule> = {}): EngagementRule => ({
  id: `eng-${++n}`,
  kind: 'engagement',
  name: `Engagement ${n}`,
  points,
  signal,
  halfLifeDays,
  enabled: true,
  ...extra,
})
const threshold = (minScore: number, extra: Partial<ThresholdRule> = {}): ThresholdRule => ({ id: `thr-${++n}`, kind: 'threshold', name: `At ${minScore}`, minScore, setStatus: null, assignTo: null, notifyOwner: false, enabled: true, ...extra })

const score = (l: ScoringLead, rules: ScoringRule[], events: EngagementEvent[] = []) => scoreLead(l, events, rules, NOW).score

describe('fit rules', () => {
  it.each<[string, FitCondition, Partial<ScoringLead>, boolean]>([
    ['in: equal ignoring case', { op: 'in', field: 'industry', values: ['Software', 'Retail'] }, { industry: 'software' }, true],
    ['in: equal ignoring surrounding spaces', { op: 'in', field: 'industry', values: ['Software'] }, { industry: ' Software ' }, true],
    ['in: a part is not equal', { op: 'in', field: 'industry', values: ['Software'] }, { industry: 'Soft' }, false],
    ['in: another value', { op: 'in', field: 'country', values: ['DE', 'FR'] }, { country: 'US' }, false],
    ['in: unset field', { op: 'in', field: 'industry', values: ['Software'] }, {}, false],
    ['notIn: another value', { op: 'notIn', field: 'industry', values: ['Retail'] }, { industry: 'Software' }, true],
    ['notIn: a listed value in other case', { op: 'notIn', field: 'industry', values: ['Retail'] }, { industry: 'RETAIL' }, false],
    ['notIn: unset field says nothing', { op: 'notIn', field: 'industry', values: ['Retail'] }, {}, false],
    ['contains: substring ignoring case', { op: 'contains', field: 'title', value: 'VP' }, { title: 'Senior vp of Sales' }, true],
    ['contains: absent', { op: 'contains', field: 'title', value: 'VP' }, { title: 'Sales Director' }, false],
    ['contains: unset field', { op: 'contains', field: 'title', value: 'VP' }, {}, false],
    ['contains: on the email domain', { op: 'contains', field: 'emailDomain', value: '.edu' }, { emailDomain: 'mit.edu' }, true],
    ['atLeast: the same bucket', { op: 'atLeast', field: 'companySize', value: '51-200' }, { companySize: '51-200' }, true],
    ['atLeast: a bigger bucket', { op: 'atLeast', field: 'companySize', value: '51-200' }, { companySize: '5000+' }, true],
    ['atLeast: a smaller bucket', { op: 'atLeast', field: 'companySize', value: '51-200' }, { companySize: '11-50' }, false],
    ['atLeast: not a bucket', { op: 'atLeast', field: 'companySize', value: '1-10' }, { companySize: 'huge' }, false],
    ['atLeast: unset size', { op: 'atLeast', field: 'companySize', value: '1-10' }, {}, false],
    ['isSet: a value', { op: 'isSet', field: 'utmCampaign' }, { utmCampaign: 'spring' }, true],
    ['isSet: blank', { op: 'isSet', field: 'utmCampaign' }, { utmCampaign: '   ' }, false],
    ['isSet: null', { op: 'isSet', field: 'utmCampaign' }, {}, false],
    ['businessEmail: a company domain', { op: 'businessEmail' }, { emailDomain: 'acme.com' }, true],
    ['businessEmail: free mail', { op: 'businessEmail' }, { emailDomain: 'gmail.com' }, false],
    ['businessEmail: free mail in capitals', { op: 'businessEmail' }, { emailDomain: 'GMAIL.COM' }, false],
    ['businessEmail: a GMX country domain', { op: 'businessEmail' }, { emailDomain: 'gmx.de' }, false],
    ['businessEmail: no email', { op: 'businessEmail' }, {}, false],
  ])('%s', (_label, condition, fields, matches) => {
    const rule = fit(condition, 12)
    const result = scoreLead(lead(fields), [], [rule], NOW)
    expect(result.score).toBe(matches ? 12 : 0)
    expect(result.breakdown).toEqual(matches ? [{ ruleId: rule.id, name: rule.name, kind: 'fit', points: 12 }] : [])
  })

  it('adds matching rules and subtracts negative ones', () => {
    const rules = [fit({ op: 'contains', field: 'title', value: 'VP' }, 15), fit({ op: 'businessEmail' }, 10), fit({ op: 'in', field: 'country', values: ['US'] }, -5), fit({ op: 'isSet', field: 'industry' }, 20)]
    expect(score(lead({ title: 'VP Sales', emailDomain: 'acme.com', country: 'us' }), rules)).toBe(20)
  })
})

describe('engagement rules', () => {
  it('halves an event for every half-life since it happened', () => {
    const rule = engagement('form_submitted', 20, 10)
    const at = (days: number) => scoreLead(lead(), [{ signal: 'form_submitted', at: daysAgo(days) }], [rule], NOW).breakdown[0]?.points
    expect(at(0)).toBe(20)
    expect(at(10)).toBe(10)
    expect(at(20)).toBe(5)
    expect(at(30)).toBe(2.5)
    expect(at(5)).toBe(14.1) // 20 × 0.5^0.5 = 14.142…, to one decimal
  })

  it('sums every matching event and counts them, ignoring other signals', () => {
    const rule = engagement('meeting_held', 20, 10)
    const events: EngagementEvent[] = [
      { signal: 'meeting_held', at: daysAgo(0) },
      { signal: 'meeting_held', at: daysAgo(10) },
      { signal: 'meeting_held', at: daysAgo(20) },
      { signal: 'email_replied', at: daysAgo(0) },
    ]
    expect(scoreLead(lead(), events, [rule], NOW)).toEqual({ score: 35, breakdown: [{ ruleId: rule.id, name: rule.name, kind: 'engagement', points: 35, count: 3 }] })
  })

  it('never fades without a half-life', () => {
    const rule = engagement('call_connected', 7, null)
    expect(score(lead(), [rule], [{ signal: 'call_connected', at: daysAgo(3650) }])).toBe(7)
  })

  it('counts an event dated in the future as happening now', () => {
    const rule = engagement('email_replied', 16, 1)
    expect(score(lead(), [rule], [{ signal: 'email_replied', at: new Date(NOW.getTime() + 5 * DAY) }])).toBe(16)
  })

  it('rounds the total, not each rule, to the score', () => {
    // Two rules worth 2.5 each: 5 in all, where rounding each first would give 6.
    const a = engagement('form_submitted', 10, 1)
    const b = engagement('email_replied', 10, 1)
    const events: EngagementEvent[] = [
      { signal: 'form_submitted', at: daysAgo(2) },
      { signal: 'email_replied', at: daysAgo(2) },
    ]
    const result = scoreLead(lead(), events, [a, b], NOW)
    expect(result.score).toBe(5)
    expect(result.breakdown.map((l) => l.points)).toEqual([2.5, 2.5])
  })

  it('leaves out a rule with no events, or whose events have faded to nothing', () => {
    const faded = engagement('form_submitted', 10, 1)
    const none = engagement('meeting_held', 10, 30)
    expect(scoreLead(lead(), [{ signal: 'form_submitted', at: daysAgo(30) }], [faded, none], NOW)).toEqual({ score: 0, breakdown: [] })
  })
})

describe('scores', () => {
  it('stay within 0 to 100', () => {
    const big = [fit({ op: 'isSet', field: 'title' }, 100), fit({ op: 'isSet', field: 'country' }, 60)]
    expect(score(lead({ title: 'CEO', country: 'DE' }), big)).toBe(100)
    const negative = [fit({ op: 'isSet', field: 'title' }, -40), fit({ op: 'isSet', field: 'country' }, 15)]
    const result = scoreLead(lead({ title: 'CEO', country: 'DE' }), [], negative, NOW)
    expect(result.score).toBe(0)
    // The breakdown still explains every rule that counted.
    expect(result.breakdown.map((l) => l.points)).toEqual([-40, 15])
  })

  it('ignore disabled rules', () => {
    const rules = [fit({ op: 'isSet', field: 'title' }, 30, { enabled: false }), engagement('meeting_held', 25, null, { enabled: false }), fit({ op: 'isSet', field: 'country' }, 5)]
    expect(scoreLead(lead({ title: 'CEO', country: 'DE' }), [{ signal: 'meeting_held', at: NOW }], rules, NOW)).toEqual({ score: 5, breakdown: [{ ruleId: rules[2]?.id, name: rules[2]?.name, kind: 'fit', points: 5 }] })
  })

  it('explain themselves: biggest contribution first (negative ones by size), then by name', () => {
    const rules: ScoringRule[] = [
      fit({ op: 'isSet', field: 'title' }, 10, { name: 'Has a title' }),
      fit({ op: 'isSet', field: 'country' }, -20, { name: 'Has a country' }),
      engagement('form_submitted', 10, null, { name: 'Alpha form' }),
      fit({ op: 'isSet', field: 'industry' }, 5, { name: 'Has an industry' }),
      threshold(10),
    ]
    const result = scoreLead(lead({ title: 'CEO', country: 'DE', industry: 'Software' }), [{ signal: 'form_submitted', at: NOW }], rules, NOW)
    expect(result.breakdown.map((l) => [l.name, l.points, l.count])).toEqual([
      ['Has a country', -20, undefined],
      ['Alpha form', 10, 1],
      ['Has a title', 10, undefined],
      ['Has an industry', 5, undefined],
    ])
    expect(result.score).toBe(5)
  })

  it('are the same whatever order the events arrive in', () => {
    const signal = fc.constantFrom(...ENGAGEMENT_SIGNALS)
    const event = fc.record({ signal, at: fc.integer({ min: -10 * DAY, max: 400 * DAY }).map((ms) => new Date(NOW.getTime() - ms)) })
    const rule = fc.oneof(
      fc.record({ signal, points: fc.integer({ min: -100, max: 100 }), halfLife: fc.option(fc.double({ min: 0.1, max: 90, noNaN: true }), { nil: null }) }).map((r) => engagement(r.signal, r.points, r.halfLife)),
      fc.integer({ min: -100, max: 100 }).map((p) => fit({ op: 'isSet', field: 'title' }, p)),
    )
    const permuted = fc.array(event, { maxLength: 40 }).chain((events) => fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length })))
    fc.assert(
      fc.property(permuted, fc.array(rule, { maxLength: 8 }), ([events, shuffled], rules) => {
        const l = lead({ title: 'VP' })
        const expected = scoreLead(l, events, rules, NOW)
        expect(scoreLead(l, shuffled, rules, NOW)).toEqual(expected)
        expect(scoreLead(l, [...events].reverse(), rules, NOW)).toEqual(expected)
      }),
      { numRuns: 300 },
    )
  })
})

describe('reachedThresholds', () => {
  const mql = threshold(60, { name: 'MQL' })
  const sql = threshold(80, { name: 'SQL' })
  const off = threshold(10, { enabled: false })
  const rules: ScoringRule[] = [sql, fit({ op: 'businessEmail' }, 10), off, mql]

  it.each([
    [59, []],
    [60, ['MQL']],
    [79, ['MQL']],
    [80, ['MQL', 'SQL']],
    [100, ['MQL', 'SQL']],
  ])('score %i reaches %j', (s, names) => {
    expect(reachedThresholds(s, rules).map((r) => r.name)).toEqual(names)
  })
})

describe('stored rules', () => {
  it('round-trip through a table row', () => {
    for (const input of DEFAULT_SCORING_RULES) {
      const row = ruleToRow(input)
      expect(row.definition).not.toHaveProperty('kind')
      expect(row.definition).not.toHaveProperty('name')
      expect(ruleFromRow({ id: 'r1', ...row })).toEqual({ ...input, id: 'r1' })
    }
  })

  it('take kind, name and enabled from the columns, and skip a row that no longer validates', () => {
    const row = { id: 'r2', kind: 'fit', name: 'Column name', enabled: false, definition: { name: 'JSON name', enabled: true, points: 5, condition: { op: 'businessEmail' } } }
    expect(ruleFromRow(row)).toMatchObject({ id: 'r2', name: 'Column name', enabled: false, points: 5 })
    expect(ruleFromRow({ ...row, definition: { points: 5, condition: { op: 'startsWith', field: 'title', value: 'x' } } })).toBeNull()
    expect(ruleFromRow({ ...row, kind: 'engagement' })).toBeNull()
  })
})

describe('DEFAULT_SCORING_RULES', () => {
  const rules = DEFAULT_SCORING_RULES.map((r, i) => ({ ...r, id: `d${i}` }))

  it('are valid rules as stored (defaults already filled in)', () => {
    for (const r of DEFAULT_SCORING_RULES) expect(ScoringRuleInput.parse(r)).toEqual(r)
  })

  it('tell a hot lead from a cold one, and mark the hot one MQL', () => {
    const hot = lead({ title: 'VP of Sales', emailDomain: 'acme.com', companySize: '201-1000', industry: 'Software' })
    const hotEvents: EngagementEvent[] = [
      { signal: 'form_submitted', at: daysAgo(1) },
      { signal: 'meeting_held', at: daysAgo(2) },
    ]
    const hotScore = score(hot, rules, hotEvents)
    expect(hotScore).toBeGreaterThanOrEqual(60)
    expect(reachedThresholds(hotScore, rules).map((r) => [r.name, r.setStatus, r.notifyOwner])).toEqual([['MQL', 'qualified', true]])
    const cold = lead({ title: 'Student', emailDomain: 'gmail.com', companySize: '1-10' })
    expect(score(cold, rules, [{ signal: 'form_submitted', at: daysAgo(200) }])).toBeLessThan(10)
  })
})
