import { jsx } from '../jsx'
// Bulk actions over the selected rows of a list: one POST with the ids, the action and its
// argument; `back` returns the user to the same filtered list afterwards.
export function BulkBar({ members, tags, canAssign, canArchive, back }: { members: { id: string; name: string }[]; tags: { id: string; name: string }[]; canAssign: boolean; canArchive: boolean; back: string }) {
  return (
    <fieldset class="bulk-bar">
      <legend class="visually-hidden">Bulk actions</legend>
      <input type="hidden" name="back" value={back} />
      <label class="filter">
        With selected
        <select name="action" required>
          <option value="">Choose…</option>
          {canAssign ? <option value="assign">Assign owner</option> : null}
          <option value="tag">Add tag</option>
          <option value="untag">Remove tag</option>
          {canArchive ? <option value="archive">Archive</option> : null}
        </select>
      </label>
      {canAssign ? (
        <label class="filter">
          Owner
          <select name="ownerId">
            <option value="">—</option>
            {members.map((m) => (
              <option value={m.id}>{m.name}</option>
            ))}
          </select>
        </label>
      ) : null}
      <label class="filter">
        Tag
        <input name="tagName" list="bulk-tags" maxlength={40} />
        <datalist id="bulk-tags">
          {tags.map((t) => (
            <option value={t.name} />
          ))}
        </datalist>
      </label>
      <button type="submit" class="secondary">
        Apply
      </button>
    </fieldset>
  )
}
