import { Fragment, jsx } from '../../views/jsx'
import { Hono, type Context } from 'hono'
import * as z from 'zod'
import { accountOptionsQuery } from '../../db/queries/contacts'
import { contactOptionsQuery, getOpportunity, getOpportunityQuery, listOpportunitiesQueries, NO_SUCH_OPPORTUNITY, type OpportunityRow } from '../../db/queries/opportunities'
import { createOpportunity, updateOpportunity } from '../../db/queries/opportunity-writes'
import { groupPipelines, listPipelinesQuery, listPipelinesWithStages, type PipelineWithStages } from '../../db/queries/pipelines'
import { listActiveMembers } from '../../db/queries/records/columns'
import { listTags } from '../../db/queries/records/tags'
import { can } from '../../domain/access/permissions'
import { OpportunityInput, OpportunityListQuery } from '../../domain/opportunities/schemas'
import { withoutBlanks } from '../../domain/records/list-query'
import { canSeeAmounts, viewerOf } from '../../domain/records/viewer'
import type { AuthedEnv } from '../../env'
import { AppError, type FieldError } from '../../lib/errors'
import { readForm } from '../../lib/forms'
import { idParam } from '../../lib/params'
import { formToInput, parseRecordForm, toFormValues } from '../../lib/record-form'
import { parseOrThrow } from '../../lib/validation'
import { OpportunityDetailPage } from '../../views/opportunities/opportunity-detail'
import { OpportunityForm } from '../../views/opportunities/opportunity-form'
import { OpportunityListPage, OpportunityTable } from '../../views/opportunities/opportunity-list'
import { listContext, listLinks } from '../../views/records/list-links'
import { RecordWork } from '../../views/related/record-work'
import { requirePermission } from '../middleware/permission'
import { requireUser } from '../middleware/session'
import { loadListViews, respondWithViews, splitView, withViewSort } from '../views/list-views'
import { ExportButton } from '../../views/exports/export-button'
import { boardPages } from './board.pages'
import { opportunityActions } from './opportunities.actions'
import { pipelineSettingsPages } from './pipelines.pages'

// Opportunity pages: list, new, detail, edit. The board, inline edits and bulk actions, and the
// pipeline settings are sub-apps mounted here, the board before /opportunities/:id.
export const opportunitiesPages = new Hono<AuthedEnv>()
opportunitiesPages.use('/opportunities', requireUser, requirePermission('records.read'))
opportunitiesPages.use('/opportunities/*', requireUser, requirePermission('records.read'))
opportunitiesPages.route('/', boardPages)
opportunitiesPages.route('/', opportunityActions)
opportunitiesPages.route('/', pipelineSettingsPages)

opportunitiesPages.get('/opportunities', async (c) => {
  const { view, query } = splitView(withoutBlanks(c.req.query()))
  const lv = await loadListViews(c, 'opportunities', view)
  const f = { ...withViewSort(parseOrThrow(OpportunityListQuery, query), 'opportunities', lv.current), view }
  const viewer = viewerOf(c.var.auth)
  const db = c.var.db
  const q = listOpportunitiesQueries(db, c.var.tenantId, viewer, f, lv.current?.filter)
  const [rows, [count], members, tags, pipelineRows, ...counts] = await db.batch([q.rows, q.count, listActiveMembers(db, c.var.tenantId), listTags(db, c.var.tenantId), listPipelinesQuery(db, c.var.tenantId), ...lv.counts])
  const page = q.page(rows)
  const ctx = { ...listContext(viewer, members, tags), pipelines: groupPipelines(pipelineRows), showAmounts: canSeeAmounts(viewer) }
  const links = listLinks('/opportunities', f, page.nextCursor)
  const filtered = links.filtered || Boolean(f.stage || f.pipeline || f.closeFrom || f.closeTo)
  const table = <OpportunityTable rows={page.data} count={count?.n ?? 0} links={links} ctx={ctx} filtered={filtered} tools={<ExportButton entity="opportunities" filters={f} role={c.var.role} />} />
  return respondWithViews(c, lv, { f, counts, table, page: () => <OpportunityListPage filters={f} ctx={ctx} table={table} />, title: 'Opportunities' })
})

type FormView = { action: string; values: Record<string, string>; errors: FieldError[]; submitLabel: string; cancelHref: string; title: string }

// Only a well-formed id can name the chosen account or contact (a crafted form may send anything).
const idOrNull = (v: string | undefined) => z.uuid().safeParse(v).data ?? null

async function renderForm(c: Context<AuthedEnv>, form: FormView) {
  const db = c.var.db
  const viewer = viewerOf(c.var.auth)
  const [members, accounts, contacts, pipelineRows] = await db.batch([
    listActiveMembers(db, c.var.tenantId),
    accountOptionsQuery(db, c.var.tenantId, viewer, idOrNull(form.values.accountId)),
    contactOptionsQuery(db, c.var.tenantId, viewer, idOrNull(form.values.contactId)),
    listPipelinesQuery(db, c.var.tenantId),
  ])
  const pipelines = groupPipelines(pipelineRows)
  // A new deal starts in the first stage of the first pipeline unless the person picks another.
  const values = form.values.stage ? form.values : { ...form.values, stage: pipelines[0]?.stages[0]?.id ?? '' }
  return c.render(
    <>
      <h1>{form.title}</h1>
      <OpportunityForm {...form} values={values} members={members} accounts={accounts} contacts={contacts} pipelines={pipelines} canAssign={can(c.var.role, 'records.assign')} />
    </>,
    { title: form.title },
  )
}

// The form names only a stage; its pipeline comes with it, so choosing a stage of another
// pipeline moves the deal there. A stage that is not this workspace's gets no pipeline and is
// rejected by the write, naming the field.
function withPipeline(input: Record<string, unknown>, pipelines: PipelineWithStages[]) {
  const pipeline = pipelines.find((p) => p.stages.some((s) => s.id === input.stage))
  return pipeline ? { ...input, pipelineId: pipeline.id } : input
}

// Parses the form through the same schema as the API; errors come back with the values typed.
async function parseDealForm(c: Context<AuthedEnv>, form: Record<string, string>) {
  const input = withPipeline(formToInput(form), await listPipelinesWithStages(c.var.db, c.var.tenantId))
  return parseRecordForm(OpportunityInput, c.var.role, input)
}

// A write that fails on a link (a stage, account or contact not found) re-renders the form too.
async function attempt<T>(write: () => Promise<T>): Promise<{ ok: T } | { errors: FieldError[] }> {
  try {
    return { ok: await write() }
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION') return { errors: err.fieldErrors }
    throw err
  }
}

const NEW = { action: '/opportunities', submitLabel: 'Create opportunity', cancelHref: '/opportunities', title: 'New opportunity' }

opportunitiesPages.get('/opportunities/new', requirePermission('records.create'), (c) =>
  renderForm(c, { ...NEW, values: { ownerId: c.var.userId, accountId: idOrNull(c.req.query('accountId')) ?? '' }, errors: [] }),
)

opportunitiesPages.post('/opportunities', requirePermission('records.create'), async (c) => {
  const form = await readForm(c)
  const parsed = await parseDealForm(c, form)
  const { data } = parsed
  const result = data ? await attempt(() => createOpportunity(c.var.db, c.var.tenantId, viewerOf(c.var.auth), data)) : parsed
  if ('errors' in result) {
    c.status(422)
    return renderForm(c, { ...NEW, values: form, errors: result.errors })
  }
  return c.redirect(`/opportunities/${result.ok}`, 303)
})

opportunitiesPages.get('/opportunities/:id', async (c) => {
  const id = idParam(c, 'id')
  const viewer = viewerOf(c.var.auth)
  const db = c.var.db
  const [[deal], members, pipelineRows] = await db.batch([getOpportunityQuery(db, c.var.tenantId, viewer, id), listActiveMembers(db, c.var.tenantId), listPipelinesQuery(db, c.var.tenantId)])
  if (!deal) throw new AppError('NOT_FOUND', NO_SUCH_OPPORTUNITY)
  const pipeline = groupPipelines(pipelineRows).find((p) => p.id === deal.pipelineId)
  const ctx = { ...listContext(viewer, members, []), canUpdate: can(viewer.role, 'records.update') }
  return c.render(<OpportunityDetailPage deal={deal} stages={pipeline?.stages ?? []} pipelineName={pipeline?.name ?? ''} ctx={ctx} showAmounts={canSeeAmounts(viewer)} now={new Date()} quickActions={<RecordWork relatedType="opportunity" relatedId={deal.id} members={ctx.members} viewer={viewer} archived={deal.archivedAt !== null} />} />, { title: deal.name })
})

// The edit form shows a probability only when it differs from the stage's, so that moving the
// deal to another stage in this form takes the new stage's default.
const editValues = (d: OpportunityRow) => ({ ...toFormValues(d), stage: d.stageId, probability: d.probability === d.stageProbability ? '' : String(d.probability) })

opportunitiesPages.get('/opportunities/:id/edit', requirePermission('records.update'), async (c) => {
  const deal = await getOpportunity(c.var.db, c.var.tenantId, viewerOf(c.var.auth), idParam(c, 'id'))
  return renderForm(c, { action: `/opportunities/${deal.id}`, values: editValues(deal), errors: [], submitLabel: 'Save changes', cancelHref: `/opportunities/${deal.id}`, title: `Edit ${deal.name}` })
})

opportunitiesPages.post('/opportunities/:id', requirePermission('records.update'), async (c) => {
  const id = idParam(c, 'id')
  const viewer = viewerOf(c.var.auth)
  const form = await readForm(c)
  const parsed = await parseDealForm(c, form)
  const { data } = parsed
  const result = data ? await attempt(() => updateOpportunity(c.var.db, c.var.tenantId, viewer, id, data)) : parsed
  if ('errors' in result) {
    await getOpportunity(c.var.db, c.var.tenantId, viewer, id)
    c.status(422)
    return renderForm(c, { action: `/opportunities/${id}`, values: form, errors: result.errors, submitLabel: 'Save changes', cancelHref: `/opportunities/${id}`, title: 'Edit opportunity' })
  }
  return c.redirect(`/opportunities/${id}`, 303)
})
