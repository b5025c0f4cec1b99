import { describe, expect, it } from 'vitest'
import { autoMap, normaliseHeader, type HeaderSets } from '../../src/domain/imports/auto-map'
import { isImportField } from '../../src/domain/imports/fields'
import HEADER_SETS from '../../src/domain/imports/header-sets.json'
import { IMPORT_ENTITIES, type ImportEntity } from '../../src/domain/imports/vocab'

// The mapping step starts filled in for files exported from HubSpot, Salesforce, Pipedrive and
// this CRM, and for files whose headers are our own field names.

const SETS = HEADER_SETS as HeaderSets
const cases = Object.entries(SETS).flatMap(([vendor, entities]) => (Object.entries(entities) as [ImportEntity, Record<string, string>][]).map(([entity, set]) => [vendor, entity, set] as const))
const OWNER_EMAILS = [['ana@example.com'], ['raj@example.com']]

describe('header-sets.json', () => {
  it('covers every entity for each vendor, and names only fields the entity has', () => {
    for (const vendor of ['hubspot', 'salesforce', 'pipedrive']) expect(Object.keys(SETS[vendor] ?? {}).sort()).toEqual([...IMPORT_ENTITIES].sort())
    for (const [, entity, set] of cases) for (const key of Object.values(set)) expect(isImportField(entity, key), `${entity}.${key}`).toBe(true)
  })

  it('never maps one header to two fields of an entity', () => {
    const seen = new Map<string, string>()
    for (const [, entity, set] of cases) {
      for (const [header, key] of Object.entries(set)) {
        const name = `${entity}:${normaliseHeader(header)}`
        expect(seen.get(name) ?? key, `${entity} "${header}"`).toBe(key)
        seen.set(name, key)
      }
    }
  })
})

describe('autoMap', () => {
  it.each(cases)('maps every %s %s header it lists', (_, entity, set) => {
    for (const [header, key] of Object.entries(set)) {
      const sample = key === 'ownerEmail' ? OWNER_EMAILS : []
      expect(autoMap(entity, [header], sample), header).toEqual({ [header]: key })
    }
  })

  it('maps a HubSpot contacts export, each field to one column', () => {
    const headers = ['Record ID', 'First Name', 'Last Name', 'Email', 'Phone Number', 'Mobile Phone Number', 'Contact owner', 'Associated Company', 'Company Name', 'Lead Status', 'Create Date']
    expect(autoMap('contacts', headers)).toEqual({ 'Record ID': 'externalId', 'First Name': 'firstName', 'Last Name': 'lastName', Email: 'email', 'Phone Number': 'phone', 'Associated Company': 'accountName' })
  })

  it('maps a Pipedrive persons export to the work email and phone', () => {
    const headers = ['Person - ID', 'Person - Name', 'Person - Email - Home', 'Person - Email - Work', 'Person - Phone - Mobile', 'Person - Phone - Work', 'Person - Organization', 'Person - Label']
    expect(autoMap('contacts', headers)).toEqual({ 'Person - ID': 'externalId', 'Person - Email - Work': 'email', 'Person - Phone - Work': 'phone', 'Person - Organization': 'accountName' })
  })

  it('reads "Account Name" as the account of a Salesforce contact but the name of an account', () => {
    expect(autoMap('contacts', ['Contact ID', 'Account Name'])).toEqual({ 'Contact ID': 'externalId', 'Account Name': 'accountName' })
    expect(autoMap('accounts', ['Account ID', 'Account Name'])).toEqual({ 'Account ID': 'externalId', 'Account Name': 'name' })
    expect(autoMap('opportunities', ['Opportunity Name', 'Account Name', 'Stage'])).toEqual({ 'Opportunity Name': 'name', 'Account Name': 'accountName', Stage: 'stage' })
  })

  it('maps an owner column only when it holds emails', () => {
    const headers = ['Name', 'Company owner']
    expect(autoMap('accounts', headers, [['Acme', 'Ana Lima'], ['Globex', '']])).toEqual({ Name: 'name' })
    expect(autoMap('accounts', headers, [['Acme', 'ana@example.com'], ['Globex', '']])).toEqual({ Name: 'name', 'Company owner': 'ownerEmail' })
    expect(autoMap('accounts', headers)).toEqual({ Name: 'name' })
  })

  it('maps our own keys and labels, whatever their case and punctuation', () => {
    expect(autoMap('leads', ['first_name', 'LAST NAME', 'Owner (member email)', 'utm-source', 'externalId'])).toEqual({
      first_name: 'firstName',
      'LAST NAME': 'lastName',
      'Owner (member email)': 'ownerEmail',
      'utm-source': 'utmSource',
      externalId: 'externalId',
    })
  })

  it('leaves unknown headers unmapped', () => {
    expect(autoMap('contacts', ['Favourite colour', 'Email', 'Notes'])).toEqual({ Email: 'email' })
  })
})
