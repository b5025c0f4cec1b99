import { and, eq, exists, gt, gte, ilike, inArray, isNull, lt, not, or, sql, type AnyColumn, type SQL } from 'drizzle-orm'
import { canSeeAmounts, type Viewer } from '../../../domain/records/viewer'
import { fieldOf, type ViewEntity } from '../../../domain/views/catalogue'
import { dayBounds, instantBounds, type Bounds, type DateOp } from '../../../domain/views/dates'
import { isLeaf, parseFilterParam, type FilterLeaf, type FilterNode } from '../../../domain/views/filter'
import { AppError } from '../../../lib/errors'
import { accounts, contacts, leads, opportunities, recordTags, tasks } from '../../schema'
import { visibleTo, type TagTarget } from '../records/list'

// A filter document (validated by src/domain/views/filter.ts) → one SQL condition on the list's
// table. Field names reach SQL only through FIELDS below; every value is a bound parameter.
//
// NOT is pushed down to the conditions (De Morgan), and each negated condition says what it
// means for a missing value: "status is not customer" includes accounts with no status, which a
// plain SQL NOT over a NULL comparison would silently drop. The compiled condition is therefore
// only ANDs and ORs of conditions that are true or false, never unknown, for the rows they keep.

export type CompileContext = { tenantId: string; viewer: Viewer; now?: Date }

// A column or scalar expression, compared case-insensitively when it is free text. day: a date
// column (YYYY-MM-DD); instant: a timestamp; number: compared as numeric, so 49999.99 against a
// smallint column is a comparison, not an out-of-range parameter.
type Operand = { kind: 'value'; expr: AnyColumn | SQL; as: 'text' | 'day' | 'instant' | 'number' | 'exact' }
type Operands = { kind: 'tags'; target: TagTarget; id: AnyColumn } | { kind: 'fact'; holds: SQL }
type FieldSql = Operand | Operands

const v = (expr: AnyColumn | SQL, as: Operand['as'] = 'exact'): Operand => ({ kind: 'value', expr, as })

// The account of a contact or deal: one primary-key lookup per row.
const accountField = (ctx: CompileContext, accountId: AnyColumn, column: 'industry' | 'status', as: Operand['as']) =>
  v(sql`(select ${accounts[column]} from ${accounts} where ${accounts.tenantId} = ${ctx.tenantId} and ${accounts.id} = ${accountId})`, as)

// "Has an open deal" counts only deals the viewer could see, so a filter reveals nothing a list
// would not.
const hasOpenDeal = (ctx: CompileContext, link: AnyColumn, id: AnyColumn): Operands => ({
  kind: 'fact',
  holds: exists(
    sql`(select 1 from ${opportunities} where ${and(eq(opportunities.tenantId, ctx.tenantId), eq(link, id), eq(opportunities.status, 'open'), isNull(opportunities.archivedAt), visibleTo(opportunities.ownerId, ctx.viewer))})`,
  ),
})

const FIELDS: Record<ViewEntity, (ctx: CompileContext) => Record<string, FieldSql>> = {
  accounts: (ctx) => ({
    name: v(accounts.name, 'text'),
    domain: v(accounts.domain, 'text'),
    industry: v(accounts.industry, 'text'),
    size: v(accounts.size),
    status: v(accounts.status),
    owner: v(accounts.ownerId),
    tags: { kind: 'tags', target: 'accountId', id: accounts.id },
    createdAt: v(accounts.createdAt, 'instant'),
    lastActivityAt: v(accounts.lastContactedAt, 'instant'),
    hasOpenOpportunity: hasOpenDeal(ctx, opportunities.accountId, accounts.id),
  }),
  contacts: (ctx) => ({
    firstName: v(contacts.firstName, 'text'),
    lastName: v(contacts.lastName, 'text'),
    email: v(contacts.email, 'text'),
    title: v(contacts.title, 'text'),
    status: v(contacts.status),
    owner: v(contacts.ownerId),
    tags: { kind: 'tags', target: 'contactId', id: contacts.id },
    createdAt: v(contacts.createdAt, 'instant'),
    lastActivityAt: v(contacts.lastContactedAt, 'instant'),
    account: v(contacts.accountId),
    'account.industry': accountField(ctx, contacts.accountId, 'industry', 'text'),
    'account.status': accountField(ctx, contacts.accountId, 'status', 'exact'),
    hasOpenOpportunity: hasOpenDeal(ctx, opportunities.contactId, contacts.id),
  }),
  leads: () => ({
    firstName: v(leads.firstName, 'text'),
    lastName: v(leads.lastName, 'text'),
    email: v(leads.email, 'text'),
    companyName: v(leads.companyName, 'text'),
    industry: v(leads.industry, 'text'),
    country: v(leads.country, 'text'),
    source: v(leads.source, 'text'),
    status: v(leads.status),
    score: v(leads.score, 'number'),
    owner: v(leads.ownerId),
    tags: { kind: 'tags', target: 'leadId', id: leads.id },
    createdAt: v(leads.createdAt, 'instant'),
    lastActivityAt: v(leads.lastContactedAt, 'instant'),
  }),
  opportunities: (ctx) => ({
    name: v(opportunities.name, 'text'),
    amount: v(opportunities.amount, 'number'),
    status: v(opportunities.status),
    stage: v(opportunities.stageId),
    pipeline: v(opportunities.pipelineId),
    probability: v(opportunities.probability, 'number'),
    closeDate: v(opportunities.closeDate, 'day'),
    owner: v(opportunities.ownerId),
    tags: { kind: 'tags', target: 'opportunityId', id: opportunities.id },
    createdAt: v(opportunities.createdAt, 'instant'),
    lastActivityAt: v(opportunities.lastContactedAt, 'instant'),
    account: v(opportunities.accountId),
    contact: v(opportunities.contactId),
    'account.industry': accountField(ctx, opportunities.accountId, 'industry', 'text'),
    'account.status': accountField(ctx, opportunities.accountId, 'status', 'exact'),
  }),
  tasks: () => ({
    title: v(tasks.title, 'text'),
    type: v(tasks.type),
    assignee: v(tasks.assigneeId),
    dueAt: v(tasks.dueAt, 'instant'),
    completedAt: v(tasks.completedAt, 'instant'),
    createdAt: v(tasks.createdAt, 'instant'),
    account: v(tasks.accountId),
    contact: v(tasks.contactId),
    lead: v(tasks.leadId),
    opportunity: v(tasks.opportunityId),
  }),
}

const TRUE = sql`true`
const FALSE = sql`false`

// LIKE's own wildcards in a search term match themselves.
const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, '\\$&')}%`

function within(x: AnyColumn, as: Operand['as'], leaf: FilterLeaf, now: Date): SQL {
  const d = { op: leaf.op, value: leaf.value } as DateOp
  const b: Bounds<Date | string> = as === 'day' ? dayBounds(d, now) : instantBounds(d, now)
  return and(b.from === undefined ? undefined : gte(x, b.from), b.before === undefined ? undefined : lt(x, b.before)) ?? TRUE
}

// The condition as stated, on a value operand. Null when the value is missing, except for
// empty/notEmpty, which are about exactly that.
function valueCondition(o: Operand, leaf: FilterLeaf, ctx: CompileContext): SQL {
  const me = (value: unknown) => (value === 'me' ? ctx.viewer.userId : value)
  const text = o.as === 'text'
  const number = (value: unknown) => sql`cast(${value} as numeric)`
  // Typed as a column for drizzle's operator overloads; a scalar subquery compares the same way.
  const x = o.expr as AnyColumn
  switch (leaf.op) {
    case 'equals':
      return text ? sql`lower(${x}) = lower(${leaf.value})` : o.as === 'number' ? eq(x, number(leaf.value)) : eq(x, me(leaf.value))
    case 'in': {
      const values = leaf.value as unknown[]
      return text ? sql`lower(${x}) in (${sql.join(values.map((v) => sql`lower(${v})`), sql`, `)})` : inArray(x, values.map(me))
    }
    case 'contains':
      return ilike(x, likePattern(String(leaf.value)))
    case 'greaterThan':
      return gt(x, number(leaf.value))
    case 'lessThan':
      return lt(x, number(leaf.value))
    case 'empty':
      return text ? sql`(${x} is null or ${x} = '')` : isNull(x)
    case 'notEmpty':
      return text ? sql`(${x} is not null and ${x} <> '')` : sql`${x} is not null`
    default:
      return within(x, o.as, leaf, ctx.now ?? new Date())
  }
}

function tagCondition(o: { target: TagTarget; id: AnyColumn }, leaf: FilterLeaf, tenantId: string): SQL {
  const ids = leaf.op === 'equals' ? [leaf.value as string] : leaf.op === 'in' ? (leaf.value as string[]) : null
  const tagged = exists(sql`(select 1 from ${recordTags} where ${and(eq(recordTags.tenantId, tenantId), eq(recordTags[o.target], o.id), ids ? inArray(recordTags.tagId, ids) : undefined)})`)
  return leaf.op === 'empty' ? not(tagged) : tagged
}

function leafSql(fields: Record<string, FieldSql>, entity: ViewEntity, leaf: FilterLeaf, negate: boolean, ctx: CompileContext): SQL {
  const operand = fields[leaf.field]
  const def = fieldOf(entity, leaf.field)
  // Only a view saved before a field left the catalogue can get here.
  if (!operand || !def) throw new AppError('VALIDATION', `This filter uses ${leaf.field}, which lists can no longer filter on.`)
  if (def.amounts && !canSeeAmounts(ctx.viewer)) throw new AppError('FORBIDDEN', 'Your role cannot filter on deal amounts.')
  if (operand.kind === 'tags') return negate ? not(tagCondition(operand, leaf, ctx.tenantId)) : tagCondition(operand, leaf, ctx.tenantId)
  if (operand.kind === 'fact') return leaf.value === !negate ? operand.holds : not(operand.holds)
  const condition = valueCondition(operand, leaf, ctx)
  if (!negate) return condition
  // Negating a comparison keeps the rows whose value is missing.
  return leaf.op === 'empty' || leaf.op === 'notEmpty' ? not(condition) : (or(isNull(operand.expr), not(condition)) as SQL)
}

function nodeSql(fields: Record<string, FieldSql>, entity: ViewEntity, node: FilterNode, negate: boolean, ctx: CompileContext): SQL {
  if (isLeaf(node)) return leafSql(fields, entity, node, negate, ctx)
  if ('not' in node) return nodeSql(fields, entity, node.not, !negate, ctx)
  const conjunction = 'and' in node !== negate
  const parts = ('and' in node ? node.and : node.or).map((child) => nodeSql(fields, entity, child, negate, ctx))
  return (conjunction ? and(...parts) : or(...parts)) ?? (conjunction ? TRUE : FALSE)
}

// The condition a filter document puts on rows of `entity`'s table. Tenant scope and record
// visibility are the list query's (see records.ts); the related-record lookups here carry the
// tenant (and, for deals, the viewer's visibility) themselves.
export function compileViewFilter(entity: ViewEntity, doc: FilterNode, ctx: CompileContext): SQL {
  return nodeSql(FIELDS[entity](ctx), entity, doc, false, ctx)
}

// A list's own conditions from a saved view (already a document) and from its `filter=` JSON
// parameter (400 when not JSON, 422 when not a valid filter), ANDed.
export function listFilterSql(entity: ViewEntity, ctx: CompileContext, param: string | undefined, view?: FilterNode): SQL | undefined {
  return and(view ? compileViewFilter(entity, view, ctx) : undefined, param === undefined ? undefined : compileViewFilter(entity, parseFilterParam(entity, param), ctx))
}
