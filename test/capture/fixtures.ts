import { and, asc, eq } from 'drizzle-orm'
import { captureLead, type CaptureRequest, type CaptureValues } from '../../src/db/queries/lead-capture'
import { activityEvents, duplicateCandidates, formSubmissions, forms, leads } from '../../src/db/schema'
import { testDb, testEnv } from '../helpers/app'
import { me, signUp, type Browser } from '../helpers/auth'

export const db = testDb()

// The local endpoint runs PGlite one statement at a time; only the server runs requests at once.
export const onServer = testEnv.DATABASE_URL !== 'postgres://crm:crm@localhost:5432/crm'

export type Workspace = { admin: Browser; tenantId: string; userId: string; formId: string }

// A workspace with one form, inserted directly: capture only needs the row to link submissions to.
export async function workspaceWithForm(name = 'Capture'): Promise<Workspace> {
  const admin = await signUp({ workspace: name })
  const who = await me(admin)
  const formId = crypto.randomUUID()
  await db.insert(forms).values({ tenantId: who.workspace.id, id: formId, key: `f-${formId}`, name: 'Contact us', fields: [] })
  return { admin, tenantId: who.workspace.id, userId: who.userId, formId }
}

// A clean submission of `values` through the form, as the public endpoint hands it to captureLead.
export function submit(ws: Workspace, values: CaptureValues, extra: Partial<CaptureRequest> = {}) {
  return captureLead(db, ws.tenantId, {
    values,
    formId: ws.formId,
    ownerId: ws.userId,
    actorUserId: null,
    submission: { kind: 'new', id: crypto.randomUUID(), formId: ws.formId, payload: { ...values }, origin: 'https://www.example.com', referrer: null, utm: {}, consentText: null, consentGiven: null, ipHash: null, verdict: 'clean', spamReasons: [] },
    ...extra,
  })
}

export const leadsOf = (tenantId: string) => db.select().from(leads).where(eq(leads.tenantId, tenantId)).orderBy(asc(leads.createdAt), asc(leads.id))
export const submissionsOf = (tenantId: string) => db.select().from(formSubmissions).where(eq(formSubmissions.tenantId, tenantId)).orderBy(asc(formSubmissions.receivedAt))
export const candidatesOf = (tenantId: string) => db.select().from(duplicateCandidates).where(eq(duplicateCandidates.tenantId, tenantId))
export const eventTypes = async (tenantId: string, entityId: string) =>
  (await db.select({ type: activityEvents.eventType }).from(activityEvents).where(and(eq(activityEvents.tenantId, tenantId), eq(activityEvents.entityId, entityId))).orderBy(asc(activityEvents.occurredAt), asc(activityEvents.id))).map((e) => e.type)
