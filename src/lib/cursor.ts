import { Buffer } from 'node:buffer'
import { createHmac, timingSafeEqual } from 'node:crypto'
import { AppError } from './errors'

// Opaque keyset cursors: the sort-key values of the last row on a page, as base64url JSON,
// followed by a truncated HMAC of that text. Signed so that a cursor someone edited is refused
// (400) instead of quietly moving the window; decoding is still strict about shape, and callers
// still check the arity and types they expect.
//
// The key is per isolate, not a parameter: cursors are made and read in ~20 query modules called
// from pages, the API and jobs, and threading a secret through all of them would put the env into
// every list function for one HMAC. Every entry point installs the same key from the env before
// its handler runs (the app's middleware, the queue consumer), as with the phone metadata, so a
// cursor made by one request is read by the next whichever isolate serves it.
export type CursorValue = string | number | null

// Fits (timestamp, uuid) keys and (text, uuid) keys with ~110 three-byte UTF-8 characters or
// ~200 ASCII ones, signature included; short enough to sit in a query string.
export const MAX_CURSOR_LENGTH = 2048

// 128 bits of HMAC-SHA256: forging one is a 2^128 guess, and it adds 22 characters to a URL.
const SIGNATURE_BYTES = 16
const SIGNATURE_CHARS = 22

const BASE64URL = /^[A-Za-z0-9_-]*$/
const INVALID = 'The cursor is not valid; start again from the first page.'

// Without LINK_SECRET (a local setup that sets none) cursors are still signed, with a key anyone
// reading this source knows: they keep working, and are only as tamper-evident as before signing.
const FALLBACK_SECRET = 'edge-crm:cursor'

let secretInUse = FALLBACK_SECRET
let key = deriveKey(FALLBACK_SECRET)

// A key of its own, derived from the link secret, so no cursor signature can ever pass for a
// signed link's or an IP hash's.
function deriveKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('edge-crm cursor key v1').digest()
}

// Called by every entry point with linkSecret(env) (null: unset or too short).
export function useCursorSecret(secret: string | null): void {
  if ((secret ?? FALLBACK_SECRET) === secretInUse) return
  secretInUse = secret ?? FALLBACK_SECRET
  key = deriveKey(secretInUse)
}

const sign = (payload: string): Buffer => createHmac('sha256', key).update(payload).digest().subarray(0, SIGNATURE_BYTES)

export function encodeCursor(values: CursorValue[]): string {
  // JSON would quietly turn NaN and Infinity into null; fail where the bug is instead.
  if (values.some((v) => typeof v === 'number' && !Number.isFinite(v))) throw new Error('Cursor numbers must be finite')
  const payload = Buffer.from(JSON.stringify(values), 'utf8').toString('base64url')
  // No length check here: a record whose long name lands on a page boundary would otherwise take
  // the whole page down. Past MAX_CURSOR_LENGTH only the "next page" link fails (400), so the
  // limit must cover the longest sort key a list can have.
  return payload + sign(payload).toString('base64url')
}

export function decodeCursor(raw: string): CursorValue[] {
  if (raw.length <= SIGNATURE_CHARS || raw.length > MAX_CURSOR_LENGTH || !BASE64URL.test(raw)) throw invalid()
  const payload = raw.slice(0, -SIGNATURE_CHARS)
  const signature = Buffer.from(raw.slice(-SIGNATURE_CHARS), 'base64url')
  // Canonical spelling only (22 characters carry 132 bits for 128), so one cursor has one form.
  if (signature.toString('base64url') !== raw.slice(-SIGNATURE_CHARS) || !timingSafeEqual(signature, sign(payload))) throw invalid()
  let values: unknown
  try {
    values = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(Buffer.from(payload, 'base64url')))
  } catch {
    throw invalid()
  }
  if (!Array.isArray(values) || !values.every(isCursorValue)) throw invalid()
  return values
}

function isCursorValue(value: unknown): value is CursorValue {
  return value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))
}

function invalid(): AppError {
  return new AppError('BAD_REQUEST', INVALID)
}
