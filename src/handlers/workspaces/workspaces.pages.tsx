import { jsx } from '../../views/jsx'
import { Hono } from 'hono'
import { defaultPipelineStatements } from '../../db/queries/pipelines'
import { defaultScoringRulesStatement } from '../../db/queries/scoring-rules'
import { switchSessionTenant, switchSessionTenantQuery } from '../../db/queries/sessions'
import { listActiveWorkspaces } from '../../db/queries/users'
import { builtinViewsStatement } from '../../db/queries/views/saved-views'
import { insertMembership, insertTenant } from '../../db/queries/workspaces'
import { SwitchWorkspaceInput, WorkspaceInput } from '../../domain/access/schemas'
import type { AuthedEnv } from '../../env'
import { AppError } from '../../lib/errors'
import { readForm } from '../../lib/forms'
import { newId } from '../../lib/ids'
import { parseOrThrow, toFieldErrors } from '../../lib/validation'
import { WorkspacesPage } from '../../views/workspaces/workspaces-page'
import { requireUser } from '../middleware/session'

export const workspacePages = new Hono<AuthedEnv>()
workspacePages.use('/workspaces', requireUser)
workspacePages.use('/workspaces/*', requireUser)

const TITLE = 'Workspaces'

workspacePages.get('/workspaces', async (c) => {
  const workspaces = await listActiveWorkspaces(c.var.db, c.var.userId)
  return c.render(<WorkspacesPage workspaces={workspaces} activeId={c.var.tenantId} />, { title: TITLE })
})

// The target workspace is named in the form, but it only becomes active if the session's own
// user is an active member there; the active workspace itself lives in the session row.
workspacePages.post('/workspaces/switch', async (c) => {
  const { tenantId } = parseOrThrow(SwitchWorkspaceInput, await readForm(c))
  const sessionId = c.var.auth.sessionId
  if (!sessionId || !(await switchSessionTenant(c.var.db, sessionId, c.var.userId, tenantId))) throw new AppError('NOT_FOUND', 'That workspace does not exist or you are not a member of it.')
  return c.redirect('/', 303)
})

workspacePages.post('/workspaces', async (c) => {
  const form = await readForm(c)
  const parsed = WorkspaceInput.safeParse(form)
  if (!parsed.success) {
    c.status(422)
    const workspaces = await listActiveWorkspaces(c.var.db, c.var.userId)
    return c.render(<WorkspacesPage workspaces={workspaces} activeId={c.var.tenantId} values={form} errors={toFieldErrors(parsed.error)} />, { title: TITLE })
  }
  const sessionId = c.var.auth.sessionId
  if (!sessionId) throw new AppError('FORBIDDEN', 'Create workspaces from the web app.')
  const tenantId = newId()
  const db = c.var.db
  await db.batch([insertTenant(db, { id: tenantId, name: parsed.data.workspace }), ...defaultPipelineStatements(db, tenantId), defaultScoringRulesStatement(db, tenantId), insertMembership(db, tenantId, c.var.userId, 'admin'), builtinViewsStatement(db, tenantId, c.var.userId), switchSessionTenantQuery(db, sessionId, c.var.userId, tenantId)])
  return c.redirect('/', 303)
})
