import { jsx } from '../jsx'
import type { FieldError } from '../../lib/errors'
import { Field } from '../components/field'
import { SelectField } from '../components/select-field'
import { InlineSelect } from './inline-select'

type Member = { id: string; name: string }

// The form pieces every record form shares, so their markup has one source.
const ownerOptions = (members: Member[]) => [{ value: '', label: 'Nobody' }, ...members.map((m) => ({ value: m.id, label: m.name }))]

export function OwnerField({ members, value, errors }: { members: Member[]; value?: string | null; errors: FieldError[] }) {
  return <SelectField name="ownerId" label="Owner" value={value} errors={errors} options={ownerOptions(members)} />
}

export function TagsField({ value, errors, example }: { value?: string | null; errors: FieldError[]; example: string }) {
  return <Field name="tags" label="Tags" value={value} errors={errors} hint={`Comma-separated, e.g. ${example}.`} />
}

export function FormActions({ submitLabel, cancelHref }: { submitLabel: string; cancelHref: string }) {
  return (
    <div class="form-actions">
      <button type="submit">{submitLabel}</button>
      <a href={cancelHref}>Cancel</a>
    </div>
  )
}

// The owner edited in place on a record page (path: /accounts/<id> and the like).
export function OwnerInlineSelect({ path, ownerId, members }: { path: string; ownerId: string | null; members: Member[] }) {
  return <InlineSelect action={`${path}/owner`} name="ownerId" label="Owner" value={ownerId} options={ownerOptions(members)} />
}
