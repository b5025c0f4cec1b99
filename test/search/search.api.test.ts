import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { tenants } from '../../src/db/schema'
import { searchApi } from '../../src/handlers/search/search.api'
import { testDb } from '../helpers/app'
import { addMember, me, signUp, type Browser } from '../helpers/auth'
import { api, created, setVisibility, type Problem } from '../helpers/records'

type Hit = { type: string; id: string; title: string; subtitle: string; score: number }

const db = testDb()

async function find(who: Browser, q: string, extra = ''): Promise<Hit[]> {
  const res = await api<{ data: Hit[] }>(who, 'GET', `/search?q=${encodeURIComponent(q)}${extra}`)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body.data
}
const ids = (hits: Hit[]) => hits.map((h) => h.id)
const contact = (who: Browser, body: Record<string, unknown>) => created<{ id: string }>(who, '/contacts', body)
const account = (who: Browser, body: Record<string, unknown>) => created<{ id: string }>(who, '/accounts', body)
const lead = (who: Browser, body: Record<string, unknown>) => created<{ id: string }>(who, '/leads', body)

describe('search API', () => {
  it('forgives typos and partial words, and ranks the exact name first', async () => {
    const admin = await signUp()
    const john = await contact(admin, { firstName: 'John', lastName: 'Smith', email: 'john@smith.example' })
    await contact(admin, { firstName: 'Jon', lastName: 'Smithers' })
    await contact(admin, { firstName: 'Jane', lastName: 'Doe' })
    const acme = await account(admin, { name: 'Acme Corporation' })

    const typo = await find(admin, 'jonh smiht')
    expect(typo[0]).toMatchObject({ type: 'contact', id: john.id, title: 'John Smith' })
    expect(typo.map((h) => h.title)).not.toContain('Jane Doe')
    expect(await find(admin, 'acm')).toEqual([expect.objectContaining({ type: 'account', id: acme.id, title: 'Acme Corporation' })])
    // A letter missing or one too many.
    expect(ids(await find(admin, 'acme corporaton'))).toEqual([acme.id])
    expect(ids(await find(admin, 'acmee'))).toEqual([acme.id])
    const exact = await find(admin, 'john smith')
    expect(exact[0]?.id).toBe(john.id)
    expect(exact[0]?.score).toBeGreaterThan(exact[1]?.score ?? 0)
  })

  it('finds a person by phone in any format, read in the workspace default country', async () => {
    const admin = await signUp()
    // The lead first: a lead created with a contact's phone would be added to that contact.
    const leadByPhone = await lead(admin, { firstName: 'Grace', lastName: 'Hopper', phone: '415.555.0100' })
    const ada = await contact(admin, { firstName: 'Ada', lastName: 'Lovelace', phone: '+1 (415) 555-0100' })
    await contact(admin, { firstName: 'Other', lastName: 'Number', phone: '+1 415 555 0199' })
    for (const q of ['+1 (415) 555-0100', '415-555-0100', '4155550100', '(415) 555 0100']) {
      expect(ids(await find(admin, q)).sort(), q).toEqual([ada.id, leadByPhone.id].sort())
    }
    expect(await find(admin, '415-555-0101')).toEqual([])

    const tenantId = (await me(admin)).workspace.id
    const london = await contact(admin, { firstName: 'Alan', lastName: 'Turing', phone: '+44 20 7946 0958' })
    expect(await find(admin, '020 7946 0958')).toEqual([])
    await db.update(tenants).set({ defaultCountry: 'GB' }).where(eq(tenants.id, tenantId))
    expect(ids(await find(admin, '020 7946 0958'))).toEqual([london.id])
  })

  it('matches emails and domains by their start, exactly', async () => {
    const admin = await signUp()
    const ada = await contact(admin, { firstName: 'Ada', lastName: 'Lovelace', email: 'ada.lovelace@analytical.example' })
    await contact(admin, { firstName: 'Adam', lastName: 'Ant', email: 'adam@insects.example' })
    const globex = await account(admin, { name: 'Globex', domain: 'globex-corp.example' })
    const prospect = await lead(admin, { companyName: 'Initech', website: 'https://www.initech.example/about', email: 'peter@initech.example' })

    expect(ids(await find(admin, 'ada.lovel'))).toEqual([ada.id])
    expect(ids(await find(admin, 'Ada.Lovelace@anal'))).toEqual([ada.id])
    expect(await find(admin, 'ada.lovelace@analytical.exampl.')).toEqual([])
    expect(ids(await find(admin, 'globex-corp.ex'))).toEqual([globex.id])
    expect(ids(await find(admin, 'initech.ex'))).toEqual([prospect.id])
    expect(ids(await find(admin, 'peter@'))).toEqual([prospect.id])
    // A wildcard typed into the query is a character, not a pattern.
    expect(await find(admin, 'a%@')).toEqual([])
  })

  it('answers one- and two-letter queries by word prefix', async () => {
    const admin = await signUp()
    const zed = await contact(admin, { firstName: 'Zed', lastName: 'Quinn' })
    const zoe = await contact(admin, { firstName: 'Zoë', lastName: 'Adams' })
    const quartz = await account(admin, { name: 'Quartz Mining' })
    expect(ids(await find(admin, 'z')).sort()).toEqual([zed.id, zoe.id].sort())
    expect(ids(await find(admin, 'zo'))).toEqual([zoe.id])
    expect(ids(await find(admin, 'qu')).sort()).toEqual([zed.id, quartz.id].sort())
    // Prefixes of words only: "ui" is inside Quinn, not the start of a word.
    expect(await find(admin, 'ui')).toEqual([])
  })

  it('leaves archived records out', async () => {
    const admin = await signUp()
    const kept = await contact(admin, { firstName: 'Archie', lastName: 'Kept' })
    const gone = await contact(admin, { firstName: 'Archie', lastName: 'Gone' })
    expect((await api(admin, 'DELETE', `/contacts/${gone.id}`)).status).toBe(204)
    expect(ids(await find(admin, 'archie'))).toEqual([kept.id])
  })

  it("never returns another workspace's records", async () => {
    const mine = await signUp({ workspace: 'Mine' })
    const theirs = await signUp({ workspace: 'Theirs' })
    const ours = await contact(mine, { firstName: 'Sam', lastName: 'Shared', phone: '+1 212 555 0123', email: 'sam@shared.example' })
    await contact(theirs, { firstName: 'Sam', lastName: 'Shared', phone: '+1 212 555 0123', email: 'sam@shared.example' })
    await account(theirs, { name: 'Shared Holdings', domain: 'shared.example' })
    for (const q of ['sam shared', 'sa shraed', 's', '+1 212 555 0123', 'sam@shared', 'shared.ex']) {
      expect(ids(await find(mine, q, '&types=account,contact,lead,opportunity,note')), q).toEqual([ours.id])
    }
  })

  it('shows a rep in "own" mode only their records and the notes on them; support never sees leads', async () => {
    const admin = await signUp()
    const tenantId = (await me(admin)).workspace.id
    const rep = await addMember(admin, 'rep')
    const support = await addMember(admin, 'support')
    const adminsContact = await contact(admin, { firstName: 'Olive', lastName: 'Admin' })
    const repsContact = await contact(rep, { firstName: 'Olive', lastName: 'Rep' })
    const adminsLead = await lead(admin, { firstName: 'Olive', lastName: 'Lead', phone: '+1 646 555 0142' })
    const onAdmins = await created<{ id: string }>(admin, '/notes', { body: 'Olive prefers mornings', relatedType: 'contact', relatedId: adminsContact.id })
    const onReps = await created<{ id: string }>(rep, '/notes', { body: 'Olive asked for a quote', relatedType: 'contact', relatedId: repsContact.id })
    const onLead = await created<{ id: string }>(admin, '/notes', { body: 'Olive came from the webinar', relatedType: 'lead', relatedId: adminsLead.id })

    expect(ids(await find(rep, 'olive')).sort()).toEqual([adminsContact.id, repsContact.id, adminsLead.id].sort())
    await setVisibility(tenantId, 'own')
    expect(ids(await find(rep, 'olive'))).toEqual([repsContact.id])
    expect(ids(await find(rep, 'olive', '&types=note'))).toEqual([onReps.id])
    expect(await find(rep, '+1 646 555 0142')).toEqual([])
    expect(ids(await find(admin, 'olive')).sort()).toEqual([adminsContact.id, repsContact.id, adminsLead.id].sort())

    // Support's reach is by entity, not owner: all contacts, never leads or their notes.
    expect(ids(await find(support, 'olive', '&types=lead,contact')).sort()).toEqual([adminsContact.id, repsContact.id].sort())
    expect(await find(support, '+1 646 555 0142')).toEqual([])
    expect(ids(await find(support, 'olive', '&types=note')).sort()).toEqual([onAdmins.id, onReps.id].sort())
    expect(ids(await find(admin, 'olive', '&types=note'))).toContain(onLead.id)
  })

  it('searches notes on request, titled by the record they are on', async () => {
    const admin = await signUp()
    const acme = await account(admin, { name: 'Acme Corp' })
    const note = await created<{ id: string }>(admin, '/notes', { body: 'Acme renewal went well; they want the premium tier.', relatedType: 'account', relatedId: acme.id })
    expect(await find(admin, 'premium')).toEqual([])
    expect(await find(admin, 'premium', '&types=note')).toEqual([expect.objectContaining({ type: 'note', id: note.id, title: 'Acme Corp', subtitle: expect.stringContaining('premium tier') })])
    const both = await find(admin, 'acme', '&types=account,note&limit=1')
    expect(both.map((h) => h.type).sort()).toEqual(['account', 'note'])
    // A three-letter word is enough for notes; one or two letters start a word of most notes.
    const ceo = await created<{ id: string }>(admin, '/notes', { body: 'Lunch with their CEO next week.', relatedType: 'account', relatedId: acme.id })
    expect(ids(await find(admin, 'CEO', '&types=note'))).toEqual([ceo.id])
    expect(await find(admin, 'lu', '&types=note')).toEqual([])
  })

  it('limits each type, not the whole answer', async () => {
    const admin = await signUp()
    for (const n of [1, 2, 3]) {
      await contact(admin, { firstName: 'Lim', lastName: `Contact${n}` })
      await account(admin, { name: `Lim Account ${n}` })
    }
    const hits = await find(admin, 'lim', '&limit=2')
    expect(hits.filter((h) => h.type === 'contact')).toHaveLength(2)
    expect(hits.filter((h) => h.type === 'account')).toHaveLength(2)
    // Best first.
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a))
  })

  it('rejects a missing or too long query, unknown types, a bad limit and unknown parameters', async () => {
    const admin = await signUp()
    const bad = async (qs: string) => {
      const res = await api<Problem>(admin, 'GET', `/search?${qs}`)
      expect(res.status, qs).toBe(422)
      return res.body.errors?.map((e) => e.path)
    }
    expect(await bad('')).toEqual(['q'])
    expect(await bad('q=%20%20')).toEqual(['q'])
    expect(await bad(`q=${'x'.repeat(201)}`)).toEqual(['q'])
    expect(await bad('q=a&types=contact,people')).toEqual(['types'])
    expect(await bad('q=a&limit=0')).toEqual(['limit'])
    expect(await bad('q=a&limit=51')).toEqual(['limit'])
    expect(await bad('q=a&tenantId=x')).toEqual(['tenantId'])
  })

  it('is documented in the OpenAPI document', () => {
    const doc = searchApi.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'Search', version: '1' } })
    expect(Object.keys(doc.paths ?? {})).toEqual(['/search'])
    expect(Object.keys(doc.components?.schemas ?? {})).toContain('SearchHit')
  })
})
