import { Fragment, jsx } from '../jsx'
import type { CandidateRow } from '../../db/queries/duplicate-candidates'
import { recordName, type MergeEntity, type NameParts } from '../../domain/dedupe/merge-fields'

// /duplicates: possible duplicates waiting for review, leads and contacts on their own tabs,
// newest first. Each pair opens the side-by-side comparison or is dismissed as not a duplicate.

export const PATHS: Record<MergeEntity, 'leads' | 'contacts'> = { lead: 'leads', contact: 'contacts' }
const TABS: { entity: MergeEntity; label: string }[] = [
  { entity: 'lead', label: 'Leads' },
  { entity: 'contact', label: 'Contacts' },
]

export type DuplicatesProps = { entity: MergeEntity; entities: MergeEntity[]; rows: CandidateRow[]; next: string | null }

function Person({ entity, id, parts }: { entity: MergeEntity; id: string; parts: NameParts }) {
  return (
    <>
      <a href={`/${PATHS[entity]}/${id}`}>{recordName(entity, parts)}</a>
      {parts.email ? <span class="search-hit-subtitle">{parts.email}</span> : null}
    </>
  )
}

export function CandidateTable({ entity, rows, next }: Omit<DuplicatesProps, 'entities'>) {
  if (!rows.length) return <p class="empty">No possible duplicates to review. When a new {entity} looks like one you already have, it shows up here.</p>
  return (
    <>
      <table id="duplicates">
        <thead>
          <tr>
            <th scope="col">New {entity}</th>
            <th scope="col">Looks like</th>
            <th scope="col">Similarity</th>
            <th scope="col">Why</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const name = recordName(entity, r.record)
            return (
              <tr data-candidate-id={r.id}>
                <td>
                  <Person entity={entity} id={r.recordId} parts={r.record} />
                </td>
                <td>
                  <Person entity={entity} id={r.otherId} parts={r.other} />
                </td>
                <td>{Math.round(r.similarity * 100)}%</td>
                <td>{r.reason}</td>
                <td>
                  <a class="button secondary" href={`/duplicates/${PATHS[entity]}/${r.recordId}/${r.otherId}`} aria-label={`Compare ${name} with ${recordName(entity, r.other)}`}>
                    Compare
                  </a>{' '}
                  <form method="post" action={`/duplicates/${r.id}/dismiss`} class="inline-form" hx-post={`/duplicates/${r.id}/dismiss`} hx-target="closest tr" hx-swap="outerHTML">
                    <button type="submit" class="secondary" aria-label={`Not duplicates: dismiss ${name}`}>
                      Dismiss
                    </button>
                  </form>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {next ? (
        <p>
          <a href={next}>Next page</a>
        </p>
      ) : null}
    </>
  )
}

export function DuplicatesPage(props: DuplicatesProps) {
  return (
    <>
      <h1>Possible duplicates</h1>
      <nav class="search-tabs" aria-label="Record type">
        {TABS.filter((t) => props.entities.includes(t.entity)).map((t) => (
          <a href={`/duplicates?type=${t.entity}`} aria-current={t.entity === props.entity ? 'page' : undefined}>
            {t.label}
          </a>
        ))}
      </nav>
      <CandidateTable {...props} />
    </>
  )
}
