import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { captureRow, routingFacts, submittedValues } from '../../src/domain/dedupe/capture'

describe('captureRow: the columns and match keys of captured values', () => {
  it('normalises the email, the phone in the workspace country and the company domain', () => {
    expect(captureRow({ email: ' Ada@Engines.Example ', phone: '020 7946 0018', website: 'https://www.engines.example/about' }, 'GB', false)).toMatchObject({
      email: 'Ada@Engines.Example',
      emailNormalized: 'ada@engines.example',
      phoneE164: '+442079460018',
      phoneDigits: '442079460018',
      companyDomain: 'engines.example',
    })
    // No website: the email's domain, unless it is a free mailbox.
    expect(captureRow({ email: 'jo@acme.example' }, 'US', false).companyDomain).toBe('acme.example')
    expect(captureRow({ email: 'jo@gmail.com' }, 'US', false).companyDomain).toBeNull()
  })

  it('drops blank values, and a country or company size the table would refuse', () => {
    const row = captureRow({ firstName: '  ', lastName: 'Lovelace', country: 'gb', companySize: '11-50', industry: '' }, 'US', true)
    expect(row).toMatchObject({ lastName: 'Lovelace', country: 'GB', companySize: '11-50', custom: {} })
    expect(row).not.toHaveProperty('firstName')
    expect(row).not.toHaveProperty('industry')
    expect(captureRow({ country: 'Germany', companySize: 'huge' }, 'US', true)).toMatchObject({ country: undefined, companySize: undefined })
  })

  it('keeps an unreadable phone as typed for a form (no match key), and refuses it for the UI and API', () => {
    expect(captureRow({ phone: 'call me maybe' }, 'US', true)).toMatchObject({ phone: 'call me maybe', phoneE164: null, phoneDigits: null })
    expect(() => captureRow({ phone: 'call me maybe' }, 'US', false)).toThrow('Some fields need attention.')
  })

  it('never throws for a form, whatever was posted', () => {
    const text = fc.option(fc.string({ maxLength: 60 }), { nil: undefined })
    fc.assert(
      fc.property(fc.record({ firstName: text, email: text, phone: text, website: text, country: text, companySize: text }), (values) => {
        const row = captureRow(values, 'US', true)
        expect(row.emailNormalized ?? null).toBe(values.email?.trim() ? values.email.trim().toLowerCase() : null)
      }),
    )
  })
})

describe('routingFacts and submittedValues', () => {
  it('gives routing the fields by name, the form and custom.<key>', () => {
    const row = captureRow({ country: 'de', companySize: '51-200', source: 'webinar', custom: { budget: 5000, plan: 'pro' } }, 'US', true)
    expect(routingFacts(row, 'form-1')).toMatchObject({ formId: 'form-1', country: 'DE', companySize: '51-200', source: 'webinar', 'custom.budget': 5000, 'custom.plan': 'pro' })
  })

  it('shows what was given, as typed', () => {
    expect(submittedValues({ firstName: 'Ada', lastName: '', email: 'ADA@x.example', custom: { budget: '10k', empty: null } })).toEqual({ firstName: 'Ada', email: 'ADA@x.example', 'custom.budget': '10k' })
  })
})
