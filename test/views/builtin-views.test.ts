import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { accounts, leads } from '../../src/db/schema'
import { testDb } from '../helpers/app'
import { addMember, me, signUp, type Browser } from '../helpers/auth'
import { api, created } from '../helpers/records'

// Each built-in view on a workspace of records placed just inside and just outside its edges:
// exactly the right records, for the person who opens it.

const db = testDb()
const DAY = 86_400_000
const daysAgo = (n: number) => new Date(Date.now() - n * DAY)
const isoDay = (d: Date) => d.toISOString().slice(0, 10)

// This calendar quarter in UTC: its first day, its last day, and the first day of the next.
function quarter() {
  const now = new Date()
  const q = now.getUTCMonth() - (now.getUTCMonth() % 3)
  const day = (m: number, d: number) => isoDay(new Date(Date.UTC(now.getUTCFullYear(), m, d)))
  return { first: day(q, 1), last: day(q + 3, 0), next: day(q + 3, 1), before: day(q, 0) }
}

type View = { id: string; builtinKey: string | null }
let admin: Browser
let rep: Browser
let tenantId: string
let views: Record<string, string>

const recordsOf = async (who: Browser, key: string) => {
  const res = await api<{ data: { id: string }[]; nextCursor: string | null }>(who, 'GET', `/views/${views[key]}/records?limit=200`)
  expect(res.status).toBe(200)
  return res.body.data.map((r) => r.id).sort()
}

beforeAll(async () => {
  admin = await signUp({ workspace: 'Built-in views' })
  rep = await addMember(admin, 'rep')
  tenantId = (await me(admin)).workspace.id
  const list = await api<{ data: View[] }>(admin, 'GET', '/views')
  views = Object.fromEntries(list.body.data.filter((v) => v.builtinKey).map((v) => [v.builtinKey, v.id]))
})

describe('built-in views', () => {
  it('"My open leads": new, contacted and qualified leads owned by whoever opens it', async () => {
    const lead = async (who: Browser, name: string, status: string, archived = false) => {
      const { id } = await created<{ id: string }>(who, '/leads', { lastName: name })
      await db
        .update(leads)
        .set({ status: status as 'new', archivedAt: archived ? new Date() : null })
        .where(and(eq(leads.tenantId, tenantId), eq(leads.id, id)))
      return id
    }
    const mine = [await lead(admin, 'New', 'new'), await lead(admin, 'Contacted', 'contacted'), await lead(admin, 'Qualified', 'qualified')]
    await lead(admin, 'Unqualified', 'unqualified')
    await lead(admin, 'Archived', 'new', true)
    const repsOwn = await lead(rep, 'Rep lead', 'contacted')
    expect(await recordsOf(admin, 'my-open-leads')).toEqual(mine.sort())
    expect(await recordsOf(rep, 'my-open-leads')).toEqual([repsOwn])
  })

  it('"Inactive customers": customer accounts with no activity in the last 30 days, never contacted included', async () => {
    const account = async (name: string, status: string, lastContactedAt: Date | null, archived = false) => {
      const { id } = await created<{ id: string }>(admin, '/accounts', { name, status })
      await db
        .update(accounts)
        .set({ lastContactedAt, archivedAt: archived ? new Date() : null })
        .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, id)))
      return id
    }
    const inactive = [await account('Quiet customer', 'customer', daysAgo(31)), await account('Never contacted', 'customer', null)]
    await account('Recent customer', 'customer', daysAgo(29))
    await account('Old prospect', 'prospect', daysAgo(90))
    await account('Churned', 'churned', daysAgo(90))
    await account('Archived customer', 'customer', daysAgo(90), true)
    // A call logged today with one of its people makes an account active again.
    const revived = await account('Revived customer', 'customer', daysAgo(60))
    const person = await created<{ id: string }>(admin, '/contacts', { firstName: 'Pat', accountId: revived })
    expect((await api(admin, 'POST', '/activities', { type: 'call', outcome: 'connected', subject: 'Catch-up', relatedType: 'contact', relatedId: person.id })).status).toBe(201)
    expect(await recordsOf(admin, 'inactive-customers')).toEqual(inactive.sort())
  })

  it('"High-value deals closing this quarter": open deals above 50,000 with a close date in this quarter', async () => {
    const q = quarter()
    const deal = async (name: string, amount: string | null, closeDate: string | null, status = 'open') =>
      (await created<{ id: string }>(admin, '/opportunities', { name, amount, closeDate, status, ...(status === 'lost' ? { lostReason: 'Budget' } : {}) })).id
    const expected = [await deal('First day', '60000', q.first), await deal('Last day', '50000.01', q.last), await deal('Big one', '250000', q.first)]
    await deal('At the threshold', '50000', q.last)
    await deal('Next quarter', '90000', q.next)
    await deal('Last quarter', '90000', q.before)
    await deal('Undated', '90000', null)
    await deal('No amount', null, q.first)
    await deal('Won already', '90000', q.first, 'won')
    await deal('Lost', '90000', q.first, 'lost')
    expect(await recordsOf(admin, 'high-value-closing-this-quarter')).toEqual(expected.sort())
  })

  it('keeps the threshold in the view: a manager raising it changes what the view holds', async () => {
    const q = quarter()
    const manager = await addMember(admin, 'manager')
    const mid = (await created<{ id: string }>(admin, '/opportunities', { name: 'Mid', amount: '70000', closeDate: q.first })).id
    expect(await recordsOf(manager, 'high-value-closing-this-quarter')).toContain(mid)
    const view = await api<{ filter: { and: { field: string; value?: unknown }[] } }>(manager, 'GET', `/views/${views['high-value-closing-this-quarter']}`)
    const filter = { and: view.body.filter.and.map((c) => (c.field === 'amount' ? { ...c, value: 100000 } : c)) }
    expect((await api(manager, 'PATCH', `/views/${views['high-value-closing-this-quarter']}`, { filter })).status).toBe(200)
    expect(await recordsOf(manager, 'high-value-closing-this-quarter')).not.toContain(mid)
  })
})
