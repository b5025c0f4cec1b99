import { describe, expect, it } from 'vitest'
import { addMember, me, signUp } from '../helpers/auth'
import { allPages, api, created, eventsOf, setVisibility, type Problem } from '../helpers/records'
import { newAccount, newContact } from '../tasks/fixtures'

type Note = { id: string; body: string; relatedType: string; relatedId: string; createdBy: string; authorName: string; archivedAt: string | null }

describe('notes API', () => {
  it("adds a note to a record's timeline, edits and archives it, one event per change", async () => {
    const admin = await signUp({ name: 'Nora Notes' })
    const who = await me(admin)
    const acme = await newAccount(admin)
    const note = await created<Note>(admin, '/notes', { body: '  Met Jo at the expo.\nSee https://acme.example/deck  ', relatedType: 'account', relatedId: acme.id })
    expect(note).toMatchObject({ body: 'Met Jo at the expo.\nSee https://acme.example/deck', relatedType: 'account', relatedId: acme.id, createdBy: who.userId, authorName: 'Nora Notes' })
    expect((await api<Note>(admin, 'GET', `/notes/${note.id}`)).body.body).toBe(note.body)
    expect((await api<Note>(admin, 'PATCH', `/notes/${note.id}`, { body: 'Met Jo.' })).body.body).toBe('Met Jo.')
    expect((await api(admin, 'PATCH', `/notes/${note.id}`, { body: 'Met Jo.' })).status).toBe(200)
    expect((await api(admin, 'DELETE', `/notes/${note.id}`)).status).toBe(204)

    const events = await eventsOf(who.workspace.id, note.id)
    expect(events.map((e) => e.eventType)).toEqual(['created', 'updated', 'archived'])
    expect(events[1]?.payload).toEqual({ changes: { body: { from: note.body, to: 'Met Jo.' } } })
    const onAccount = await eventsOf(who.workspace.id, acme.id)
    expect(onAccount.map((e) => e.eventType)).toEqual(['created', 'note_added'])
    expect(onAccount[1]?.payload).toEqual({ noteId: note.id, excerpt: 'Met Jo at the expo. See https://acme.example/deck' })
    const timeline = await api<{ data: { eventType: string }[] }>(admin, 'GET', `/accounts/${acme.id}/timeline`)
    expect(timeline.body.data.map((e) => e.eventType)).toEqual(['note_added', 'created'])
    expect(await allPages(admin, `/notes?relatedType=account&relatedId=${acme.id}`, 10)).toEqual([])
  })

  it('rejects unknown fields, an empty or too long body, and a record elsewhere, naming the field', async () => {
    const admin = await signUp()
    const acme = await newAccount(admin)
    const unknown = await api<Problem>(admin, 'POST', '/notes', { body: 'x', relatedType: 'account', relatedId: acme.id, createdBy: crypto.randomUUID() })
    expect(unknown.status).toBe(422)
    expect(unknown.body.errors?.map((e) => e.path)).toEqual(['createdBy'])
    const empty = await api<Problem>(admin, 'POST', '/notes', { body: '   ', relatedType: 'account', relatedId: acme.id })
    expect(empty.body.errors?.map((e) => e.path)).toEqual(['body'])
    expect((await api<Problem>(admin, 'POST', '/notes', { body: 'x'.repeat(10_001), relatedType: 'account', relatedId: acme.id })).status).toBe(422)
    expect((await api<Problem>(admin, 'POST', '/notes', { body: 'x'.repeat(10_000), relatedType: 'account', relatedId: acme.id })).status).toBe(201)
    const unlinked = await api<Problem>(admin, 'POST', '/notes', { body: 'x' })
    expect(unlinked.body.errors?.map((e) => e.path).sort()).toEqual(['relatedId', 'relatedType'])
    const theirs = await newAccount(await signUp(), 'Theirs')
    const elsewhere = await api<Problem>(admin, 'POST', '/notes', { body: 'x', relatedType: 'account', relatedId: theirs.id })
    expect(elsewhere.status).toBe(422)
    expect(elsewhere.body.errors).toEqual([{ path: 'relatedId', message: 'No such record in this workspace.' }])
    expect((await api(admin, 'PATCH', `/notes/${crypto.randomUUID()}`, { body: 'x', relatedId: acme.id })).status).toBe(422)
  })

  it("lists one record's notes newest first across pages, without duplicates or gaps", async () => {
    const admin = await signUp()
    const acme = await newAccount(admin)
    const other = await newAccount(admin, 'Other')
    const made: string[] = []
    for (let i = 0; i < 7; i++) made.push((await created<Note>(admin, '/notes', { body: `Note ${i}`, relatedType: 'account', relatedId: acme.id })).id)
    await created(admin, '/notes', { body: 'Elsewhere', relatedType: 'account', relatedId: other.id })
    expect(await allPages(admin, `/notes?relatedType=account&relatedId=${acme.id}`, 3)).toEqual([...made].reverse())
    expect((await api(admin, 'GET', '/notes')).status).toBe(422)
    expect((await api(admin, 'GET', `/notes?relatedType=account&relatedId=${acme.id}&cursor=nope`)).status).toBe(400)
  })

  it('lets only the author edit a note, and the author or a manager archive it', async () => {
    const admin = await signUp()
    const rep = await addMember(admin, 'rep')
    const manager = await addMember(admin, 'manager')
    const acme = await newAccount(admin)
    const note = await created<Note>(rep, '/notes', { body: 'Rep note', relatedType: 'account', relatedId: acme.id })
    expect((await api(manager, 'PATCH', `/notes/${note.id}`, { body: 'Rewritten' })).status).toBe(403)
    const other = await created<Note>(admin, '/notes', { body: 'Admin note', relatedType: 'account', relatedId: acme.id })
    expect((await api(rep, 'DELETE', `/notes/${other.id}`)).status).toBe(403)
    expect((await api(manager, 'DELETE', `/notes/${note.id}`)).status).toBe(204)
  })

  it("gives 404 for another workspace's note", async () => {
    const admin = await signUp()
    const other = await signUp()
    const theirs = await created<Note>(other, '/notes', { body: 'Private', relatedType: 'account', relatedId: (await newAccount(other)).id })
    for (const [method, body] of [['GET'], ['PATCH', { body: 'Mine' }], ['DELETE']] as const) expect((await api(admin, method, `/notes/${theirs.id}`, body)).status, method).toBe(404)
    expect(await allPages(admin, `/notes?relatedType=account&relatedId=${theirs.relatedId}`, 10)).toEqual([])
  })

  it('shows a rep in "own" mode only notes on records they own', async () => {
    const admin = await signUp()
    const rep = await addMember(admin, 'rep')
    const tenantId = (await me(admin)).workspace.id
    const adminsAccount = await newAccount(admin, 'Admin owned')
    const repsAccount = await newAccount(rep, 'Rep owned')
    const contact = await newContact(admin, { firstName: 'Ada', accountId: repsAccount.id })
    const hidden = await created<Note>(admin, '/notes', { body: 'Hidden', relatedType: 'account', relatedId: adminsAccount.id })
    const onContact = await created<Note>(admin, '/notes', { body: 'On contact', relatedType: 'contact', relatedId: contact.id })
    await setVisibility(tenantId, 'own')
    expect((await api(rep, 'GET', `/notes/${hidden.id}`)).status).toBe(404)
    expect((await api(rep, 'DELETE', `/notes/${hidden.id}`)).status).toBe(404)
    expect(await allPages(rep, `/notes?relatedType=account&relatedId=${adminsAccount.id}`, 10)).toEqual([])
    expect((await api<Problem>(rep, 'POST', '/notes', { body: 'x', relatedType: 'account', relatedId: adminsAccount.id })).body.errors?.[0]?.path).toBe('relatedId')
    // The contact is the admin's, though at the rep's account: hidden too.
    expect((await api(rep, 'GET', `/notes/${onContact.id}`)).status).toBe(404)
    expect((await created<Note>(rep, '/notes', { body: 'Mine', relatedType: 'account', relatedId: repsAccount.id })).body).toBe('Mine')
    expect((await api(admin, 'GET', `/notes/${hidden.id}`)).status).toBe(200)
  })

  it('hides notes on leads from support, who works with customers only', async () => {
    const admin = await signUp()
    const support = await addMember(admin, 'support')
    const lead = await created<{ id: string }>(admin, '/leads', { firstName: 'Lena', companyName: 'Lead Co' })
    const acme = await newAccount(admin)
    const onLead = await created<Note>(admin, '/notes', { body: 'Lead note', relatedType: 'lead', relatedId: lead.id })
    const onAccount = await created<Note>(admin, '/notes', { body: 'Account note', relatedType: 'account', relatedId: acme.id })
    expect((await api(support, 'GET', `/notes/${onLead.id}`)).status).toBe(404)
    expect(await allPages(support, `/notes?relatedType=lead&relatedId=${lead.id}`, 10)).toEqual([])
    expect((await api<Problem>(support, 'POST', '/notes', { body: 'x', relatedType: 'lead', relatedId: lead.id })).body.errors?.[0]?.path).toBe('relatedId')
    expect((await api<Note>(support, 'GET', `/notes/${onAccount.id}`)).status).toBe(200)
    expect((await created<Note>(support, '/notes', { body: 'Support note', relatedType: 'account', relatedId: acme.id })).relatedId).toBe(acme.id)
  })
})
