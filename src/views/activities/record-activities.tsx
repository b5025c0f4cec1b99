import { Fragment, jsx } from '../jsx'
import type { ActivityRow } from '../../db/queries/activities'
import { ACTIVITY_TYPE_LABELS, outcomeLabel } from '../../domain/activities/schemas'
import { canArchiveEntry } from '../../domain/notes/schemas'
import type { Viewer } from '../../domain/records/viewer'
import { ActionButton } from '../components/action-button'
import { DateTime } from '../components/date-time'
import { LinkedText } from '../components/linked-text'
import { EntryList, LoadMore } from '../related/entry-list'

export type ActivitiesProps = { activities: ActivityRow[]; next: string | null; viewer: Viewer }

// A record's logged calls, emails and meetings, most recent first (the fragment
// GET /activities?relatedType=…&relatedId=… returns).
export function RecordActivities(props: ActivitiesProps) {
  return (
    <EntryList empty="No calls, emails or meetings logged yet." count={props.activities.length}>
      <ActivityItems {...props} />
    </EntryList>
  )
}

export function ActivityItems({ activities, next, viewer }: ActivitiesProps) {
  return (
    <>
      {activities.map((a) => (
        <li class="timeline-event activity" id={`activity-${a.id}`} data-activity-type={a.type}>
          <p>
            <strong>{ACTIVITY_TYPE_LABELS[a.type]}</strong>: {a.subject} <span class="badge">{outcomeLabel(a.outcome)}</span>
          </p>
          {a.body ? (
            <p class="timeline-excerpt">
              <LinkedText text={a.body} />
            </p>
          ) : null}
          <p class="timeline-time">
            {a.authorName ?? 'Someone'} · <DateTime value={a.occurredAt} />
            {a.durationMinutes ? ` · ${a.durationMinutes} min` : ''}
          </p>
          {canArchiveEntry(viewer, a.createdBy) ? <ActionButton action={`/activities/${a.id}/archive`} label="Archive" variant="link-button" inline /> : null}
        </li>
      ))}
      <LoadMore next={next} />
    </>
  )
}
