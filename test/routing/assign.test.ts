import { and, eq, like } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { assignRoutedOwner } from '../../src/db/queries/routing'
import { leads, memberships, outbox } from '../../src/db/schema'
import type { RoutingRule } from '../../src/domain/routing/rules'
import { notifyLeadOwner } from '../../src/lib/leads/notify-owner'
import { testDb, testEnv } from '../helpers/app'
import { addMember, me, signUp, type Browser } from '../helpers/auth'
import { keepingQueue } from '../helpers/emails'
import { api, created, eventsOf } from '../helpers/records'

const db = testDb()
// The connection string the test harness gives PGlite runs (test/node/harness/test-backend.ts).
const onServer = testEnv.DATABASE_URL !== 'postgres://crm:crm@localhost:5432/crm'

// A workspace with an admin and reps named as given.
async function workspace(...names: string[]) {
  const admin = await signUp({ name: 'Ada Admin' })
  const { userId: adminId, workspace: ws } = await me(admin)
  const people: Record<string, string> = {}
  for (const name of names) people[name] = (await me(await addMember(admin, 'rep', name))).userId
  return { admin, adminId, tenantId: ws.id, people }
}

// An unowned lead, inserted as capture would have made it.
async function newLead(tenantId: string, values: Partial<typeof leads.$inferInsert> = {}) {
  const [row] = await db
    .insert(leads)
    .values({ tenantId, firstName: 'Lee', lastName: `Lead ${crypto.randomUUID().slice(0, 6)}`, ...values })
    .returning({ id: leads.id })
  return row?.id ?? ''
}

const ownerOf = async (tenantId: string, id: string) => (await db.select({ ownerId: leads.ownerId }).from(leads).where(and(eq(leads.tenantId, tenantId), eq(leads.id, id))))[0]?.ownerId
const rule = (who: Browser, body: Record<string, unknown>) => created<RoutingRule>(who, '/routing-rules', body)
const setDefault = async (who: Browser, userId: string | null) => expect((await api(who, 'PUT', '/routing/default-owner', { userId })).status).toBe(200)
const deactivate = (tenantId: string, userId: string) => db.update(memberships).set({ deactivatedAt: new Date() }).where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)))

// Routes n new leads one after another and returns their owners' names.
async function routeInTurn(tenantId: string, people: Record<string, string>, n: number) {
  const byId = Object.fromEntries(Object.entries(people).map(([name, id]) => [id, name]))
  const owners: string[] = []
  for (let i = 0; i < n; i++) owners.push(byId[(await assignRoutedOwner(db, tenantId, await newLead(tenantId), {})) ?? ''] ?? 'nobody')
  return owners
}

describe('assignRoutedOwner', () => {
  it('routes by the first matching rule, else to the default owner, else to nobody', async () => {
    const { admin, tenantId, people } = await workspace('Dana', 'Evan')
    await rule(admin, { name: 'Germany', conditions: [{ field: 'country', op: 'equals', value: 'DE' }], action: 'assign', assignees: [{ userId: people.Dana }] })
    await rule(admin, { name: 'Big UK', conditions: [{ field: 'country', op: 'in', value: ['GB', 'IE'] }, { field: 'companySize', op: 'between', min: 200, max: null }], action: 'assign', assignees: [{ userId: people.Evan }] })

    const german = await newLead(tenantId, { country: 'DE' })
    expect(await assignRoutedOwner(db, tenantId, german, { country: 'de' })).toBe(people.Dana)
    expect(await ownerOf(tenantId, german)).toBe(people.Dana)
    expect((await eventsOf(tenantId, german)).map((e) => [e.eventType, e.actorUserId, e.payload])).toEqual([['owner_changed', null, { changes: { ownerId: { from: null, to: people.Dana } }, routingRule: 'Germany' }]])
    expect(await assignRoutedOwner(db, tenantId, await newLead(tenantId), { country: 'GB', companySize: '201-1000' })).toBe(people.Evan)

    const smallUk = await newLead(tenantId)
    expect(await assignRoutedOwner(db, tenantId, smallUk, { country: 'GB', companySize: '11-50' })).toBeNull()
    expect(await ownerOf(tenantId, smallUk)).toBeNull()
    expect(await eventsOf(tenantId, smallUk)).toEqual([])

    await setDefault(admin, people.Evan ?? null)
    const french = await newLead(tenantId)
    expect(await assignRoutedOwner(db, tenantId, french, { country: 'FR' })).toBe(people.Evan)
    expect((await eventsOf(tenantId, french))[0]?.payload).toMatchObject({ routingRule: null })
    // The lead's history says who did it.
    const page = await (await admin.get(`/leads/${french}/timeline`, { 'HX-Request': 'true' })).text()
    expect(page).toContain('Lead routing (default owner) changed Owner from — to Evan')
  })

  it('takes round-robin turns in order, by weight, one per lead', async () => {
    const { admin, tenantId, people } = await workspace('Dana', 'Evan', 'Fay')
    await rule(admin, { name: 'Everyone', action: 'round_robin', assignees: [{ userId: people.Dana, weight: 1 }, { userId: people.Evan, weight: 2 }, { userId: people.Fay }] })
    expect(await routeInTurn(tenantId, people, 8)).toEqual(['Dana', 'Evan', 'Evan', 'Fay', 'Dana', 'Evan', 'Evan', 'Fay'])
  })

  it('skips people who have left: an assign rule falls to the default owner, round robin to those still here', async () => {
    const { admin, tenantId, people } = await workspace('Dana', 'Evan', 'Fay')
    const de = await rule(admin, { name: 'Germany', conditions: [{ field: 'country', op: 'equals', value: 'DE' }], action: 'assign', assignees: [{ userId: people.Fay }] })
    await rule(admin, { name: 'Rest', action: 'round_robin', assignees: [{ userId: people.Dana }, { userId: people.Fay }, { userId: people.Evan }] })
    await setDefault(admin, people.Dana ?? null)
    await deactivate(tenantId, people.Fay ?? '')
    expect(await assignRoutedOwner(db, tenantId, await newLead(tenantId), { country: 'DE' })).toBe(people.Dana)
    expect(await routeInTurn(tenantId, people, 4)).toEqual(['Dana', 'Evan', 'Dana', 'Evan'])
    // A rule that is off is passed over.
    expect((await api(admin, 'PATCH', `/routing-rules/${de.id}`, { enabled: false })).status).toBe(200)
    await deactivate(tenantId, people.Dana ?? '')
    expect(await assignRoutedOwner(db, tenantId, await newLead(tenantId), { country: 'DE' })).toBe(people.Evan)
  })

  it('leaves a lead that already has an owner alone, and takes no turn for it', async () => {
    const { admin, tenantId, people } = await workspace('Dana', 'Evan')
    await rule(admin, { name: 'Pair', action: 'round_robin', assignees: [{ userId: people.Dana }, { userId: people.Evan }] })
    const owned = await newLead(tenantId, { ownerId: people.Evan })
    expect(await assignRoutedOwner(db, tenantId, owned, {})).toBeNull()
    expect(await ownerOf(tenantId, owned)).toBe(people.Evan)
    expect(await assignRoutedOwner(db, tenantId, crypto.randomUUID(), {})).toBeNull()
    expect(await routeInTurn(tenantId, people, 2)).toEqual(['Dana', 'Evan'])
  })

  it('a preview names who is next without taking the turn', async () => {
    const { admin, tenantId, people } = await workspace('Dana', 'Evan')
    const pair = await rule(admin, { name: 'Pair', action: 'round_robin', assignees: [{ userId: people.Dana }, { userId: people.Evan }] })
    for (let i = 0; i < 3; i++) expect((await api(admin, 'POST', '/routing/preview', { country: 'DE' })).body).toEqual({ ruleId: pair.id, ruleName: 'Pair', ownerId: people.Dana })
    expect(await routeInTurn(tenantId, people, 1)).toEqual(['Dana'])
    expect((await api(admin, 'POST', '/routing/preview', {})).body).toMatchObject({ ownerId: people.Evan })
    expect(await routeInTurn(tenantId, people, 1)).toEqual(['Evan'])
  })

  // 40 leads at once on a 4-person rule: the counter's UPDATE ... RETURNING hands out 40 distinct
  // turns, so each person gets exactly 10. Only the server runs these truly in parallel.
  it.skipIf(!onServer)('spreads 40 concurrent new leads evenly across 4 round-robin people', async () => {
    const { admin, tenantId, people } = await workspace('Dana', 'Evan', 'Fay', 'Gus')
    await rule(admin, { name: 'Four', action: 'round_robin', assignees: Object.values(people).map((userId) => ({ userId })) })
    const ids: string[] = []
    for (let i = 0; i < 40; i++) ids.push(await newLead(tenantId))
    const owners = await Promise.all(ids.map((id) => assignRoutedOwner(testDb(), tenantId, id, {})))
    const counts = Object.fromEntries(Object.entries(people).map(([name, id]) => [name, owners.filter((o) => o === id).length]))
    expect(counts).toEqual({ Dana: 10, Evan: 10, Fay: 10, Gus: 10 })
    const stored = await Promise.all(ids.map((id) => ownerOf(tenantId, id)))
    expect(stored).toEqual(owners)
  })
})

describe('notifyLeadOwner', () => {
  it('emails the owner once through the outbox, however often it is called', async () => {
    const { tenantId, adminId, people } = await workspace('Dana')
    const lead = await newLead(tenantId, { firstName: 'Mia', lastName: 'Müller', companyName: 'Acme GmbH', email: 'mia@acme.example', source: 'Website', ownerId: people.Dana })
    const queue = keepingQueue()
    const env = { ...testEnv, JOBS: queue.jobs }
    await notifyLeadOwner(env, db, tenantId, { leadId: lead, ownerId: people.Dana ?? '', actorUserId: null })
    await notifyLeadOwner(env, db, tenantId, { leadId: lead, ownerId: people.Dana ?? '', actorUserId: adminId })
    const rows = await db.select().from(outbox).where(like(outbox.idempotencyKey, `new-lead:${lead}:%`))
    expect(rows).toHaveLength(1)
    const [mail] = rows
    expect(mail?.idempotencyKey).toBe(`new-lead:${lead}:${people.Dana}`)
    expect(mail?.subject).toBe('New lead for you: Mia Müller (Acme GmbH)')
    expect(mail?.text).toContain('Hi Dana,')
    expect(mail?.text).toContain('Email: mia@acme.example')
    expect(mail?.text).toContain('Source: Website')
    expect(mail?.text).toContain(`http://localhost/leads/${lead}`)
    expect(mail?.html).toContain('Acme GmbH')
    expect(queue.sent).toEqual([
      { type: 'send-email', key: `new-lead:${lead}:${people.Dana}`, outboxId: mail?.id },
      { type: 'send-email', key: `new-lead:${lead}:${people.Dana}`, outboxId: mail?.id },
    ])
  })

  it('sends nothing to whoever created the lead for themselves, or to an owner who has left', async () => {
    const { tenantId, adminId, people } = await workspace('Dana')
    const queue = keepingQueue()
    const env = { ...testEnv, JOBS: queue.jobs }
    const mine = await newLead(tenantId, { ownerId: adminId })
    await notifyLeadOwner(env, db, tenantId, { leadId: mine, ownerId: adminId, actorUserId: adminId })
    const danas = await newLead(tenantId, { ownerId: people.Dana })
    await deactivate(tenantId, people.Dana ?? '')
    await notifyLeadOwner(env, db, tenantId, { leadId: danas, ownerId: people.Dana ?? '', actorUserId: null })
    expect(await db.select().from(outbox).where(like(outbox.idempotencyKey, `new-lead:${mine}:%`))).toEqual([])
    expect(await db.select().from(outbox).where(like(outbox.idempotencyKey, `new-lead:${danas}:%`))).toEqual([])
    expect(queue.sent).toEqual([])
  })
})
