import { beforeAll, describe, expect, it } from 'vitest'
import { createToken, me, signUp, withToken, type Browser } from '../helpers/auth'
import { keepingQueue, requestWith } from '../helpers/emails'
import { api, created, eventsOf, type Problem } from '../helpers/records'
import type { Lead } from './leads.api.test'

// Workspace B tries every lead route with A's lead id and must get 404, with A's lead and its
// history exactly as they were. A's conversion naming B's records must fail without writing.
let aAdmin: Browser
let aTenant: string
let lead: Lead
let b: Browser
let bToken: string

beforeAll(async () => {
  aAdmin = await signUp({ workspace: 'Leads A' })
  aTenant = (await me(aAdmin)).workspace.id
  // Its score recompute is kept off the queue, so nothing but B's attempts could change the lead.
  const res = await requestWith({ JOBS: keepingQueue().jobs }, aAdmin, '/api/v1/leads', { method: 'POST', json: { firstName: 'A', lastName: 'Secret lead', companyName: 'A Corp', tags: ['a-only'] } })
  lead = (await res.json()) as Lead
  b = await signUp({ workspace: 'Leads B' })
  bToken = (await createToken(b)).token
})

const intact = async () => {
  expect((await api<Lead>(aAdmin, 'GET', `/leads/${lead.id}`)).body).toEqual(lead)
  expect((await eventsOf(aTenant, lead.id)).map((e) => e.eventType)).toEqual(['created'])
}

const PAGE_ROUTES: [string, string, Record<string, string>?][] = [
  ['GET', '/leads/:id'],
  ['GET', '/leads/:id/edit'],
  ['GET', '/leads/:id/timeline'],
  ['GET', '/leads/:id/convert'],
  ['POST', '/leads/:id', { lastName: 'Taken over' }],
  ['POST', '/leads/:id/status', { status: 'unqualified' }],
  ['POST', '/leads/:id/owner', { ownerId: '' }],
  ['POST', '/leads/:id/archive'],
  ['POST', '/leads/:id/restore'],
  ['POST', '/leads/:id/convert', {}],
]
const API_ROUTES: [string, string, unknown?][] = [
  ['GET', '/api/v1/leads/:id'],
  ['GET', '/api/v1/leads/:id/timeline'],
  ['PATCH', '/api/v1/leads/:id', { lastName: 'Taken over' }],
  ['DELETE', '/api/v1/leads/:id'],
  ['POST', '/api/v1/leads/:id/convert', {}],
]

describe("another workspace's lead", () => {
  it.each(PAGE_ROUTES)('%s %s from B → 404', async (method, route, form) => {
    const path = route.replace(':id', lead.id)
    const res = method === 'GET' ? await b.get(path) : await b.post(path, form ?? {})
    expect(res.status).toBe(404)
    await intact()
  })

  it.each(API_ROUTES)('%s %s from B, by session and by token → 404', async (method, route, body) => {
    const path = route.replace(':id', lead.id)
    expect((await b.json(method, path, body)).status).toBe(404)
    expect((await withToken(bToken, path, { method, body })).status).toBe(404)
    await intact()
  })

  it('is untouched by bulk actions naming it, and never listed in B', async () => {
    for (const action of ['archive', 'tag']) expect((await b.post('/leads/bulk', { ids: lead.id, action, tagName: 'b-tag' })).status).toBe(303)
    await intact()
    expect((await api<{ data: Lead[] }>(b, 'GET', '/leads')).body.data).toEqual([])
    expect(await (await b.get('/leads')).text()).not.toContain('Secret lead')
  })
})

describe('converting with ids from another workspace', () => {
  it("refuses B's account, contact or stage with 422 naming the field, and writes nothing", async () => {
    const bAccount = await created<{ id: string }>(b, '/accounts', { name: 'B Corp' })
    const bContact = await created<{ id: string }>(b, '/contacts', { lastName: 'B person' })
    const bStage = (await api<{ data: { stages: { id: string }[] }[] }>(b, 'GET', '/pipelines')).body.data[0]?.stages[0]?.id
    for (const [body, field] of [
      [{ accountId: bAccount.id }, 'accountId'],
      [{ contactId: bContact.id }, 'contactId'],
      [{ opportunity: { name: 'Deal', stage: bStage } }, 'opportunity.stage'],
    ] as const) {
      const res = await api<Problem>(aAdmin, 'POST', `/leads/${lead.id}/convert`, body)
      expect(res.status).toBe(422)
      expect(res.body.errors?.map((e) => e.path)).toEqual([field])
      await intact()
    }
    expect((await api<{ data: unknown[] }>(aAdmin, 'GET', '/contacts')).body.data).toEqual([])
    expect((await api<{ data: unknown[] }>(aAdmin, 'GET', '/accounts')).body.data).toEqual([])
    const form = await aAdmin.post(`/leads/${lead.id}/convert`, { accountId: bAccount.id })
    expect(form.status).toBe(422)
    expect(await form.text()).toContain('No such account in this workspace.')
    await intact()
  })
})
