import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normaliseDomain, normaliseEmail, normalisePhone, personName } from '../../src/domain/records/normalise'

describe('normaliseEmail', () => {
  it.each([
    ['Bob@Example.COM', 'bob@example.com'],
    ['  bob@example.com\t\n', 'bob@example.com'],
    ['BOB.SMITH+CRM@EXAMPLE.CO.UK', 'bob.smith+crm@example.co.uk'],
    ['', null],
    ['   ', null],
  ])('%j → %j', (input, expected) => {
    expect(normaliseEmail(input)).toBe(expected)
  })

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.emailAddress()), (input) => {
        const once = normaliseEmail(input)
        expect(once === null ? null : normaliseEmail(once)).toBe(once)
      }),
    )
  })
})

describe('normalisePhone', () => {
  it.each([
    ['a US number in national format', '(213) 373-4253', undefined, '+12133734253'],
    ['an international number', '+44 20 7946 0958', undefined, '+442079460958'],
    ['a national number with its country', '020 7946 0958', 'GB', '+442079460958'],
    ['a German number with its country', '030 123456', 'DE', '+4930123456'],
    ['an international number despite another default country', '+1 213 373 4253', 'GB', '+12133734253'],
    ['dots and surrounding spaces', '  +1.213.373.4253  ', undefined, '+12133734253'],
    ['an extension, which E.164 drops', '213-373-4253 ext. 12', undefined, '+12133734253'],
    ['a label after the number', '213-373-4253 (mobile)', undefined, '+12133734253'],
    ['full-width digits', '２１３ ３７３ ４２５３', undefined, '+12133734253'],
  ] as const)('parses %s', (_label, input, country, e164) => {
    expect(normalisePhone(input, country)).toEqual({ e164, digits: e164.slice(1) })
  })

  it.each([
    ['empty', ''],
    ['letters', 'not a phone'],
    ['too short', '12'],
    ['a UK national number read as US (the default)', '020 7946 0958'],
    ['a 555 number outside the valid range', '+1 555 555 5555'],
    ['a vanity number', '1-800-FLOWERS'],
    ['two numbers', '+1 213 373 4253 / +44 20 7946 0958'],
    ['a bare plus', '+'],
  ])('refuses %s', (_label, input) => {
    expect(normalisePhone(input)).toBeNull()
  })

  it('gives digits equal to the E.164 number without its "+"', () => {
    const phoneish = fc.stringMatching(/^\+?[0-9 ().-]{0,20}$/)
    fc.assert(
      fc.property(fc.oneof(phoneish, fc.string()), fc.constantFrom('US', 'GB', 'DE', 'FR', 'IN', 'BR', 'JP'), (input, country) => {
        const phone = normalisePhone(input, country)
        if (phone === null) return
        expect(phone.e164).toMatch(/^\+[1-9][0-9]{1,14}$/)
        expect(phone.digits).toBe(phone.e164.slice(1))
        expect(phone.digits).toMatch(/^[0-9]+$/)
        expect(normalisePhone(phone.e164, country)).toEqual(phone)
      }),
    )
  })
})

describe('normaliseDomain', () => {
  it.each([
    ['example.com', 'example.com'],
    ['Example.COM', 'example.com'],
    ['www.example.com', 'example.com'],
    ['WWW.Example.com.', 'example.com'],
    ['https://www.example.com/about?x=1#top', 'example.com'],
    ['http://example.com:8080/path', 'example.com'],
    ['example.com/path', 'example.com'],
    ['example.com:443', 'example.com'],
    ['//example.com', 'example.com'],
    ['https://user:pass@shop.example.co.uk/', 'shop.example.co.uk'],
    ['bob@Example.com', 'example.com'],
    ['  bob.smith+crm@mail.example.com  ', 'mail.example.com'],
    ['www.www.example.com', 'example.com'],
    ['www.com', 'www.com'],
    ['https://bücher.de', 'xn--bcher-kva.de'],
    ['my-company.io', 'my-company.io'],
    ['', null],
    ['   ', null],
    ['localhost', null],
    ['http://localhost:3000', null],
    ['not a domain', null],
    ['exa mple.com', null],
    ['example..com', null],
    ['-example.com', null],
    ['example-.com', null],
    ['under_score.example.com', null],
    ['127.0.0.1', null],
    ['http://0x7f.1/', null],
    ['http://[::1]/', null],
    ['ftp://files.example.com', null],
    ['javascript:alert(1)', null],
    ['mailto:', null],
    ['@', null],
  ])('%j → %j', (input, expected) => {
    expect(normaliseDomain(input)).toBe(expected)
  })

  it('gives a lowercase, idempotent result whenever it gives one', () => {
    const inputs = fc.oneof(
      fc.string(),
      fc.domain(),
      fc.webUrl(),
      fc.emailAddress(),
      fc.domain().map((d) => `WWW.${d.toUpperCase()}.`),
      fc.stringMatching(/^(www\.){0,3}[a-zA-Z0-9.-]{1,20}$/),
    )
    fc.assert(
      fc.property(inputs, (input) => {
        const once = normaliseDomain(input)
        if (once === null) return
        expect(once).toBe(once.toLowerCase())
        expect(once).toMatch(/^[a-z0-9.-]+$/)
        expect(normaliseDomain(once)).toBe(once)
      }),
      { numRuns: 500 },
    )
  })
})

describe('personName', () => {
  it.each([
    ['Maria', 'Lopez', 'Maria Lopez'],
    ['  Maria ', ' Lopez  ', 'Maria Lopez'],
    ['Maria', null, 'Maria'],
    [null, 'Lopez', 'Lopez'],
    ['', '  ', '(no name)'],
    [null, null, '(no name)'],
  ])('%j + %j → %j', (first, last, expected) => {
    expect(personName(first, last)).toBe(expected)
  })
})
