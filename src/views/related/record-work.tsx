import { Fragment, jsx } from '../jsx'
import { can } from '../../domain/access/permissions'
import type { Viewer } from '../../domain/records/viewer'
import type { RelatedType } from '../../domain/records/vocab'
import { QuickActions } from '../records/quick-actions'
import { RecordEntries } from './record-entries'

// The working half of every record page: quick actions (note, activity, task) and the record's
// notes and activities, which load lazily and refresh when a quick action changes the record.
export function RecordWork({ relatedType, relatedId, members, viewer, archived }: { relatedType: RelatedType; relatedId: string; members: { id: string; name: string }[]; viewer: Viewer; archived: boolean }) {
  return (
    <>
      {!archived && can(viewer.role, 'notes.write') ? <QuickActions relatedType={relatedType} relatedId={relatedId} members={members} viewerId={viewer.userId} /> : null}
      <RecordEntries relatedType={relatedType} relatedId={relatedId} />
    </>
  )
}
