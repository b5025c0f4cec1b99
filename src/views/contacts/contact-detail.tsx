import { Fragment, jsx } from '../jsx'
import type { Child } from 'hono/jsx'
import type { ContactRow } from '../../db/queries/contacts'
import { personName } from '../../domain/records/normalise'
import { CONTACT_STATUSES, type TaskType } from '../../domain/records/vocab'
import { TASK_TYPE_LABELS } from '../../domain/tasks/schemas'
import { DateTime } from '../components/date-time'
import { InlineSelect } from '../records/inline-select'
import { labelOf, optionsOf } from '../records/labels'
import type { ListContext } from '../records/list-links'
import { Fact, EditArchiveActions, RecordDetail, TagChips } from '../records/record-detail'
import { OwnerInlineSelect } from '../records/record-fields'

type RelatedAccount = { id: string; name: string; domain: string | null; status: string }
type RelatedDeal = { id: string; name: string; amount: string | null; currency: string; status: string; closeDate: string | null }
type OpenTask = { id: string; title: string; type: TaskType; dueAt: Date | null; assigneeName: string | null }

export const contactStatusSelect = (c: { id: string; status: string }) => <InlineSelect action={`/contacts/${c.id}/status`} name="status" label="Status" value={c.status} options={optionsOf(CONTACT_STATUSES)} />
export const contactOwnerSelect = (c: { id: string; ownerId: string | null }, members: { id: string; name: string }[]) => (
  <OwnerInlineSelect path={`/contacts/${c.id}`} ownerId={c.ownerId} members={members} />
)

export function ContactDetailPage({ contact: c, account, deals, tasks, ctx, showAmounts, quickActions, mergeAction }: { contact: ContactRow; account: RelatedAccount | null; deals: RelatedDeal[]; tasks: OpenTask[]; ctx: ListContext & { canUpdate: boolean }; showAmounts: boolean; quickActions?: Child; mergeAction?: Child }) {
  const archived = c.archivedAt !== null
  return (
    <RecordDetail
      title={personName(c.firstName, c.lastName)}
      subtitle={[c.title, c.accountName].filter(Boolean).join(' at ') || undefined}
      archived={archived}
      timelineUrl={`/contacts/${c.id}/timeline`}
      actions={
        <>
          {mergeAction}
          <EditArchiveActions path={`/contacts/${c.id}`} archived={archived} canEdit={ctx.canUpdate} canArchive={ctx.canArchive} />
        </>
      }
      facts={
        <dl>
          <Fact label="Email">{c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : null}</Fact>
          <Fact label="Phone">{c.phone ? <a href={`tel:${c.phoneE164 ?? c.phone}`}>{c.phone}</a> : null}</Fact>
          <Fact label="Account">{account ? <a href={`/accounts/${account.id}`}>{account.name}</a> : c.accountName}</Fact>
          <Fact label="Status">{ctx.canUpdate && !archived ? contactStatusSelect(c) : labelOf(c.status)}</Fact>
          <Fact label="Owner">{ctx.canAssign && !archived ? contactOwnerSelect(c, ctx.members) : c.ownerName}</Fact>
          <Fact label="Job title">{c.title}</Fact>
          <Fact label="Last contacted">{c.lastContactedAt ? <DateTime value={c.lastContactedAt} /> : null}</Fact>
          <Fact label="Tags">{c.tags.length ? <TagChips tags={c.tags} /> : null}</Fact>
        </dl>
      }
    >
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
        <p class="empty">No opportunities with this contact yet.</p>
      )}
      <h2>Open tasks</h2>
      {tasks.length ? (
        <ul class="plain-list">
          {tasks.map((t) => (
            <li>
              <a href={`/tasks/${t.id}`}>{t.title}</a> <span class="muted">· {TASK_TYPE_LABELS[t.type]}{t.assigneeName ? ` · ${t.assigneeName}` : ''}</span> {t.dueAt ? <>· due <DateTime value={t.dueAt} /></> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">No open tasks.</p>
      )}
      {quickActions}
    </RecordDetail>
  )
}
