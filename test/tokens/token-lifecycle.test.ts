import { eq, sql } from 'drizzle-orm'
import { describe, expect, it, vi } from 'vitest'
import { apiTokens } from '../../src/db/schema'
import { testDb } from '../helpers/app'
import { createToken, signUp, withToken, type Browser } from '../helpers/auth'

const db = testDb()
const DAY_MS = 24 * 60 * 60 * 1000

type Listed = { id: string; lastUsedAt: string | null; expiresAt: string | null }
const listed = async (who: Browser, id: string) => ((await (await who.json('GET', '/api/v1/tokens')).json()) as { data: Listed[] }).data.find((t) => t.id === id)

describe('token expiry', () => {
  it('sets the expiry from the days chosen, and lists it', async () => {
    const user = await signUp()
    const before = Date.now()
    const res = await user.json('POST', '/api/v1/tokens', { name: 'Quarterly', expiresInDays: 90 })
    expect(res.status).toBe(201)
    const { id, expiresAt } = (await res.json()) as { id: string; expiresAt: string }
    const at = Date.parse(expiresAt)
    expect(at).toBeGreaterThanOrEqual(before + 90 * DAY_MS)
    expect(at).toBeLessThanOrEqual(Date.now() + 90 * DAY_MS)
    expect((await listed(user, id))?.expiresAt).toBe(expiresAt)
  })

  it('refuses an expired token with 401 saying it expired, while a token without expiry still works', async () => {
    const user = await signUp()
    const old = await createToken(user, 'Old', { expiresInDays: 30 })
    const lasting = await createToken(user, 'Lasting')
    expect((await withToken(old.token, '/api/v1/me')).status).toBe(200)
    await db.update(apiTokens).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(apiTokens.id, old.id))

    const res = await withToken(old.token, '/api/v1/leads')
    expect(res.status).toBe(401)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(res.headers.get('www-authenticate')).toBe('Bearer')
    expect(((await res.json()) as { detail: string }).detail).toMatch(/^The API token expired on \d{4}-\d\d-\d\dT/)
    expect((await withToken(lasting.token, '/api/v1/me')).status).toBe(200)
  })

  it.each([
    [0, 'A token must last at least a day.'],
    [1.5, 'Give whole days.'],
    [3651, 'Choose at most 3650 days, or no expiry.'],
    ['30', 'Choose when the token expires.'],
  ])('rejects expiresInDays %j (422)', async (days, message) => {
    const user = await signUp()
    const res = await user.json('POST', '/api/v1/tokens', { name: 'Odd expiry', expiresInDays: days })
    expect(res.status).toBe(422)
    expect(((await res.json()) as { errors: unknown[] }).errors).toEqual([{ path: 'expiresInDays', message }])
  })
})

describe('last used', () => {
  it('is empty until the token is used, then records when', async () => {
    const user = await signUp()
    const { id, token } = await createToken(user)
    expect((await listed(user, id))?.lastUsedAt).toBeNull()
    const before = Date.now()
    expect((await withToken(token, '/api/v1/leads')).status).toBe(200)
    // Recorded after the response (waitUntil), so the client never waits for it.
    await vi.waitFor(async () => expect((await listed(user, id))?.lastUsedAt).not.toBeNull(), { timeout: 5000 })
    const lastUsedAt = (await listed(user, id))?.lastUsedAt ?? ''
    expect(Date.parse(lastUsedAt)).toBeGreaterThanOrEqual(before - 1000)
    expect(Date.parse(lastUsedAt)).toBeLessThanOrEqual(Date.now() + 1000)
    expect(await (await user.get('/settings/tokens')).text()).toContain(`<time datetime="${lastUsedAt}">`)
  })
})
