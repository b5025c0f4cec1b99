import { jsx } from '../../views/jsx'
import { Hono } from 'hono'
import { listApiTokens, revokeApiToken } from '../../db/queries/api-tokens'
import { TokenInput } from '../../domain/access/schemas'
import type { AuthedEnv } from '../../env'
import { AppError } from '../../lib/errors'
import { readForm } from '../../lib/forms'
import { idParam } from '../../lib/params'
import { toFieldErrors } from '../../lib/validation'
import { TokensPage } from '../../views/tokens/tokens-page'
import { requirePermission } from '../middleware/permission'
import { requireUser } from '../middleware/session'
import { issueApiToken } from './issue-token'

export const tokensPages = new Hono<AuthedEnv>()
tokensPages.use('/settings/tokens', requireUser, requirePermission('tokens.own'))
tokensPages.use('/settings/tokens/*', requireUser, requirePermission('tokens.own'))

const TITLE = 'API tokens'

tokensPages.get('/settings/tokens', async (c) => c.render(<TokensPage tokens={await listApiTokens(c.var.db, c.var.tenantId, c.var.userId)} />, { title: TITLE }))

// The new secret is rendered in this response only (no redirect), and the page is not cached.
tokensPages.post('/settings/tokens', async (c) => {
  const form = await readForm(c)
  const parsed = TokenInput.safeParse(form)
  if (!parsed.success) {
    c.status(422)
    return c.render(<TokensPage tokens={await listApiTokens(c.var.db, c.var.tenantId, c.var.userId)} values={form} errors={toFieldErrors(parsed.error)} />, { title: TITLE })
  }
  const created = await issueApiToken(c.var.db, c.var.tenantId, c.var.userId, parsed.data.name)
  c.header('Cache-Control', 'no-store')
  c.status(201)
  return c.render(<TokensPage tokens={await listApiTokens(c.var.db, c.var.tenantId, c.var.userId)} created={created} />, { title: TITLE })
})

tokensPages.post('/settings/tokens/:id/revoke', async (c) => {
  const rows = await revokeApiToken(c.var.db, c.var.tenantId, c.var.userId, idParam(c, 'id'))
  if (!rows.length) throw new AppError('NOT_FOUND', 'No such token.')
  return c.redirect('/settings/tokens', 303)
})
