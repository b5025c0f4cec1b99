import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { conditionHolds, decideRouting, firstMatchingRule, nextInCycle, roundRobinCycle, sampleLeadFacts, type LeadFacts, type RoutableRule } from '../../src/domain/routing/match'
import { RoutingRuleInput, RuleCondition, type Assignee } from '../../src/domain/routing/rules'

const DANA = '0190a000-0000-7000-8000-00000000000d'
const EVAN = '0190a000-0000-7000-8000-00000000000e'
const FAY = '0190a000-0000-7000-8000-00000000000f'

const rule = (over: Partial<RoutableRule> & { name?: string } = {}): RoutableRule & { name: string } => ({ id: crypto.randomUUID(), name: 'r', conditions: [], action: 'assign', assignees: [{ userId: DANA, weight: 1 }], enabled: true, ...over })

// Text a marketer might type: ASCII words, with any case and padding.
const word = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '')
const recase = (s: string, bits: boolean[]) => [...s].map((ch, i) => (bits[i % Math.max(1, bits.length)] ? ch.toUpperCase() : ch.toLowerCase())).join('')
const FIELDS = ['country', 'source', 'companySize', 'industry', 'formId', 'custom.budget'] as const
const condition: fc.Arbitrary<RuleCondition> = fc.oneof(
  fc.record({ field: fc.constantFrom(...FIELDS), op: fc.constant('equals' as const), value: word }),
  fc.record({ field: fc.constantFrom(...FIELDS), op: fc.constant('in' as const), value: fc.array(word, { minLength: 1, maxLength: 4 }) }),
  fc.record({ field: fc.constantFrom(...FIELDS), op: fc.constant('contains' as const), value: word }),
  fc.record({ field: fc.constantFrom(...FIELDS), op: fc.constant('between' as const), min: fc.option(fc.integer({ min: -100, max: 5000 })), max: fc.option(fc.integer({ min: -100, max: 5000 })) }),
)
const facts: fc.Arbitrary<LeadFacts> = fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(word, fc.integer({ min: -100, max: 6000 }).map(String), fc.constant(null)))

describe('conditionHolds', () => {
  it.each<[string, RuleCondition, LeadFacts, boolean]>([
    ['equals, any case and padding', { field: 'country', op: 'equals', value: 'DE' }, { country: ' de ' }, true],
    ['equals another value', { field: 'country', op: 'equals', value: 'DE' }, { country: 'AT' }, false],
    ['in one of several', { field: 'country', op: 'in', value: ['DE', 'AT', 'CH'] }, { country: 'ch' }, true],
    ['contains inside a word', { field: 'source', op: 'contains', value: 'Google' }, { source: 'paid-google-ads' }, true],
    ['a custom field', { field: 'custom.budget', op: 'equals', value: 'High' }, { 'custom.budget': 'high' }, true],
    ['between, inclusive', { field: 'custom.seats', op: 'between', min: 10, max: 50 }, { 'custom.seats': 50 }, true],
    ['between, a size band by its lower end', { field: 'companySize', op: 'between', min: 50, max: 250 }, { companySize: '51-200' }, true],
    ['between, "5000+" as 5000', { field: 'companySize', op: 'between', min: 1000, max: null }, { companySize: '5000+' }, true],
    ['between, below the range', { field: 'companySize', op: 'between', min: 50, max: null }, { companySize: '11-50' }, false],
    ['between, not a number', { field: 'source', op: 'between', min: 1, max: null }, { source: 'web' }, false],
    ['composed and decomposed accents', { field: 'industry', op: 'equals', value: 'Café' }, { industry: 'Cafe\u0301' }, true],
    ['a missing fact, even for "contains"', { field: 'industry', op: 'contains', value: 'a' }, {}, false],
  ])('%s', (_label, c, f, expected) => {
    expect(conditionHolds(c, f)).toBe(expected)
  })

  it('"in" with one value is "equals"', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIELDS), word, facts, (field, value, f) => {
        expect(conditionHolds({ field, op: 'in', value: [value] }, f)).toBe(conditionHolds({ field, op: 'equals', value }, f))
      }),
    )
  })

  it('ignores letter case and surrounding space, in the rule and in the lead', () => {
    fc.assert(
      fc.property(condition, facts, fc.array(fc.boolean(), { minLength: 1 }), fc.constantFrom('', ' ', '  ', '\t'), (c, f, bits, pad) => {
        const changed = Object.fromEntries(Object.entries(f).map(([k, v]) => [k, typeof v === 'string' ? `${pad}${recase(v, bits)}${pad}` : v]))
        expect(conditionHolds(c, changed)).toBe(conditionHolds(c, f))
        const shout = c.op === 'in' ? { ...c, value: c.value.map((v) => recase(v, bits)) } : c.op === 'between' ? c : { ...c, value: `${pad}${recase(c.value, bits)}` }
        expect(conditionHolds(shout, f)).toBe(conditionHolds(c, f))
      }),
    )
  })

  it('never matches a lead that lacks the field', () => {
    fc.assert(
      fc.property(condition, (c) => {
        expect(conditionHolds(c, {})).toBe(false)
      }),
    )
  })
})

describe('firstMatchingRule', () => {
  it('a rule with no conditions matches every lead', () => {
    fc.assert(fc.property(facts, (f) => {
        expect(firstMatchingRule([rule()], f)).not.toBeNull()
      }),
    )
  })

  it('takes the first enabled rule whose conditions all hold', () => {
    const off = rule({ name: 'off', enabled: false })
    const de = rule({ name: 'de', conditions: [{ field: 'country', op: 'equals', value: 'DE' }, { field: 'companySize', op: 'between', min: 200, max: null }] })
    const rest = rule({ name: 'rest' })
    expect(firstMatchingRule([off, de, rest], { country: 'DE', companySize: '201-1000' })).toBe(de)
    expect(firstMatchingRule([off, de, rest], { country: 'DE', companySize: '1-10' })).toBe(rest)
    expect(firstMatchingRule([off, de], { country: 'FR' })).toBeNull()
  })

  it('is the first rule of the list that matches alone', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.array(condition, { maxLength: 3 }), fc.boolean()), { maxLength: 6 }), facts, (specs, f) => {
        const rules = specs.map(([conditions, enabled]) => rule({ conditions, enabled }))
        const expected = rules.find((r) => firstMatchingRule([r], f) !== null) ?? null
        expect(firstMatchingRule(rules, f)).toBe(expected)
      }),
    )
  })
})

describe('roundRobinCycle', () => {
  const assignees = fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 5 }).chain((ids) => fc.tuple(...ids.map((userId) => fc.integer({ min: 1, max: 10 }).map((weight): Assignee => ({ userId, weight })))))

  it('repeats each person by weight, in order', () => {
    expect(roundRobinCycle([{ userId: DANA, weight: 2 }, { userId: EVAN, weight: 1 }])).toEqual([DANA, DANA, EVAN])
  })

  it('gives each person weight/total of any run of whole cycles, starting anywhere', () => {
    fc.assert(
      fc.property(assignees, fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 4 }), (people, start, cycles) => {
        const cycle = roundRobinCycle(people)
        const total = people.reduce((n, a) => n + a.weight, 0)
        expect(cycle).toHaveLength(total)
        const turns = Array.from({ length: total * cycles }, (_, k) => nextInCycle(cycle, start + k))
        for (const a of people) expect(turns.filter((t) => t === a.userId)).toHaveLength(a.weight * cycles)
      }),
    )
  })
})

describe('decideRouting', () => {
  const active = new Set([DANA, EVAN])

  it('assigns to the rule’s person, or falls to the default owner when they have left', () => {
    const toFay = rule({ assignees: [{ userId: FAY, weight: 1 }] })
    expect(decideRouting([rule()], {}, active, EVAN)).toMatchObject({ kind: 'owner', ownerId: DANA, byRule: true })
    expect(decideRouting([toFay], {}, active, EVAN)).toMatchObject({ kind: 'owner', ownerId: EVAN, byRule: false, rule: toFay })
    expect(decideRouting([toFay], {}, active, FAY)).toMatchObject({ kind: 'none' })
    expect(decideRouting([], {}, active, null)).toMatchObject({ kind: 'none', rule: null })
  })

  it('takes turns only among active people', () => {
    const rr = rule({ action: 'round_robin', assignees: [{ userId: DANA, weight: 1 }, { userId: FAY, weight: 3 }, { userId: EVAN, weight: 2 }] })
    expect(decideRouting([rr], {}, active, null)).toMatchObject({ kind: 'round_robin', cycle: [DANA, EVAN, EVAN] })
  })
})

describe('RoutingRuleInput', () => {
  it('refuses unknown fields, bad bounds, an assign rule with two people and a person twice', () => {
    const result = RoutingRuleInput.safeParse({
      name: 'x',
      action: 'assign',
      assignees: [{ userId: DANA }, { userId: DANA }],
      conditions: [{ field: 'lastName', op: 'equals', value: 'x' }, { field: 'custom.seats', op: 'between', min: 9, max: 1 }, { field: 'country', op: 'between', min: null, max: null }],
      tenantId: DANA,
    })
    expect(result.success).toBe(false)
    const paths = result.error?.issues.map((i) => i.path.join('.'))
    expect(paths).toEqual(expect.arrayContaining(['conditions.0.field', 'conditions.1.max', 'conditions.2.min', 'assignees', 'assignees.1.userId', '']))
  })

  it('reads a sample lead’s custom fields as custom.<key>', () => {
    expect(sampleLeadFacts({ country: 'DE', custom: { budget: 'high' } })).toEqual({ country: 'DE', 'custom.budget': 'high' })
  })
})
