import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createAccount, getAccount, updateAccount } from '../../src/db/queries/accounts'
import { accounts } from '../../src/db/schema'
import { newId } from '../../src/lib/ids'
import { testDb } from '../helpers/app'
import { me, signUp } from '../helpers/auth'
import { eventsOf } from '../helpers/records'

const db = testDb()

describe('account changes and their timeline events', () => {
  it('commit together or not at all', async () => {
    const who = await me(await signUp())
    const tenantId = who.workspace.id
    const viewer = { userId: who.userId, role: who.role, visibility: 'all' as const }
    const id = await createAccount(db, tenantId, who.userId, { name: 'Atomic Ltd' }, [])
    // An owner from nowhere fails the membership foreign key inside the batch: the name change
    // in the same update, and its event, must not survive.
    await expect(updateAccount(db, tenantId, viewer, id, { name: 'Renamed', ownerId: newId() })).rejects.toThrow()
    expect((await getAccount(db, tenantId, viewer, id)).name).toBe('Atomic Ltd')
    expect((await eventsOf(tenantId, id)).map((e) => e.eventType)).toEqual(['created'])
    // A create that fails writes no event either.
    const before = (await db.select().from(accounts).where(eq(accounts.tenantId, tenantId))).length
    await expect(createAccount(db, tenantId, who.userId, { name: 'Ghost', ownerId: newId() }, ['x'])).rejects.toThrow()
    expect((await db.select().from(accounts).where(eq(accounts.tenantId, tenantId))).length).toBe(before)
  })

  it('lose a race cleanly: a stale update is a conflict and writes no event', async () => {
    const who = await me(await signUp())
    const tenantId = who.workspace.id
    const viewer = { userId: who.userId, role: who.role, visibility: 'all' as const }
    const id = await createAccount(db, tenantId, who.userId, { name: 'Race Inc' }, [])
    // Two editors read the same version; the second save must not overwrite the first blindly.
    const results = await Promise.allSettled([updateAccount(db, tenantId, viewer, id, { industry: 'A' }), updateAccount(db, tenantId, viewer, id, { industry: 'B' })])
    const events = (await eventsOf(tenantId, id)).filter((e) => e.eventType === 'updated')
    expect(events.length).toBe(results.filter((r) => r.status === 'fulfilled').length)
    for (const r of results) if (r.status === 'rejected') expect(String(r.reason)).toContain('changed this account')
  })
})
