import * as fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApi } from '../../src/handlers/api/api'
import { request } from '../helpers/app'
import { createToken, me, signUp, type Browser } from '../helpers/auth'
import { created, type Problem } from '../helpers/records'
import { createForm } from '../forms/fixtures'

// Every route of the API that reads a body, as the app registers them: a route added tomorrow is
// covered without touching this file. `json`: its documented body is JSON, or it takes none (an
// upload takes multipart/form-data and refuses JSON with 415).
const api = createApi()
const doc = api.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'API', version: '1' } })
const ROUTES = [...new Set(api.routes.filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method)).map((r) => `${r.method} ${r.path}`))].map((r) => {
  const [method = '', path = ''] = r.split(' ')
  const body = doc.paths?.[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase() as 'post']?.requestBody
  return { method, path, json: !body || ('content' in body && 'application/json' in body.content) }
})

// Field names the API really takes, so that random bodies get past "unknown field" often enough
// to reach the handlers with odd values.
const FIELD_NAMES = ['name', 'firstName', 'lastName', 'email', 'phone', 'status', 'ownerId', 'accountId', 'contactId', 'relatedType', 'relatedId', 'title', 'body', 'dueAt', 'amount', 'stage', 'closeDate', 'kind', 'points', 'condition', 'filter', 'entity', 'visibility', 'url', 'eventTypes', 'ids', 'targetId', 'userId', 'timezone', 'scopes', 'fields', 'tags', 'type', 'occurredAt']
const known = fc.dictionary(fc.constantFrom(...FIELD_NAMES), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })
const anyBody = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.object({ maxDepth: 2 }), known)
// Never a real field: every field name the API has starts with a lower-case letter other than z.
const unknownKey = fc.stringMatching(/^[a-zA-Z0-9_]{1,12}$/).map((s) => `zz${s}`)

let admin: Browser
const ids: Record<string, string> = {}
const tokens: string[] = []
let sent = 0

// A fresh token every 80 requests: each caller may send 100 per 10 s, and this is not about that.
async function send(method: string, path: string, body: unknown): Promise<Response> {
  if (sent++ % 80 === 0) tokens.push((await createToken(admin, `Property ${sent}`)).token)
  return request(`/api/v1${path}`, { method, body: JSON.stringify(body), headers: { Authorization: `Bearer ${tokens[tokens.length - 1]}`, 'Content-Type': 'application/json' } })
}

// Real records behind each /:id, so handlers run past "not found" (other ids are random).
const fill = (path: string) => path.replace(/^\/([a-z-]+)\/:id/, (_, segment: string) => `/${segment}/${ids[segment] ?? crypto.randomUUID()}`).replace(/:[A-Za-z]+/g, () => crypto.randomUUID())

beforeAll(async () => {
  admin = await signUp({ workspace: 'Property bodies' })
  const { userId } = await me(admin)
  const account = await created(admin, '/accounts', { name: 'Acme' })
  const contact = await created(admin, '/contacts', { firstName: 'Ada', accountId: account.id })
  Object.assign(ids, {
    accounts: account.id,
    contacts: contact.id,
    leads: (await created(admin, '/leads', { lastName: 'Lovelace', email: 'ada@example.test' })).id,
    tasks: (await created(admin, '/tasks', { title: 'Call' })).id,
    notes: (await created(admin, '/notes', { body: 'Met', relatedType: 'account', relatedId: account.id })).id,
    activities: (await created(admin, '/activities', { type: 'call', outcome: 'connected', subject: 'Intro', occurredAt: new Date().toISOString(), relatedType: 'contact', relatedId: contact.id })).id,
    opportunities: (await created(admin, '/opportunities', { name: 'Deal', amount: 1000 })).id,
    views: (await created(admin, '/views', { entity: 'contacts', name: 'Mine', filter: { field: 'status', op: 'equals', value: 'customer' } })).id,
    'scoring-rules': (await created(admin, '/scoring-rules', { kind: 'fit', name: 'Chief', points: 20, condition: { op: 'contains', field: 'title', value: 'Chief' } })).id,
    'routing-rules': (await created(admin, '/routing-rules', { name: 'All', action: 'assign', assignees: [{ userId }] })).id,
    forms: (await createForm(admin)).id,
    // A local receiver (WEBHOOK_ALLOW_HOSTS): the test events this sends need no DNS.
    webhooks: (await created(admin, '/webhooks', { url: 'http://127.0.0.1:9999/property', eventTypes: ['lead.*'] })).id,
  })
}, 60_000)

describe.each(ROUTES)('$method /api/v1$path', ({ method, path, json }) => {
  it('never answers a random JSON body with a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(anyBody, async (body) => {
        const res = await send(method, fill(path), body)
        expect(res.status, `${JSON.stringify(body)} → ${await res.clone().text()}`).toBeLessThan(500)
        expect(res.status).not.toBe(429)
      }),
      { numRuns: 8 },
    )
  })

  it.runIf(json)('names an unknown top-level field in a 422', async () => {
    await fc.assert(
      fc.asyncProperty(known, unknownKey, fc.jsonValue({ maxDepth: 1 }), async (body, key, value) => {
        const res = await send(method, fill(path), { ...body, [key]: value })
        const problem = (await res.json()) as Problem
        expect(res.status, JSON.stringify(problem)).toBe(422)
        expect(problem.errors?.map((e) => e.path)).toContain(key)
      }),
      { numRuns: 4 },
    )
  })
})
