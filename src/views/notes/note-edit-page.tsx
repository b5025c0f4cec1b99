import { Fragment, jsx } from '../jsx'
import { NOTE_MAX } from '../../domain/notes/schemas'
import type { FieldError } from '../../lib/errors'
import { FormErrors } from '../components/field'
import { TextArea } from '../components/text-area'

// Its author rewrites a note here; the record it is on stays the same.
export function NoteEditPage({ id, body, errors, back }: { id: string; body: string; errors: FieldError[]; back: string }) {
  return (
    <>
      <h1>Edit note</h1>
      <form method="post" action={`/notes/${id}`} class="card" novalidate>
        <FormErrors errors={errors} fields={['body']} />
        <TextArea name="body" label="Note" value={body} errors={errors} required rows={8} maxlength={NOTE_MAX} />
        <div class="form-actions">
          <button type="submit">Save note</button>
          <a href={back}>Cancel</a>
        </div>
      </form>
    </>
  )
}
