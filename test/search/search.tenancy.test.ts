import { and, eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { searchTerms, tenants } from '../../src/db/schema'
import { testDb } from '../helpers/app'
import { me, signUp, type Browser } from '../helpers/auth'
import { api, created } from '../helpers/records'

// The typo dictionary (search_terms) is per workspace: a search is corrected only with words of the
// searcher's own workspace, and a workspace's words go with it.

const db = testDb()

const find = async (who: Browser, q: string) => {
  const res = await api<{ data: { id: string }[] }>(who, 'GET', `/search?q=${encodeURIComponent(q)}`)
  expect(res.status).toBe(200)
  return res.body.data.map((h) => h.id).sort()
}
const tenantsOf = async (term: string, among: string[]) =>
  (await db.select({ tenantId: searchTerms.tenantId }).from(searchTerms).where(and(eq(searchTerms.term, term), inArray(searchTerms.tenantId, among)))).map((r) => r.tenantId).sort()

describe('search typo dictionary tenancy', () => {
  it("corrects a typo only to words of the searcher's own workspace", async () => {
    const a = await signUp({ workspace: 'A' })
    const b = await signUp({ workspace: 'B' })
    // In A the word is only in an email address, which the records' search vectors hold but the
    // dictionary (record names) does not; in B it is a name.
    const bob = await created<{ id: string }>(a, '/contacts', { firstName: 'Bob', lastName: 'Jones', email: 'zygmunt@mail.example' })
    const theirs = await created<{ id: string }>(b, '/contacts', { firstName: 'Zygmunt', lastName: 'Nowak' })

    expect(await find(a, 'zygmunt')).toEqual([bob.id])
    expect(await find(b, 'zygmnut')).toEqual([theirs.id])
    // B's "zygmunt" must not correct A's typo (it would find Bob through his email).
    expect(await find(a, 'zygmnut')).toEqual([])

    const ours = await created<{ id: string }>(a, '/contacts', { firstName: 'Zygmunt', lastName: 'Kowalski' })
    expect(await find(a, 'zygmnut')).toEqual([bob.id, ours.id].sort())
  })

  it("files every record name's words under the record's workspace, and drops them with it", async () => {
    const a = await signUp({ workspace: 'A' })
    const b = await signUp({ workspace: 'B' })
    const [idA, idB] = [(await me(a)).workspace.id, (await me(b)).workspace.id]
    const both = [idA, idB]
    const contact = await created<{ id: string }>(b, '/contacts', { firstName: 'Wojciech', lastName: 'Przybylski' })
    await created(b, '/accounts', { name: 'Quaxford Mills' })
    await created(b, '/leads', { firstName: 'Ottoline', lastName: 'Brandauer', companyName: 'Vellichor Ltd' })
    await created(a, '/accounts', { name: 'Quaxford Mills' })

    for (const word of ['wojciech', 'przybylski', 'vellichor', 'ottoline', 'brandauer']) expect(await tenantsOf(word, both), word).toEqual([idB])
    expect(await tenantsOf('quaxford', both)).toEqual([...both].sort())
    // Words of a renamed record join the dictionary too.
    expect((await api(b, 'PATCH', `/contacts/${contact.id}`, { lastName: 'Szczepański' })).status).toBe(200)
    expect(await tenantsOf('szczepański', both)).toEqual([idB])

    await db.delete(tenants).where(eq(tenants.id, idB))
    expect(await db.select().from(searchTerms).where(eq(searchTerms.tenantId, idB))).toEqual([])
    expect(await tenantsOf('quaxford', both)).toEqual([idA])
  })
})
