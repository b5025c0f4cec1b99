import { Fragment, jsx } from '../../views/jsx'
import { Hono, type Context } from 'hono'
import * as z from 'zod'
import { createView, deleteView, getEditableView, getView, updateView, type SavedView } from '../../db/queries/views/saved-views'
import { withoutBlanks } from '../../domain/records/list-query'
import { viewerOf } from '../../domain/records/viewer'
import { VIEW_ENTITIES, type ViewEntity } from '../../domain/views/catalogue'
import { allOf, parseFilterParam, readable, type FilterNode } from '../../domain/views/filter'
import { LIST_QUERIES, listConditions } from '../../domain/views/from-list'
import { curatesWorkspaceViews, editRefusal, settingsIssue } from '../../domain/views/rules'
import { ViewInput, ViewPatch, type ViewVisibility } from '../../domain/views/schemas'
import type { AuthedEnv } from '../../env'
import { AppError, type FieldError } from '../../lib/errors'
import { readForm } from '../../lib/forms'
import { isFragment } from '../../lib/htmx'
import { idParam } from '../../lib/params'
import { toFieldErrors } from '../../lib/validation'
import { SaveViewForm } from '../../views/saved-views/save-view-form'
import { ViewEditPage } from '../../views/saved-views/view-edit-page'
import { requireUser } from '../middleware/session'
import { splitView } from './list-views'

// Saving a list's filters as a view (from the list's sidebar), and a view's own page: rename,
// share differently, adjust the filter, lock (admins) or delete. Plain POSTs; the save form also
// answers htmx in place.
export const viewsPages = new Hono<AuthedEnv>()
viewsPages.use('/views', requireUser)
viewsPages.use('/views/*', requireUser)

const who = (c: Context<AuthedEnv>) => viewerOf(c.var.auth)

// A filter's problems are shown under the one filter box, each with where it is in the document.
const onFilterBox = (errors: FieldError[]) => errors.map((e) => (e.path.startsWith('filter.') ? { path: 'filter', message: `At ${e.path.slice('filter.'.length)}: ${e.message}` } : e))

// The list's filters (and the view it shows, and its ?filter= document) as one document.
async function listDocument(c: Context<AuthedEnv>, entity: ViewEntity, params: Record<string, string>): Promise<{ filter: FilterNode; sort: string | null }> {
  const { view: viewId, query } = splitView(params)
  const list = LIST_QUERIES[entity].safeParse(query)
  if (!list.success) throw new AppError('VALIDATION', 'The list’s filters are not valid; apply them again, then save.', toFieldErrors(list.error))
  const current = viewId ? await getView(c.var.db, c.var.tenantId, who(c), viewId) : undefined
  const raw = typeof list.data.filter === 'string' ? parseFilterParam(entity, list.data.filter) : undefined
  const parts = [current?.filter, { and: listConditions(entity, list.data) }, raw].filter((d): d is FilterNode => d !== undefined)
  const sort = typeof list.data.sort === 'string' ? `${list.data.sort}${typeof list.data.dir === 'string' ? `:${list.data.dir}` : ''}` : (current?.sort ?? null)
  return { filter: allOf(parts), sort }
}

viewsPages.post('/views', async (c) => {
  const form = await readForm(c)
  const { entity: rawEntity, name, visibility, ...params } = form
  const entity = z.enum(VIEW_ENTITIES).safeParse(rawEntity).data
  if (!entity) throw new AppError('VALIDATION', 'Save a view from one of the record lists.')
  const values = { name: name ?? '', visibility: visibility ?? 'personal' }
  const invalid = (errors: FieldError[]) => {
    c.status(422)
    c.header('Vary', 'HX-Request')
    const saveForm = <SaveViewForm entity={entity} params={Object.entries(params)} canShareWorkspace={curatesWorkspaceViews(c.var.role)} values={values} errors={onFilterBox(errors)} />
    if (isFragment(c)) return c.html(saveForm)
    return c.render(
      <>
        <h1>Save as view</h1>
        <p class="lead">
          <a href={`/${entity}?${new URLSearchParams(params)}`}>Back to the list</a>
        </p>
        {saveForm}
      </>,
      { title: 'Save as view' },
    )
  }
  try {
    const { filter, sort } = await listDocument(c, entity, withoutBlanks(params))
    const input = ViewInput.safeParse({ entity, ...values, filter, sort })
    if (!input.success) return invalid(toFieldErrors(input.error))
    const view = await createView(c.var.db, c.var.tenantId, who(c), input.data)
    const target = `/${entity}?view=${view.id}`
    if (!isFragment(c)) return c.redirect(target, 303)
    c.header('HX-Redirect', target)
    return c.body(null, 204)
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION') return invalid(err.fieldErrors.length ? err.fieldErrors : [{ path: '', message: err.message }])
    throw err
  }
})

function renderEdit(c: Context<AuthedEnv>, view: SavedView, values: Record<string, string>, errors: FieldError[]) {
  const me = who(c)
  const allowed = (v: ViewVisibility) => settingsIssue(me, { visibility: v, ownerId: view.ownerId, locked: false }) === null
  return c.render(<ViewEditPage view={view} refusal={editRefusal(me, view)} values={values} errors={onFilterBox(errors)} allowed={allowed} isAdmin={c.var.role === 'admin'} />, { title: `Edit view ${view.name}` })
}

const formValues = (v: SavedView) => ({ name: v.name, visibility: v.visibility, filter: JSON.stringify(readable(v.filter), null, 2) })

viewsPages.get('/views/:id/edit', async (c) => {
  const view = await getView(c.var.db, c.var.tenantId, who(c), idParam(c, 'id'))
  return renderEdit(c, view, formValues(view), [])
})

viewsPages.post('/views/:id', async (c) => {
  const id = idParam(c, 'id')
  const form = await readForm(c)
  // 404 for a view this person cannot see, 403 for one they may not change, before anything else.
  const before = await getEditableView(c.var.db, c.var.tenantId, who(c), id)
  const invalid = (errors: FieldError[]) => {
    c.status(422)
    return renderEdit(c, before, { ...formValues(before), ...form }, errors)
  }
  let filter: unknown
  try {
    filter = JSON.parse(form.filter ?? '')
  } catch {
    return invalid([{ path: 'filter', message: 'The filter is not valid JSON.' }])
  }
  const patch = ViewPatch.safeParse({ name: form.name ?? '', visibility: form.visibility, filter })
  if (!patch.success) return invalid(toFieldErrors(patch.error))
  try {
    await updateView(c.var.db, c.var.tenantId, who(c), id, patch.data)
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION') return invalid(err.fieldErrors)
    throw err
  }
  return c.redirect(`/${before.entity}?view=${id}`, 303)
})

viewsPages.post('/views/:id/delete', async (c) => {
  const view = await deleteView(c.var.db, c.var.tenantId, who(c), idParam(c, 'id'))
  return c.redirect(`/${view.entity}`, 303)
})

for (const [action, locked] of [
  ['lock', true],
  ['unlock', false],
] as const) {
  viewsPages.post(`/views/:id/${action}`, async (c) => {
    const id = idParam(c, 'id')
    await updateView(c.var.db, c.var.tenantId, who(c), id, { locked })
    return c.redirect(`/views/${id}/edit`, 303)
  })
}
