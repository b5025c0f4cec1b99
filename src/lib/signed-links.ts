import * as z from 'zod'
import type { Env } from '../env'

// Links that let whoever holds them do one thing without signing in: today, snooze or finish a
// task from its reminder email. Nothing is stored; the link carries its own claims, signed:
// base64url(JSON payload) "." base64url(HMAC-SHA256 of that first part). The payload names its
// purpose, so a link minted for one thing can never be replayed as another, and its expiry.

// Long enough to outlast a holiday, short enough that an old email in a leaked mailbox stops
// working on its own.
export const LINK_TTL_MS = 14 * 24 * 60 * 60_000

// Below this, a secret is guessable offline from any one link; treated as no secret at all.
const MIN_SECRET_LENGTH = 32
// Our links are ~300 characters; anything far longer is not one, and is not worth hashing.
const MAX_TOKEN_LENGTH = 1024

// p: purpose, t: tenant, k: task, u: the assignee it was sent to, r: the reminder time it came
// with (so each reminder's link is its own, and logs can tie an action to its email), exp: Unix
// seconds. Short names keep the URL short.
const TaskSnoozeLink = z.object({ p: z.literal('task-snooze'), t: z.uuid(), k: z.uuid(), u: z.uuid(), r: z.iso.datetime(), exp: z.int() })
export type TaskSnoozeLink = z.infer<typeof TaskSnoozeLink>

export type LinkCheck = { ok: true; link: TaskSnoozeLink } | { ok: false; reason: 'invalid' | 'expired' }

// The signing key, or null when it is missing or too short to be safe: callers must then send no
// links rather than forgeable ones.
export function linkSecret(env: Pick<Env, 'LINK_SECRET'>): string | null {
  const secret = env.LINK_SECRET
  return secret && secret.length >= MIN_SECRET_LENGTH ? secret : null
}

const encoder = new TextEncoder()

const hmacKey = (secret: string) => crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])

function toBase64Url(bytes: Uint8Array): string {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

// Only the canonical spelling decodes, so one signature has exactly one valid token.
function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text) || text.length % 4 === 1) return null
  const bytes = Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/')), (ch) => ch.charCodeAt(0))
  return toBase64Url(bytes) === text ? bytes : null
}

export async function signLink(secret: string, payload: { p: string; exp: number }): Promise<string> {
  const body = toBase64Url(encoder.encode(JSON.stringify(payload)))
  const signature = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(body))
  return `${body}.${toBase64Url(new Uint8Array(signature))}`
}

export function signTaskLink(secret: string, link: { tenantId: string; taskId: string; userId: string; remindAt: Date }, now = Date.now()): Promise<string> {
  const payload: TaskSnoozeLink = { p: 'task-snooze', t: link.tenantId, k: link.taskId, u: link.userId, r: link.remindAt.toISOString(), exp: Math.floor((now + LINK_TTL_MS) / 1000) }
  return signLink(secret, payload)
}

// The payload of a token this key signed, or null. crypto.subtle.verify compares in constant
// time; the payload is only decoded once the signature holds.
async function verifiedPayload(secret: string, token: string): Promise<unknown> {
  if (token.length > MAX_TOKEN_LENGTH) return null
  const [body = '', signature = '', ...rest] = token.split('.')
  const sig = fromBase64Url(signature)
  const bytes = fromBase64Url(body)
  if (rest.length || !sig || !bytes) return null
  if (!(await crypto.subtle.verify('HMAC', await hmacKey(secret), sig, encoder.encode(body)))) return null
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes))
  } catch {
    return null
  }
}

// Expired is told apart from invalid only for a token we really signed, so the answer says
// nothing about tokens made up by someone else.
export async function verifyTaskLink(secret: string, token: string, now = Date.now()): Promise<LinkCheck> {
  const link = TaskSnoozeLink.safeParse(await verifiedPayload(secret, token))
  if (!link.success) return { ok: false, reason: 'invalid' }
  if (link.data.exp * 1000 <= now) return { ok: false, reason: 'expired' }
  return { ok: true, link: link.data }
}

// The signed timestamp rendered into a lead capture form: when the form was shown, for which form.
// The submission endpoint refuses one that is forged, for another form, older than a day, or
// younger than the form's minimum fill time (a bot posts as soon as it has the page).
const FormTimestamp = z.object({ p: z.literal('form-ts'), k: z.string(), iat: z.int(), exp: z.int() })

const FORM_TIMESTAMP_TTL_MS = 24 * 60 * 60_000

export function signFormTimestamp(secret: string, formKey: string, now = Date.now()): Promise<string> {
  return signLink(secret, { p: 'form-ts', k: formKey, iat: now, exp: Math.floor((now + FORM_TIMESTAMP_TTL_MS) / 1000) } as { p: string; exp: number })
}

export type FormTimestampCheck = { ok: true; ageMs: number } | { ok: false }

export async function verifyFormTimestamp(secret: string, formKey: string, token: string, now = Date.now()): Promise<FormTimestampCheck> {
  const ts = FormTimestamp.safeParse(await verifiedPayload(secret, token))
  if (!ts.success || ts.data.k !== formKey || ts.data.exp * 1000 <= now) return { ok: false }
  return { ok: true, ageMs: now - ts.data.iat }
}
