import { Fragment, jsx } from '../jsx'
import type { Child } from 'hono/jsx'
import type { OpportunityRow } from '../../db/queries/opportunities'
import type { Stage } from '../../db/queries/pipelines'
import { daysInStage, isRotting, weightedAmount } from '../../domain/opportunities/rules'
import { OPPORTUNITY_STATUSES } from '../../domain/records/vocab'
import type { FieldError } from '../../lib/errors'
import { FieldErrorText } from '../components/field'
import { InlineSelect } from '../records/inline-select'
import { labelOf } from '../records/labels'
import type { ListContext } from '../records/list-links'
import { Fact, EditArchiveActions, RecordDetail, TagChips } from '../records/record-detail'
import { Money } from './money'
import { PipelineStyles } from './pipeline-styles'
import { OwnerInlineSelect } from '../records/record-fields'

type Deal = Pick<OpportunityRow, 'id' | 'stageId' | 'probability' | 'status' | 'lostReason' | 'ownerId'>

export const dealStageSelect = (d: Pick<Deal, 'id' | 'stageId'>, stages: Stage[]) => (
  <InlineSelect action={`/opportunities/${d.id}/stage`} name="stageId" label="Stage" value={d.stageId} options={stages.map((s) => ({ value: s.id, label: s.name }))} />
)

export const dealOwnerSelect = (d: Pick<Deal, 'id' | 'ownerId'>, members: { id: string; name: string }[]) => (
  <OwnerInlineSelect path={`/opportunities/${d.id}`} ownerId={d.ownerId} members={members} />
)

// Sent along with an inline stage change, so the probability that followed the stage updates too.
export const DealProbability = ({ probability, oob }: { probability: number; oob?: boolean }) => (
  <span id="deal-probability" hx-swap-oob={oob ? 'true' : undefined}>
    {probability}%
  </span>
)

// Status needs a reason when the deal is lost, so it is a small form with a Save button rather
// than a select that posts on change.
export function DealStatusForm({ deal: d, errors = [], values }: { deal: Pick<Deal, 'id' | 'status' | 'lostReason'>; errors?: FieldError[]; values?: Record<string, string> }) {
  const status = values?.status ?? d.status
  return (
    <form method="post" action={`/opportunities/${d.id}/status`} class="inline-form inline-edit" hx-post={`/opportunities/${d.id}/status`} hx-swap="outerHTML">
      <label for="inline-status" class="visually-hidden">
        Status
      </label>
      <select id="inline-status" name="status">
        {OPPORTUNITY_STATUSES.map((s) => (
          <option value={s} selected={s === status}>
            {labelOf(s)}
          </option>
        ))}
      </select>
      <label for="inline-lostReason" class="visually-hidden">
        Lost reason
      </label>
      <input id="inline-lostReason" name="lostReason" placeholder="Reason, if lost" value={values?.lostReason ?? d.lostReason ?? ''} maxlength={500} aria-describedby={errors.length ? 'inline-lostReason-error' : undefined} />
      <button type="submit" class="secondary">
        Save
      </button>
      <FieldErrorText id="inline-lostReason" errors={errors} />
    </form>
  )
}

export function OpportunityDetailPage(p: { deal: OpportunityRow; stages: Stage[]; pipelineName: string; ctx: ListContext & { canUpdate: boolean }; showAmounts: boolean; now: Date; quickActions?: Child }) {
  const { deal: d, ctx } = p
  const archived = d.archivedAt !== null
  const editable = ctx.canUpdate && !archived
  const rotting = d.status === 'open' && isRotting(d.stageEnteredAt, d.rottingDays, p.now)
  return (
    <>
      <PipelineStyles />
      <RecordDetail
        title={d.name}
        subtitle={d.accountName ?? undefined}
        archived={archived}
        timelineUrl={`/opportunities/${d.id}/timeline`}
        actions={
          <>
            <a class="button secondary" href={`/opportunities/board?pipeline=${d.pipelineId}`}>
              Board
            </a>
            <EditArchiveActions path={`/opportunities/${d.id}`} archived={archived} canEdit={ctx.canUpdate} canArchive={ctx.canArchive} />
          </>
        }
        facts={
          <dl>
            {p.showAmounts ? <Fact label="Amount"><Money amount={d.amount} currency={d.currency} /></Fact> : null}
            {p.showAmounts ? <Fact label="Weighted"><Money amount={weightedAmount(d.amount, d.probability)} currency={d.currency} /></Fact> : null}
            <Fact label="Stage">{editable ? dealStageSelect(d, p.stages) : d.stageName}</Fact>
            <Fact label="Probability">
              <DealProbability probability={d.probability} />
            </Fact>
            <Fact label="Status">{editable ? <DealStatusForm deal={d} /> : labelOf(d.status)}</Fact>
            <Fact label="Owner">{ctx.canAssign && !archived ? dealOwnerSelect(d, ctx.members) : d.ownerName}</Fact>
            <Fact label="Pipeline">{p.pipelineName}</Fact>
            <Fact label="In stage">
              {daysInStage(d.stageEnteredAt, p.now)} days{rotting ? <span class="badge rotting"> rotting</span> : null}
            </Fact>
            <Fact label="Close date">{d.closeDate}</Fact>
            <Fact label="Account">{d.accountId ? <a href={`/accounts/${d.accountId}`}>{d.accountName}</a> : null}</Fact>
            <Fact label="Contact">{d.contactId ? <a href={`/contacts/${d.contactId}`}>{d.contactName ?? 'Unnamed contact'}</a> : null}</Fact>
            {d.status === 'lost' ? <Fact label="Lost reason">{d.lostReason}</Fact> : null}
            <Fact label="Tags">{d.tags.length ? <TagChips tags={d.tags} /> : null}</Fact>
          </dl>
        }
      >
        {p.quickActions}
      </RecordDetail>
    </>
  )
}
