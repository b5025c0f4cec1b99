import { Fragment, jsx } from '../jsx'
import type { NoteRow } from '../../db/queries/notes'
import { canArchiveEntry, canEditEntry } from '../../domain/notes/schemas'
import type { Viewer } from '../../domain/records/viewer'
import { ActionButton } from '../components/action-button'
import { DateTime } from '../components/date-time'
import { LinkedText } from '../components/linked-text'
import { EntryList, LoadMore } from '../related/entry-list'

export type NotesProps = { notes: NoteRow[]; next: string | null; viewer: Viewer }

// A record's notes (the fragment GET /notes?relatedType=…&relatedId=… returns). Bodies are plain
// text: escaped, line breaks kept, links made clickable.
export function RecordNotes(props: NotesProps) {
  return (
    <EntryList empty="No notes yet." count={props.notes.length}>
      <NoteItems {...props} />
    </EntryList>
  )
}

export function NoteItems({ notes, next, viewer }: NotesProps) {
  return (
    <>
      {notes.map((n) => (
        <li class="timeline-event note" id={`note-${n.id}`}>
          <p class="timeline-excerpt">
            <LinkedText text={n.body} />
          </p>
          <p class="timeline-time">
            {n.authorName ?? 'Someone'} · <DateTime value={n.createdAt} />
            {n.updatedAt.getTime() !== n.createdAt.getTime() ? ' (edited)' : ''}
          </p>
          {canEditEntry(viewer, n.createdBy) ? <a href={`/notes/${n.id}/edit`}>Edit</a> : null}
          {canArchiveEntry(viewer, n.createdBy) ? <ActionButton action={`/notes/${n.id}/archive`} label="Archive" variant="link-button" inline /> : null}
        </li>
      ))}
      <LoadMore next={next} />
    </>
  )
}
