import { describe, expect, it } from 'vitest'
import { LINK_TTL_MS, linkSecret, signLink, signTaskLink, verifyTaskLink } from '../../src/lib/signed-links'

const KEY = 'k'.repeat(32)
const NOW = Date.UTC(2026, 2, 1, 12)
const claims = { tenantId: crypto.randomUUID(), taskId: crypto.randomUUID(), userId: crypto.randomUUID(), remindAt: new Date(NOW - 60_000) }

const b64url = (text: string) => btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
const payloadOf = (token: string) => JSON.parse(atob((token.split('.')[0] ?? '').replaceAll('-', '+').replaceAll('_', '/'))) as Record<string, unknown>
// Swaps one base64url character for another, keeping the token well-formed.
const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1)

describe('signed task links', () => {
  it('round trip: a token verifies to the claims it was signed with, until it expires', async () => {
    const token = await signTaskLink(KEY, claims, NOW)
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/)
    const check = await verifyTaskLink(KEY, token, NOW + 1000)
    expect(check).toEqual({ ok: true, link: { p: 'task-snooze', t: claims.tenantId, k: claims.taskId, u: claims.userId, r: claims.remindAt.toISOString(), exp: (NOW + LINK_TTL_MS) / 1000 } })
    expect(await verifyTaskLink(KEY, token, NOW + LINK_TTL_MS - 1000)).toMatchObject({ ok: true })
  })

  it('an expired token is "expired", not merely invalid', async () => {
    const token = await signTaskLink(KEY, claims, NOW)
    expect(await verifyTaskLink(KEY, token, NOW + LINK_TTL_MS)).toEqual({ ok: false, reason: 'expired' })
  })

  it('a changed payload fails: another task, tenant or user, or a later expiry', async () => {
    const token = await signTaskLink(KEY, claims, NOW)
    const [, sig] = token.split('.')
    for (const change of [{ k: crypto.randomUUID() }, { t: crypto.randomUUID() }, { u: crypto.randomUUID() }, { exp: 9_999_999_999 }]) {
      const forged = `${b64url(JSON.stringify({ ...payloadOf(token), ...change }))}.${sig}`
      expect(await verifyTaskLink(KEY, forged, NOW)).toEqual({ ok: false, reason: 'invalid' })
    }
  })

  it('a changed signature fails, in any position, and so do malformed tokens', async () => {
    const token = await signTaskLink(KEY, claims, NOW)
    const dot = token.indexOf('.')
    for (const at of [dot + 1, dot + 20, token.length - 1, 0, dot - 1]) {
      expect(await verifyTaskLink(KEY, flip(token, at), NOW), `flipped at ${at}`).toEqual({ ok: false, reason: 'invalid' })
    }
    for (const bad of ['', '.', token.split('.')[0] ?? '', `${token}.x`, `${token}=`, token.replace('.', '.+'), 'a'.repeat(2000)]) {
      expect(await verifyTaskLink(KEY, bad, NOW)).toEqual({ ok: false, reason: 'invalid' })
    }
  })

  it('a token signed for another purpose is refused, even with the right key', async () => {
    const other = await signLink(KEY, { ...payloadOf(await signTaskLink(KEY, claims, NOW)), p: 'password-reset', exp: NOW / 1000 + 3600 })
    expect(await verifyTaskLink(KEY, other, NOW)).toEqual({ ok: false, reason: 'invalid' })
  })

  it('a token signed with another key is refused', async () => {
    const token = await signTaskLink('x'.repeat(32), claims, NOW)
    expect(await verifyTaskLink(KEY, token, NOW)).toEqual({ ok: false, reason: 'invalid' })
  })

  it('treats a missing or short LINK_SECRET as none, so nothing is signed with a guessable key', () => {
    expect(linkSecret({})).toBeNull()
    expect(linkSecret({ LINK_SECRET: '' })).toBeNull()
    expect(linkSecret({ LINK_SECRET: 'short-secret' })).toBeNull()
    expect(linkSecret({ LINK_SECRET: KEY })).toBe(KEY)
  })
})
