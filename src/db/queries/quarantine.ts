import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { QuarantineQuery } from '../../domain/forms/quarantine'
import type { SubmissionFields } from '../../domain/forms/submissions'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { AppError } from '../../lib/errors'
import type { Db } from '../client'
import { formSubmissions, forms } from '../schema'
import { cappedCount, newestFirst } from './records/list'

// Suspected spam held in form_submissions (outcome 'quarantined', no lead) until someone in the
// workspace releases it into a lead or deletes it.

export async function quarantineSubmission(db: Db, tenantId: string, s: SubmissionFields): Promise<void> {
  await db.insert(formSubmissions).values({ tenantId, ...s, verdict: 'spam', outcome: 'quarantined' })
}

const held = (tenantId: string) => and(eq(formSubmissions.tenantId, tenantId), eq(formSubmissions.outcome, 'quarantined'))
const joinForm = and(eq(forms.tenantId, formSubmissions.tenantId), eq(forms.id, formSubmissions.formId))

// Newest first by (received_at, id): a total order, so the keyset cursor is exact.
function after(cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined
  const [at, id, ...rest] = decodeCursor(cursor)
  const receivedAt = new Date(String(at))
  if (rest.length || typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(receivedAt.getTime())) {
    throw new AppError('BAD_REQUEST', 'The cursor does not fit this list; start again from the first page.')
  }
  return sql`(${formSubmissions.receivedAt}, ${formSubmissions.id}) < (${receivedAt}, ${id}::uuid)`
}

const filtered = (tenantId: string, f: QuarantineQuery) => and(held(tenantId), f.formId ? eq(formSubmissions.formId, f.formId) : undefined)

// One page (plus a row, to know whether another follows), unawaited so a page can batch it.
export const listQuarantineQuery = (db: Db, tenantId: string, f: QuarantineQuery) =>
  db
    .select({
      id: formSubmissions.id,
      formId: formSubmissions.formId,
      formName: forms.name,
      fields: forms.fields,
      receivedAt: formSubmissions.receivedAt,
      payload: formSubmissions.payload,
      origin: formSubmissions.origin,
      referrer: formSubmissions.referrer,
      spamReasons: formSubmissions.spamReasons,
    })
    .from(formSubmissions)
    .innerJoin(forms, joinForm)
    .where(and(filtered(tenantId, f), after(f.cursor)))
    .orderBy(...newestFirst(formSubmissions.receivedAt, formSubmissions.id))
    .limit(f.limit + 1)

export type QuarantineRow = Awaited<ReturnType<typeof listQuarantineQuery>>[number]

export function quarantinePage(rows: QuarantineRow[], f: QuarantineQuery): { data: QuarantineRow[]; nextCursor: string | null } {
  const data = rows.slice(0, f.limit)
  const last = data.at(-1)
  return { data, nextCursor: rows.length > f.limit && last ? encodeCursor([last.receivedAt.toISOString(), last.id]) : null }
}

export const countQuarantineQuery = (db: Db, tenantId: string, f: QuarantineQuery) => cappedCount(db, formSubmissions, filtered(tenantId, f))

// The workspace's forms, for the list's filter.
export const formChoicesQuery = (db: Db, tenantId: string) => db.select({ id: forms.id, name: forms.name }).from(forms).where(eq(forms.tenantId, tenantId)).orderBy(asc(forms.name), asc(forms.id))

// What a release needs of each still-quarantined submission among `ids`: its values and the
// form's mapping, source and owner. Ids of another workspace, or already released or deleted, are
// simply absent.
export const quarantinedForRelease = (db: Db, tenantId: string, ids: string[]) =>
  db
    .select({
      id: formSubmissions.id,
      formId: formSubmissions.formId,
      payload: formSubmissions.payload,
      utm: formSubmissions.utm,
      fields: forms.fields,
      defaultSource: forms.defaultSource,
      ownerId: forms.ownerId,
    })
    .from(formSubmissions)
    .innerJoin(forms, joinForm)
    .where(and(held(tenantId), inArray(formSubmissions.id, ids)))
    .orderBy(asc(formSubmissions.receivedAt), asc(formSubmissions.id))

// Deletes this workspace's quarantined submissions among `ids`; returns how many went.
export async function deleteQuarantined(db: Db, tenantId: string, ids: string[]): Promise<number> {
  const gone = await db.delete(formSubmissions).where(and(held(tenantId), inArray(formSubmissions.id, ids))).returning({ id: formSubmissions.id })
  return gone.length
}
