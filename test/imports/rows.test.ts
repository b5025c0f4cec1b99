import { describe, expect, it } from 'vitest'
import { dedupeRows, prepareRow, writtenColumns, type PreparedRow, type RowPlan } from '../../src/domain/imports/rows'
import type { ImportEntity, MatchKey } from '../../src/domain/imports/vocab'

// A CSV record on its way into a chunk: mapped, validated and normalised with the records' own
// schemas, or rejected with a reason a person can act on.

const plan = (entity: ImportEntity, headers: string[], matchKey: MatchKey | null = null, mapping?: Record<string, string>): RowPlan => ({
  entity,
  headers,
  mapping: mapping ?? Object.fromEntries(headers.map((h) => [h, h])),
  matchKey,
  country: 'US',
})

const prepared = (p: RowPlan, fields: string[], index = 0) => {
  const out = prepareRow(p, index, fields)
  if ('reason' in out) throw new Error(out.reason)
  return out
}

describe('prepareRow', () => {
  it.each([
    ['contacts', ['firstName', 'email'], ['Ada', 'ada@'], 'email: Enter an email address like name@example.com.'],
    ['contacts', ['firstName', 'phone'], ['Ada', '12'], 'phone: Enter a phone number with its country code, like +1 415 555 0100.'],
    ['contacts', ['firstName', 'status'], ['Ada', 'vip'], 'status: Choose subscriber, prospect, customer or churned.'],
    ['accounts', ['name', 'domain'], ['Acme', 'not a domain'], 'domain: Enter a domain like acme.com.'],
    ['leads', ['firstName', 'status'], ['Lee', 'Converted'], 'status: A lead cannot be imported as converted; use new, contacted, qualified or unqualified.'],
    ['leads', ['firstName', 'country'], ['Lee', 'Germany'], 'country: Use a two-letter country code such as US, GB or DE.'],
    ['opportunities', ['name', 'closeDate'], ['Deal', '31/12/2026'], 'closeDate: Enter a date as YYYY-MM-DD.'],
    ['contacts', ['firstName', 'lastName', 'email'], ['Ada', 'x'], 'Row has 2 fields; the header has 3.'],
  ] as const)('rejects a bad %s row, naming the column: %j', (entity, headers, fields, reason) => {
    expect(prepareRow(plan(entity, [...headers]), 4, [...fields])).toEqual({ row: 6, reason, values: fields })
  })

  it('names the column as the file does, and reports every problem of the row', () => {
    const p = plan('contacts', ['Mail', 'Stage', 'Name'], null, { Mail: 'email', Stage: 'status', Name: 'firstName' })
    expect(prepareRow(p, 0, ['x@', 'vip', 'Ada'])).toMatchObject({ reason: 'Mail: Enter an email address like name@example.com. Stage: Choose subscriber, prospect, customer or churned.' })
  })

  it('leaves blank cells out, trims, and normalises the match key', () => {
    const row = prepared(plan('contacts', ['firstName', 'lastName', 'email', 'phone', 'status', 'custom.region'], 'email'), ['  Ada ', ' ', ' Ada@Example.COM ', '', 'Customer', 'west'])
    expect(row).toMatchObject({ row: 2, columns: { firstName: 'Ada', email: 'Ada@Example.COM', emailNormalized: 'ada@example.com', status: 'customer' }, custom: { region: 'west' }, matchValue: 'ada@example.com', missing: null })
    expect(Object.keys(row.columns)).not.toContain('lastName')
  })

  it('takes an account’s domain from its website, scheme or not', () => {
    const row = prepared(plan('accounts', ['name', 'website'], 'domain'), ['Acme', 'www.Acme.com/about'])
    expect(row).toMatchObject({ columns: { website: 'https://www.Acme.com/about', domain: 'acme.com' }, matchValue: 'acme.com' })
  })

  it('notes a row that could only update a record: no name for a new one', () => {
    expect(prepared(plan('contacts', ['email'], 'email'), ['a@x.test']).missing).toBe('Enter a first or last name.')
    expect(prepared(plan('leads', ['email'], 'email'), ['a@x.test']).missing).toBeNull()
    expect(prepared(plan('leads', ['phone'], 'phone'), ['+1 415 555 0100']).missing).toBe('Enter a name, an email address or a company.')
    expect(prepared(plan('accounts', ['domain'], 'domain'), ['acme.com']).missing).toBe('Name is required.')
  })

  it('keeps the link values for SQL to resolve', () => {
    const p = plan('opportunities', ['name', 'accountName', 'contactEmail', 'ownerEmail', 'stage', 'externalId'], 'external_id')
    expect(prepared(p, ['Deal', 'https://acme.com', 'Ada@X.test', 'Rep@X.test', 'Proposal', ' hs-1 '])).toMatchObject({
      links: { accountName: 'https://acme.com', accountDomain: 'acme.com', contactEmail: 'ada@x.test', ownerEmail: 'rep@x.test', stage: 'Proposal' },
      externalId: 'hs-1',
      matchValue: 'hs-1',
    })
  })
})

describe('writtenColumns', () => {
  it('adds what the value builders derive, and a name that cannot be null', () => {
    expect(writtenColumns('leads', { E: 'email', P: 'phone' })).toEqual(['email', 'emailNormalized', 'phone', 'phoneE164', 'phoneDigits', 'companyDomain'])
    expect(writtenColumns('accounts', { W: 'website', O: 'ownerEmail' })).toEqual(['name', 'website', 'domain'])
  })
})

describe('dedupeRows', () => {
  const rows = (entity: ImportEntity, headers: string[], matchKey: MatchKey, data: string[][]): PreparedRow[] => data.map((fields, i) => prepared(plan(entity, headers, matchKey), fields, i))

  it('drops a later row with the same match value', () => {
    const out = dedupeRows('contacts', rows('contacts', ['firstName', 'email'], 'email', [['A', 'a@x.test'], ['B', 'A@x.test'], ['C', 'c@x.test']]))
    expect(out.map((r) => r.row)).toEqual([2, 4])
  })

  it('drops a later lead with the email or phone of an earlier one, whatever the match key', () => {
    const data = [['A', 'a@x.test', '+1 415 555 0100'], ['B', 'b@x.test', '(415) 555-0100'], ['C', 'a@x.test', '']]
    expect(dedupeRows('leads', rows('leads', ['firstName', 'email', 'phone'], 'external_id', data)).map((r) => r.row)).toEqual([2])
    // Contacts share office phones: only the match key counts.
    expect(dedupeRows('contacts', rows('contacts', ['firstName', 'email', 'phone'], 'email', data)).map((r) => r.row)).toEqual([2, 3])
  })

  it('lets a named row through after a nameless one with its match value, which may yet be rejected', () => {
    const out = dedupeRows('contacts', rows('contacts', ['firstName', 'email'], 'email', [['', 'a@x.test'], ['Ann', 'a@x.test'], ['Ann again', 'a@x.test']]))
    expect(out.map((r) => r.row)).toEqual([2, 3])
  })
})
