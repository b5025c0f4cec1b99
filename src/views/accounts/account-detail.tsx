import { Fragment, jsx } from '../jsx'
import type { Child } from 'hono/jsx'
import type { AccountRow } from '../../db/queries/accounts'
import { ACCOUNT_STATUSES } from '../../domain/records/vocab'
import { DateTime } from '../components/date-time'
import { InlineSelect } from '../records/inline-select'
import { labelOf, optionsOf } from '../records/labels'
import { Fact, EditArchiveActions, RecordDetail, TagChips } from '../records/record-detail'
import type { ListContext } from '../records/list-links'
import { OwnerInlineSelect } from '../records/record-fields'

type RelatedContact = { id: string; firstName: string | null; lastName: string | null; email: string | null; title: string | null }
type RelatedDeal = { id: string; name: string; amount: string | null; currency: string; status: string; closeDate: string | null }

export const accountStatusSelect = (a: { id: string; status: string }) => <InlineSelect action={`/accounts/${a.id}/status`} name="status" label="Status" value={a.status} options={optionsOf(ACCOUNT_STATUSES)} />
export const accountOwnerSelect = (a: { id: string; ownerId: string | null }, members: { id: string; name: string }[]) => (
  <OwnerInlineSelect path={`/accounts/${a.id}`} ownerId={a.ownerId} members={members} />
)

export function AccountDetailPage({ account: a, contacts, deals, ctx, showAmounts, quickActions }: { account: AccountRow; contacts: RelatedContact[]; deals: RelatedDeal[]; ctx: ListContext & { canUpdate: boolean }; showAmounts: boolean; quickActions?: Child }) {
  const archived = a.archivedAt !== null
  return (
    <RecordDetail
      title={a.name}
      subtitle={a.domain ?? undefined}
      archived={archived}
      timelineUrl={`/accounts/${a.id}/timeline`}
      actions={
        <>
          <EditArchiveActions path={`/accounts/${a.id}`} archived={archived} canEdit={ctx.canUpdate} canArchive={ctx.canArchive} />
        </>
      }
      facts={
        <dl>
          <Fact label="Status">{ctx.canUpdate && !archived ? accountStatusSelect(a) : labelOf(a.status)}</Fact>
          <Fact label="Owner">{ctx.canAssign && !archived ? accountOwnerSelect(a, ctx.members) : a.ownerName}</Fact>
          <Fact label="Website">{a.website ? <a href={a.website} rel="noopener noreferrer nofollow" target="_blank">{a.website}</a> : null}</Fact>
          <Fact label="Industry">{a.industry}</Fact>
          <Fact label="Size">{a.size}</Fact>
          <Fact label="Last contacted">{a.lastContactedAt ? <DateTime value={a.lastContactedAt} /> : null}</Fact>
          <Fact label="Address">{a.address}</Fact>
          <Fact label="Tags">{a.tags.length ? <TagChips tags={a.tags} /> : null}</Fact>
        </dl>
      }
    >
      <h2>Contacts</h2>
      <p class="record-links">
        <a href={`/contacts?accountId=${a.id}`}>All contacts</a>
        {ctx.canCreate && !archived ? <a href={`/contacts/new?accountId=${a.id}`}>Add contact</a> : null}
      </p>
      {contacts.length ? (
        <ul class="plain-list">
          {contacts.map((c) => (
            <li>
              <a href={`/contacts/${c.id}`}>{[c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || 'Unnamed contact'}</a> {c.title ? <span class="muted">· {c.title}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">No contacts at this account yet.</p>
      )}
      <h2>Opportunities</h2>
      {deals.length ? (
        <ul class="plain-list">
          {deals.map((d) => (
            <li>
              <a href={`/opportunities/${d.id}`}>{d.name}</a> <span class="muted">· {labelOf(d.status)}{showAmounts && d.amount ? ` · ${d.currency} ${d.amount}` : ''}{d.closeDate ? ` · closes ${d.closeDate}` : ''}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">No opportunities yet.</p>
      )}
      {quickActions}
    </RecordDetail>
  )
}
