import { jsx } from '../../views/jsx'
import { Hono } from 'hono'
import { getWorkspaceSettings, updateWorkspaceSettings } from '../../db/queries/workspaces'
import { WorkspaceSettingsInput } from '../../domain/workspaces/settings'
import { ZONE_UNKNOWN_TO_DB } from '../../domain/workspaces/time-zones'
import type { AuthedEnv } from '../../env'
import { AppError } from '../../lib/errors'
import { readForm } from '../../lib/forms'
import { toFieldErrors } from '../../lib/validation'
import { WorkspaceSettingsPage } from '../../views/settings/workspace-settings-page'
import { requirePermission } from '../middleware/permission'
import { requireUser } from '../middleware/session'

// Admin settings of the active workspace, including record visibility, which every record
// query enforces (it travels with the session, see AuthContext.recordVisibility).
export const workspaceSettingsPages = new Hono<AuthedEnv>()
workspaceSettingsPages.use('/settings/workspace', requireUser, requirePermission('settings.manage'))

const TITLE = 'Workspace settings'

workspaceSettingsPages.get('/settings/workspace', async (c) => {
  const settings = await getWorkspaceSettings(c.var.db, c.var.tenantId)
  if (!settings) throw new AppError('NOT_FOUND')
  return c.render(<WorkspaceSettingsPage values={settings} saved={c.req.query('saved') === '1'} />, { title: TITLE })
})

workspaceSettingsPages.post('/settings/workspace', async (c) => {
  const form = await readForm(c)
  const parsed = WorkspaceSettingsInput.safeParse(form)
  const errors = !parsed.success ? toFieldErrors(parsed.error) : (await updateWorkspaceSettings(c.var.db, c.var.tenantId, parsed.data)) ? [] : [ZONE_UNKNOWN_TO_DB]
  if (errors.length) {
    c.status(422)
    return c.render(<WorkspaceSettingsPage values={form} errors={errors} />, { title: TITLE })
  }
  return c.redirect('/settings/workspace?saved=1', 303)
})
