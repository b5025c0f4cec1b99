import { Fragment, jsx } from '../jsx'
import type { TaskRow } from '../../db/queries/tasks'
import { TASK_TYPE_LABELS } from '../../domain/tasks/schemas'
import { ActionButton } from '../components/action-button'
import { DateTime } from '../components/date-time'
import { LinkedText } from '../components/linked-text'
import { Fact, RecordDetail } from '../records/record-detail'
import { DueAt, RelatedLink } from './task-list'

// A task's page: what, when, who and about what first; its history loads after the page.
export function TaskDetailPage({ task: t, canWrite, now }: { task: TaskRow; canWrite: boolean; now: Date }) {
  const archived = t.archivedAt !== null
  const done = t.completedAt !== null
  const back = `/tasks/${t.id}`
  return (
    <RecordDetail
      title={t.title}
      subtitle={done ? 'Done' : 'Open'}
      archived={archived}
      timelineUrl={`/tasks/${t.id}/timeline`}
      actions={
        canWrite && !archived ? (
          <>
            <ActionButton action={`/tasks/${t.id}/${done ? 'reopen' : 'complete'}?back=${encodeURIComponent(back)}`} label={done ? 'Reopen' : 'Mark done'} />
            <a class="button secondary" href={`/tasks/${t.id}/edit`}>
              Edit
            </a>
            <ActionButton action={`/tasks/${t.id}/archive`} label="Archive" />
          </>
        ) : null
      }
      facts={
        <dl>
          <Fact label="Type">{TASK_TYPE_LABELS[t.type]}</Fact>
          <Fact label="Due">
            <DueAt task={t} now={now} />
          </Fact>
          <Fact label="Reminder">{t.remindAt ? <DateTime value={t.remindAt} /> : null}</Fact>
          <Fact label="Assigned to">{t.assigneeName}</Fact>
          <Fact label="About">
            <RelatedLink task={t} />
          </Fact>
          <Fact label="Completed">{t.completedAt ? <DateTime value={t.completedAt} /> : null}</Fact>
        </dl>
      }
    >
      <h2>Details</h2>
      {t.description ? (
        <p>
          <LinkedText text={t.description} />
        </p>
      ) : (
        <p class="empty">No details.</p>
      )}
    </RecordDetail>
  )
}
