import { Fragment, jsx } from '../jsx'
import type { Child } from 'hono/jsx'
import type { TaskFilters, TaskRow } from '../../db/queries/tasks'
import { RELATED_LABELS, relatedRefOf, relatedPath } from '../../domain/related/related'
import { TASK_TYPE_LABELS } from '../../domain/tasks/schemas'
import { DateTime } from '../components/date-time'
import { KeepHidden } from '../records/list-filters'
import { RecordTable, type Column } from '../records/record-table'
import { TaskCheck } from './task-check'
import type { MemberOption } from './task-fields'

export type TaskListLinks = { self: string; first: string | null; next: string | null; filtered: boolean }

// What a task is about, as a link to that record.
export function RelatedLink({ task }: { task: TaskRow }) {
  const ref = relatedRefOf(task)
  if (!ref) return <span class="muted">—</span>
  return (
    <a href={relatedPath(ref)}>
      <span class="visually-hidden">{RELATED_LABELS[ref.type]}: </span>
      {task.relatedName ?? RELATED_LABELS[ref.type]}
    </a>
  )
}

export function DueAt({ task, now }: { task: TaskRow; now: Date }) {
  if (!task.dueAt) return <span class="muted">No date</span>
  const overdue = !task.completedAt && task.dueAt < now
  return (
    <span class={overdue ? 'overdue' : undefined}>
      <DateTime value={task.dueAt} />
      {overdue ? <> <span class="badge">Overdue</span></> : null}
    </span>
  )
}

const columns = (back: string, now: Date): Column<TaskRow>[] => [
  { label: 'Done', cell: (t) => <TaskCheck id={t.id} title={t.title} done={t.completedAt !== null} back={back} inForm /> },
  { label: 'Task', cell: (t) => <a href={`/tasks/${t.id}`}>{t.title}</a> },
  { label: 'Type', cell: (t) => TASK_TYPE_LABELS[t.type] },
  { label: 'Due', cell: (t) => <DueAt task={t} now={now} /> },
  { label: 'Assigned to', cell: (t) => t.assigneeName ?? <span class="muted">Nobody</span> },
  { label: 'About', cell: (t) => <RelatedLink task={t} /> },
]

// The results region, returned alone to htmx filter and paging requests.
export function TaskTable({ rows, count, links, now, tools }: { rows: TaskRow[]; count: number; links: TaskListLinks; now: Date; tools?: Child }) {
  return (
    <RecordTable
      rows={rows}
      columns={columns(links.self, now)}
      count={count}
      tools={tools}
      noun="task"
      nextUrl={links.next}
      firstUrl={links.first}
      // Sorting is a filter-bar choice here, so no column header links.
      sortUrl={() => links.self}
      emptyText={links.filtered ? 'No tasks match these filters.' : 'Nothing to do. Add a task, or one from any record page.'}
    />
  )
}

type FilterValues = Omit<TaskFilters, 'limit'> & { view?: string }

// A plain GET form, so the URL holds the filters; htmx swaps just the results.
export function TaskFiltersBar({ filters, members, showAssignee }: { filters: FilterValues; members: MemberOption[]; showAssignee: boolean }) {
  const select = (name: keyof FilterValues, label: string, options: { value: string; label: string }[]) => (
    <label class="filter">
      {label}
      <select name={name}>
        {options.map((o) => (
          <option value={o.value} selected={o.value === (filters[name] ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  )
  const day = (name: 'dueFrom' | 'dueTo', label: string) => (
    <label class="filter">
      {label}
      <input type="date" name={name} value={filters[name] ?? ''} />
    </label>
  )
  return (
    <form class="filters" method="get" action="/tasks" role="search" hx-get="/tasks" hx-target="#record-list" hx-swap="outerHTML" hx-push-url="true" hx-trigger="change, submit">
      {showAssignee ? select('assigneeId', 'Assigned to', [{ value: 'me', label: 'Me' }, { value: '', label: 'Anyone' }, ...members.map((m) => ({ value: m.id, label: m.name }))]) : null}
      {select('status', 'Status', [{ value: 'open', label: 'Open' }, { value: 'done', label: 'Done' }, { value: 'all', label: 'All' }])}
      {day('dueFrom', 'Due from')}
      {day('dueTo', 'Due to')}
      <KeepHidden view={filters.view} filter={filters.filter} />
      {select('sort', 'Sort by', [{ value: 'due', label: 'Due date' }, { value: 'created', label: 'Newest' }])}
      <button type="submit" class="secondary">
        Apply
      </button>
      <a href="/tasks" class="filter-reset">
        Clear
      </a>
    </form>
  )
}

export function TaskListPage({ filters, members, showAssignee, table }: { filters: FilterValues; members: MemberOption[]; showAssignee: boolean; table: Child }) {
  return (
    <>
      <div class="page-header">
        <h1>Tasks</h1>
        <a class="button" href="/tasks/new">
          New task
        </a>
      </div>
      <TaskFiltersBar filters={filters} members={members} showAssignee={showAssignee} />
      {table}
    </>
  )
}
