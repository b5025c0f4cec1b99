import { and, eq, getTableColumns, isNotNull, isNull, sql } from 'drizzle-orm'
import type { FormListFilters, FormInput } from '../../domain/forms/schemas'
import type { OutcomeCounts } from '../../domain/forms/stats'
import { newId } from '../../lib/ids'
import type { Db } from '../client'
import { formSubmissions, forms, memberships } from '../schema'
import { keysetAfter, keysetOrder, pageOf, type Sort } from './records/list'

// A workspace's lead capture forms. Every function but getFormByKey is tenant-scoped; that one
// serves the public /f/:key pages, where the key alone names the form (and so the workspace).

export type FormRecord = Omit<typeof forms.$inferSelect, 'tenantId' | 'createdBy'>
export type FormListRow = FormRecord & { counts: OutcomeCounts }

const { tenantId: _t, createdBy: _c, ...columns } = getTableColumns(forms)

const byId = (tenantId: string, id: string) => and(eq(forms.tenantId, tenantId), eq(forms.id, id))

// 16 random bytes as base64url: 22 characters, 128 bits, so a key cannot be guessed or walked.
export function newFormKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

// The stored form as FormInput again (secret included), to merge an API patch onto.
export function formToInput(f: FormRecord): FormInput {
  const { id: _id, key: _key, createdAt: _ca, updatedAt: _ua, archivedAt: _aa, ...input } = f
  return input
}

export async function createForm(db: Db, tenantId: string, userId: string, input: FormInput): Promise<FormRecord> {
  const [row] = await db.insert(forms).values({ ...input, tenantId, id: newId(), key: newFormKey(), createdBy: userId }).returning(columns)
  if (!row) throw new Error('insert returned no row')
  return row
}

// A form's owner must be an active member: the composite foreign key only knows membership, and a
// lead routed to someone who left would sit unworked.
export async function isActiveMember(db: Db, tenantId: string, userId: string): Promise<boolean> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId), isNull(memberships.deactivatedAt)))
  return rows.length > 0
}

export async function getForm(db: Db, tenantId: string, id: string): Promise<FormRecord | null> {
  const [row] = await db.select(columns).from(forms).where(byId(tenantId, id))
  return row ?? null
}

// Submissions per outcome, counted in the same statement as the form(s) they belong to. The outer
// table is named explicitly: drizzle leaves single-table column references unqualified, and inside
// the subquery "id" would mean the submission's.
const outcomeCounts = sql<OutcomeCounts>`coalesce((
  select json_object_agg(c.outcome, c.n) from (
    select s.outcome, count(*)::int as n from ${formSubmissions} s
    where s.tenant_id = "forms".tenant_id and s.form_id = "forms".id
    group by s.outcome
  ) c), '{}'::json)`

// The form with its submissions counted per outcome, for the form's page.
export async function getFormWithCounts(db: Db, tenantId: string, id: string): Promise<FormListRow | null> {
  const [row] = await db.select({ ...columns, counts: outcomeCounts }).from(forms).where(byId(tenantId, id))
  return row ?? null
}

// Replaces every setting (the caller has merged any partial change and validated the result).
export async function updateForm(db: Db, tenantId: string, id: string, input: FormInput): Promise<FormRecord | null> {
  const [row] = await db.update(forms).set({ ...input, updatedAt: sql`now()` }).where(byId(tenantId, id)).returning(columns)
  return row ?? null
}

// Archiving keeps the form and its submissions; its public pages and endpoint stop answering.
export async function setFormArchived(db: Db, tenantId: string, id: string, archived: boolean): Promise<FormRecord | null> {
  const [row] = await db
    .update(forms)
    .set({ archivedAt: archived ? sql`coalesce(${forms.archivedAt}, now())` : null, updatedAt: sql`now()` })
    .where(byId(tenantId, id))
    .returning(columns)
  return row ?? null
}

// Newest first: (created_at, id) descending, served by forms_tenant_idx.
const NEWEST: Sort = { column: forms.createdAt, kind: 'time', nullable: false, dir: 'desc' }

export async function listForms(db: Db, tenantId: string, f: FormListFilters): Promise<{ data: FormListRow[]; nextCursor: string | null }> {
  const rows = await db
    .select({ ...columns, counts: outcomeCounts })
    .from(forms)
    .where(and(eq(forms.tenantId, tenantId), f.archived ? isNotNull(forms.archivedAt) : isNull(forms.archivedAt), keysetAfter(NEWEST, forms.id, f.cursor)))
    .orderBy(...keysetOrder(NEWEST, forms.id))
    .limit(f.limit + 1)
  return pageOf(rows, f.limit, (r) => r.createdAt)
}

// What the public side needs: the whole form (the submission endpoint checks the secret and the
// limits) and its workspace. Archived forms are not found.
export type PublicForm = FormRecord & { tenantId: string }

export async function getFormByKey(db: Db, key: string): Promise<PublicForm | null> {
  const [row] = await db
    .select({ ...columns, tenantId: forms.tenantId })
    .from(forms)
    .where(and(eq(forms.key, key), isNull(forms.archivedAt)))
  return row ?? null
}
