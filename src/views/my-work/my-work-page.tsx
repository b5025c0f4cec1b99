import { Fragment, jsx } from '../jsx'
import type { Child } from 'hono/jsx'
import type { TaskRow } from '../../db/queries/tasks'
import { leadName } from '../../domain/leads/lead-name'
import type { WorkWindows } from '../../domain/my-work/windows'
import { TASK_TYPE_LABELS } from '../../domain/tasks/schemas'
import { DateTime } from '../components/date-time'
import { labelOf } from '../records/labels'
import { TaskCheck } from '../tasks/task-check'
import { RelatedLink } from '../tasks/task-list'

export type MyLead = { id: string; firstName: string | null; lastName: string | null; companyName: string | null; email: string | null; status: string; score: number }
export type MyDeal = { id: string; name: string; amount: string | null; currency: string; closeDate: string | null; stageName: string | null }

export type MyWorkProps = { overdue: TaskRow[]; today: TaskRow[]; upcoming: TaskRow[]; leads: MyLead[] | null; deals: MyDeal[]; windows: WorkWindows; limit: number }

// A rep's day on one page: tasks by urgency, then the leads and deals they are working.
export function MyWorkPage({ overdue, today, upcoming, leads, deals, windows: w, limit }: MyWorkProps) {
  const tasksLink = (from: string | null, to: string) => `/tasks?assigneeId=me&status=open${from ? `&dueFrom=${from}` : ''}&dueTo=${to}`
  return (
    <>
      <div class="page-header">
        <h1>My work</h1>
        <a class="button" href="/tasks/new">
          New task
        </a>
      </div>
      <Section id="overdue" title="Overdue" count={overdue.length} limit={limit} more={tasksLink(null, w.days.yesterday)} empty="Nothing overdue.">
        <TaskList tasks={overdue} />
      </Section>
      <Section id="today" title="Due today" count={today.length} limit={limit} more={tasksLink(w.days.today, w.days.today)} empty="Nothing due today.">
        <TaskList tasks={today} />
      </Section>
      <Section id="upcoming" title="Next 7 days" count={upcoming.length} limit={limit} more={tasksLink(w.days.tomorrow, w.days.weekLast)} empty="Nothing due in the next 7 days.">
        <TaskList tasks={upcoming} />
      </Section>
      {leads ? (
        <Section id="my-leads" title="My open leads" count={leads.length} limit={limit} more="/leads?owner=me&status=open" empty="No open leads. New ones you own show up here.">
          <ul class="plain-list">
            {leads.map((l) => (
              <li>
                <a href={`/leads/${l.id}`}>{leadName(l)}</a> <span class="muted">· {labelOf(l.status)}{l.companyName && (l.firstName || l.lastName) ? ` · ${l.companyName}` : ''} · score {l.score}</span>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <Section id="my-deals" title="Deals closing this month" count={deals.length} limit={limit} more={`/opportunities?owner=me&status=open&closeFrom=${w.monthStart}&closeTo=${w.monthEnd}&sort=closeDate`} empty="No open deals of yours close this month.">
        <ul class="plain-list">
          {deals.map((d) => (
            <li>
              <a href={`/opportunities/${d.id}`}>{d.name}</a>{' '}
              <span class="muted">
                {d.stageName ? `· ${d.stageName}` : ''}
                {d.amount ? ` · ${d.currency} ${d.amount}` : ''}
                {d.closeDate ? ` · closes ${d.closeDate}` : ''}
              </span>
            </li>
          ))}
        </ul>
      </Section>
    </>
  )
}

function Section({ id, title, count, limit, more, empty, children }: { id: string; title: string; count: number; limit: number; more: string; empty: string; children: Child }) {
  return (
    <section class="card my-work-section" id={id} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>
        {title} <span class="muted">({count >= limit ? `${limit}+` : count})</span>
      </h2>
      {count === 0 ? <p class="empty">{empty}</p> : children}
      {count >= limit ? (
        <p>
          <a href={more}>See all</a>
        </p>
      ) : null}
    </section>
  )
}

function TaskList({ tasks }: { tasks: TaskRow[] }) {
  return (
    <ul class="plain-list">
      {tasks.map((t) => (
        <li>
          <TaskCheck id={t.id} title={t.title} done={false} back="/my-work" /> <a href={`/tasks/${t.id}`}>{t.title}</a>{' '}
          <span class="muted">
            · {TASK_TYPE_LABELS[t.type]} · <DateTime value={t.dueAt} />
          </span>{' '}
          <RelatedLink task={t} />
        </li>
      ))}
    </ul>
  )
}
