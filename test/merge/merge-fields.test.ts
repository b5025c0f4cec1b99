import { describe, expect, it } from 'vitest'
import { choicesFromForm, compareDefaults, mergeKeys, mergePatch, type MergeValues } from '../../src/domain/dedupe/merge-fields'

const lead = (v: Partial<MergeValues> & Record<string, unknown>): MergeValues & { createdAt: Date; updatedAt: Date } => ({
  custom: {},
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-01T00:00:00Z'),
  status: 'new',
  ...v,
})

describe('mergePatch', () => {
  const self = lead({ firstName: 'Ada', email: 'ada@a.example', phone: null, ownerId: 'u1', custom: { plan: 'basic', seats: 3 } })
  const other = lead({ firstName: 'Augusta', email: 'ada@b.example', phone: '+44 20 7946 0018', ownerId: 'u2', custom: { plan: 'pro', region: 'EU' } })

  it.each([
    ['unnamed fields keep the survivor’s value and fill its blanks', {}, { phone: '+44 20 7946 0018', custom: { plan: 'basic', seats: 3, region: 'EU' } }, ['phone', 'custom.region']],
    ['a named field takes the other’s value', { email: 'other' }, { email: 'ada@b.example', phone: '+44 20 7946 0018', custom: { plan: 'basic', seats: 3, region: 'EU' } }, ['email', 'phone', 'custom.region']],
    ['"self" keeps a blank', { phone: 'self', 'custom.region': 'self' }, {}, []],
    ['a custom key the other lacks is dropped when taken', { 'custom.seats': 'other', 'custom.region': 'self' }, { phone: '+44 20 7946 0018', custom: { plan: 'basic' } }, ['phone', 'custom.seats']],
  ] as const)('%s', (_name, choices, patch, taken) => {
    const plan = mergePatch('lead', self, other, choices, { canAssign: true })
    expect(plan).toEqual({ patch, taken, errors: [] })
  })

  it('names unknown fields, an owner the role cannot assign and a converted lead’s status', () => {
    expect(mergePatch('contact', self, other, { companyName: 'other' }, { canAssign: true }).errors).toEqual([{ path: 'fields.companyName', message: 'companyName is not a field of either contact.' }])
    expect(mergePatch('lead', self, other, { ownerId: 'other' }, { canAssign: false }).errors.map((e) => e.path)).toEqual(['fields.ownerId'])
    // Unnamed, the owner stays for a role that cannot assign, even when the survivor has none.
    expect(mergePatch('lead', { ...self, ownerId: null }, other, {}, { canAssign: false }).patch).not.toHaveProperty('ownerId')
    expect(mergePatch('lead', { ...self, status: 'converted' }, other, { status: 'other' }, { canAssign: true }).errors.map((e) => e.path)).toEqual(['fields.status'])
  })

  it('lists custom keys of both records after the entity’s own fields', () => {
    expect(mergeKeys('contact', self, other).slice(-4)).toEqual(['ownerId', 'custom.plan', 'custom.region', 'custom.seats'])
  })
})

describe('the compare form', () => {
  it('pre-selects the older record to survive and, per field, the only value or the newer record’s', () => {
    const a = lead({ email: 'new@x.example', title: null, companyName: 'Acme', createdAt: new Date('2026-02-01T00:00:00Z'), updatedAt: new Date('2026-03-01T00:00:00Z') })
    const b = lead({ email: 'old@x.example', title: 'CTO', companyName: 'Acme' })
    expect(compareDefaults('lead', a, b)).toEqual({ survivor: 'b', 'f.email': 'a', 'f.title': 'b' })
  })

  it('keeps a converted lead as the survivor', () => {
    const a = lead({ status: 'converted', createdAt: new Date('2026-02-01T00:00:00Z') })
    expect(compareDefaults('lead', a, lead({})).survivor).toBe('a')
  })

  it('turns the radios into choices relative to the survivor', () => {
    expect(choicesFromForm({ survivor: 'b', 'f.email': 'a', 'f.title': 'b', other: 'x' })).toEqual({ survivor: 'b', choices: { email: 'other', title: 'self' } })
  })
})
