import { beforeAll, describe, expect, it } from 'vitest'
import { RELATED_TYPES } from '../../src/domain/records/vocab'
import { CATALOGUE, VIEW_ENTITIES, type ViewEntity } from '../../src/domain/views/catalogue'
import { createApi } from '../../src/handlers/api/api'
import { ORIGIN, logIn } from '../helpers/auth'
import { contactForm } from '../forms/fixtures'
import { uploadWith } from '../imports/api-fixtures'
import { caller, exportFor, oneOfEverything, tokenCaller, type ApiCall, type World } from './fixtures'

// The two-workspace matrix: an admin of workspace B calls every route of /api/v1, as the app
// registers them, naming workspace A's objects wherever a route takes an id (path, query, filter
// or body). Every answer is a 404 (or a 422 on the field that names A's object), or, for a list,
// a page without anything of A's: no id, name or address of A appears in any response. A route
// added tomorrow is walked too; one the matrix cannot fill (a path parameter, query parameter or
// filter field with no object of A behind it, or a body-only route without calls below) fails
// with a message saying what to add. Afterwards everything of A reads exactly as before.

type Param = { name: string; required: boolean; id: boolean }
type Route = { key: string; method: string; path: string; query: Param[]; body: boolean }
type Call = ApiCall & { expect: number[]; answer?: unknown }

const app = createApi()
const doc = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'API', version: '1' } })
const ROUTES: Route[] = [...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))].map((key) => {
  const [method = '', path = ''] = key.split(' ')
  const op = doc.paths?.[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase() as 'get']
  const query = (op?.parameters ?? []).flatMap((p) => ('in' in p && p.in === 'query' ? [{ name: p.name, required: Boolean(p.required), id: JSON.stringify(p.schema ?? {}).includes('"uuid"') }] : []))
  return { key, method, path, query, body: Boolean(op?.requestBody) }
})

const hasParams = (path: string) => path.includes('/:')
const now = new Date().toISOString()

// Body-only routes (no id in the path) get these calls, and any route may add some: B's own
// object in the path with A's in the body. `answer`: the whole body expected.
const CASES: Record<string, (a: World, b: World) => Call[]> = {
  'PATCH /me': () => [{ body: { digestEnabled: false }, expect: [200] }],
  // Tokens are made from a signed-in session only.
  'POST /tokens': (_, b) => [{ expect: [201], raw: () => b.admin.json('POST', '/api/v1/tokens', { name: 'Matrix token' }) }],
  'POST /accounts': (a) => [{ body: { name: 'B account', ownerId: a.userId }, expect: [422] }],
  // The same address as A's contact or lead is no duplicate here: B gets a record of its own.
  'POST /contacts': (a) => [
    { body: { firstName: 'B', accountId: a.ids.accounts }, expect: [422] },
    { body: { firstName: 'B', email: a.people.contact }, expect: [201] },
  ],
  'POST /leads': (a) => [
    { body: { lastName: 'B', ownerId: a.userId }, expect: [422] },
    { body: { lastName: 'B', email: a.people.lead }, expect: [201] },
  ],
  'POST /tasks': (a) => [
    { body: { title: 'B', relatedType: 'account', relatedId: a.ids.accounts }, expect: [404, 422] },
    { body: { title: 'B', assigneeId: a.userId }, expect: [422] },
  ],
  'POST /notes': (a) => [{ body: { body: 'B', relatedType: 'contact', relatedId: a.ids.contacts }, expect: [404, 422] }],
  'POST /activities': (a) => [{ body: { type: 'call', outcome: 'connected', subject: 'B', occurredAt: now, relatedType: 'lead', relatedId: a.ids.leads }, expect: [404, 422] }],
  'POST /opportunities': (a) => [
    { body: { name: 'B', accountId: a.ids.accounts }, expect: [422] },
    { body: { name: 'B', contactId: a.ids.contacts }, expect: [422] },
    { body: { name: 'B', pipelineId: a.ids.pipeline }, expect: [422] },
    { body: { name: 'B', stage: a.ids.stage }, expect: [422] },
    { body: { name: 'B', ownerId: a.userId }, expect: [422] },
  ],
  'POST /views': () => [{ body: { entity: 'contacts', name: 'B view', filter: { field: 'status', op: 'equals', value: 'customer' } }, expect: [201] }],
  'POST /exports': (a) => [
    { body: { entity: 'contacts', view: a.ids.views }, expect: [404] },
    { body: { entity: 'contacts' }, expect: [200] },
    { body: { entity: 'accounts', query: { tag: a.ids.tag } }, expect: [200] },
  ],
  'POST /imports': (a) => [{ expect: [202], raw: async (headers) => (await uploadWith(headers, `First name,Last name\r\nB,Imported\r\n`, { mapping: JSON.stringify({ 'Last name': 'lastName' }) })).res }],
  'POST /forms': () => [{ body: contactForm(), expect: [201] }],
  'POST /webhooks': () => [{ body: { url: 'http://127.0.0.1:9999/matrix', eventTypes: ['lead.*'] }, expect: [201] }],
  'POST /scoring-rules': (a) => [
    { body: { kind: 'fit', name: 'B fit', points: 5, condition: { op: 'contains', field: 'title', value: 'B' } }, expect: [201] },
    { body: { kind: 'threshold', name: 'B MQL', minScore: 60, setStatus: 'qualified', assignTo: a.userId, notifyOwner: false }, expect: [422] },
  ],
  'POST /routing-rules': (a) => [{ body: { name: 'B', action: 'assign', assignees: [{ userId: a.userId }] }, expect: [422] }],
  'POST /routing-rules/reorder': (a, b) => [{ body: { ids: [b.ids['routing-rules'], a.ids['routing-rules']] }, expect: [422] }],
  'PUT /routing/default-owner': (a) => [{ body: { userId: a.userId }, expect: [422] }],
  'POST /routing/preview': (a) => [{ body: { source: `source-${a.mark}`, formId: a.ids.forms }, expect: [200] }],
  'POST /quarantine/release': (a) => [{ body: { ids: [a.ids.held] }, expect: [200], answer: { released: 0, failed: 0 } }],
  'POST /quarantine/delete': (a) => [{ body: { ids: [a.ids.held] }, expect: [200], answer: { deleted: 0 } }],
  'POST /jobs/dead/retry': (a) => [{ body: a.deadJob, expect: [404] }],
  'POST /jobs/dead/discard': (a) => [{ body: a.deadJob, expect: [404] }],
  'PATCH /accounts/:id': (a, b) => [{ path: `/accounts/${b.ids.accounts}`, body: { ownerId: a.userId }, expect: [422] }],
  'PATCH /contacts/:id': (a, b) => [{ path: `/contacts/${b.ids.contacts}`, body: { accountId: a.ids.accounts }, expect: [422] }],
  'PATCH /leads/:id': (a, b) => [{ path: `/leads/${b.ids.leads}`, body: { ownerId: a.userId }, expect: [422] }],
  'PATCH /opportunities/:id': (a, b) => [{ stage: a.ids.stage }, { contactId: a.ids.contacts }, { accountId: a.ids.accounts }].map((body) => ({ path: `/opportunities/${b.ids.opportunities}`, body, expect: [422] })),
  'PATCH /tasks/:id': (a, b) => [
    { path: `/tasks/${b.ids.tasks}`, body: { relatedType: 'lead', relatedId: a.ids.leads }, expect: [404, 422] },
    { path: `/tasks/${b.ids.tasks}`, body: { assigneeId: a.userId }, expect: [422] },
  ],
  'POST /leads/:id/convert': (a, b) => [
    { path: `/leads/${b.ids.leads}/convert`, body: { accountId: a.ids.accounts }, expect: [404, 422] },
    { path: `/leads/${b.ids.leads}/convert`, body: { contactId: a.ids.contacts }, expect: [404, 422] },
  ],
  'POST /leads/:id/merge': (a, b) => [{ path: `/leads/${b.ids.leads}/merge`, body: { otherId: a.ids.leads }, expect: [404, 422] }],
  'POST /contacts/:id/merge': (a, b) => [{ path: `/contacts/${b.ids.contacts}/merge`, body: { otherId: a.ids.contacts }, expect: [404, 422] }],
  'PATCH /routing-rules/:id': (a, b) => [{ path: `/routing-rules/${b.ids['routing-rules']}`, body: { assignees: [{ userId: a.userId }] }, expect: [422] }],
}

// Bodies that get a route with A's ids in its path past validation, so the answer is about the
// ids (default: {}).
const BODIES: Record<string, (a: World) => unknown> = {
  'POST /leads/:id/merge': (a) => ({ otherId: a.ids.twin }),
  'POST /contacts/:id/merge': (a) => ({ otherId: a.ids.mergeKeeper }),
  'PATCH /notes/:id': () => ({ body: 'B' }),
}

// What names A's objects in a list's query string; every id-typed and every required parameter
// needs an entry.
const RELATED_PATHS = { account: 'accounts', contact: 'contacts', lead: 'leads', opportunity: 'opportunities' } as const
const QUERY: Record<string, (a: World, entity: ViewEntity | undefined) => Record<string, string>[]> = {
  owner: (a) => [{ owner: a.userId }],
  assigneeId: (a) => [{ assigneeId: a.userId }],
  accountId: (a) => [{ accountId: a.ids.accounts ?? '' }],
  tag: (a) => [{ tag: a.ids.tag ?? '' }],
  stage: (a) => [{ stage: a.ids.stage ?? '' }],
  pipeline: (a) => [{ pipeline: a.ids.pipeline ?? '' }],
  formId: (a) => [{ formId: a.ids.forms ?? '' }],
  relatedId: (a) => RELATED_TYPES.map((t) => ({ relatedType: t, relatedId: a.ids[RELATED_PATHS[t]] ?? '' })),
  relatedType: () => [],
  q: (a) => [a.mark, a.people.contact, a.people.lead, `${a.mark}.example`].map((q) => ({ q, types: 'account,contact,lead,opportunity,note' })),
  to: (a) => [{ to: `person00@${a.mark}.test` }, { to: a.email }],
  source: (a) => [{ source: `source-${a.mark}` }],
  filter: (a, entity) => [{ filter: JSON.stringify(filterNaming(a, entity)) }],
  all: () => [{ all: 'true' }],
  archived: () => [{ archived: 'true' }],
  type: () => [{ type: 'lead' }, { type: 'contact' }],
}

// A filter document that matches anything of A's: every owner, tag and reference field equal to
// A's object, every text field containing A's mark.
const REF_FIELDS: Record<string, string> = { account: 'accounts', contact: 'contacts', lead: 'leads', opportunity: 'opportunities', stage: 'stage', pipeline: 'pipeline' }
function filterNaming(a: World, entity: ViewEntity | undefined) {
  if (!entity) throw new Error('a list outside the saved-view catalogue takes filter=: teach filterNaming its fields')
  const or = Object.entries(CATALOGUE[entity]).flatMap(([field, def]) => {
    if (def.type === 'owner') return [{ field, op: 'equals', value: a.userId }]
    if (def.type === 'tag') return [{ field, op: 'equals', value: a.ids.tag }]
    if (def.type === 'text') return [{ field, op: 'contains', value: a.mark }]
    if (def.type !== 'ref') return []
    const id = a.ids[REF_FIELDS[field] ?? '']
    if (!id) throw new Error(`the ${entity} filter field "${field}" refers to an object the matrix has none of: add it to REF_FIELDS and oneOfEverything`)
    return [{ field, op: 'equals', value: id }]
  })
  return { or }
}

// The path with each parameter filled from the world `from` picks for it: `/accounts/:id` takes
// ids.accounts, `:deliveryId` ids.deliveryId.
function fill(route: Route, from: (key: string) => World): string {
  return route.path.replace(/([a-z-]+)\/:(\w+)/g, (_, segment: string, name: string) => {
    const key = name === 'id' ? segment : name
    const id = from(key).ids[key]
    if (!id) throw new Error(`${route.key}: the matrix has no object for :${name} — create one in oneOfEverything (test/api/fixtures.ts) under ids["${key}"]`)
    return `${segment}/${id}`
  })
}
const paramKeys = (route: Route) => [...route.path.matchAll(/([a-z-]+)\/:(\w+)/g)].map(([, segment, name]) => (name === 'id' ? segment : name) ?? '')

// Query strings naming A's objects, one parameter at a time, each with the required ones.
function queryVariants(route: Route, a: World): Record<string, string>[] {
  const entity = VIEW_ENTITIES.find((e) => route.path === `/${e}`)
  for (const p of route.query) if ((p.id || p.required) && !QUERY[p.name]) throw new Error(`${route.key}: no way to name workspace A's objects in its query parameter "${p.name}" — add it to QUERY`)
  const variants = [{}, ...route.query.flatMap((p) => QUERY[p.name]?.(a, entity) ?? [])]
  const required = route.query.filter((p) => p.required).map((p) => p.name)
  return variants.filter((v) => required.every((name) => name in v))
}

// The calls of one route: A's objects in its path (each parameter in turn when it has several,
// the others B's own), its query variants, and its CASES.
function callsOf(route: Route, a: World, b: World): Call[] {
  const cases = CASES[route.key]?.(a, b) ?? []
  if (!hasParams(route.path)) {
    if (route.method === 'GET') return [...queryVariants(route, a).map((query) => ({ query, expect: [200, 404] })), ...cases]
    if (!cases.length) throw new Error(`${route.key} takes no id in its path, so the matrix cannot name workspace A's objects by itself: add its calls to CASES`)
    return cases
  }
  const keys = paramKeys(route)
  const fills = [fill(route, () => a), ...(keys.length > 1 ? keys.map((only) => fill(route, (k) => (k === only ? a : b))) : [])]
  const body = route.body ? (BODIES[route.key]?.(a) ?? {}) : undefined
  const query = route.method === 'GET' ? queryVariants(route, a)[0] : undefined
  return [...fills.map((path) => ({ path, body, query, expect: [404] })), ...cases]
}

// Everything of A's that can show up in text: ids, its mark (in every name and address), its
// admin, its workspace.
function leaksOf(a: World, text: string): string[] {
  const seen = text.toLowerCase()
  return [a.mark, a.email, a.tenantId, a.userId, a.deadJob.key, ...Object.values(a.ids)].filter((m) => seen.includes(m.toLowerCase()))
}

let a: World
let b: World
let asA: ReturnType<typeof caller>
let asB: ReturnType<typeof caller>
let before: Record<string, string>

// Every GET of A's objects as A sees them, answer by answer. A route the matrix cannot fill is
// left to its own test, which says why.
async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const route of ROUTES.filter((r) => r.method === 'GET')) {
    let call: ApiCall
    try {
      call = { path: fill(route, () => a), query: queryVariants(route, a)[0] }
    } catch {
      continue
    }
    const res = await asA('GET', call)
    // Each problem carries the request's own id.
    out[route.key] = `${res.status} ${(await res.text()).replace(/"requestId":"[^"]*"/, '')}`
  }
  return out
}

beforeAll(async () => {
  a = await oneOfEverything('mxa')
  b = await oneOfEverything('mxb')
  a.ids.exports = await exportFor(a, b)
  asA = caller(async () => ({ Cookie: (await logIn(a.email)).cookie, Origin: ORIGIN }))
  asB = tokenCaller(b.admin)
  // Background work of A's own (scoring, emails) settles before the picture is taken.
  for (let tries = 0; ; tries++) {
    const [first, second] = [await snapshot(), await snapshot()]
    if (JSON.stringify(first) === JSON.stringify(second)) {
      before = first
      break
    }
    if (tries === 5) expect(second, "workspace A's answers kept changing on their own").toEqual(first)
    await new Promise((r) => setTimeout(r, 500))
  }
}, 180_000)

describe('workspace B calling every /api/v1 route with workspace A objects', () => {
  it("has A's objects behind every id the matrix uses (A reads each one)", () => {
    // A's export was asked for by B's admin (exportFor), so only its workspace keeps it from them.
    const unreadable = Object.entries(before).filter(([key, answer]) => key !== 'GET /exports/:id' && !/^2\d\d /.test(answer))
    expect(unreadable.map(([key, answer]) => `${key} → ${answer.slice(0, 200)}`)).toEqual([])
  })

  it('has no CASES for routes the app no longer has', () => {
    const keys = new Set(ROUTES.map((r) => r.key))
    expect(Object.keys({ ...CASES, ...BODIES }).filter((k) => !keys.has(k))).toEqual([])
  })

  it.each(ROUTES.map((r) => [r.key, r] as const))('%s', async (_, route) => {
    for (const call of callsOf(route, a, b)) {
      const res = await asB(route.method, { path: route.path, ...call })
      const text = await res.text()
      const what = `${route.method} ${call.path ?? route.path}${call.query ? ` ${JSON.stringify(call.query)}` : ''}${call.body ? ` ${JSON.stringify(call.body)}` : ''} → ${res.status} ${text.slice(0, 300)}`
      expect(call.expect, what).toContain(res.status)
      if (call.answer) expect(JSON.parse(text), what).toEqual(call.answer)
      expect(leaksOf(a, `${text} ${res.headers.get('Location') ?? ''}`), `workspace A leaked: ${what}`).toEqual([])
    }
  })

  it('leaves everything of workspace A as it was', async () => {
    expect(await snapshot()).toEqual(before)
  })
})
