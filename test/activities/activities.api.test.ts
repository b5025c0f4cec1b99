import { describe, expect, it } from 'vitest'
import { addMember, me, signUp } from '../helpers/auth'
import { allPages, api, created, eventsOf, setVisibility, type Problem } from '../helpers/records'
import { daysFromNow, lastContactedOf, newAccount, newContact } from '../tasks/fixtures'

type Activity = { id: string; type: string; outcome: string; subject: string; body: string | null; occurredAt: string; durationMinutes: number | null; relatedType: string; relatedId: string; createdBy: string }

describe('activities API', () => {
  it("logs a call on a contact: activity_logged on its timeline, last contacted on it and its account", async () => {
    const admin = await signUp()
    const who = await me(admin)
    const acme = await newAccount(admin)
    const ada = await newContact(admin, { firstName: 'Ada', accountId: acme.id })
    const call = await created<Activity>(admin, '/activities', { type: 'call', outcome: 'connected', subject: 'Intro call', occurredAt: daysFromNow(-2), durationMinutes: 15, relatedType: 'contact', relatedId: ada.id })
    expect(call).toMatchObject({ type: 'call', outcome: 'connected', occurredAt: daysFromNow(-2), durationMinutes: 15, relatedType: 'contact', relatedId: ada.id, createdBy: who.userId })
    expect((await api<Activity>(admin, 'GET', `/activities/${call.id}`)).body.subject).toBe('Intro call')
    expect((await lastContactedOf(who.workspace.id, acme.id))?.toISOString()).toBe(daysFromNow(-2))
    const contact = await api<{ lastContactedAt: string }>(admin, 'GET', `/contacts/${ada.id}`)
    expect(contact.body.lastContactedAt).toBe(daysFromNow(-2))

    // An older activity logged late does not move last contacted back; a newer one moves it on.
    await created(admin, '/activities', { type: 'email', outcome: 'sent', subject: 'Old email', occurredAt: daysFromNow(-5), relatedType: 'contact', relatedId: ada.id })
    expect((await lastContactedOf(who.workspace.id, acme.id))?.toISOString()).toBe(daysFromNow(-2))
    const now = await created<Activity>(admin, '/activities', { type: 'meeting', outcome: 'held', subject: 'Demo', relatedType: 'account', relatedId: acme.id })
    expect(Math.abs(Date.parse(now.occurredAt) - Date.now())).toBeLessThan(60_000)
    expect((await lastContactedOf(who.workspace.id, acme.id))?.toISOString()).toBe(now.occurredAt)

    const onContact = await eventsOf(who.workspace.id, ada.id)
    expect(onContact.map((e) => e.eventType)).toEqual(['created', 'activity_logged', 'activity_logged'])
    expect(onContact[1]?.payload).toEqual({ activityId: call.id, type: 'call', outcome: 'connected', subject: 'Intro call' })
    expect((await eventsOf(who.workspace.id, acme.id)).map((e) => e.eventType)).toEqual(['created', 'activity_logged'])

    expect((await api<Activity>(admin, 'PATCH', `/activities/${call.id}`, { outcome: 'left_voicemail' })).body.outcome).toBe('left_voicemail')
    expect((await api(admin, 'DELETE', `/activities/${call.id}`)).status).toBe(204)
    expect((await eventsOf(who.workspace.id, call.id)).map((e) => [e.eventType, e.payload])).toEqual([
      ['updated', { changes: { outcome: { from: 'connected', to: 'left_voicemail' } } }],
      ['archived', {}],
    ])
  })

  it('rejects an outcome that does not fit the type, unknown fields and a record elsewhere', async () => {
    const admin = await signUp()
    const acme = await newAccount(admin)
    const base = { type: 'call', outcome: 'connected', subject: 'Call', relatedType: 'account', relatedId: acme.id }
    const wrong = await api<Problem>(admin, 'POST', '/activities', { ...base, outcome: 'replied' })
    expect(wrong.status).toBe(422)
    expect(wrong.body.errors).toEqual([{ path: 'outcome', message: expect.stringContaining('connected') }])
    // Every problem at once, the outcome included.
    const many = await api<Problem>(admin, 'POST', '/activities', { ...base, outcome: 'held', subject: '', durationMinutes: 0 })
    expect(many.body.errors?.map((e) => e.path).sort()).toEqual(['durationMinutes', 'outcome', 'subject'])
    const unknown = await api<Problem>(admin, 'POST', '/activities', { ...base, lastContactedAt: daysFromNow(0) })
    expect(unknown.body.errors?.map((e) => e.path)).toEqual(['lastContactedAt'])
    const theirs = await newAccount(await signUp(), 'Theirs')
    const elsewhere = await api<Problem>(admin, 'POST', '/activities', { ...base, relatedId: theirs.id })
    expect(elsewhere.body.errors).toEqual([{ path: 'relatedId', message: 'No such record in this workspace.' }])
    const call = await created<Activity>(admin, '/activities', base)
    const patch = await api<Problem>(admin, 'PATCH', `/activities/${call.id}`, { type: 'email' })
    expect(patch.status).toBe(422)
    expect(patch.body.errors?.[0]?.path).toBe('outcome')
    expect((await api(admin, 'PATCH', `/activities/${call.id}`, { relatedId: theirs.id })).status).toBe(422)
  })

  it("lists one record's activities most recent first across pages, without duplicates or gaps", async () => {
    const admin = await signUp()
    const acme = await newAccount(admin)
    const made: Activity[] = []
    for (const day of [-3, -1, -6, -2, -5, -4, -7]) made.push(await created<Activity>(admin, '/activities', { type: 'email', outcome: 'sent', subject: `Day ${day}`, occurredAt: daysFromNow(day), relatedType: 'account', relatedId: acme.id }))
    const expected = [...made].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt)).map((a) => a.id)
    expect(await allPages(admin, `/activities?relatedType=account&relatedId=${acme.id}`, 2)).toEqual(expected)
  })

  it("gives 404 for another workspace's activity, and hides others' records from a rep in own mode", async () => {
    const admin = await signUp()
    const rep = await addMember(admin, 'rep')
    const other = await signUp()
    const theirs = await created<Activity>(other, '/activities', { type: 'call', outcome: 'no_answer', subject: 'X', relatedType: 'account', relatedId: (await newAccount(other)).id })
    for (const [method, body] of [['GET'], ['PATCH', { subject: 'Y' }], ['DELETE']] as const) expect((await api(admin, method, `/activities/${theirs.id}`, body)).status, method).toBe(404)

    const adminsAccount = await newAccount(admin)
    const hidden = await created<Activity>(admin, '/activities', { type: 'call', outcome: 'no_answer', subject: 'Admin call', relatedType: 'account', relatedId: adminsAccount.id })
    await setVisibility((await me(admin)).workspace.id, 'own')
    expect((await api(rep, 'GET', `/activities/${hidden.id}`)).status).toBe(404)
    expect(await allPages(rep, `/activities?relatedType=account&relatedId=${adminsAccount.id}`, 10)).toEqual([])
    expect((await api<Problem>(rep, 'POST', '/activities', { type: 'call', outcome: 'no_answer', subject: 'Sneaky', relatedType: 'account', relatedId: adminsAccount.id })).status).toBe(422)
  })
})
