import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor, MAX_CURSOR_LENGTH, useCursorSecret } from '../../src/lib/cursor'
import { AppError } from '../../src/lib/errors'
import { linkSecret } from '../../src/lib/signed-links'
import { testEnv } from '../helpers/app'

// -0 is a number JSON cannot carry (it comes back as 0), so the round trip is over the others.
const value = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)), fc.constant(null))
const b64urlBytes = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
const b64url = (text: string) => b64urlBytes(new TextEncoder().encode(text))

function rejection(raw: string): unknown {
  try {
    decodeCursor(raw)
  } catch (err) {
    return err
  }
  return 'accepted'
}

describe('encodeCursor / decodeCursor', () => {
  it('round-trips any short list of strings, numbers and nulls', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 4 }), (values) => {
        // 380 UTF-8 bytes is 507 base64 characters, inside the length limit.
        fc.pre(new TextEncoder().encode(JSON.stringify(values)).length <= 380)
        const cursor = encodeCursor(values)
        expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/)
        expect(decodeCursor(cursor)).toEqual(values)
      }),
    )
  })

  it('round-trips a (timestamp, uuid) key and non-ASCII text', () => {
    const values = ['2026-03-01T12:00:00.000Z', '0195f1c2-7d4e-7abc-8def-0123456789ab', 'Zoë 😀 東京', -1.5, null]
    expect(decodeCursor(encodeCursor(values))).toEqual(values)
  })

  it('refuses to encode numbers JSON cannot carry', () => {
    expect(() => encodeCursor([Number.NaN])).toThrow()
    expect(() => encodeCursor([Number.POSITIVE_INFINITY])).toThrow()
  })

  it('fits any 200-character sort key with its uuid, even in three-byte characters or quotes', () => {
    const id = '0195f1c2-7d4e-7abc-8def-0123456789ab'
    for (const key of ['a'.repeat(200), '名'.repeat(200), '"'.repeat(200)]) expect(decodeCursor(encodeCursor([key, id]))).toEqual([key, id])
    // Past the limit, decoding refuses rather than parsing an unbounded string.
    expect(rejection(encodeCursor(['名'.repeat(700), id]))).toBeInstanceOf(AppError)
  })

  it.each([
    ['empty', ''],
    ['not base64url', 'abc$def'],
    ['standard base64 padding', `${b64url('[12]')}==`],
    ['impossible base64 length', 'abcde'],
    ['whitespace', ' W10'],
    ['not JSON', b64url('not json')],
    ['invalid UTF-8', b64urlBytes(new Uint8Array([0xff, 0xfe, 0x5b, 0x31, 0x5d]))],
    ['a byte-order mark', b64url('\ufeff[1]')],
    ['an object', b64url('{"a":1}')],
    ['a bare string', b64url('"abc"')],
    ['a nested array', b64url('[[1]]')],
    ['an object inside', b64url('[{"a":1}]')],
    ['a boolean inside', b64url('[true]')],
    ['too long', 'A'.repeat(MAX_CURSOR_LENGTH + 4)],
  ])('throws a 400 AppError for %s', (_label, raw) => {
    const err = rejection(raw)
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).status).toBe(400)
    expect((err as AppError).message).toBe('The cursor is not valid; start again from the first page.')
  })

  it('refuses a cursor with any one character changed', () => {
    const cursor = encodeCursor(['2026-03-01T12:00:00.000Z', '0195f1c2-7d4e-7abc-8def-0123456789ab'])
    fc.assert(
      fc.property(fc.nat(cursor.length - 1), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), (at, ch) => {
        fc.pre(cursor[at] !== ch)
        expect(rejection(cursor.slice(0, at) + ch + cursor.slice(at + 1))).toBeInstanceOf(AppError)
      }),
    )
    expect(rejection(cursor.slice(0, -1))).toBeInstanceOf(AppError)
    expect(rejection(`${cursor}A`)).toBeInstanceOf(AppError)
  })

  it('accepts only cursors signed with the installed key', () => {
    try {
      useCursorSecret('one-deployment-secret-0123456789abcdef')
      const cursor = encodeCursor([42, 'x'])
      useCursorSecret('another-deployment-secret-0123456789ab')
      expect(rejection(cursor)).toBeInstanceOf(AppError)
      // Without a secret, cursors still work (signed with a built-in key).
      useCursorSecret(null)
      expect(decodeCursor(encodeCursor([42, 'x']))).toEqual([42, 'x'])
    } finally {
      useCursorSecret(linkSecret(testEnv))
    }
  })

  it('throws only AppError 400 for arbitrary input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.base64String(), fc.stringMatching(/^[A-Za-z0-9_-]{0,40}$/)), (raw) => {
        const result = rejection(raw)
        if (result === 'accepted') return
        expect(result).toBeInstanceOf(AppError)
        expect((result as AppError).status).toBe(400)
      }),
    )
  })
})
