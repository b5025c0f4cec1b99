import type { EventType } from '../timeline/entities'
import type { FieldDiff } from '../timeline/diff'

// Which timeline event one change is. A change that only moves the owner, the status or the
// stage gets that specific event; anything broader is a general "updated" with the whole diff.
// Either way one change writes exactly one event whose payload is { changes: diff }.
export function eventTypeFor(diff: FieldDiff): EventType {
  const fields = Object.keys(diff)
  if (fields.length === 1) {
    if (fields[0] === 'ownerId') return 'owner_changed'
    if (fields[0] === 'status') return 'status_changed'
    if (fields[0] === 'stageId') return 'stage_changed'
  }
  return 'updated'
}

// Tags are a set: the diff shows them sorted, so reordering is no change.
export function tagDiff(before: string[], after: string[] | undefined): FieldDiff {
  if (!after) return {}
  const from = [...before].sort((a, b) => a.localeCompare(b))
  const to = [...new Set(after.map((t) => t.trim()))].sort((a, b) => a.localeCompare(b))
  const same = from.length === to.length && from.every((t, i) => t.toLowerCase() === to[i]?.toLowerCase())
  return same ? {} : { tags: { from, to } }
}
