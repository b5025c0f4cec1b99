import { Fragment, jsx } from '../../views/jsx'
import { Hono, type Context } from 'hono'
import { listFormSubmissions } from '../../db/queries/form-submission-list'
import { formToInput, getForm, getFormWithCounts, listForms, setFormArchived, type FormRecord } from '../../db/queries/forms'
import { listActiveMembers } from '../../db/queries/records/columns'
import { NEW_FORM_VALUES, applyRowAction, formFieldErrors, formToValues, inputToValues, valuesToInput, type FormValues } from '../../domain/forms/form-values'
import { FormInput, FormListQuery, SubmissionListQuery, mergeFormPatch } from '../../domain/forms/schemas'
import { totalSubmissions } from '../../domain/forms/stats'
import { withoutBlanks } from '../../domain/records/list-query'
import type { AuthedEnv } from '../../env'
import { AppError, type FieldError } from '../../lib/errors'
import { readForm } from '../../lib/forms'
import { isFragment } from '../../lib/htmx'
import { idParam } from '../../lib/params'
import { parseOrThrow, toFieldErrors } from '../../lib/validation'
import { FormEditor, type FormEditorProps } from '../../views/forms/form-editor'
import { FormPage } from '../../views/forms/form-page'
import { SubmissionsTable } from '../../views/forms/form-submissions'
import { FormsListPage } from '../../views/forms/forms-list'
import { FormsStyles } from '../../views/forms/forms-styles'
import { requirePermission } from '../middleware/permission'
import { requireUser } from '../middleware/session'
import { saveForm } from './save-form'

// /forms: lead capture forms, for those who may manage them. A save that fails validation comes
// back (422) with everything typed, field rows included; the editor's add/remove-row buttons post
// the same form and get it back with the change, as a fragment for htmx or a whole page.
export const formsPages = new Hono<AuthedEnv>()
formsPages.use('/forms', requireUser, requirePermission('forms.manage'))
formsPages.use('/forms/*', requireUser, requirePermission('forms.manage'))

const NOT_FOUND_MESSAGE = 'No such form in this workspace.'
// Form ids are UUIDs: other fixed paths under /forms (the quarantine's) never reach these routes.
const ID = ':id{[0-9a-fA-F-]{36}}'

async function formOr404(c: Context<AuthedEnv>): Promise<FormRecord> {
  const form = await getForm(c.var.db, c.var.tenantId, idParam(c, 'id'))
  if (!form) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE)
  return form
}

type EditorPage = Omit<FormEditorProps, 'members'> & { title: string }

async function renderEditor(c: Context<AuthedEnv>, page: EditorPage, status: 200 | 422 = 200) {
  const members = await listActiveMembers(c.var.db, c.var.tenantId)
  const { title, ...props } = page
  const editor = <FormEditor {...props} members={members} />
  c.header('Vary', 'HX-Request')
  c.status(status)
  if (isFragment(c)) return c.html(editor)
  return c.render(
    <>
      <FormsStyles />
      <h1>{title}</h1>
      <div class="card">{editor}</div>
    </>,
    { title },
  )
}

// Saves the posted editor, or applies its row button. Returns the editor to show again, or the
// saved form (the caller redirects to it).
async function submitEditor(c: Context<AuthedEnv>, page: Omit<EditorPage, 'values' | 'errors'>, existing?: FormRecord): Promise<Response | { saved: FormRecord }> {
  const { _row, ...form } = await readForm(c)
  const values: FormValues = formToValues(form)
  if (_row !== undefined) return renderEditor(c, { ...page, values: applyRowAction(values, _row), errors: [], rowFocus: _row === 'add' ? 'new-row' : 'add-button' })
  const raw = valuesToInput(values)
  const parsed = FormInput.safeParse(existing ? mergeFormPatch(formToInput(existing), raw) : raw)
  let errors: FieldError[]
  if (parsed.success) {
    try {
      return { saved: await saveForm(c.var.db, c.var.tenantId, c.var.userId, parsed.data, existing?.id) }
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'VALIDATION')) throw err
      errors = err.fieldErrors
    }
  } else errors = formFieldErrors(toFieldErrors(parsed.error), values.rows)
  return renderEditor(c, { ...page, values, errors }, 422)
}

formsPages.get('/forms', async (c) => {
  const filters = parseOrThrow(FormListQuery, withoutBlanks(c.req.query()))
  const page = await listForms(c.var.db, c.var.tenantId, filters)
  return c.render(<FormsListPage rows={page.data} filters={filters} nextCursor={page.nextCursor} />, { title: 'Forms' })
})

const NEW_PAGE = { title: 'New form', action: '/forms', submitLabel: 'Create form', cancelHref: '/forms' }

formsPages.get('/forms/new', (c) => renderEditor(c, { ...NEW_PAGE, values: NEW_FORM_VALUES, errors: [] }))

formsPages.post('/forms', async (c) => {
  const result = await submitEditor(c, NEW_PAGE)
  return result instanceof Response ? result : c.redirect(`/forms/${result.saved.id}`, 303)
})

const editPage = (f: FormRecord) => ({ title: `Edit ${f.name}`, action: `/forms/${f.id}`, submitLabel: 'Save form', cancelHref: `/forms/${f.id}`, hasSecret: Boolean(f.turnstileSecret) })

formsPages.get(`/forms/${ID}`, async (c) => {
  const id = idParam(c, 'id')
  const filters = parseOrThrow(SubmissionListQuery, withoutBlanks(c.req.query()))
  const [form, page, members] = await Promise.all([
    getFormWithCounts(c.var.db, c.var.tenantId, id),
    listFormSubmissions(c.var.db, c.var.tenantId, id, filters),
    listActiveMembers(c.var.db, c.var.tenantId),
  ])
  if (!form) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE)
  const table = <SubmissionsTable formId={id} rows={page.data} total={totalSubmissions(form.counts)} cursor={filters.cursor} nextCursor={page.nextCursor} />
  c.header('Vary', 'HX-Request')
  return isFragment(c) ? c.html(table) : c.render(<FormPage form={form} members={members} appUrl={c.env.APP_URL} submissions={table} />, { title: form.name })
})

formsPages.get(`/forms/${ID}/edit`, async (c) => {
  const form = await formOr404(c)
  return renderEditor(c, { ...editPage(form), values: inputToValues(formToInput(form)), errors: [] })
})

formsPages.post(`/forms/${ID}`, async (c) => {
  const form = await formOr404(c)
  const result = await submitEditor(c, editPage(form), form)
  return result instanceof Response ? result : c.redirect(`/forms/${form.id}`, 303)
})

for (const [action, archived] of [
  ['archive', true],
  ['restore', false],
] as const) {
  formsPages.post(`/forms/${ID}/${action}`, async (c) => {
    const form = await setFormArchived(c.var.db, c.var.tenantId, idParam(c, 'id'), archived)
    if (!form) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE)
    return c.redirect(`/forms/${form.id}`, 303)
  })
}
