import { and, eq } from 'drizzle-orm'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { memberships, users } from '../../src/db/schema'
import { digestKey } from '../../src/domain/jobs/digest'
import { testDb } from '../helpers/app'
import { addMember, signUp } from '../helpers/auth'
import { newAccount } from '../tasks/fixtures'
import { asMember, digestsFor, member, membershipOf, outboxFor, runTicks, seedTasks, tick, watchDigestSends } from './digest-fixtures'
import { deliver, deliverWithEmails } from './reminder-fixtures'

afterEach(() => vi.restoreAllMocks())

// Each test stands the cron's clock (the tick's scheduledTime) at chosen instants, since the claim
// decides by the tick's time and not the database clock. That is what lets a test walk a member
// through a DST change in a few seconds, deterministically.

// Walking days of quarter-hour ticks takes seconds, more on the server and when other test files'
// members share the database (every tick sweeps them too).
describe('daily digest: once per local day', { timeout: 90_000 }, () => {
  it('is claimed at the first tick at 07:00 local, once a day however many ticks run, and lists overdue and today', async () => {
    const sends = watchDigestSends()
    // 07:00 in Kolkata (UTC+05:30) is 01:30 UTC: the quarter-hour cron hits it on the dot.
    const m = await member({ zone: 'Asia/Kolkata' })
    const acme = await newAccount(m.browser, 'Acme <Corp>')
    const [overdue = '', today = '', tomorrow = ''] = await seedTasks(m, [
      { title: 'Chase the <b>invoice</b>', dueAt: '2026-06-09T10:00:00Z' },
      { title: 'Call Acme', dueAt: '2026-06-10T09:30:00Z', extra: { accountId: acme.id } },
      { title: 'Send the proposal', dueAt: '2026-06-11T09:30:00Z' },
    ])
    await seedTasks(m, [
      { title: 'Done already', dueAt: '2026-06-10T05:00:00Z', extra: { completedAt: new Date('2026-06-09T00:00:00Z'), completedBy: m.userId } },
      { title: 'Archived one', dueAt: '2026-06-10T05:00:00Z', extra: { archivedAt: new Date('2026-06-09T00:00:00Z') } },
      { title: 'Nobody’s', dueAt: '2026-06-10T05:00:00Z', extra: { assigneeId: null } },
      { title: 'Next week', dueAt: '2026-06-17T05:00:00Z' },
    ])
    // From 00:30 local on 10 June to 23:30 local on 11 June: 188 ticks.
    const claims = await runTicks('2026-06-09T19:00:00Z', '2026-06-11T18:00:00Z', [m])
    expect(claims).toEqual([
      { at: '2026-06-10T01:30:00.000Z', localDate: '2026-06-10', userId: m.userId },
      { at: '2026-06-11T01:30:00.000Z', localDate: '2026-06-11', userId: m.userId },
    ])
    const rows = await outboxFor(m)
    expect(rows.map((r) => [r.idempotencyKey, r.status, r.toAddress])).toEqual([
      [digestKey(m.tenantId, m.userId, '2026-06-10'), 'sent', m.email],
      [digestKey(m.tenantId, m.userId, '2026-06-11'), 'sent', m.email],
    ])
    expect(sends(m)).toBe(2)
    expect((await membershipOf(m))?.digestSentOn).toBe('2026-06-11')

    const [first, second] = rows
    expect(first?.subject).toBe('Your day in Digest & Co: 1 overdue, 1 due today')
    expect(first?.text).toContain('Here are your tasks in Digest & Co for Wednesday, 10 June 2026. Times are in Asia/Kolkata.')
    expect(first?.text).toContain(`Overdue (1)\n- Chase the <b>invoice</b> (was due Tue 9 Jun, 15:30)\n  http://localhost/tasks/${overdue}`)
    expect(first?.text).toContain(`Due today (1)\n- Call Acme (due 15:00)\n  Account: Acme <Corp>\n  http://localhost/tasks/${today}`)
    expect(first?.text).toContain('turn it off in your account settings:\nhttp://localhost/settings/account')
    for (const hidden of ['Send the proposal', 'Done already', 'Archived one', 'Nobody’s', 'Next week']) expect(first?.text).not.toContain(hidden)
    expect(first?.html).toContain(`<a href="http://localhost/tasks/${overdue}">Chase the &lt;b&gt;invoice&lt;/b&gt;</a>`)
    expect(first?.html).toContain(`<a href="http://localhost/accounts/${acme.id}">Acme &lt;Corp&gt;</a>`)
    expect(first?.html).toContain('href="http://localhost/settings/account"')
    expect(first?.html).toContain('Digest &amp; Co')
    expect(first?.html).not.toContain('<b>invoice')
    // The next day yesterday's task is overdue and tomorrow's is today's.
    expect(second?.subject).toBe('Your day in Digest & Co: 2 overdue, 1 due today')
    expect(second?.text).toContain(`Due today (1)\n- Send the proposal (due 15:00)\n  http://localhost/tasks/${tomorrow}`)
  })

  it('America/New_York across the end of DST (1 Nov 2026): one digest per local day, at 07:00 EDT and then 07:00 EST', async () => {
    const m = await member({ zone: 'America/New_York' })
    await seedTasks(m, [
      // 23:30 EDT on Saturday 31 Oct.
      { title: 'Saturday late', dueAt: '2026-11-01T03:30:00Z' },
      // 23:30 EST on Sunday 1 Nov: inside that 25-hour day, which ends at 05:00 UTC (a UTC day would say 2 Nov).
      { title: 'Sunday late', dueAt: '2026-11-02T04:30:00Z' },
      // Noon EST on Monday 2 Nov.
      { title: 'Monday noon', dueAt: '2026-11-02T17:00:00Z' },
    ])
    // Midnight EDT on Saturday to midnight EST on Tuesday: 292 ticks.
    const claims = await runTicks('2026-10-31T04:00:00Z', '2026-11-03T05:00:00Z', [m])
    expect(claims.map((c) => [c.at, c.localDate])).toEqual([
      ['2026-10-31T11:00:00.000Z', '2026-10-31'],
      ['2026-11-01T12:00:00.000Z', '2026-11-01'],
      ['2026-11-02T12:00:00.000Z', '2026-11-02'],
    ])
    const [sat, sun, mon] = await outboxFor(m)
    expect(sat?.text).toContain('Due today (1)\n- Saturday late (due 23:30)')
    expect(sat?.text).not.toContain('Sunday late')
    expect(sun?.subject).toBe('Your day in Digest & Co: 1 overdue, 1 due today')
    expect(sun?.text).toContain('Overdue (1)\n- Saturday late (was due Sat 31 Oct, 23:30)')
    expect(sun?.text).toContain('Due today (1)\n- Sunday late (due 23:30)')
    expect(mon?.text).toContain('Due today (1)\n- Monday noon (due 12:00)')
    expect(mon?.subject).toBe('Your day in Digest & Co: 2 overdue, 1 due today')
  })

  it('Europe/Berlin (the workspace zone) across the start of DST (29 Mar 2026): 07:00 CET, then 07:00 CEST; an empty day is marked, not mailed', async () => {
    const sends = watchDigestSends()
    const m = await member({ workspaceZone: 'Europe/Berlin' })
    await seedTasks(m, [
      // 00:30 CET and 23:30 CEST on Sunday 29 Mar, a 23-hour day from 23:00 to 22:00 UTC.
      { title: 'Sunday early', dueAt: '2026-03-28T23:30:00Z' },
      { title: 'Sunday late', dueAt: '2026-03-29T21:30:00Z' },
      // 00:30 CEST on Monday 30 Mar (a UTC day would say Sunday).
      { title: 'Monday early', dueAt: '2026-03-29T22:30:00Z' },
    ])
    const claims = await runTicks('2026-03-27T23:00:00Z', '2026-03-30T22:00:00Z', [m])
    // Saturday is claimed once and, with nothing due, only marked: it is not claimed again.
    expect(claims.map((c) => [c.at, c.localDate])).toEqual([
      ['2026-03-28T06:00:00.000Z', '2026-03-28'],
      ['2026-03-29T05:00:00.000Z', '2026-03-29'],
      ['2026-03-30T05:00:00.000Z', '2026-03-30'],
    ])
    const rows = await outboxFor(m)
    expect(rows.map((r) => r.idempotencyKey)).toEqual([digestKey(m.tenantId, m.userId, '2026-03-29'), digestKey(m.tenantId, m.userId, '2026-03-30')])
    expect(sends(m)).toBe(2)
    expect(rows[0]?.text).toContain('Times are in Europe/Berlin.')
    expect(rows[0]?.text).toContain('Due today (2)\n- Sunday early (due 00:30)')
    expect(rows[0]?.text).toContain('- Sunday late (due 23:30)')
    expect(rows[0]?.text).not.toContain('Monday early')
    expect(rows[1]?.text).toContain('Due today (1)\n- Monday early (due 00:30)')
  })

  it('a user zone set in settings overrides the workspace zone set in settings', async () => {
    const admin = await signUp({ workspace: 'Zones' })
    const saved = await admin.post('/settings/workspace', { name: 'Zones', recordVisibility: 'all', defaultCountry: 'US', defaultCurrency: 'USD', timezone: 'Asia/Tokyo' })
    expect(saved.status).toBe(303)
    const rep = await addMember(admin, 'rep')
    expect((await rep.post('/settings/account/digest', { timezone: 'America/Los_Angeles', digestEnabled: 'on' })).status).toBe(303)
    const [a, r] = [await asMember(admin), await asMember(rep)]
    // 13:00 in Los Angeles on 10 June; 05:00 in Tokyo on 11 June.
    await seedTasks(a, [{ title: 'Admin task', dueAt: '2026-06-10T20:00:00Z' }])
    await seedTasks(r, [{ title: 'Rep task', dueAt: '2026-06-10T20:00:00Z' }])
    const at = async (time: string) => digestsFor(await tick(time), [a, r]).map((d) => [d.userId === a.userId ? 'admin' : 'rep', d.localDate])
    // 22:45 in Tokyo and 06:45 in Los Angeles: only the admin, for 10 June (nothing due that day).
    expect(await at('2026-06-10T13:45:00Z')).toEqual([['admin', '2026-06-10']])
    const [repDigest] = digestsFor(await tick('2026-06-10T14:00:00Z'), [r])
    expect(repDigest?.localDate).toBe('2026-06-10')
    await deliverWithEmails(repDigest ? [repDigest] : [])
    // 07:00 on 11 June in Tokyo.
    expect(await at('2026-06-10T22:00:00Z')).toEqual([['admin', '2026-06-11']])
    const [mail] = await outboxFor(r)
    expect(mail?.text).toContain('Times are in America/Los Angeles.')
    expect(mail?.text).toContain('- Rep task (due 13:00)')
  })

  it('catches up after an outage: the first tick after 07:00 sends the day’s digest; a missed day is not sent late', async () => {
    const m = await member()
    await seedTasks(m, [{ title: 'Due Monday', dueAt: '2026-06-15T15:00:00Z' }, { title: 'Due Tuesday', dueAt: '2026-06-16T15:00:00Z' }])
    // Cron down from before 07:00 on Monday until 10:15 on Tuesday.
    const [late] = digestsFor(await tick('2026-06-16T10:15:00Z'), [m])
    expect(late?.localDate).toBe('2026-06-16')
    await deliverWithEmails(late ? [late] : [])
    expect((await outboxFor(m)).map((r) => r.idempotencyKey)).toEqual([digestKey(m.tenantId, m.userId, '2026-06-16')])
  })
})

describe('daily digest: when nothing is sent', () => {
  it('with nothing due, sends no email but marks the day, so the member is not claimed again that day', async () => {
    const m = await member()
    await seedTasks(m, [{ title: 'Next week', dueAt: '2026-06-17T12:00:00Z' }])
    const messages = digestsFor(await tick('2026-06-10T07:00:00Z'), [m])
    expect(messages).toHaveLength(1)
    const { reminders: digests, emails } = await deliverWithEmails(messages)
    expect(digests.explicitAcks).toEqual(['m0'])
    expect(emails).toBeNull()
    expect(await outboxFor(m)).toEqual([])
    expect((await membershipOf(m))?.digestSentOn).toBe('2026-06-10')
    expect(digestsFor(await tick('2026-06-10T08:00:00Z'), [m])).toEqual([])
    expect(digestsFor(await tick('2026-06-10T23:45:00Z'), [m])).toEqual([])
  })

  it('an opted-out member is not claimed, and a member who opts out after the claim gets nothing', async () => {
    const out = await member()
    const late = await member()
    await seedTasks(out, [{ title: 'Today', dueAt: '2026-06-10T12:00:00Z' }])
    await seedTasks(late, [{ title: 'Today', dueAt: '2026-06-10T12:00:00Z' }])
    expect((await out.browser.post('/settings/account/digest', { timezone: '' })).status).toBe(303)
    const messages = digestsFor(await tick('2026-06-10T07:00:00Z'), [out, late])
    expect(messages.map((d) => d.userId)).toEqual([late.userId])
    expect((await late.browser.post('/settings/account/digest', { timezone: '' })).status).toBe(303)
    const { emails } = await deliverWithEmails(messages)
    expect(emails).toBeNull()
    expect(await outboxFor(late)).toEqual([])
    expect(await outboxFor(out)).toEqual([])
  })

  it('a deactivated member is not claimed, and a claim in flight when they are deactivated sends nothing', async () => {
    const admin = await signUp()
    const repA = await asMember(await addMember(admin, 'rep', 'Rep A'))
    const repB = await asMember(await addMember(admin, 'rep', 'Rep B'))
    await seedTasks(repA, [{ title: 'Today', dueAt: '2026-06-10T12:00:00Z' }])
    await seedTasks(repB, [{ title: 'Today', dueAt: '2026-06-10T12:00:00Z' }])
    expect((await admin.post(`/settings/users/${repA.userId}/deactivate`, {})).status).toBe(303)
    const messages = digestsFor(await tick('2026-06-10T07:00:00Z'), [repA, repB])
    expect(messages.map((d) => d.userId)).toEqual([repB.userId])
    expect((await admin.post(`/settings/users/${repB.userId}/deactivate`, {})).status).toBe(303)
    await deliverWithEmails(messages)
    expect(await outboxFor(repA)).toEqual([])
    expect(await outboxFor(repB)).toEqual([])
  })
})

describe('daily digest: exactly once', () => {
  // On the PostgreSQL server (TEST_DATABASE_URL) the two runs' claims really overlap; on PGlite
  // the local endpoint runs one statement at a time and this checks the bookkeeping only.
  it('two overlapping cron runs claim each member once (600 members, over two claim batches)', async () => {
    const owner = await member()
    const db = testDb()
    const people = Array.from({ length: 600 }, (_, i) => ({ id: crypto.randomUUID(), email: `digest-${owner.tenantId.slice(0, 8)}-${i}@example.test`, name: `Member ${i}`, passwordHash: 'not-a-login' }))
    await db.insert(users).values(people)
    await db.insert(memberships).values(people.map((p) => ({ tenantId: owner.tenantId, userId: p.id, role: 'rep' as const })))
    const everyone = [owner, ...people.map((p) => ({ tenantId: owner.tenantId, userId: p.id }))]
    try {
      const [a = [], b = []] = await Promise.all([tick('2026-06-10T07:00:00Z'), tick('2026-06-10T07:00:00Z')])
      const claimed = [...digestsFor(a, everyone), ...digestsFor(b, everyone)].map((d) => d.userId)
      expect(claimed).toHaveLength(everyone.length)
      expect(new Set(claimed).size).toBe(everyone.length)
    } finally {
      // Later tests' ticks sweep the whole database; these members would only slow them down.
      await db.update(memberships).set({ digestEnabled: false }).where(eq(memberships.tenantId, owner.tenantId))
    }
  })

  it('the same message delivered 1 to 5 times, and a second claim after the lease, give one email', async () => {
    const sends = watchDigestSends()
    const members = [await member(), await member(), await member(), await member(), await member()]
    for (const m of members) await seedTasks(m, [{ title: 'Today', dueAt: '2026-06-10T12:00:00Z' }])
    const messages = digestsFor(await tick('2026-06-10T07:00:00Z'), members)
    expect(messages).toHaveLength(5)
    for (const [n, msg] of messages.entries()) {
      for (let attempt = 1; attempt <= n + 1; attempt++) {
        const { reminders: digests, emails } = await deliverWithEmails([msg], attempt)
        expect(digests.explicitAcks).toEqual(['m0'])
        expect(emails?.explicitAcks ?? ['m0']).toEqual(['m0'])
      }
    }
    // Exactly-once does not rest on the day's mark alone: with it gone and the lease lapsed, the
    // member is claimed again, and the second message meets the outbox key.
    const [first] = members
    if (!first) throw new Error('no member')
    await testDb()
      .update(memberships)
      .set({ digestSentOn: null, digestClaimedAt: null })
      .where(and(eq(memberships.tenantId, first.tenantId), eq(memberships.userId, first.userId)))
    const again = digestsFor(await tick('2026-06-10T08:00:00Z'), [first])
    expect(again).toHaveLength(1)
    await deliverWithEmails(again)
    for (const m of members) {
      expect(await outboxFor(m)).toHaveLength(1)
      expect(sends(m)).toBe(1)
    }
  })

  it('a fault between writing the outbox and acking: the redelivery sends the digest once', async () => {
    const sends = watchDigestSends()
    const m = await member()
    await seedTasks(m, [{ title: 'Today', dueAt: '2026-06-10T12:00:00Z' }])
    const messages = digestsFor(await tick('2026-06-10T07:00:00Z'), [m])
    const failed = await deliver(messages, { failSend: true })
    expect(failed.retryMessages).toEqual([{ msgId: 'm0' }])
    expect(await outboxFor(m)).toMatchObject([{ status: 'queued' }])
    expect((await membershipOf(m))?.digestSentOn).toBe('2026-06-10')
    await deliverWithEmails(messages, 2)
    await deliverWithEmails(messages, 3)
    expect(await outboxFor(m)).toMatchObject([{ status: 'sent', attempts: 1 }])
    expect(sends(m)).toBe(1)
  })
})

describe('daily digest: tenancy', () => {
  it('a member of two workspaces gets one digest per workspace, each with only that workspace’s tasks', async () => {
    const browser = await signUp({ workspace: 'First' })
    const first = await asMember(browser)
    const rep = await asMember(await addMember(browser, 'rep'))
    expect((await browser.post('/workspaces', { workspace: 'Second' })).status).toBe(303)
    const second = await asMember(browser)
    expect(second.tenantId).not.toBe(first.tenantId)
    await seedTasks(first, [{ title: 'Task in First', dueAt: '2026-06-10T12:00:00Z' }])
    await seedTasks(rep, [{ title: 'The rep’s task', dueAt: '2026-06-10T12:00:00Z' }])
    await seedTasks(second, [{ title: 'Task in Second', dueAt: '2026-06-10T12:00:00Z' }])
    const messages = digestsFor(await tick('2026-06-10T07:00:00Z'), [first, second])
    expect(messages.map((d) => d.tenantId).sort()).toEqual([first.tenantId, second.tenantId].sort())
    await deliverWithEmails(messages)
    const [one] = await outboxFor(first)
    const [two] = await outboxFor(second)
    expect(one).toMatchObject({ tenantId: first.tenantId, subject: 'Your day in First: 1 due today' })
    expect(one?.text).toContain('Task in First')
    expect(one?.text).not.toContain('Task in Second')
    expect(one?.text).not.toContain('The rep’s task')
    expect(two).toMatchObject({ tenantId: second.tenantId, subject: 'Your day in Second: 1 due today' })
    expect(two?.text).not.toContain('Task in First')
  })

  it('a message naming a workspace the user is not a member of sends nothing', async () => {
    const insider = await member()
    const outsider = await member()
    await seedTasks(insider, [{ title: 'Today', dueAt: '2026-06-10T12:00:00Z' }])
    const forged = { type: 'digest' as const, key: digestKey(insider.tenantId, outsider.userId, '2026-06-10'), tenantId: insider.tenantId, userId: outsider.userId, localDate: '2026-06-10' }
    const { reminders: digests, emails } = await deliverWithEmails([forged])
    expect(digests.explicitAcks).toEqual(['m0'])
    expect(emails).toBeNull()
    expect(await outboxFor({ tenantId: insider.tenantId, userId: outsider.userId })).toEqual([])
  })
})
