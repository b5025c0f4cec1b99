import { describe, expect, it } from 'vitest'
import { isImportField } from '../../src/domain/imports/fields'
import { customFieldKey, mappingFormErrors, mappingValuesOf, runOptionsInput } from '../../src/domain/imports/mapping-form'

// The mapping form names columns by position; parseRunOptions by header. These are the two ends.

describe('customFieldKey', () => {
  it.each([
    ['Favourite Colour', 'custom.favourite_colour'],
    ['Région (FR)', 'custom.region_fr'],
    ['2024 revenue $', 'custom.field_2024_revenue'],
    ['#', 'custom.field'],
    ['x'.repeat(80), `custom.${'x'.repeat(63)}`],
  ])('%s → %s, a key the schema accepts', (header, key) => {
    expect(customFieldKey(header)).toBe(key)
    expect(isImportField('contacts', key)).toBe(true)
  })
})

describe('the mapping form', () => {
  const row = { entity: 'contacts' as const, headers: ['Name.First', 'E-mail', 'Notes'], mapping: { 'Name.First': 'firstName', 'E-mail': 'email' }, matchKey: null, mode: 'upsert' as const, status: 'mapping' as const }

  it('starts from the auto-mapping, matching by the first key whose column is mapped', () => {
    expect(mappingValuesOf(row)).toEqual({ columns: ['firstName', 'email', ''], matchKey: 'email', mode: 'upsert' })
    expect(mappingValuesOf({ ...row, mapping: {} }).matchKey).toBe('none')
    // After a run that matched nothing, none it stays.
    expect(mappingValuesOf({ ...row, status: 'checked' }).matchKey).toBe('none')
  })

  it('posts the mapping by header, leaving out columns not imported, and none as null', () => {
    expect(runOptionsInput(row.headers, { columns: ['firstName', '', 'custom.notes'], matchKey: 'none', mode: 'create' }, true)).toEqual({ mapping: { 'Name.First': 'firstName', Notes: 'custom.notes' }, matchKey: null, mode: 'create', dryRun: true })
  })

  it('puts an error on a header back on its column, even a header with dots', () => {
    const errors = [{ path: 'mapping.Name.First', message: 'a' }, { path: 'mapping', message: 'b' }, { path: 'matchKey', message: 'c' }]
    expect(mappingFormErrors(errors, row.headers)).toEqual([{ path: 'column.0', message: 'a' }, { path: 'mapping', message: 'b' }, { path: 'matchKey', message: 'c' }])
  })
})
