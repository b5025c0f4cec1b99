import { Fragment, jsx } from '../../views/jsx'
import { Hono, type Context } from 'hono'
import { getLead, getLeadQuery, listLeadsQueries, NO_SUCH_LEAD, updateLead } from '../../db/queries/leads'
import { listActiveMembers } from '../../db/queries/records/columns'
import { listTags } from '../../db/queries/records/tags'
import { scoreHistoryQuery } from '../../db/queries/score-history'
import { enabledRulesQuery, rulesFromRows } from '../../db/queries/scoring-rules'
import { can } from '../../domain/access/permissions'
import { leadName } from '../../domain/leads/lead-name'
import { LeadInput, LeadListQuery } from '../../domain/leads/schemas'
import { withoutBlanks } from '../../domain/records/list-query'
import { canSeeLeads, viewerOf } from '../../domain/records/viewer'
import type { AuthedEnv } from '../../env'
import { AppError, type FieldError } from '../../lib/errors'
import { readForm } from '../../lib/forms'
import { enqueueScore } from '../../lib/jobs/enqueue-score'
import { idParam } from '../../lib/params'
import { formToInput, parseRecordForm, toFormValues } from '../../lib/record-form'
import { parseOrThrow } from '../../lib/validation'
import { LeadDetailPage } from '../../views/leads/lead-detail'
import { LeadForm } from '../../views/leads/lead-form'
import { LeadListPage, LeadTable } from '../../views/leads/lead-list'
import { listContext, listLinks } from '../../views/records/list-links'
import { RecordWork } from '../../views/related/record-work'
import { requirePermission } from '../middleware/permission'
import { requireUser } from '../middleware/session'
import { loadListViews, respondWithViews, splitView, withViewSort } from '../views/list-views'
import { ExportButton } from '../../views/exports/export-button'
import { flashMessage } from '../../views/components/flash-messages'
import { NoticeAbove } from '../../views/components/flash'
import { createdPath, createLeadFromInput } from './lead-create'
import { recordMerges } from '../duplicates/record-notices'

// Lead pages: list, new, detail, edit. Inline edits, archive, bulk and history are in
// leads.actions.tsx, conversion in lead-convert.pages.tsx.
export const leadsPages = new Hono<AuthedEnv>()
leadsPages.use('/leads', requireUser, requirePermission('records.read'))
leadsPages.use('/leads/*', requireUser, requirePermission('records.read'))

leadsPages.get('/leads', async (c) => {
  const viewer = viewerOf(c.var.auth)
  // Support works with customers; the leads list is not theirs (each lead is a 404 for them).
  if (!canSeeLeads(viewer)) throw new AppError('FORBIDDEN', 'Your role does not work with leads.')
  const { view, query } = splitView(withoutBlanks(c.req.query()))
  const lv = await loadListViews(c, 'leads', view)
  const f = { ...withViewSort(parseOrThrow(LeadListQuery, query), 'leads', lv.current), view }
  const q = listLeadsQueries(c.var.db, c.var.tenantId, viewer, f, lv.current?.filter)
  const [rows, [count], members, tags, ...counts] = await c.var.db.batch([q.rows, q.count, listActiveMembers(c.var.db, c.var.tenantId), listTags(c.var.db, c.var.tenantId), ...lv.counts])
  const page = q.page(rows)
  const ctx = listContext(viewer, members, tags)
  const table = <LeadTable rows={page.data} count={count?.n ?? 0} links={listLinks('/leads', f, page.nextCursor)} ctx={ctx} tools={<ExportButton entity="leads" filters={f} role={c.var.role} />} />
  return respondWithViews(c, lv, { f, counts, table, page: () => <LeadListPage filters={f} ctx={ctx} table={table} />, title: 'Leads' })
})

type FormState = { action: string; values: Record<string, string>; errors: FieldError[]; submitLabel: string; cancelHref: string; title: string; converted: boolean; duplicateCheck?: string }

async function renderForm(c: Context<AuthedEnv>, form: FormState) {
  const members = await listActiveMembers(c.var.db, c.var.tenantId)
  return c.render(
    <>
      <h1>{form.title}</h1>
      <LeadForm {...form} members={members} canAssign={can(c.var.role, 'records.assign')} />
    </>,
    { title: form.title },
  )
}

// Saves and goes where `save` says, or re-renders the form with 422 when the save itself finds a
// field at fault (a phone that does not parse in the workspace's country, a name emptied on a
// stored lead, an email another lead has).
async function saveOrRerender(c: Context<AuthedEnv>, state: FormState, save: (data: LeadInput) => Promise<string>) {
  const { data, errors } = parseRecordForm(LeadInput, c.var.role, formToInput(state.values))
  try {
    if (data) return c.redirect(await save(data), 303)
    c.status(422)
    return renderForm(c, { ...state, errors })
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'VALIDATION') throw err
    c.status(422)
    return renderForm(c, { ...state, errors: err.fieldErrors })
  }
}

const newForm = (values: Record<string, string>): FormState => ({ action: '/leads', values, errors: [], submitLabel: 'Create lead', cancelHref: '/leads', title: 'New lead', converted: false, duplicateCheck: '/leads/duplicates/check' })
const editForm = (lead: { id: string; status: string }, values: Record<string, string>, title = 'Edit lead'): FormState => ({
  action: `/leads/${lead.id}`,
  values,
  errors: [],
  submitLabel: 'Save changes',
  cancelHref: `/leads/${lead.id}`,
  title,
  converted: lead.status === 'converted',
})

leadsPages.get('/leads/new', requirePermission('records.create'), (c) => renderForm(c, newForm({ ownerId: c.var.userId })))

leadsPages.post('/leads', requirePermission('records.create'), async (c) =>
  saveOrRerender(c, newForm(await readForm(c)), async (data) => createdPath(await createLeadFromInput(c, data))),
)

leadsPages.get('/leads/:id', async (c) => {
  const id = idParam(c, 'id')
  const viewer = viewerOf(c.var.auth)
  const db = c.var.db
  const today = new Date()
  const merges = recordMerges(c, 'lead', id)
  // The score's history and the rules that explain it come in the same round trip as the lead.
  const [[lead], members, history, rules, notices] = await db.batch([
    getLeadQuery(db, c.var.tenantId, viewer, id),
    listActiveMembers(db, c.var.tenantId),
    scoreHistoryQuery(db, c.var.tenantId, id, today),
    enabledRulesQuery(db, c.var.tenantId),
    merges.query,
  ])
  if (!lead) throw new AppError('NOT_FOUND', NO_SUCH_LEAD)
  const merge = merges.parts(notices)
  const list = listContext(viewer, members, [])
  const ctx = {
    ...list,
    canArchive: list.canArchive && !merge.merged,
    canUpdate: can(viewer.role, 'records.update'),
    canConvert: can(viewer.role, 'records.create') && can(viewer.role, 'records.update'),
    canManageScoring: can(viewer.role, 'settings.manage'),
  }
  const score = { history, rules: rulesFromRows(rules), today }
  const page = <LeadDetailPage lead={lead} ctx={ctx} score={score} mergeAction={merge.action} quickActions={<RecordWork relatedType="lead" relatedId={id} members={members} viewer={viewer} archived={lead.archivedAt !== null} />} />
  return c.render(<NoticeAbove notice={flashMessage(c.req.query('flash'))}>{merge.notice}{page}</NoticeAbove>, { title: leadName(lead) })
})

leadsPages.get('/leads/:id/edit', requirePermission('records.update'), async (c) => {
  const lead = await getLead(c.var.db, c.var.tenantId, viewerOf(c.var.auth), idParam(c, 'id'))
  return renderForm(c, editForm(lead, toFormValues(lead), `Edit ${leadName(lead)}`))
})

leadsPages.post('/leads/:id', requirePermission('records.update'), async (c) => {
  const id = idParam(c, 'id')
  const viewer = viewerOf(c.var.auth)
  // Another workspace's (or a hidden) lead is a 404 even when the form is invalid.
  const lead = await getLead(c.var.db, c.var.tenantId, viewer, id)
  return saveOrRerender(c, editForm(lead, await readForm(c)), async (data) => {
    if (await updateLead(c.var.db, c.var.tenantId, viewer, id, { ...data, tags: data.tags ?? [] })) await enqueueScore(c.env, c.var.tenantId, [id])
    return `/leads/${id}`
  })
})
