import { Fragment, jsx } from '../jsx'
import type { Child } from 'hono/jsx'
import type { OpportunityRow } from '../../db/queries/opportunities'
import type { PipelineWithStages } from '../../db/queries/pipelines'
import type { OpportunityListQuery } from '../../domain/opportunities/schemas'
import { OPPORTUNITY_STATUSES } from '../../domain/records/vocab'
import { DateTime } from '../components/date-time'
import { BulkBar } from '../records/bulk-bar'
import { labelOf, optionsOf } from '../records/labels'
import { ListFiltersBar } from '../records/list-filters'
import type { ListContext, ListLinks } from '../records/list-links'
import { TagChips } from '../records/record-detail'
import { RecordTable, type Column } from '../records/record-table'
import { Money } from './money'

export type DealListContext = ListContext & { pipelines: PipelineWithStages[]; showAmounts: boolean }

function columns(showAmounts: boolean): Column<OpportunityRow>[] {
  return [
    { label: 'Name', sortKey: 'name', cell: (o) => <a href={`/opportunities/${o.id}`}>{o.name}</a> },
    { label: 'Account', cell: (o) => (o.accountId ? <a href={`/accounts/${o.accountId}`}>{o.accountName}</a> : '') },
    ...(showAmounts ? [{ label: 'Amount', sortKey: 'amount', cell: (o: OpportunityRow) => <Money amount={o.amount} currency={o.currency} /> }] : []),
    { label: 'Stage', cell: (o) => o.stageName },
    { label: 'Status', cell: (o) => labelOf(o.status) },
    { label: 'Close date', sortKey: 'closeDate', cell: (o) => o.closeDate ?? '' },
    { label: 'Owner', cell: (o) => o.ownerName ?? <span class="muted">Nobody</span> },
    { label: 'Tags', cell: (o) => <TagChips tags={o.tags} /> },
    { label: 'Created', sortKey: 'created', cell: (o) => <DateTime value={o.createdAt} precision="day" /> },
  ]
}

// The results region, returned alone to htmx filter and paging requests.
export function OpportunityTable({ rows, count, links, ctx, filtered, tools }: { rows: OpportunityRow[]; count: number; links: ListLinks; ctx: DealListContext; filtered: boolean; tools?: Child }) {
  return (
    <RecordTable
      rows={rows}
      columns={columns(ctx.showAmounts)}
      count={count}
      tools={tools}
      noun="deal"
      nextUrl={links.next}
      firstUrl={links.first}
      sortUrl={links.sort}
      emptyText={filtered ? 'No opportunities match these filters.' : 'No opportunities yet. Add the first deal.'}
      bulk={{ action: '/opportunities/bulk', controls: <BulkBar members={ctx.members} tags={ctx.tags} canAssign={ctx.canAssign} canArchive={ctx.canArchive} back={links.self} /> }}
    />
  )
}

// Stage options grouped by pipeline, for filters and pickers alike.
export function StageOptions({ pipelines, value }: { pipelines: PipelineWithStages[]; value: string | undefined }) {
  return (
    <>
      {pipelines.map((p) => (
        <optgroup label={p.name}>
          {p.stages.map((s) => (
            <option value={s.id} selected={s.id === value}>
              {s.name}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  )
}

const SORTS = [
  { value: 'created', label: 'Created' },
  { value: 'name', label: 'Name' },
  { value: 'amount', label: 'Amount' },
  { value: 'closeDate', label: 'Close date' },
]

export function OpportunityListPage({ filters, ctx, table }: { filters: OpportunityListQuery; ctx: DealListContext; table: Child }) {
  return (
    <>
      <div class="page-header">
        <h1>Opportunities</h1>
        <div class="record-actions">
          <a class="button secondary" href="/opportunities/board">
            Board
          </a>
          {ctx.canCreate ? (
            <a class="button" href="/opportunities/new">
              New opportunity
            </a>
          ) : null}
        </div>
      </div>
      <ListFiltersBar
        action="/opportunities"
        filters={filters}
        options={{ members: ctx.members, tags: ctx.tags, statuses: optionsOf(OPPORTUNITY_STATUSES), sorts: ctx.showAmounts ? SORTS : SORTS.filter((s) => s.value !== 'amount'), showOwner: ctx.showOwnerFilter, contacted: false }}
      >
        {ctx.pipelines.length > 1 ? (
          <label class="filter">
            Pipeline
            <select name="pipeline">
              <option value="">Any</option>
              {ctx.pipelines.map((p) => (
                <option value={p.id} selected={p.id === filters.pipeline}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label class="filter">
          Stage
          <select name="stage">
            <option value="">Any</option>
            <StageOptions pipelines={ctx.pipelines} value={filters.stage} />
          </select>
        </label>
        <label class="filter">
          Closing from
          <input type="date" name="closeFrom" value={filters.closeFrom ?? ''} />
        </label>
        <label class="filter">
          Closing to
          <input type="date" name="closeTo" value={filters.closeTo ?? ''} />
        </label>
      </ListFiltersBar>
      {table}
    </>
  )
}
