import { and, asc, eq, isNull, ne, or, sql, type SQL } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import { accountIdOf, contactIdOf, contactNameOf, planConversion, type ConversionPlan, type ConvertInput, type Found } from '../../domain/leads/conversion'
import { stageWantOf } from '../../domain/opportunities/changes'
import { personName } from '../../domain/records/normalise'
import type { Viewer } from '../../domain/records/viewer'
import type { EntityType, EventType } from '../../domain/timeline/entities'
import { AppError } from '../../lib/errors'
import { newId } from '../../lib/ids'
import type { Db } from '../client'
import { foreignKeyViolation } from '../errors'
import { accounts, contacts, leads, opportunities } from '../schema'
import { getLeadQuery, leadScope, NO_SUCH_LEAD, type LeadRow } from './leads'
import { refsQuery } from './opportunity-refs'
import { groupPipelines, listPipelinesQuery } from './pipelines'
import { eventWhen, historyWhen, stamped } from './records/changes'
import { visibleTo } from './records/list'

// Lead conversion: one batch of reads (the lead, the account and contact it matches, the deal's
// stage), the pure plan (domain/leads/conversion.ts), then one batch of writes.

// A column of the lead being converted, for matching in the same round trip as reading it.
const leadColumn = (tenantId: string, leadId: string, column: 'company_domain' | 'company_name' | 'email_normalized') =>
  sql`(select l.${sql.identifier(column)} from ${leads} l where l.tenant_id = ${tenantId} and l.id = ${leadId})`

// The account named in the request, or else the oldest live account with the lead's company
// domain, or else with its company name (case-insensitive).
function accountQuery(db: Db, tenantId: string, viewer: Viewer, leadId: string, accountId: string | null | undefined) {
  const live = and(eq(accounts.tenantId, tenantId), isNull(accounts.archivedAt), visibleTo(accounts.ownerId, viewer))
  if (accountId) return db.select({ id: accounts.id, name: accounts.name, by: sql<'id' | 'domain' | 'name'>`'id'` }).from(accounts).where(and(live, eq(accounts.id, accountId)))
  const byDomain = sql`${accounts.domain} = ${leadColumn(tenantId, leadId, 'company_domain')}`
  const byName = sql`lower(${accounts.name}) = lower(btrim(${leadColumn(tenantId, leadId, 'company_name')}))`
  return db
    .select({ id: accounts.id, name: accounts.name, by: sql<'id' | 'domain' | 'name'>`case when ${byDomain} then 'domain' else 'name' end` })
    .from(accounts)
    .where(and(live, or(byDomain, byName)))
    .orderBy(sql`case when ${byDomain} then 0 else 1 end`, asc(accounts.createdAt), asc(accounts.id))
    .limit(1)
}

// The contact named in the request, or else the oldest live contact with the lead's email.
function contactQuery(db: Db, tenantId: string, viewer: Viewer, leadId: string, contactId: string | null | undefined) {
  const live = and(eq(contacts.tenantId, tenantId), isNull(contacts.archivedAt), visibleTo(contacts.ownerId, viewer))
  const fields = { id: contacts.id, firstName: contacts.firstName, lastName: contacts.lastName, accountId: contacts.accountId }
  if (contactId) return db.select({ ...fields, by: sql<'id' | 'email'>`'id'` }).from(contacts).where(and(live, eq(contacts.id, contactId)))
  return db
    .select({ ...fields, by: sql<'id' | 'email'>`'email'` })
    .from(contacts)
    .where(and(live, sql`${contacts.emailNormalized} = ${leadColumn(tenantId, leadId, 'email_normalized')}`))
    .orderBy(asc(contacts.createdAt), asc(contacts.id))
    .limit(1)
}

const lookups = (db: Db, tenantId: string, viewer: Viewer, leadId: string, input: ConvertInput) =>
  [
    getLeadQuery(db, tenantId, viewer, leadId),
    accountQuery(db, tenantId, viewer, leadId, input.accountId),
    contactQuery(db, tenantId, viewer, leadId, input.contactId),
    refsQuery(db, tenantId, { stage: input.opportunity ? stageWantOf(input.opportunity, true) : null }),
  ] as const

type LookupRows = [LeadRow[], Awaited<ReturnType<typeof accountQuery>>, Awaited<ReturnType<typeof contactQuery>>, Awaited<ReturnType<typeof refsQuery>>]

export type LoadedConversion = { lead: LeadRow; plan: ConversionPlan; errors: ReturnType<typeof planConversion>['errors'] }

function planFrom([[lead], [account], [contact], [refs]]: LookupRows, viewer: Viewer, input: ConvertInput): LoadedConversion {
  if (!lead) throw new AppError('NOT_FOUND', NO_SUCH_LEAD)
  if (lead.status === 'converted') throw new AppError('CONFLICT', 'This lead is already converted.')
  const found: Found = {
    account: account ?? null,
    contact: contact ? { id: contact.id, name: personName(contact.firstName, contact.lastName), accountId: contact.accountId, by: contact.by } : null,
    stage: refs?.stage ?? null,
    currency: refs?.currency ?? 'USD',
  }
  return { lead, ...planConversion(lead, input, found, { account: newId(), contact: newId(), opportunity: newId() }, viewer.userId) }
}

// What converting would do, for the API and the form's POST.
export async function loadConversion(db: Db, tenantId: string, viewer: Viewer, leadId: string, input: ConvertInput): Promise<LoadedConversion> {
  const [lead, account, contact, refs] = lookups(db, tenantId, viewer, leadId, input)
  return planFrom(await db.batch([lead, account, contact, refs]), viewer, input)
}

// The same, with the pipelines the form offers for the optional deal, in the same round trip.
export async function loadConversionForm(db: Db, tenantId: string, viewer: Viewer, leadId: string, input: ConvertInput) {
  const [lead, account, contact, refs] = lookups(db, tenantId, viewer, leadId, input)
  const [l, a, c, r, pipelines] = await db.batch([lead, account, contact, refs, listPipelinesQuery(db, tenantId)])
  return { ...planFrom([l, a, c, r], viewer, input), pipelines: groupPipelines(pipelines) }
}

// Fails the whole batch unless `condition` holds. Plain SQL has no RAISE outside a function, and
// a division by zero is the portable way to make a statement fail on a runtime condition.
const abortUnless = (db: Db, condition: SQL) => db.execute(sql`select 1 / (select count(*)::int from (select 1 where ${condition}) as guard)`)

export type ConversionResult = { contactId: string; accountId: string | null; opportunityId: string | null }

// Every write of a conversion in one batch. New records are inserted first (the lead's converted_*
// keys reference them); the lead's update is guarded by the updated_at we read and by its not
// being converted yet, and if it did not apply (a concurrent edit or conversion) the batch aborts,
// taking the inserts with it. Each touched record gets exactly one timeline event.
export async function writeConversion(db: Db, tenantId: string, viewer: Viewer, lead: Pick<LeadRow, 'id' | 'status' | 'updatedAt'>, plan: ConversionPlan): Promise<ConversionResult> {
  const actorUserId = viewer.userId
  const stamp = new Date()
  const applied = stamped(leads, tenantId, lead.id, stamp)
  const result: ConversionResult = { contactId: contactIdOf(plan.contact), accountId: accountIdOf(plan.account), opportunityId: plan.opportunity?.id ?? null }
  const converted = { leadId: lead.id, ...result }
  const event = (entityType: EntityType, entityId: string, eventType: EventType, payload: Record<string, unknown>) => eventWhen(db, tenantId, { entityType, entityId, eventType, actorUserId, payload }, applied)
  const { account, contact, opportunity } = plan
  const statements: BatchItem<'pg'>[] = [
    ...(account?.kind === 'create' ? [db.insert(accounts).values({ ...account.values, tenantId, id: account.id, createdBy: actorUserId })] : []),
    ...(contact.kind === 'create' ? [db.insert(contacts).values({ ...contact.values, tenantId, id: contact.id, createdBy: actorUserId })] : []),
    ...(contact.kind === 'attach' && contact.linkAccount
      ? [db.update(contacts).set({ accountId: contact.linkAccount, updatedAt: stamp }).where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, contact.match.id), isNull(contacts.accountId)))]
      : []),
    ...(opportunity ? [db.insert(opportunities).values({ ...opportunity.values, tenantId, id: opportunity.id, createdBy: actorUserId })] : []),
    db
      .update(leads)
      .set({ status: 'converted', convertedAt: stamp, convertedContactId: result.contactId, convertedAccountId: result.accountId, convertedOpportunityId: result.opportunityId, updatedAt: stamp })
      .where(and(leadScope(tenantId, viewer), eq(leads.id, lead.id), eq(leads.updatedAt, lead.updatedAt), ne(leads.status, 'converted'))),
    abortUnless(db, applied),
    event('lead', lead.id, 'converted', result),
    ...historyWhen(db, tenantId, 'lead', lead.id, actorUserId, { status: { from: lead.status, to: 'converted' } }, applied),
    ...(account ? [account.kind === 'create' ? event('account', account.id, 'created', { name: account.values.name }) : event('account', account.match.id, 'converted', converted)] : []),
    contact.kind === 'create'
      ? event('contact', contact.id, 'created', { name: contactNameOf(contact) })
      : event('contact', contact.match.id, 'converted', contact.linkAccount ? { ...converted, changes: { accountId: { from: null, to: contact.linkAccount } } } : converted),
    ...(opportunity
      ? [
          event('opportunity', opportunity.id, 'created', { name: opportunity.values.name }),
          // A deal's first stage is a stage entry too, as when it is created directly.
          ...historyWhen(db, tenantId, 'opportunity', opportunity.id, actorUserId, { stageId: { from: null, to: opportunity.values.stageId } }, applied),
        ]
      : []),
  ]
  try {
    await db.batch(statements as [BatchItem<'pg'>, ...BatchItem<'pg'>[]])
  } catch (err) {
    throw await conversionFailure(db, tenantId, viewer, lead, err)
  }
  return result
}

// Why a conversion batch failed, told from the lead's state afterwards: someone converted or
// changed it meanwhile (the abort above), or something the plan links to went away.
async function conversionFailure(db: Db, tenantId: string, viewer: Viewer, lead: Pick<LeadRow, 'id' | 'updatedAt'>, err: unknown): Promise<unknown> {
  const [now] = await getLeadQuery(db, tenantId, viewer, lead.id)
  if (!now) return new AppError('NOT_FOUND', NO_SUCH_LEAD)
  if (now.status === 'converted') return new AppError('CONFLICT', 'This lead is already converted.')
  if (now.updatedAt.getTime() !== lead.updatedAt.getTime()) return new AppError('CONFLICT', 'Someone else changed this lead a moment ago. Reload it and try again.')
  if (foreignKeyViolation(err) !== null) return new AppError('CONFLICT', 'A record this conversion links to changed meanwhile. Reload and try again.')
  return err
}

export async function convertLead(db: Db, tenantId: string, viewer: Viewer, leadId: string, input: ConvertInput): Promise<ConversionResult> {
  const { lead, plan, errors } = await loadConversion(db, tenantId, viewer, leadId, input)
  if (errors.length) throw new AppError('VALIDATION', 'Some fields need attention.', errors)
  return writeConversion(db, tenantId, viewer, lead, plan)
}
