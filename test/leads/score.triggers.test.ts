import { describe, expect, it } from 'vitest'
import type { JobMessage } from '../../src/domain/jobs/messages'
import { requestWith } from '../helpers/emails'
import { me, signUp, type Browser } from '../helpers/auth'
import { api, created } from '../helpers/records'
import { capturing } from '../jobs/scoring-fixtures'

// Every change to a lead or its engagement asks for the lead to be rescored, after the change is
// written. Requests go to the app with a JOBS binding that keeps what it is sent.

type Sent = { res: Response; recomputed: string[] }

async function sending(who: Browser, path: string, init: { method?: string; form?: Record<string, string> | URLSearchParams; json?: unknown }, { fail = false } = {}): Promise<Sent> {
  const queue = capturing({ fail })
  const res = await requestWith({ JOBS: queue.jobs }, who, path, { method: 'POST', ...init })
  return { res, recomputed: queue.sent.filter((m): m is Extract<JobMessage, { type: 'score.recompute' }> => m.type === 'score.recompute').map((m) => m.leadId) }
}

async function setUp() {
  const admin = await signUp({ workspace: 'Score triggers' })
  const who = await me(admin)
  const lead = await created<{ id: string }>(admin, '/leads', { lastName: 'Lovelace', title: 'CTO' })
  return { admin, who, lead: lead.id }
}

describe('what enqueues score.recompute', () => {
  it('creating and changing a lead, through the API and the forms, and not a save that changes nothing', async () => {
    const { admin, who, lead } = await setUp()
    const viaApi = await sending(admin, '/api/v1/leads', { json: { lastName: 'Babbage' } })
    expect(viaApi.res.status).toBe(201)
    const made = ((await viaApi.res.json()) as { id: string }).id
    expect(viaApi.recomputed).toEqual([made])

    expect((await sending(admin, `/api/v1/leads/${lead}`, { method: 'PATCH', json: { title: 'VP Engineering' } })).recomputed).toEqual([lead])
    expect((await sending(admin, `/api/v1/leads/${lead}`, { method: 'PATCH', json: { title: 'VP Engineering' } })).recomputed).toEqual([])

    const form = await sending(admin, '/leads', { form: { lastName: 'Hopper', ownerId: who.userId } })
    expect(form.res.status).toBe(303)
    expect(form.recomputed).toEqual([form.res.headers.get('location')?.split('/').at(-1)])
    expect((await sending(admin, `/leads/${lead}`, { form: { lastName: 'Lovelace', title: 'VP Product', status: 'new', ownerId: who.userId } })).recomputed).toEqual([lead])
    expect((await sending(admin, `/leads/${lead}/status`, { form: { status: 'contacted' } })).recomputed).toEqual([lead])
    expect((await sending(admin, `/leads/${lead}/owner`, { form: { ownerId: '' } })).recomputed).toEqual([lead])
  })

  it('bulk changes, one message per selected lead', async () => {
    const { admin, lead } = await setUp()
    const other = (await created<{ id: string }>(admin, '/leads', { lastName: 'Other' })).id
    const form = new URLSearchParams([['action', 'tag'], ['tagName', 'hot'], ['ids', lead], ['ids', other], ['back', '/leads']])
    const bulk = await sending(admin, '/leads/bulk', { form })
    expect(bulk.res.status).toBe(303)
    expect(bulk.recomputed.sort()).toEqual([lead, other].sort())
  })

  it('new engagement on a lead: a note, a logged activity, a completed task; none for other records', async () => {
    const { admin, who, lead } = await setUp()
    const onLead = { relatedType: 'lead', relatedId: lead }
    expect((await sending(admin, '/api/v1/notes', { json: { body: 'Asked for pricing', ...onLead } })).recomputed).toEqual([lead])
    expect((await sending(admin, '/notes', { form: { body: 'Called back', ...onLead } })).recomputed).toEqual([lead])
    const logged = await sending(admin, '/api/v1/activities', { json: { type: 'email', outcome: 'replied', subject: 'Re: pricing', ...onLead } })
    expect(logged.res.status).toBe(201)
    expect(logged.recomputed).toEqual([lead])
    expect((await sending(admin, '/activities', { form: { type: 'call', outcome: 'connected', subject: 'Intro call', ...onLead } })).recomputed).toEqual([lead])
    const activity = ((await logged.res.json()) as { id: string }).id
    expect((await sending(admin, `/api/v1/activities/${activity}`, { method: 'PATCH', json: { outcome: 'sent' } })).recomputed).toEqual([lead])

    const task = await created<{ id: string }>(admin, '/tasks', { title: 'Follow up', assigneeId: who.userId, ...onLead })
    expect((await sending(admin, `/api/v1/tasks/${task.id}/complete`, {})).recomputed).toEqual([lead])
    // Completing it again changes nothing, so nothing is rescored.
    expect((await sending(admin, `/api/v1/tasks/${task.id}/complete`, {})).recomputed).toEqual([])
    const formTask = await created<{ id: string }>(admin, '/tasks', { title: 'Send deck', ...onLead })
    expect((await sending(admin, `/tasks/${formTask.id}/complete`, { form: {} })).recomputed).toEqual([lead])

    const account = await created<{ id: string }>(admin, '/accounts', { name: 'Acme' })
    expect((await sending(admin, '/api/v1/notes', { json: { body: 'Not a lead', relatedType: 'account', relatedId: account.id } })).recomputed).toEqual([])
    expect((await sending(admin, '/api/v1/activities', { json: { type: 'call', outcome: 'connected', subject: 'Hi', relatedType: 'account', relatedId: account.id } })).recomputed).toEqual([])
  })

  it('a queue outage does not fail the change itself (the nightly sweep rescores the lead)', async () => {
    const { admin, lead } = await setUp()
    const res = (await sending(admin, `/api/v1/leads/${lead}`, { method: 'PATCH', json: { title: 'Head of Sales' } }, { fail: true })).res
    expect(res.status).toBe(200)
    expect((await api<{ title: string }>(admin, 'GET', `/leads/${lead}`)).body.title).toBe('Head of Sales')
  })

  it('a scoring rule change (API or settings form) sweeps the workspace; a refused one does not', async () => {
    const { admin } = await setUp()
    const swept = (q: ReturnType<typeof capturing>) => q.sent.filter((m) => m.type === 'score.sweep')
    const rule = { kind: 'fit', name: 'Title says CEO', points: 20, condition: { op: 'contains', field: 'title', value: 'CEO' } }
    const viaApi = capturing()
    const res = await requestWith({ JOBS: viaApi.jobs }, admin, '/api/v1/scoring-rules', { method: 'POST', json: rule })
    expect(res.status).toBe(201)
    expect(swept(viaApi)).toHaveLength(1)

    const refused = capturing()
    expect((await requestWith({ JOBS: refused.jobs }, admin, '/api/v1/scoring-rules', { method: 'POST', json: { ...rule, points: 500 } })).status).toBe(422)
    expect(swept(refused)).toHaveLength(0)

    const { id } = (await res.json()) as { id: string }
    const viaForm = capturing()
    expect((await requestWith({ JOBS: viaForm.jobs }, admin, `/settings/scoring/${id}/delete`, { method: 'POST', form: {} })).status).toBeLessThan(400)
    expect(swept(viaForm)).toHaveLength(1)
  })
})
