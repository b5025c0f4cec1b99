import type { AccountRow } from '../../db/queries/accounts'
import type { ContactRow } from '../../db/queries/contacts'
import type { LeadRow } from '../../db/queries/leads'
import type { OpportunityRow } from '../../db/queries/opportunities'
import type { TaskRow } from '../../db/queries/tasks'
import type { Cell } from '../../domain/exports/csv'
import { canSeeAmounts, type Viewer } from '../../domain/records/viewer'
import { RELATED_LABELS, relatedRefOf } from '../../domain/related/related'
import { TASK_TYPE_LABELS } from '../../domain/tasks/schemas'
import type { ViewEntity } from '../../domain/views/catalogue'
import { labelOf } from '../records/labels'

// The columns of each list's CSV: what the list shows, in words a spreadsheet reader knows
// ("Customer", "Jane Smith", "VIP, Partner"), plus the contact details a list leaves out (phone).
// Times are ISO 8601 in UTC, dates YYYY-MM-DD, amounts plain numbers in the deal's currency.

export type ExportColumn<Row> = { header: string; cell: (row: Row) => Cell }

const iso = (at: Date | null): Cell => at?.toISOString() ?? null
const tagNames = (tags: { name: string }[]): Cell => tags.map((t) => t.name).join(', ')

type Owned = { ownerName: string | null; tags: { name: string }[]; lastContactedAt: Date | null; createdAt: Date }
const owner = <R extends Owned>(): ExportColumn<R> => ({ header: 'Owner', cell: (r) => r.ownerName })
const tags = <R extends Owned>(): ExportColumn<R> => ({ header: 'Tags', cell: (r) => tagNames(r.tags) })
const lastContacted = <R extends Owned>(): ExportColumn<R> => ({ header: 'Last contacted', cell: (r) => iso(r.lastContactedAt) })
const created = <R extends Owned>(): ExportColumn<R> => ({ header: 'Created', cell: (r) => iso(r.createdAt) })

const ACCOUNTS: ExportColumn<AccountRow>[] = [
  { header: 'Name', cell: (a) => a.name },
  { header: 'Domain', cell: (a) => a.domain },
  { header: 'Industry', cell: (a) => a.industry },
  { header: 'Status', cell: (a) => labelOf(a.status) },
  owner(),
  tags(),
  lastContacted(),
  created(),
]

const CONTACTS: ExportColumn<ContactRow>[] = [
  { header: 'First name', cell: (c) => c.firstName },
  { header: 'Last name', cell: (c) => c.lastName },
  { header: 'Email', cell: (c) => c.email },
  { header: 'Phone', cell: (c) => c.phone },
  { header: 'Title', cell: (c) => c.title },
  { header: 'Account', cell: (c) => c.accountName },
  { header: 'Status', cell: (c) => labelOf(c.status) },
  owner(),
  tags(),
  lastContacted(),
  created(),
]

const LEADS: ExportColumn<LeadRow>[] = [
  { header: 'First name', cell: (l) => l.firstName },
  { header: 'Last name', cell: (l) => l.lastName },
  { header: 'Company', cell: (l) => l.companyName },
  { header: 'Email', cell: (l) => l.email },
  { header: 'Phone', cell: (l) => l.phone },
  { header: 'Status', cell: (l) => labelOf(l.status) },
  { header: 'Score', cell: (l) => l.score },
  { header: 'Source', cell: (l) => l.source },
  owner(),
  tags(),
  lastContacted(),
  created(),
]

// Like the list, the amount columns exist only for roles that may see amounts (the query already
// returns null for the others; leaving the columns out says so plainly).
const opportunities = (showAmounts: boolean): ExportColumn<OpportunityRow>[] => [
  { header: 'Name', cell: (o) => o.name },
  { header: 'Account', cell: (o) => o.accountName },
  ...(showAmounts
    ? [
        { header: 'Amount', cell: (o: OpportunityRow) => (o.amount === null ? null : Number(o.amount)) },
        { header: 'Currency', cell: (o: OpportunityRow) => o.currency },
      ]
    : []),
  { header: 'Stage', cell: (o) => o.stageName },
  { header: 'Status', cell: (o) => labelOf(o.status) },
  { header: 'Close date', cell: (o) => o.closeDate },
  owner(),
  tags(),
  created(),
]

function aboutType(t: TaskRow): Cell {
  const ref = relatedRefOf(t)
  return ref ? RELATED_LABELS[ref.type] : null
}

const TASKS: ExportColumn<TaskRow>[] = [
  { header: 'Task', cell: (t) => t.title },
  { header: 'Type', cell: (t) => TASK_TYPE_LABELS[t.type] },
  { header: 'Due', cell: (t) => iso(t.dueAt) },
  { header: 'Completed', cell: (t) => iso(t.completedAt) },
  { header: 'Assigned to', cell: (t) => t.assigneeName },
  { header: 'About', cell: (t) => (relatedRefOf(t) ? t.relatedName : null) },
  { header: 'About type', cell: (t) => aboutType(t) },
  { header: 'Created', cell: (t) => iso(t.createdAt) },
]

export type ExportRows = { accounts: AccountRow; contacts: ContactRow; leads: LeadRow; opportunities: OpportunityRow; tasks: TaskRow }

export function exportColumns<E extends ViewEntity>(entity: E, viewer: Viewer): ExportColumn<ExportRows[E]>[] {
  const all: { [K in ViewEntity]: ExportColumn<ExportRows[K]>[] } = { accounts: ACCOUNTS, contacts: CONTACTS, leads: LEADS, opportunities: opportunities(canSeeAmounts(viewer)), tasks: TASKS }
  return all[entity]
}

export const toCells = <Row>(columns: ExportColumn<Row>[], rows: Row[]): Cell[][] => rows.map((row) => columns.map((c) => c.cell(row)))
