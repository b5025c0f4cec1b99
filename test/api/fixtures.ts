import { and, eq } from 'drizzle-orm'
import { jobFailures, tags } from '../../src/db/schema'
import { exportKey } from '../../src/lib/exports/files'
import { request, testDb, testEnv } from '../helpers/app'
import { ORIGIN, createToken, me, signUp, uniqueEmail, type Browser } from '../helpers/auth'
import { seedEmails } from '../helpers/emails'
import { api, created } from '../helpers/records'
import { addSubmissions, createForm } from '../forms/fixtures'
import { uploadWith } from '../imports/api-fixtures'
import { candidate, merge } from '../merge/fixtures'
import { seedDeliveries } from '../webhooks/fixtures'

// One of everything the API can name, in a workspace of its own. `ids` holds each object's id
// under the path segment that names it (`/accounts/:id` → accounts) or the path parameter
// (`:deliveryId`), and the ids that lists and filters take (tag, pipeline, stage, ...). Every
// name carries `mark`, so a response that shows any of it can be caught by text. The contact's
// and the lead's addresses do not: another workspace may have people with the same ones.
export type World = {
  admin: Browser
  tenantId: string
  userId: string
  email: string
  mark: string
  ids: Record<string, string>
  deadJob: { type: string; key: string }
  people: { contact: string; lead: string }
}

type Id = { id: string }

export async function oneOfEverything(label: string): Promise<World> {
  const mark = `${label}${crypto.randomUUID().slice(0, 8)}`
  const admin = await signUp({ workspace: `Workspace ${mark}`, name: `Owner ${mark}` })
  const { userId, email, workspace } = await me(admin)
  const tenantId = workspace.id
  const make = (path: string, body: unknown) => created<Id>(admin, path, body).then((r) => r.id)
  const people = { contact: uniqueEmail('contact'), lead: uniqueEmail('lead') }

  const account = await created<Id & { tags: string[] }>(admin, '/accounts', { name: `Account ${mark}`, domain: `${mark}.example`, tags: [`tag-${mark}`] })
  const contact = await make('/contacts', { firstName: 'Ada', lastName: `Contact ${mark}`, email: people.contact, accountId: account.id })
  const lead = await make('/leads', { lastName: `Lead ${mark}`, email: people.lead, companyName: `Company ${mark}`, source: `source-${mark}` })
  const twin = await make('/leads', { lastName: `Twin ${mark}`, email: `twin-${mark}@example.test` })
  const pipelines = await api<{ data: { id: string; stages: Id[] }[] }>(admin, 'GET', '/pipelines')
  const pipeline = pipelines.body.data[0]
  const stage = pipeline?.stages[0]
  if (!pipeline || !stage) throw new Error('a new workspace has no pipeline')
  const opportunity = await make('/opportunities', { name: `Deal ${mark}`, amount: 1000, accountId: account.id, contactId: contact, stage: stage.id, tags: [`tag-${mark}`] })
  const form = await createForm(admin, { name: `Form ${mark}` })
  const [held = ''] = await addSubmissions(tenantId, form.id, ['quarantined'])
  const webhook = await make('/webhooks', { url: `http://127.0.0.1:9999/${mark}`, eventTypes: ['lead.*'] })
  const { ok: delivery } = await seedDeliveries(tenantId, webhook)
  const [mergeKeeper, mergeLoser] = [await make('/contacts', { lastName: `Keeper ${mark}` }), await make('/contacts', { lastName: `Merged ${mark}` })]
  const { ids: emails } = await seedEmails(tenantId, 1, { status: 'failed', domain: `${mark}.test` })
  await api(admin, 'PUT', '/routing/default-owner', { userId })

  const ids: Record<string, string> = {
    accounts: account.id,
    contacts: contact,
    leads: lead,
    twin,
    opportunities: opportunity,
    pipeline: pipeline.id,
    stage: stage.id,
    tag: await tagId(tenantId, `tag-${mark}`),
    tasks: await make('/tasks', { title: `Task ${mark}`, relatedType: 'account', relatedId: account.id, assigneeId: userId }),
    notes: await make('/notes', { body: `Note ${mark}`, relatedType: 'contact', relatedId: contact }),
    activities: await make('/activities', { type: 'call', outcome: 'connected', subject: `Call ${mark}`, occurredAt: new Date().toISOString(), relatedType: 'lead', relatedId: lead }),
    views: await make('/views', { entity: 'contacts', name: `View ${mark}`, filter: { field: 'lastName', op: 'contains', value: mark } }),
    forms: form.id,
    held,
    webhooks: webhook,
    deliveryId: delivery,
    tokens: (await createToken(admin, `Token ${mark}`)).id,
    imports: await uploadedImport(admin, mark),
    'scoring-rules': await make('/scoring-rules', { kind: 'fit', name: `Fit ${mark}`, points: 20, condition: { op: 'contains', field: 'title', value: mark } }),
    'routing-rules': await make('/routing-rules', { name: `Route ${mark}`, action: 'assign', assignees: [{ userId }] }),
    emails: emails[0] ?? '',
    merges: (await merge(admin, 'contact', mergeKeeper, mergeLoser)).mergeId,
    mergeKeeper,
    duplicates: await candidate(tenantId, 'lead', lead, twin),
  }
  return { admin, tenantId, userId, email, mark, ids, people, deadJob: await deadJob(tenantId, mark) }
}

// Tags are named in record JSON; lists and filters take the tag's id.
async function tagId(tenantId: string, name: string): Promise<string> {
  const [tag] = await testDb().select({ id: tags.id }).from(tags).where(and(eq(tags.tenantId, tenantId), eq(tags.name, name)))
  if (!tag) throw new Error(`no tag ${name}`)
  return tag.id
}

// Uploaded but not run (the queue is captured): its row exists, which is all a lookup needs.
async function uploadedImport(admin: Browser, mark: string): Promise<string> {
  const { res } = await uploadWith({ Cookie: admin.cookie, Origin: ORIGIN }, `First name,Last name,Email\r\nImported,${mark},imported-${mark}@example.test\r\n`)
  if (res.status !== 202) throw new Error(`upload failed with ${res.status}: ${await res.text()}`)
  return ((await res.json()) as Id).id
}

// A ready export of `owner`'s workspace, asked for by `asker` (as the export job leaves one): when
// the asker is someone of another workspace, only the workspace in the key keeps it from them.
export async function exportFor(owner: World, asker: World): Promise<string> {
  const id = crypto.randomUUID()
  const meta = { status: 'ready', userId: asker.userId, entity: 'contacts', filename: `${owner.mark}.csv` }
  await testEnv.FILES.put(exportKey(owner.tenantId, id), `\uFEFFName\r\nExported ${owner.mark}\r\n`, { customMetadata: meta })
  return id
}

// A dead job as the dead-letter consumer leaves one.
async function deadJob(tenantId: string, mark: string) {
  const job = { type: 'task-reminder', key: `matrix:${mark}` }
  await testDb().insert(jobFailures).values({ ...job, tenantId, body: { ...job, note: mark }, attempts: 6, lastError: `failed ${mark}`, deadAt: new Date() })
  return job
}

// One request to /api/v1: `path` with `query`, a JSON `body`, or `raw` to send it some other way.
export type ApiCall = { path?: string; query?: Record<string, string>; body?: unknown; raw?: (headers: Record<string, string>) => Promise<Response> }

// A caller that takes a fresh credential every 80 requests: each may send 100 per 10 s, and
// tests that walk every route or field are not about that.
export function caller(credential: () => Promise<Record<string, string>>) {
  let sent = 0
  let headers: Record<string, string> = {}
  return async (method: string, call: ApiCall): Promise<Response> => {
    if (sent++ % 80 === 0) headers = await credential()
    if (call.raw) return call.raw(headers)
    const qs = call.query && Object.keys(call.query).length ? `?${new URLSearchParams(call.query)}` : ''
    const json: Record<string, string> = call.body === undefined ? {} : { 'Content-Type': 'application/json' }
    return request(`/api/v1${call.path ?? ''}${qs}`, { method, body: call.body === undefined ? undefined : JSON.stringify(call.body), headers: { ...headers, ...json }, redirect: 'manual' })
  }
}

// A caller with `who`'s API tokens.
export const tokenCaller = (who: Browser) => caller(async () => ({ Authorization: `Bearer ${(await createToken(who, 'Test caller')).token}` }))
