import { Fragment, jsx } from '../jsx'
import type { MergeNotice } from '../../db/queries/merge-notices'
import { recordName, type MergeEntity } from '../../domain/dedupe/merge-fields'
import type { FieldError } from '../../lib/errors'
import { ActionButton } from '../components/action-button'
import { DateTime } from '../components/date-time'
import { Field } from '../components/field'
import { PATHS } from './duplicates-page'

// What a lead or contact page says about merges: on a merged record, where it went; on the
// survivor right after a merge, the flash with its Undo button (a POST); after an undo, that
// the other record is back.

type NoticeProps = { entity: MergeEntity; recordId: string; notices: MergeNotice[]; canMerge: boolean }

export function MergeNotices({ entity, recordId, notices, canMerge }: NoticeProps) {
  const path = PATHS[entity]
  const undo = (n: MergeNotice) => (canMerge && n.undoable ? <ActionButton action={`/merges/${n.id}/undo`} label="Undo merge" inline /> : null)
  return (
    <>
      {notices.map((n) => {
        const loser = <a href={`/${path}/${n.loserId}`}>{recordName(entity, n.loser)}</a>
        if (n.loserId === recordId) {
          return (
            <div class="flash" role="status">
              This {entity} was merged into <a href={`/${path}/${n.winnerId}`}>{recordName(entity, n.winner)}</a> <DateTime value={n.mergedAt} />. It stays readable here. {undo(n)}
            </div>
          )
        }
        if (n.undoneAt) {
          return (
            <div class="flash flash-success" role="status">
              Merge undone: {loser} is a separate {entity} again.
            </div>
          )
        }
        return (
          <div class="flash flash-success" role="status">
            Merged {loser} into this {entity}. {undo(n)}
          </div>
        )
      })}
    </>
  )
}

export const MergeWithLink = ({ entity, id }: { entity: MergeEntity; id: string }) => (
  <a class="button secondary" href={`/duplicates/${PATHS[entity]}/${id}/with`}>
    Merge with…
  </a>
)

// "Merge with…": names the other record by its email or id, then opens the comparison.
export function MergeWithPage({ entity, id, name, value, errors }: { entity: MergeEntity; id: string; name: string; value: string; errors: FieldError[] }) {
  const path = PATHS[entity]
  return (
    <>
      <h1>Merge {name} with…</h1>
      <form method="get" action={`/duplicates/${path}/${id}/with`}>
        <Field name="other" label={`The other ${entity}'s email address or id`} value={value} errors={errors} required autofocus />
        <button type="submit">Compare</button> <a href={`/${path}/${id}`}>Cancel</a>
      </form>
    </>
  )
}
