import { AppError } from './errors'

// Opaque keyset cursors: the sort-key values of the last row on a page, as base64url JSON. They
// are not signed: a forged cursor only moves the caller's own tenant-scoped window, so decoding
// needs to be strict about shape, not secret. Callers still check the arity and types they expect.
export type CursorValue = string | number | null

// Fits (timestamp, uuid) keys and (text, uuid) keys with ~110 three-byte UTF-8 characters or
// ~200 ASCII ones; short enough to sit in a query string.
export const MAX_CURSOR_LENGTH = 2048

const BASE64URL = /^[A-Za-z0-9_-]*$/
const INVALID = 'The cursor is not valid; start again from the first page.'

export function encodeCursor(values: CursorValue[]): string {
  // JSON would quietly turn NaN and Infinity into null; fail where the bug is instead.
  if (values.some((v) => typeof v === 'number' && !Number.isFinite(v))) throw new Error('Cursor numbers must be finite')
  const bytes = new TextEncoder().encode(JSON.stringify(values))
  // btoa only takes code points 0-255, so go through the UTF-8 bytes (workerd has no Buffer).
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  // No length check here: a record whose long name lands on a page boundary would otherwise take
  // the whole page down. Past MAX_CURSOR_LENGTH only the "next page" link fails (400), so the
  // limit must cover the longest sort key a list can have.
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

export function decodeCursor(raw: string): CursorValue[] {
  if (raw.length === 0 || raw.length > MAX_CURSOR_LENGTH || !BASE64URL.test(raw) || raw.length % 4 === 1) throw invalid()
  let values: unknown
  try {
    const binary = atob(raw.replaceAll('-', '+').replaceAll('_', '/'))
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0))
    values = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes))
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
