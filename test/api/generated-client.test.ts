import createClient from 'openapi-fetch'
import { describe, expect, it } from 'vitest'
import { request } from '../helpers/app'
import { createToken, signUp } from '../helpers/auth'
import type { paths } from './client/api-v1'
import { conformsTo, type OpenApiDocument } from './client/conformance'

// An integrator's view of /api/v1: every call goes through the client generated from the served
// OpenAPI document (openapi-typescript + openapi-fetch), typed by it and checked against it.
// Only the workspace and its token are set up the way a person would, in the app.

async function integrator() {
  const { token } = await createToken(await signUp({ workspace: 'Integration' }), 'Integration')
  const client = createClient<paths>({ baseUrl: 'http://localhost/api/v1', headers: { Authorization: `Bearer ${token}` }, fetch: (req) => request(req.url, req) })
  const { data: document, response } = await client.GET('/openapi.json')
  if (!document) throw new Error(`GET /openapi.json answered ${response.status}`)
  client.use(conformsTo(document as unknown as OpenApiDocument))
  return client
}

// The body of a successful call; anything else fails the test with what the API said.
function ok<T>(res: { data?: T; error?: unknown; response: Response }): T {
  if (res.data === undefined) throw new Error(`${res.response.status}: ${JSON.stringify(res.error)}`)
  return res.data
}

describe('the generated API client', () => {
  it('takes a lead from capture to a won deal, with its task and note, and finds it by search', async () => {
    const api = await integrator()
    const account = ok(await api.POST('/accounts', { body: { name: 'Brightwater Mills', website: 'https://brightwater.example', status: 'prospect' } }))
    expect(account).toMatchObject({ name: 'Brightwater Mills', domain: 'brightwater.example', status: 'prospect', archivedAt: null })
    const buyer = ok(await api.POST('/contacts', { body: { firstName: 'Iris', lastName: 'Quill', email: 'iris@brightwater.example', accountId: account.id } }))
    expect(buyer).toMatchObject({ accountId: account.id, accountName: 'Brightwater Mills' })
    const lead = ok(await api.POST('/leads', { body: { firstName: 'Otto', lastName: 'Fenwick', email: 'otto@brightwater.example', companyName: 'Brightwater Mills', source: 'webinar' } }))
    // A lead matching an existing lead or contact answers 200 with that record instead.
    if ('duplicate' in lead) throw new Error('the new lead was taken for a duplicate')
    expect(lead).toMatchObject({ status: 'new', companyDomain: 'brightwater.example', convertedAt: null })

    const conversion = ok(await api.POST('/leads/{id}/convert', { params: { path: { id: lead.id } }, body: { accountId: account.id, opportunity: { name: 'Mill retrofit', amount: 48000, currency: 'eur' } } }))
    expect(conversion.accountId).toBe(account.id)
    expect(conversion.contactId).not.toBe(buyer.id)
    const converted = ok(await api.GET('/leads/{id}', { params: { path: { id: lead.id } } }))
    expect(converted).toMatchObject({ status: 'converted', convertedContactId: conversion.contactId, convertedAccountId: account.id, convertedOpportunityId: conversion.opportunityId })
    const otto = ok(await api.GET('/contacts/{id}', { params: { path: { id: conversion.contactId } } }))
    expect(otto).toMatchObject({ firstName: 'Otto', email: 'otto@brightwater.example', accountId: account.id })

    if (!conversion.opportunityId) throw new Error('the conversion made no opportunity')
    const dealId = { params: { path: { id: conversion.opportunityId } } }
    const deal = ok(await api.GET('/opportunities/{id}', dealId))
    // Money is an exact decimal string, whatever number was sent.
    expect(deal).toMatchObject({ name: 'Mill retrofit', amount: '48000.00', currency: 'EUR', accountId: account.id, contactId: conversion.contactId, status: 'open' })
    const [pipeline] = ok(await api.GET('/pipelines')).data
    const stages = [...(pipeline?.stages ?? [])].sort((a, b) => a.position - b.position)
    expect(deal).toMatchObject({ pipelineId: pipeline?.id, stage: stages[0]?.id })
    for (const stage of stages.slice(1)) {
      const moved = ok(await api.PATCH('/opportunities/{id}', { ...dealId, body: { stage: stage.id } }))
      expect(moved).toMatchObject({ stage: stage.id, stageName: stage.name, probability: stage.probability, status: 'open' })
    }
    const won = ok(await api.PATCH('/opportunities/{id}', { ...dealId, body: { status: 'won' } }))
    expect(won).toMatchObject({ status: 'won', stage: stages.at(-1)?.id, lostReason: null })
    const history = ok(await api.GET('/opportunities/{id}/timeline', dealId)).data
    expect(history.filter((e) => e.eventType === 'stage_changed')).toHaveLength(stages.length - 1)
    expect(history.some((e) => e.eventType === 'status_changed')).toBe(true)

    const task = ok(await api.POST('/tasks', { body: { title: 'Schedule the kickoff', type: 'meeting', dueAt: '2031-03-02T09:00:00.000Z', relatedType: 'opportunity', relatedId: deal.id } }))
    expect(task).toMatchObject({ relatedType: 'opportunity', relatedId: deal.id, relatedName: 'Mill retrofit', dueAt: '2031-03-02T09:00:00.000Z', completedAt: null })
    const done = ok(await api.POST('/tasks/{id}/complete', { params: { path: { id: task.id } } }))
    expect(done.completedAt).not.toBeNull()
    const note = ok(await api.POST('/notes', { body: { body: 'Signed off on the retrofit budget.', relatedType: 'opportunity', relatedId: deal.id } }))
    expect(note).toMatchObject({ relatedType: 'opportunity', relatedId: deal.id, body: 'Signed off on the retrofit budget.' })
    const notes = ok(await api.GET('/notes', { params: { query: { relatedType: 'opportunity', relatedId: deal.id } } })).data
    expect(notes.map((n) => n.id)).toEqual([note.id])

    const hits = ok(await api.GET('/search', { params: { query: { q: 'brightwater' } } })).data
    expect(hits.map((h) => [h.type, h.id])).toEqual(expect.arrayContaining([['account', account.id], ['contact', buyer.id], ['contact', otto.id]]))
    expect(ok(await api.GET('/search', { params: { query: { q: 'retrofit budget', types: 'note' } } })).data).toContainEqual(expect.objectContaining({ type: 'note', id: note.id }))
  })

  it('pages through a list with nextCursor until it ends, each record once', async () => {
    const api = await integrator()
    const account = ok(await api.POST('/accounts', { body: { name: 'Paged Co' } }))
    const made: string[] = []
    for (const name of ['Ada', 'Ben', 'Cy', 'Dee', 'Eve']) made.push(ok(await api.POST('/contacts', { body: { firstName: name, accountId: account.id } })).id)
    await api.POST('/contacts', { body: { firstName: 'Elsewhere' } })

    const pages: string[][] = []
    let cursor: string | undefined
    do {
      const page = ok(await api.GET('/contacts', { params: { query: { accountId: account.id, sort: 'name', dir: 'asc', limit: 2, cursor } } }))
      pages.push(page.data.map((c) => c.id))
      cursor = page.nextCursor ?? undefined
    } while (cursor && pages.length < 10)
    expect(pages).toEqual([made.slice(0, 2), made.slice(2, 4), made.slice(4)])
  })

  it('replays a POST sent again with the same Idempotency-Key, making one record', async () => {
    const api = await integrator()
    const send = () => api.POST('/accounts', { params: { header: { 'Idempotency-Key': 'create-harbour-account-1' } }, body: { name: 'Harbour Logistics' } })
    const first = await send()
    const again = await send()
    expect([first.response.status, again.response.status]).toEqual([201, 201])
    expect(again.response.headers.get('Idempotent-Replayed')).toBe('true')
    expect(again.data).toEqual(first.data)
    const filter = JSON.stringify({ field: 'name', op: 'equals', value: 'Harbour Logistics' })
    expect(ok(await api.GET('/accounts', { params: { query: { filter } } })).data.map((a) => a.id)).toEqual([first.data?.id])
  })

  it('reads a validation error as problem+json naming each field', async () => {
    const api = await integrator()
    const { data, error, response } = await api.POST('/contacts', { body: { firstName: 'Nell', email: 'not an address', title: 'x'.repeat(201) } })
    expect(data).toBeUndefined()
    expect(response.status).toBe(422)
    expect(error).toMatchObject({ status: 422, title: expect.any(String), requestId: response.headers.get('x-request-id') })
    expect(error?.errors?.map((e) => e.path).sort()).toEqual(['email', 'title'])
    for (const e of error?.errors ?? []) expect(e.message).toEqual(expect.any(String))
    expect(ok(await api.GET('/contacts')).data).toEqual([])
  })
})
