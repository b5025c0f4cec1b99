import { Fragment, jsx } from '../jsx'
import type { ImportRow } from '../../db/queries/imports'
import { ENTITY_LABELS } from '../../domain/views/catalogue'
import { DateTime } from '../components/date-time'
import { EmptyState } from '../components/empty-state'
import { Pager } from '../components/pager'
import { count, STATUS_LABELS } from './format'
import { ImportsStyles } from './imports-styles'

// /imports: the workspace's imports, newest first, with what each did. A dry run's figures are
// what the real run would do; its status says so.

const importsUrl = (cursor?: string) => (cursor ? `/imports?cursor=${encodeURIComponent(cursor)}` : '/imports')

function ImportsTable({ rows, names }: { rows: ImportRow[]; names: Map<string, string> }) {
  return (
    <div class="table-scroll" role="region" aria-label="Imports" tabindex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Records</th>
            <th scope="col">Status</th>
            <th scope="col" class="num">Rows</th>
            <th scope="col" class="num">Created</th>
            <th scope="col" class="num">Updated</th>
            <th scope="col" class="num">Skipped</th>
            <th scope="col" class="num">Rejected</th>
            <th scope="col">By</th>
            <th scope="col">Uploaded</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr data-import-id={r.id}>
              <td>
                <a href={`/imports/${r.id}`}>{r.filename}</a>
              </td>
              <td>{ENTITY_LABELS[r.entity]}</td>
              <td>
                <span class="badge" data-status={r.status}>
                  {STATUS_LABELS[r.status]}
                </span>
              </td>
              <td class="num">{count(r.nextRow)}</td>
              <td class="num">{count(r.inserted)}</td>
              <td class="num">{count(r.updated)}</td>
              <td class="num">{count(r.skipped)}</td>
              <td class="num">{count(r.rejected)}</td>
              <td>{names.get(r.createdBy) ?? <span class="muted">Former member</span>}</td>
              <td>
                <DateTime value={r.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function ImportsListPage({ rows, names, cursor, nextCursor }: { rows: ImportRow[]; names: Map<string, string>; cursor?: string; nextCursor: string | null }) {
  return (
    <>
      <ImportsStyles />
      <div class="page-header">
        <h1>Imports</h1>
        {rows.length || cursor ? (
          <a class="button" href="/imports/new">
            New import
          </a>
        ) : null}
      </div>
      {rows.length ? (
        <ImportsTable rows={rows} names={names} />
      ) : (
        <EmptyState title="Bring your records in from a CSV file" action={{ href: '/imports/new', label: 'New import' }}>
          <p>
            Upload a spreadsheet of accounts, contacts, leads or deals, saved as CSV, up to 100 MB. Exports from HubSpot, Salesforce and Pipedrive are recognised and their columns matched to ours; you check the matching, can try a dry run that writes nothing, then import. Rows that match a record you already have update it instead of making a
            duplicate, rows we cannot take come back to you as a CSV with the reason, and a finished import can be undone.
          </p>
        </EmptyState>
      )}
      <Pager first={cursor ? importsUrl() : null} next={nextCursor ? importsUrl(nextCursor) : null} />
    </>
  )
}
