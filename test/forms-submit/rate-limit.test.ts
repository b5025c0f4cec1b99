import { eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { rateLimits } from '../../src/db/schema'
import { runCleanup } from '../../src/handlers/jobs/cleanup.job'
import { testDb, testEnv } from '../helpers/app'
import { uniqueIp } from '../helpers/auth'
import { SITE, person, post, submissionsOf, workspaceWithForm } from './fixtures'

// The limits count in fixed one-minute windows: a test that ran across a minute's end would start
// counting again halfway, so each starts well inside a minute.
async function awayFromMinuteEdge() {
  const left = 60_000 - (Date.now() % 60_000)
  if (left < 15_000) await new Promise((resolve) => setTimeout(resolve, left + 100))
}

describe('POST /f/:key rate limits', () => {
  it('answers 429 with Retry-After once one address passes its limit, storing nothing', async () => {
    const { tenantId, form } = await workspaceWithForm({ maxPerIpPerMinute: 2 })
    await awayFromMinuteEdge()
    const ip = uniqueIp()
    for (let i = 0; i < 2; i++) expect((await post(form.key, await person(form.key), { json: true, ip })).status).toBe(200)
    const limited = await post(form.key, await person(form.key), { json: true, ip })
    expect(limited.status).toBe(429)
    const retryAfter = Number(limited.headers.get('Retry-After'))
    expect(retryAfter).toBeGreaterThanOrEqual(1)
    expect(retryAfter).toBeLessThanOrEqual(60)
    // The script on the allowed site can read the answer.
    expect(limited.headers.get('Access-Control-Allow-Origin')).toBe(SITE)
    expect(await limited.json()).toMatchObject({ ok: false })
    expect(await submissionsOf(tenantId, form.id)).toHaveLength(2)
    // Another address is not held back.
    expect((await post(form.key, await person(form.key), { json: true })).status).toBe(200)
  })

  it('limits the form as a whole across addresses', async () => {
    const { tenantId, form } = await workspaceWithForm({ maxPerMinute: 3 })
    await awayFromMinuteEdge()
    for (let i = 0; i < 3; i++) expect((await post(form.key, await person(form.key))).status).toBe(303)
    const limited = await post(form.key, await person(form.key))
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1)
    expect(await submissionsOf(tenantId, form.id)).toHaveLength(3)
  })

  it('counts spam too, so a flood of it is cut off', async () => {
    const { tenantId, form } = await workspaceWithForm({ maxPerIpPerMinute: 1 })
    await awayFromMinuteEdge()
    const ip = uniqueIp()
    expect((await post(form.key, await person(form.key, { _hp: 'bot' }), { ip })).status).toBe(303)
    expect((await post(form.key, await person(form.key, { _hp: 'bot' }), { ip })).status).toBe(429)
    expect(await submissionsOf(tenantId, form.id)).toHaveLength(1)
  })

  // On the PostgreSQL server the posts really run at the same time: the one-statement upsert still
  // lets exactly the limit through.
  it('lets exactly the limit through when one address posts many at once', async () => {
    const { tenantId, form } = await workspaceWithForm({ maxPerIpPerMinute: 5 })
    await awayFromMinuteEdge()
    const ip = uniqueIp()
    const bodies = await Promise.all(Array.from({ length: 12 }, () => person(form.key)))
    const statuses = (await Promise.all(bodies.map((b) => post(form.key, b, { json: true, ip })))).map((r) => r.status)
    expect(statuses.filter((s) => s === 200)).toHaveLength(5)
    expect(statuses.filter((s) => s === 429)).toHaveLength(7)
    expect(await submissionsOf(tenantId, form.id)).toHaveLength(5)
  })

  it('has its finished windows deleted by the hourly cleanup', async () => {
    const now = Date.now()
    const bucket = `form:test-${crypto.randomUUID()}`
    const db = testDb()
    await db.insert(rateLimits).values([
      { bucket, windowStart: new Date(now - 3 * 60_000), hits: 5 },
      { bucket, windowStart: new Date(now - 30_000), hits: 2 },
    ])
    await runCleanup(testEnv, { type: 'cleanup', key: `cleanup:${now}`, scheduledAt: new Date(now).toISOString() })
    const left = await db.select().from(rateLimits).where(inArray(rateLimits.bucket, [bucket]))
    expect(left.map((r) => r.hits)).toEqual([2])
    await db.delete(rateLimits).where(eq(rateLimits.bucket, bucket))
  })
})
