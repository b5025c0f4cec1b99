import { jsx } from '../../views/jsx'
import { Hono, type Context } from 'hono'
import { getImport, listImports, type ImportRow } from '../../db/queries/imports'
import { listMembers } from '../../db/queries/members'
import { findUserById } from '../../db/queries/users'
import { mappingFormErrors, mappingValuesFromForm, mappingValuesOf, runOptionsInput, type MappingValues } from '../../domain/imports/mapping-form'
import { importProgress } from '../../domain/imports/progress'
import { ImportListQuery, parseRunOptions } from '../../domain/imports/schemas'
import type { ImportEntity } from '../../domain/imports/vocab'
import { withoutBlanks } from '../../domain/records/list-query'
import type { AuthedEnv } from '../../env'
import { AppError, type FieldError } from '../../lib/errors'
import { readForm } from '../../lib/forms'
import { isFragment } from '../../lib/htmx'
import { idParam } from '../../lib/params'
import { parseOrThrow } from '../../lib/validation'
import { ImportPage, ImportView } from '../../views/imports/import-page'
import { ImportsListPage } from '../../views/imports/imports-list'
import { RevertConfirmPage } from '../../views/imports/outcome'
import { UploadForm, UploadPage } from '../../views/imports/upload-form'
import { requirePermission } from '../middleware/permission'
import { requireUser } from '../middleware/session'
import { errorCsvResponse } from './error-csv'
import { revertImport, runImport, uploadImport } from './import-actions'
import { peekEntity } from './upload-entity'

// /imports: CSV imports, for those who may import. Upload → mapping (with a dry run if wanted) →
// the run, followed live → the outcome, which can be undone. The import's view below its header
// is one region: the start form's answer and the progress polling swap it whole.
export const importsPages = new Hono<AuthedEnv>()
importsPages.use('/imports', requireUser, requirePermission('records.import'))
importsPages.use('/imports/*', requireUser, requirePermission('records.import'))

const NOT_FOUND_MESSAGE = 'No such import in this workspace.'
// Import ids are UUIDs, so /imports/new never reaches the :id routes.
const ID = ':id{[0-9a-fA-F-]{36}}'
// What an upload refused for its file says on the file input; a 422 names its own fields.
const UPLOAD_ERRORS: Partial<Record<AppError['code'], string>> = {
  UNSUPPORTED_MEDIA_TYPE: 'Upload the file with this form: it was not sent as a file upload.',
  BAD_REQUEST: 'The upload was cut off. Try again.',
}

async function importOr404(c: Context<AuthedEnv>): Promise<ImportRow> {
  const row = await getImport(c.var.db, c.var.tenantId, idParam(c, 'id'))
  if (!row) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE)
  return row
}

const viewProps = (row: ImportRow, values = mappingValuesOf(row), errors: FieldError[] = []) => ({ row, progress: importProgress(row, new Date()), values, errors })

importsPages.get('/imports', async (c) => {
  const query = parseOrThrow(ImportListQuery, withoutBlanks({ cursor: c.req.query('cursor') ?? '', limit: c.req.query('limit') ?? '' }))
  const [page, members] = await Promise.all([listImports(c.var.db, c.var.tenantId, query), listMembers(c.var.db, c.var.tenantId)])
  const names = new Map(members.map((m) => [m.userId, m.name]))
  return c.render(<ImportsListPage rows={page.rows} names={names} cursor={query.cursor} nextCursor={page.nextCursor} />, { title: 'Imports' })
})

function renderUpload(c: Context<AuthedEnv>, entity: ImportEntity | '', errors: FieldError[] = [], status: 200 | 413 | 415 | 422 | 400 = 200) {
  c.status(status)
  c.header('Vary', 'HX-Request')
  if (isFragment(c)) return c.html(<UploadForm entity={entity} errors={errors} />)
  return c.render(<UploadPage entity={entity} errors={errors} />, { title: 'New import' })
}

importsPages.get('/imports/new', (c) => renderUpload(c, ''))

importsPages.post('/imports', async (c) => {
  const { entity, request } = await peekEntity(c.req.raw)
  try {
    const { row } = await uploadImport(c.env, c.var.db, c.var.tenantId, c.var.userId, request)
    if (!isFragment(c)) return c.redirect(`/imports/${row.id}`, 303)
    c.header('HX-Redirect', `/imports/${row.id}`)
    return c.body(null, 204)
  } catch (err) {
    if (!(err instanceof AppError) || !['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'VALIDATION', 'BAD_REQUEST'].includes(err.code)) throw err
    const errors = err.fieldErrors.length ? err.fieldErrors : [{ path: 'file', message: UPLOAD_ERRORS[err.code] ?? err.message }]
    return renderUpload(c, entity, errors, err.status as 400 | 413 | 415 | 422)
  }
})

// The import's page, or (to htmx) just its view: as it is, or the mapping form again with what was
// chosen and why it was refused.
async function renderImport(c: Context<AuthedEnv>, row: ImportRow, form?: { values: MappingValues; errors: FieldError[] }) {
  const props = viewProps(row, form?.values, form?.errors)
  c.header('Vary', 'HX-Request')
  if (form) c.status(422)
  if (isFragment(c)) return c.html(<ImportView {...props} />)
  const creator = await findUserById(c.var.db, row.createdBy)
  return c.render(<ImportPage {...props} creator={creator?.name ?? null} />, { title: row.filename })
}

importsPages.get(`/imports/${ID}`, async (c) => renderImport(c, await importOr404(c)))

// The progress region polls this; it answers with the view the import is in now, so the poll
// stops by itself when the run ends (the final view has no trigger).
importsPages.get(`/imports/${ID}/progress`, async (c) => {
  const row = await importOr404(c)
  c.header('Vary', 'HX-Request')
  c.header('Cache-Control', 'no-store')
  if (!isFragment(c)) return c.redirect(`/imports/${row.id}`, 303)
  return c.html(<ImportView {...viewProps(row)} />)
})

importsPages.post(`/imports/${ID}/start`, async (c) => {
  const row = await importOr404(c)
  const form = await readForm(c)
  const values = mappingValuesFromForm(form, row.headers)
  let started: ImportRow
  try {
    const options = parseRunOptions(row, runOptionsInput(row.headers, values, form.dryRun === 'true'))
    started = await runImport(c.env, c.var.db, c.var.tenantId, row.id, options)
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'VALIDATION')) throw err
    const errors = err.fieldErrors.length ? mappingFormErrors(err.fieldErrors, row.headers) : [{ path: '', message: err.message }]
    return renderImport(c, row, { values, errors })
  }
  if (!isFragment(c)) return c.redirect(`/imports/${row.id}`, 303)
  return renderImport(c, started)
})

importsPages.get(`/imports/${ID}/errors.csv`, async (c) => errorCsvResponse(c.var.db, c.var.tenantId, await importOr404(c)))

importsPages.get(`/imports/${ID}/revert`, async (c) => {
  const row = await importOr404(c)
  if (row.status !== 'completed') return c.redirect(`/imports/${row.id}`, 303)
  return c.render(<RevertConfirmPage row={row} />, { title: 'Undo import' })
})

importsPages.post(`/imports/${ID}/revert`, async (c) => {
  const id = idParam(c, 'id')
  await revertImport(c.env, c.var.db, c.var.tenantId, id)
  return c.redirect(`/imports/${id}`, 303)
})
