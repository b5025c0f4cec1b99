import { jsx } from '../../views/jsx'
import { Hono, type Context } from 'hono'
import type * as z from 'zod'
import { addStage, createPipeline, listPipelinesWithStages, moveStage, renamePipeline, updateStage } from '../../db/queries/pipelines'
import { PipelineInput, StageInput, StageMoveDirection } from '../../domain/opportunities/pipeline-schemas'
import type { AuthedEnv } from '../../env'
import { readForm } from '../../lib/forms'
import { idParam } from '../../lib/params'
import { parseOrThrow, toFieldErrors } from '../../lib/validation'
import { PipelineSettingsPage, type FailedForm } from '../../views/opportunities/pipeline-settings'
import { requirePermission } from '../middleware/permission'
import { requireUser } from '../middleware/session'

// /settings/pipelines: admins add pipelines and edit their stages. Every form posts and comes
// back here (303); a form that fails validation re-renders the page (422) with its values.
export const pipelineSettingsPages = new Hono<AuthedEnv>()
pipelineSettingsPages.use('/settings/pipelines', requireUser, requirePermission('settings.manage'))
pipelineSettingsPages.use('/settings/pipelines/*', requireUser, requirePermission('settings.manage'))

const TITLE = 'Pipelines'
const BACK = '/settings/pipelines'

const render = async (c: Context<AuthedEnv>, failed?: FailedForm) => c.render(<PipelineSettingsPage pipelines={await listPipelinesWithStages(c.var.db, c.var.tenantId)} failed={failed} />, { title: TITLE })

pipelineSettingsPages.get('/settings/pipelines', (c) => render(c))

// Parses one form; on failure renders the page with that form's values and errors.
async function withForm<S extends z.ZodType>(c: Context<AuthedEnv>, form: string, schema: S, write: (input: z.infer<S>) => Promise<unknown>) {
  const values = await readForm(c)
  const parsed = schema.safeParse(values)
  if (!parsed.success) {
    c.status(422)
    return render(c, { form, values, errors: toFieldErrors(parsed.error) })
  }
  await write(parsed.data)
  return c.redirect(BACK, 303)
}

pipelineSettingsPages.post('/settings/pipelines', (c) => withForm(c, 'new-pipeline', PipelineInput, (input) => createPipeline(c.var.db, c.var.tenantId, input.name)))

pipelineSettingsPages.post('/settings/pipelines/stages/:stageId', (c) => {
  const stageId = idParam(c, 'stageId')
  return withForm(c, `stage-${stageId}`, StageInput, (input) => updateStage(c.var.db, c.var.tenantId, stageId, input))
})

pipelineSettingsPages.post('/settings/pipelines/stages/:stageId/move', async (c) => {
  const stageId = idParam(c, 'stageId')
  const { direction } = parseOrThrow(StageMoveDirection, await readForm(c))
  await moveStage(c.var.db, c.var.tenantId, stageId, direction)
  return c.redirect(BACK, 303)
})

pipelineSettingsPages.post('/settings/pipelines/:id', (c) => {
  const id = idParam(c, 'id')
  return withForm(c, `pipeline-${id}`, PipelineInput, (input) => renamePipeline(c.var.db, c.var.tenantId, id, input.name))
})

pipelineSettingsPages.post('/settings/pipelines/:id/stages', (c) => {
  const id = idParam(c, 'id')
  return withForm(c, `add-stage-${id}`, StageInput, (input) => addStage(c.var.db, c.var.tenantId, id, input))
})
