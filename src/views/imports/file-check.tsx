import { Fragment, jsx } from '../jsx'
import { spreadsheetRow, type FileProblem } from '../../domain/imports/vocab'
import { count } from './format'

// What the upload check found in the file, and its first rows as we read them, so a person can see
// that the columns and characters came through before anything is written.

function ProblemList({ problems }: { problems: FileProblem[] }) {
  return (
    <ul>
      {problems.map((p) => (
        <li>
          {p.message}
          {p.rows?.length ? ` (rows ${p.rows.map(count).join(', ')})` : ''}
        </li>
      ))}
    </ul>
  )
}

export function FileProblems({ problems }: { problems: FileProblem[] }) {
  const blocking = problems.filter((p) => p.blocking)
  const warnings = problems.filter((p) => !p.blocking)
  return (
    <>
      {blocking.length ? (
        <div class="form-errors" role="alert">
          <p>This file cannot be imported as it is. Fix it in your spreadsheet, save it as CSV again and upload the new file.</p>
          <ProblemList problems={blocking} />
          <a href="/imports/new">Upload a fixed file</a>
        </div>
      ) : null}
      {warnings.length ? (
        <div class="card import-warnings">
          <h3>Worth a look</h3>
          <p class="muted">These do not stop the import; the rows concerned are rejected with a reason you can download.</p>
          <ProblemList problems={warnings} />
        </div>
      ) : null}
    </>
  )
}

export function PreviewTable({ headers, rows }: { headers: string[]; rows: string[][] }) {
  return (
    <section aria-labelledby="import-preview-title">
      <h2 id="import-preview-title">The first {count(rows.length)} rows</h2>
      <div class="table-scroll" role="region" aria-labelledby="import-preview-title" tabindex={0}>
        <table class="import-preview">
          <thead>
            <tr>
              <th scope="col">Row</th>
              {headers.map((h) => (
                <th scope="col">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((cells, i) => (
              <tr>
                <th scope="row">{count(spreadsheetRow(i))}</th>
                {headers.map((_, c) => (
                  <td>{cells[c] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
