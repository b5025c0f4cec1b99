import { and, eq, type AnyColumn, type SQL } from 'drizzle-orm'
import { expect } from 'vitest'
import { activities, duplicateCandidates, formSubmissions, forms, notes, opportunities, recordTags, tasks } from '../../src/db/schema'
import { testDb } from '../helpers/app'
import { me, type Browser } from '../helpers/auth'
import { api, created } from '../helpers/records'

export const db = testDb()

export type Rec = { id: string; email: string | null; tags: string[]; archivedAt: string | null; updatedAt: string; [k: string]: unknown }
export type Entity = 'lead' | 'contact'
const plural = (e: Entity) => (e === 'lead' ? 'leads' : 'contacts')

export const tenantOf = async (who: Browser) => (await me(who)).workspace.id

export const record = (who: Browser, entity: Entity, body: Record<string, unknown>) => created<Rec>(who, `/${plural(entity)}`, body)
export const read = async (who: Browser, entity: Entity, id: string) => (await api<Rec>(who, 'GET', `/${plural(entity)}/${id}`)).body

// A note, a task and an activity on the record, through the API as a person would add them.
export async function workOn(who: Browser, entity: Entity, id: string, label: string) {
  const related = { relatedType: entity, relatedId: id }
  const note = await created<{ id: string }>(who, '/notes', { body: `Note on ${label}`, ...related })
  const task = await created<{ id: string }>(who, '/tasks', { title: `Call ${label}`, ...related })
  const activity = await created<{ id: string }>(who, '/activities', { type: 'call', outcome: 'connected', subject: `Spoke to ${label}`, ...related })
  return { note: note.id, task: task.id, activity: activity.id }
}

// A form submission attached to the record, written as lead capture would store it.
export async function submissionFor(tenantId: string, link: { leadId?: string; contactId?: string }) {
  const formId = crypto.randomUUID()
  await db.insert(forms).values({ tenantId, id: formId, key: `merge-${formId}`, name: 'Merge test form', fields: [] })
  const id = crypto.randomUUID()
  await db.insert(formSubmissions).values({ tenantId, id, formId, payload: { email: 'x@example.test' }, verdict: 'clean', outcome: 'attached', ...link })
  return id
}

// Lead capture may have flagged the pair already (similar names); then that row is the one.
export async function candidate(tenantId: string, entityType: Entity, recordId: string, otherId: string, similarity = 0.82, reason = 'Similar name at the same company') {
  const [row] = await db
    .insert(duplicateCandidates)
    .values({ tenantId, entityType, recordId, otherId, similarity, reason })
    .onConflictDoUpdate({ target: [duplicateCandidates.tenantId, duplicateCandidates.entityType, duplicateCandidates.recordId, duplicateCandidates.otherId], set: { similarity, reason } })
    .returning({ id: duplicateCandidates.id })
  return row?.id as string
}

export const candidateRow = async (tenantId: string, id: string) => (await db.select().from(duplicateCandidates).where(and(eq(duplicateCandidates.tenantId, tenantId), eq(duplicateCandidates.id, id))))[0]

// The ids of everything linked to a record, by kind, sorted: what a merge moves and undo brings back.
export async function linksOf(tenantId: string, entity: Entity, id: string) {
  const ids = async (table: typeof notes | typeof tasks | typeof activities | typeof recordTags | typeof formSubmissions, where: SQL) =>
    (await db.select({ id: table.id }).from(table).where(and(eq(table.tenantId, tenantId), where))).map((r) => r.id).sort()
  const on = (t: { leadId: AnyColumn; contactId: AnyColumn }) => eq(entity === 'lead' ? t.leadId : t.contactId, id)
  return {
    notes: await ids(notes, on(notes)),
    tasks: await ids(tasks, on(tasks)),
    activities: await ids(activities, on(activities)),
    tags: (await db.select({ tagId: recordTags.tagId }).from(recordTags).where(and(eq(recordTags.tenantId, tenantId), on(recordTags)))).map((r) => r.tagId).sort(),
    submissions: await ids(formSubmissions, on(formSubmissions)),
    opportunities: entity === 'contact' ? (await db.select({ id: opportunities.id }).from(opportunities).where(and(eq(opportunities.tenantId, tenantId), eq(opportunities.contactId, id)))).map((r) => r.id).sort() : [],
  }
}

export type MergeResponse = { data: Rec; mergeId: string }

export async function merge(who: Browser, entity: Entity, winner: string, other: string, fields?: Record<string, 'self' | 'other'>) {
  const res = await api<MergeResponse>(who, 'POST', `/${plural(entity)}/${winner}/merge`, { otherId: other, ...(fields ? { fields } : {}) })
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body
}

// A record as it reads, without what any write changes (updatedAt) or the scoring job writes in
// the background (score, its breakdown and time).
export const asRead = ({ updatedAt: _u, score: _s, scoreBreakdown: _b, scoredAt: _t, ...rest }: Rec) => rest
