import { describe, expect, it } from 'vitest'
import { fieldDiff } from '../../src/domain/timeline/diff'

const before = { name: 'Acme', status: 'prospect', ownerId: 'u1', closeDate: new Date('2026-01-01T00:00:00Z'), custom: { tier: 'a' }, note: null as string | null }

describe('fieldDiff', () => {
  it.each([
    ['a changed field', { status: 'customer' }, { status: { from: 'prospect', to: 'customer' } }],
    ['an unchanged resave', { name: 'Acme', status: 'prospect' }, {}],
    ['fields absent from the change', {}, {}],
    ['null and undefined alike', { note: undefined }, {}],
    ['dates by instant', { closeDate: new Date('2026-01-01T00:00:00.000Z') }, {}],
    ['a moved date', { closeDate: new Date('2026-02-01T00:00:00Z') }, { closeDate: { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' } }],
    ['objects by value', { custom: { tier: 'a' } }, {}],
    ['a cleared field', { ownerId: null }, { ownerId: { from: 'u1', to: null } }],
  ] as const)('%s', (_label, after, expected) => {
    expect(fieldDiff(before, after as Partial<typeof before>, ['name', 'status', 'ownerId', 'closeDate', 'custom', 'note'])).toEqual(expected)
  })
})
