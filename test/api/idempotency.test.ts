import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import { idempotencyKeys } from '../../src/db/schema'
import { runCleanup } from '../../src/handlers/jobs/cleanup.job'
import { KEY_TTL_MS } from '../../src/handlers/middleware/idempotency'
import { testDb, testEnv } from '../helpers/app'
import { addMember, me, ORIGIN, signUp, type Browser } from '../helpers/auth'
import { api, created, type Problem } from '../helpers/records'

const db = testDb()
const onServer = testEnv.DATABASE_URL !== 'postgres://crm:crm@localhost:5432/crm'

const post = (who: Browser, path: string, body: unknown, key?: string) => who.json('POST', `/api/v1${path}`, body, key === undefined ? {} : { 'Idempotency-Key': key })
const accountNames = async (who: Browser) => (await api<{ data: { name: string }[] }>(who, 'GET', '/accounts?limit=200')).body.data.map((a) => a.name)
const keyRow = async (tenantId: string, key: string) => (await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.tenantId, tenantId), eq(idempotencyKeys.key, key))))[0]

// The real middleware stack with one more route whose handler the test holds open, and counts.
function appWithGate() {
  const app = createApp()
  let release = () => {}
  const gate = new Promise<void>((resolve) => (release = resolve))
  const calls = { n: 0, fail: 0 }
  app.post('/api/v1/test-gate', async (c) => {
    calls.n++
    if (calls.fail > 0) {
      calls.fail--
      throw new Error('boom')
    }
    await gate
    return c.json({ call: calls.n }, 201, { Location: `/api/v1/test-gate/${calls.n}` })
  })
  const send = (who: Browser, key: string, body: unknown = { a: 1 }) =>
    app.request('/api/v1/test-gate', { method: 'POST', body: JSON.stringify(body), headers: { Cookie: who.cookie, Origin: ORIGIN, 'Content-Type': 'application/json', 'Idempotency-Key': key } }, testEnv)
  return { send, release, calls }
}

describe('Idempotency-Key on POST', () => {
  it('replays the first response, status and body, and creates the record once', async () => {
    const admin = await signUp()
    const key = crypto.randomUUID()
    const first = await post(admin, '/accounts', { name: 'Once Ltd' }, key)
    expect(first.status).toBe(201)
    expect(first.headers.get('idempotent-replayed')).toBeNull()
    const body = await first.text()

    const again = await post(admin, '/accounts', { name: 'Once Ltd' }, key)
    expect(again.status).toBe(201)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(again.headers.get('content-type')).toBe(first.headers.get('content-type'))
    expect(await again.text()).toBe(body)
    // The replay is a request of its own: its own id and rate-limit count.
    expect(again.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'))
    expect(again.headers.get('ratelimit-remaining')).not.toBeNull()
    expect(await accountNames(admin)).toEqual(['Once Ltd'])
  })

  it('replays the Location header with the rest', async () => {
    const admin = await signUp()
    const gated = appWithGate()
    gated.release()
    const key = crypto.randomUUID()
    const first = await gated.send(admin, key)
    const again = await gated.send(admin, key)
    expect(again.headers.get('location')).toBe(first.headers.get('location'))
    expect(await again.json()).toEqual({ call: 1 })
    expect(gated.calls.n).toBe(1)
  })

  it('answers the same key with other parameters, or from another member, with 422', async () => {
    const admin = await signUp()
    const manager = await addMember(admin, 'manager')
    const key = crypto.randomUUID()
    expect((await post(admin, '/accounts', { name: 'First' }, key)).status).toBe(201)

    for (const [who, path, body] of [
      [admin, '/accounts', { name: 'Second' }],
      [admin, '/accounts?x=1', { name: 'First' }],
      [manager, '/accounts', { name: 'First' }],
    ] as const) {
      const res = await post(who, path, body, key)
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(422)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
      const problem = (await res.json()) as Problem
      expect(problem.errors).toEqual([{ path: 'Idempotency-Key', message: expect.any(String) }])
    }
    expect(await accountNames(admin)).toEqual(['First'])
  })

  it('keeps keys apart per route and per workspace', async () => {
    const a = await signUp()
    const b = await signUp()
    const key = crypto.randomUUID()
    expect((await post(a, '/accounts', { name: 'A' }, key)).status).toBe(201)
    expect((await post(a, '/contacts', { firstName: 'Ada' }, key)).status).toBe(201)
    const other = await post(b, '/accounts', { name: 'B' }, key)
    expect(other.status).toBe(201)
    expect(other.headers.get('idempotent-replayed')).toBeNull()
    expect(await accountNames(b)).toEqual(['B'])
  })

  it('replays a 4xx answer too, but frees the key after a 5xx so the retry runs', async () => {
    const admin = await signUp()
    const key = crypto.randomUUID()
    const invalid = await post(admin, '/accounts', { name: '' }, key)
    expect(invalid.status).toBe(422)
    const replayed = await post(admin, '/accounts', { name: '' }, key)
    expect(replayed.status).toBe(422)
    expect(replayed.headers.get('idempotent-replayed')).toBe('true')

    const gated = appWithGate()
    gated.calls.fail = 1
    gated.release()
    const failKey = crypto.randomUUID()
    const failed = await gated.send(admin, failKey)
    expect(failed.status).toBe(500)
    expect(await keyRow((await me(admin)).workspace.id, failKey)).toBeUndefined()
    const retried = await gated.send(admin, failKey)
    expect(retried.status).toBe(201)
    expect(retried.headers.get('idempotent-replayed')).toBeNull()
    expect(gated.calls.n).toBe(2)
  })

  it('streams an export every time rather than keeping its CSV', async () => {
    const admin = await signUp()
    await created(admin, '/accounts', { name: 'Exported Ltd' })
    const key = crypto.randomUUID()
    for (let i = 0; i < 2; i++) {
      const res = await post(admin, '/exports', { entity: 'accounts' }, key)
      expect(res.status).toBe(200)
      expect(res.headers.get('idempotent-replayed')).toBeNull()
      expect(await res.text()).toContain('Exported Ltd')
    }
    expect(await keyRow((await me(admin)).workspace.id, key)).toBeUndefined()
  })

  it('answers a repeat while the first is still running with 409 and Retry-After', async () => {
    const admin = await signUp()
    const gated = appWithGate()
    const key = crypto.randomUUID()
    const first = gated.send(admin, key)
    // Until the first request has claimed the key, a repeat could be the one that claims it.
    const { workspace } = await me(admin)
    for (let i = 0; i < 100 && !(await keyRow(workspace.id, key)); i++) await new Promise((r) => setTimeout(r, 20))

    const during = await gated.send(admin, key)
    expect(during.status).toBe(409)
    expect(during.headers.get('content-type')).toBe('application/problem+json')
    expect(Number(during.headers.get('retry-after'))).toBeGreaterThan(0)
    gated.release()
    expect((await first).status).toBe(201)
    const after = await gated.send(admin, key)
    expect(after.status).toBe(201)
    expect(after.headers.get('idempotent-replayed')).toBe('true')
    expect(gated.calls.n).toBe(1)
  })

  // Only the server runs the requests truly side by side; PGlite takes one statement at a time.
  it.skipIf(!onServer)('creates one record for 10 simultaneous requests with one key', async () => {
    const admin = await signUp()
    const key = crypto.randomUUID()
    const results = await Promise.all(Array.from({ length: 10 }, () => post(admin, '/accounts', { name: 'Racing Ltd' }, key)))
    const statuses = results.map((r) => r.status)
    expect(statuses.every((s) => s === 201 || s === 409), statuses.join()).toBe(true)
    expect(results.filter((r) => r.status === 201 && !r.headers.get('idempotent-replayed'))).toHaveLength(1)
    expect(await accountNames(admin)).toEqual(['Racing Ltd'])
  })

  it('takes over a key whose request died, once its lock has passed', async () => {
    const admin = await signUp()
    const { workspace } = await me(admin)
    const key = crypto.randomUUID()
    const past = new Date(Date.now() - 1000)
    await db.insert(idempotencyKeys).values({ tenantId: workspace.id, route: 'POST /api/v1/accounts', key, requestHash: 'of a request that died', lockedUntil: past, expiresAt: new Date(Date.now() + KEY_TTL_MS) })
    const res = await post(admin, '/accounts', { name: 'Revived' }, key)
    expect(res.status).toBe(201)
    expect((await keyRow(workspace.id, key))?.status).toBe(201)
  })

  it('refuses a key longer than 255 characters with 400, and ignores keys on other methods', async () => {
    const admin = await signUp()
    const long = await post(admin, '/accounts', { name: 'X' }, 'k'.repeat(256))
    expect(long.status).toBe(400)
    expect(((await long.json()) as Problem).detail).toContain('Idempotency-Key')
    expect((await post(admin, '/accounts', { name: 'Max' }, 'k'.repeat(255))).status).toBe(201)
    const acme = await created<{ id: string }>(admin, '/accounts', { name: 'Acme' })
    const key = crypto.randomUUID()
    for (const name of ['One', 'Two']) expect((await admin.json('PATCH', `/api/v1/accounts/${acme.id}`, { name }, { 'Idempotency-Key': key })).status).toBe(200)
  })
})

describe('idempotency key expiry', () => {
  it('runs a request again once its key has expired, and the hourly cleanup deletes expired keys', async () => {
    const admin = await signUp()
    const { workspace } = await me(admin)
    const key = crypto.randomUUID()
    expect((await post(admin, '/accounts', { name: 'Day one' }, key)).status).toBe(201)
    const expire = (k: string) => db.update(idempotencyKeys).set({ expiresAt: new Date(Date.now() - 1000) }).where(and(eq(idempotencyKeys.tenantId, workspace.id), eq(idempotencyKeys.key, k)))
    await expire(key)
    const later = await post(admin, '/accounts', { name: 'Day two' }, key)
    expect(later.status).toBe(201)
    expect(later.headers.get('idempotent-replayed')).toBeNull()

    const fresh = crypto.randomUUID()
    expect((await post(admin, '/accounts', { name: 'Fresh' }, fresh)).status).toBe(201)
    await expire(key)
    await runCleanup(testEnv, { type: 'cleanup', key: `cleanup:${new Date().toISOString()}`, scheduledAt: new Date().toISOString() })
    expect(await keyRow(workspace.id, key)).toBeUndefined()
    expect(await keyRow(workspace.id, fresh)).toBeDefined()
  })
})
