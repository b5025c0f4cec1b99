import { Fragment, jsx } from '../jsx'
import type { Child } from 'hono/jsx'
import type { LeadRow } from '../../db/queries/leads'
import { leadName } from '../../domain/leads/lead-name'
import { SETTABLE_LEAD_STATUSES } from '../../domain/leads/schemas'
import type { ScoringRule } from '../../domain/scoring/rules'
import { DateTime } from '../components/date-time'
import { InlineSelect } from '../records/inline-select'
import { labelOf, optionsOf } from '../records/labels'
import type { ListContext } from '../records/list-links'
import { Fact, EditArchiveActions, RecordDetail, TagChips } from '../records/record-detail'
import { OwnerInlineSelect } from '../records/record-fields'
import { ScoreExplanation, ScoreFact, type ScoreDay } from './lead-score'

export const leadStatusSelect = (l: { id: string; status: string }) => <InlineSelect action={`/leads/${l.id}/status`} name="status" label="Status" value={l.status} options={optionsOf(SETTABLE_LEAD_STATUSES)} />
export const leadOwnerSelect = (l: { id: string; ownerId: string | null }, members: { id: string; name: string }[]) => (
  <OwnerInlineSelect path={`/leads/${l.id}`} ownerId={l.ownerId} members={members} />
)

export type LeadDetailContext = ListContext & { canUpdate: boolean; canConvert: boolean; canManageScoring: boolean }

// What the page shows of the score besides the lead's own columns.
export type LeadScoreView = { history: ScoreDay[]; rules: ScoringRule[]; today: Date }

const COUNTRY_NAMES = new Intl.DisplayNames(['en'], { type: 'region' })
const countryName = (code: string) => {
  try {
    return `${COUNTRY_NAMES.of(code) ?? code} (${code})`
  } catch {
    return code
  }
}

// What a converted lead became, linked.
function ConvertedInto({ lead: l }: { lead: LeadRow }) {
  return (
    <>
      Converted <DateTime value={l.convertedAt} /> into <a href={`/contacts/${l.convertedContactId}`}>a contact</a>
      {l.convertedAccountId ? (
        <>
          , <a href={`/accounts/${l.convertedAccountId}`}>an account</a>
        </>
      ) : null}
      {l.convertedOpportunityId ? (
        <>
          , <a href={`/opportunities/${l.convertedOpportunityId}`}>an opportunity</a>
        </>
      ) : null}
    </>
  )
}

const utmOf = (l: LeadRow) => [l.utmSource, l.utmMedium, l.utmCampaign, l.utmTerm, l.utmContent].filter(Boolean).join(' / ')

export function LeadDetailPage({ lead: l, ctx, score, quickActions, mergeAction }: { lead: LeadRow; ctx: LeadDetailContext; score: LeadScoreView; quickActions?: Child; mergeAction?: Child }) {
  const archived = l.archivedAt !== null
  const converted = l.status === 'converted'
  const editable = ctx.canUpdate && !archived
  return (
    <RecordDetail
      title={leadName(l)}
      subtitle={[l.title, l.companyName].filter(Boolean).join(' · ') || undefined}
      archived={archived}
      timelineUrl={`/leads/${l.id}/timeline`}
      actions={
        <>
          {ctx.canConvert && editable && !converted ? (
            <a class="button" href={`/leads/${l.id}/convert`}>
              Convert
            </a>
          ) : null}
          {mergeAction}
          <EditArchiveActions path={`/leads/${l.id}`} archived={archived} canEdit={ctx.canUpdate} canArchive={ctx.canArchive} />
        </>
      }
      facts={
        <dl>
          <Fact label="Status">{converted ? <ConvertedInto lead={l} /> : editable ? leadStatusSelect(l) : labelOf(l.status)}</Fact>
          <Fact label="Owner">{ctx.canAssign && !archived ? leadOwnerSelect(l, ctx.members) : l.ownerName}</Fact>
          <Fact label="Email">{l.email ? <a href={`mailto:${l.email}`}>{l.email}</a> : null}</Fact>
          <Fact label="Phone">{l.phone ? <a href={`tel:${l.phoneE164 ?? l.phone}`}>{l.phone}</a> : null}</Fact>
          <Fact label="Company">{l.companyName}</Fact>
          <Fact label="Website">{l.website ? <a href={l.website} rel="noopener noreferrer nofollow" target="_blank">{l.website}</a> : null}</Fact>
          <Fact label="Industry">{l.industry}</Fact>
          <Fact label="Company size">{l.companySize ? `${l.companySize} people` : null}</Fact>
          <Fact label="Country">{l.country ? countryName(l.country) : null}</Fact>
          <Fact label="Score">
            <ScoreFact score={l.score} history={score.history} today={score.today} />
          </Fact>
          <Fact label="Source">{l.source}</Fact>
          <Fact label="Campaign (UTM)">{utmOf(l) || null}</Fact>
          <Fact label="Last contacted">{l.lastContactedAt ? <DateTime value={l.lastContactedAt} /> : null}</Fact>
          <Fact label="Tags">{l.tags.length ? <TagChips tags={l.tags} /> : null}</Fact>
          <Fact label="Created">
            <DateTime value={l.createdAt} />
          </Fact>
        </dl>
      }
    >
      <ScoreExplanation lead={l} rules={score.rules} canManage={ctx.canManageScoring} />
      {quickActions}
    </RecordDetail>
  )
}
