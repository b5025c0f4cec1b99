import { and, eq, sql } from 'drizzle-orm'
import type { SubmissionListFilters } from '../../domain/forms/schemas'
import type { Db } from '../client'
import { contacts, formSubmissions, leads } from '../schema'
import { keysetAfter, keysetOrder, pageOf, type Sort } from './records/list'

// One form's submissions, newest first, with the name of the lead or contact each became or was
// attached to. Read by the form's page and GET /api/v1/forms/{id}/submissions; the caller has
// already found the form in this workspace.

// (received_at, id) descending, served by form_submissions_form_idx.
const NEWEST: Sort = { column: formSubmissions.receivedAt, kind: 'time', nullable: false, dir: 'desc' }

const personName = (t: typeof leads | typeof contacts) => sql<string | null>`nullif(trim(coalesce(${t.firstName}, '') || ' ' || coalesce(${t.lastName}, '')), '')`

export async function listFormSubmissions(db: Db, tenantId: string, formId: string, f: SubmissionListFilters) {
  const rows = await db
    .select({
      id: formSubmissions.id,
      receivedAt: formSubmissions.receivedAt,
      verdict: formSubmissions.verdict,
      spamReasons: formSubmissions.spamReasons,
      outcome: formSubmissions.outcome,
      origin: formSubmissions.origin,
      consentGiven: formSubmissions.consentGiven,
      leadId: formSubmissions.leadId,
      contactId: formSubmissions.contactId,
      leadName: sql<string | null>`coalesce(${personName(leads)}, ${leads.companyName}, ${leads.email})`,
      contactName: sql<string | null>`coalesce(${personName(contacts)}, ${contacts.email})`,
    })
    .from(formSubmissions)
    .leftJoin(leads, and(eq(leads.tenantId, formSubmissions.tenantId), eq(leads.id, formSubmissions.leadId)))
    .leftJoin(contacts, and(eq(contacts.tenantId, formSubmissions.tenantId), eq(contacts.id, formSubmissions.contactId)))
    .where(and(eq(formSubmissions.tenantId, tenantId), eq(formSubmissions.formId, formId), keysetAfter(NEWEST, formSubmissions.id, f.cursor)))
    .orderBy(...keysetOrder(NEWEST, formSubmissions.id))
    .limit(f.limit + 1)
  return pageOf(rows, f.limit, (r) => r.receivedAt)
}

export type SubmissionRow = Awaited<ReturnType<typeof listFormSubmissions>>['data'][number]
