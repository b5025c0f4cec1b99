import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { listTimeline, timelineEvent } from '../../src/db/queries/timeline'
import { activityEvents, tenants } from '../../src/db/schema'
import { newId } from '../../src/lib/ids'
import { testDb } from '../helpers/app'

const db = testDb()

async function newTenant(): Promise<string> {
  const id = newId()
  await db.insert(tenants).values({ id, name: 'Timeline test' })
  return id
}

// The error a rejected statement surfaces, whichever way drizzle wrapped it.
async function failure(run: () => Promise<unknown>): Promise<string> {
  try {
    await run()
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause
    return `${(err as Error).message} ${cause?.message ?? ''}`
  }
  return 'no error'
}

describe('activity_events', () => {
  it('refuses UPDATE, DELETE and TRUNCATE: history cannot be rewritten', async () => {
    const tenantId = await newTenant()
    const entityId = newId()
    await timelineEvent(db, tenantId, { entityType: 'account', entityId, eventType: 'created', actorUserId: null, payload: { name: 'Acme' } })
    expect(await failure(() => db.update(activityEvents).set({ payload: { name: 'Forged' } }).where(eq(activityEvents.entityId, entityId)))).toContain('append-only')
    expect(await failure(() => db.delete(activityEvents).where(eq(activityEvents.entityId, entityId)))).toContain('append-only')
    expect(await failure(() => db.execute(sql`truncate activity_events`))).toContain('append-only')
    const [row] = await db.select().from(activityEvents).where(eq(activityEvents.entityId, entityId))
    expect(row?.payload).toEqual({ name: 'Acme' })
  })

  it('goes away with its workspace, through the tenant cascade only', async () => {
    const tenantId = await newTenant()
    const entityId = newId()
    await timelineEvent(db, tenantId, { entityType: 'lead', entityId, eventType: 'created', actorUserId: null })
    await db.delete(tenants).where(eq(tenants.id, tenantId))
    expect(await db.select().from(activityEvents).where(eq(activityEvents.entityId, entityId))).toEqual([])
  })

  it('commits with the change it records or not at all (one batch)', async () => {
    const tenantId = await newTenant()
    const entityId = newId()
    // The second statement violates the entity_type check, so the batch must roll back whole.
    const bad = db.execute(sql`insert into activity_events (tenant_id, id, entity_type, entity_id, event_type) values (${tenantId}, ${newId()}, 'nonsense', ${entityId}, 'created')`)
    expect(await failure(() => db.batch([timelineEvent(db, tenantId, { entityType: 'contact', entityId, eventType: 'created', actorUserId: null }), bad]))).not.toBe('no error')
    expect(await db.select().from(activityEvents).where(eq(activityEvents.entityId, entityId))).toEqual([])
  })
})

describe('listTimeline', () => {
  it('pages newest first with no duplicates and no gaps, even within one millisecond', async () => {
    const tenantId = await newTenant()
    const entityId = newId()
    // 7 events in one batch share one transaction timestamp: only the id orders them.
    await db.batch([0, 1, 2, 3, 4, 5, 6].map((n) => timelineEvent(db, tenantId, { entityType: 'opportunity', entityId, eventType: 'updated', actorUserId: null, payload: { n } })) as [ReturnType<typeof timelineEvent>])
    await timelineEvent(db, tenantId, { entityType: 'opportunity', entityId, eventType: 'stage_changed', actorUserId: null, payload: { n: 7 } })
    const seen: unknown[] = []
    let before: Parameters<typeof listTimeline>[4]['before']
    for (let page = 0; page < 10; page++) {
      const { events, next } = await listTimeline(db, tenantId, 'opportunity', entityId, { limit: 3, before })
      seen.push(...events.map((e) => e.payload.n))
      if (!next) break
      before = next
    }
    expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1, 0])
  })

  it("never shows another workspace's events", async () => {
    const [a, b] = [await newTenant(), await newTenant()]
    const entityId = newId()
    await timelineEvent(db, a, { entityType: 'account', entityId, eventType: 'created', actorUserId: null })
    expect((await listTimeline(db, b, 'account', entityId, { limit: 10 })).events).toEqual([])
    expect((await listTimeline(db, a, 'account', entityId, { limit: 10 })).events).toHaveLength(1)
  })
})
