import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { FormField } from '../../src/domain/forms/fields'
import { capPayload } from '../../src/domain/forms/payload'
import { secondsToWindowEnd, windowStart } from '../../src/domain/forms/rate-limit'
import { junkReasons, timestampReason } from '../../src/domain/forms/spam-checks'
import { leadValuesFrom, requiredErrors, utmFrom } from '../../src/domain/forms/submission-values'

const FIELDS: FormField[] = [
  { name: 'first', label: 'First name', type: 'text', required: true, maps: 'firstName' },
  { name: 'org', label: 'Company', type: 'text', required: false, maps: 'companyName' },
  { name: 'mail', label: 'Email', type: 'email', required: false, maps: 'email' },
  { name: 'site', label: 'Website', type: 'text', required: false, maps: 'website' },
  { name: 'plan', label: 'Plan', type: 'select', required: false, maps: 'custom.plan', options: ['basic', 'pro'] },
  { name: 'agree', label: 'Terms', type: 'checkbox', required: true, maps: 'custom.terms' },
  { name: 'campaign', label: 'Campaign', type: 'hidden', required: false, maps: 'custom.campaign', options: ['spring'] },
]

describe('junkReasons', () => {
  it.each([
    [{ first: 'Ada' }, []],
    [{ first: 'Ada', org: 'Amazon.com' }, []],
    [{ first: 'click http://x.example' }, ['junk_name']],
    [{ first: 'see WWW.x.example' }, ['junk_name']],
    [{ org: '<b>Buy</b>' }, ['junk_name']],
    [{ first: 'Ada', mail: 'ada@example.com' }, []],
    [{ first: 'Ada', mail: 'ada at example' }, ['invalid_email']],
    [{ first: '<script>', mail: '@' }, ['junk_name', 'invalid_email']],
    // Fields that are not names may hold links.
    [{ first: 'Ada', site: 'https://example.com' }, []],
  ])('%j gives %j', (posted, reasons) => {
    expect(junkReasons(FIELDS, posted)).toEqual(reasons)
  })
})

describe('timestampReason', () => {
  const form = { minFillSeconds: 3, acceptWithoutTimestamp: true }
  it.each([
    [{ kind: 'missing' } as const, form, null],
    [{ kind: 'missing' } as const, { ...form, acceptWithoutTimestamp: false }, 'no_timestamp'],
    [{ kind: 'invalid' } as const, form, 'bad_timestamp'],
    [{ kind: 'age', ageMs: 2999 } as const, form, 'too_fast'],
    [{ kind: 'age', ageMs: 3000 } as const, form, null],
  ])('%j on %j gives %s', (check, f, reason) => {
    expect(timestampReason(check, f)).toBe(reason)
  })
})

describe('requiredErrors', () => {
  it('names each empty required field and each select value off the list', () => {
    expect(requiredErrors(FIELDS, { first: '  ', plan: 'enterprise' })).toEqual([
      { path: 'first', message: 'First name is required.' },
      { path: 'plan', message: 'Choose Plan from the list.' },
      { path: 'agree', message: 'Terms is required.' },
    ])
    expect(requiredErrors(FIELDS, { first: 'Ada', agree: 'on', plan: 'pro' })).toEqual([])
  })
})

describe('leadValuesFrom', () => {
  it('fills lead and custom fields by the mapping, with the fixed hidden value and UTM', () => {
    const { values, errors } = leadValuesFrom(FIELDS, { first: ' Ada ', mail: 'ada@example.com', plan: 'pro', agree: 'on', campaign: 'forged' }, { source: 'Web', utm: { utm_source: 'news' } })
    expect(errors).toEqual([])
    expect(values).toMatchObject({ firstName: 'Ada', email: 'ada@example.com', custom: { plan: 'pro', terms: true, campaign: 'spring' }, source: 'Web', utmSource: 'news', utmMedium: null })
  })

  it('reports a value the lead schema refuses under its form field, and leaves it out', () => {
    const { values, errors } = leadValuesFrom(FIELDS, { first: 'Ada', site: 'not a url' }, { source: null, utm: {} })
    expect(errors).toEqual([{ path: 'site', message: expect.stringContaining('web address') }])
    expect(values).toMatchObject({ firstName: 'Ada' })
    expect(values).not.toHaveProperty('website')
  })
})

describe('utmFrom', () => {
  it('takes posted UTM fields first, then the referring page’s query', () => {
    expect(utmFrom({ utm_source: 'ads' }, 'https://www.example.com/?utm_source=news&utm_medium=email&other=1')).toEqual({ utm_source: 'ads', utm_medium: 'email' })
    expect(utmFrom({}, 'not a url')).toEqual({})
    expect(utmFrom({ utm_term: 'x'.repeat(500) }, null).utm_term).toHaveLength(200)
  })
})

describe('capPayload', () => {
  const size = (v: unknown) => new TextEncoder().encode(JSON.stringify(v)).length

  it('keeps a small payload as it is', () => {
    const posted = { email: 'a@example.com', message: 'hello' }
    expect(capPayload(posted, 1024)).toBe(posted)
  })

  it('always fits the budget, keeps short values whole and cuts long ones to a prefix', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 2000 }), { maxKeys: 30 }), fc.integer({ min: 200, max: 4000 }), (posted, max) => {
        const capped = capPayload(posted, max)
        expect(size(capped)).toBeLessThanOrEqual(max)
        for (const [key, value] of Object.entries(capped)) {
          const original = posted[key] ?? ''
          if (value !== original) expect(original.startsWith(value.slice(0, -1))).toBe(true)
        }
      }),
      { numRuns: 100 },
    )
  })

  it('keeps every field of a form-sized payload', () => {
    const posted = { email: 'a@example.com', name: 'Ada', message: 'z'.repeat(20_000), notes: 'é'.repeat(5_000) }
    const capped = capPayload(posted, 8192)
    expect(Object.keys(capped)).toEqual(Object.keys(posted))
    expect(capped.email).toBe('a@example.com')
    expect(size(capped)).toBeLessThanOrEqual(8192)
  })

  it('keeps a field a bot named "__proto__" as a field', () => {
    const capped = capPayload(JSON.parse(`{"__proto__": "x", "a": "${'y'.repeat(500)}"}`) as Record<string, string>, 200)
    expect(Object.keys(capped)).toEqual(['__proto__', 'a'])
    expect(Object.getOwnPropertyDescriptor(capped, '__proto__')?.value).toBe('x')
  })
})

describe('rate-limit windows', () => {
  it('start on the minute and end within 60 seconds', () => {
    const now = Date.parse('2026-05-01T10:00:59.200Z')
    expect(windowStart(now).toISOString()).toBe('2026-05-01T10:00:00.000Z')
    expect(secondsToWindowEnd(now)).toBe(1)
    expect(secondsToWindowEnd(Date.parse('2026-05-01T10:00:00.000Z'))).toBe(60)
  })
})
