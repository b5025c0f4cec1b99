import { jsx } from '../../views/jsx'
import { Hono, type Context } from 'hono'
import { listApiTokens, revokeApiToken } from '../../db/queries/api-tokens'
import { can } from '../../domain/access/permissions'
import { TokenInput } from '../../domain/access/schemas'
import { NEW_TOKEN_VALUES, tokenFormErrors, tokenFormToInput, tokenFormValues } from '../../domain/access/token-form-values'
import type { AuthedEnv } from '../../env'
import { AppError } from '../../lib/errors'
import { readForm } from '../../lib/forms'
import { idParam } from '../../lib/params'
import { toFieldErrors } from '../../lib/validation'
import { AllTokensPage } from '../../views/tokens/all-tokens-page'
import { TokensPage, type TokensPageProps } from '../../views/tokens/tokens-page'
import { requirePermission } from '../middleware/permission'
import { requireUser } from '../middleware/session'
import { issueApiToken } from './issue-token'

export const tokensPages = new Hono<AuthedEnv>()
tokensPages.use('/settings/tokens', requireUser, requirePermission('tokens.own'))
tokensPages.use('/settings/tokens/*', requireUser, requirePermission('tokens.own'))
// Every member's tokens: for whoever may deactivate members (see tokens.api.ts).
tokensPages.use('/settings/tokens/all', requirePermission('users.manage'))
tokensPages.use('/settings/tokens/all/*', requirePermission('users.manage'))

const renderPage = async (c: Context<AuthedEnv>, props: Omit<TokensPageProps, 'tokens' | 'isAdmin'>) =>
  c.render(<TokensPage tokens={await listApiTokens(c.var.db, c.var.tenantId, c.var.userId)} isAdmin={can(c.var.role, 'users.manage')} {...props} />, { title: 'API tokens' })

tokensPages.get('/settings/tokens', (c) => renderPage(c, { values: NEW_TOKEN_VALUES }))

// The new secret is rendered in this response only (no redirect), and the page is not cached.
tokensPages.post('/settings/tokens', async (c) => {
  const values = tokenFormValues(await readForm(c))
  const parsed = TokenInput.safeParse(tokenFormToInput(values))
  if (!parsed.success) {
    c.status(422)
    return renderPage(c, { values, errors: tokenFormErrors(toFieldErrors(parsed.error)) })
  }
  const created = await issueApiToken(c.var.db, c.var.tenantId, c.var.userId, parsed.data)
  c.header('Cache-Control', 'no-store')
  c.status(201)
  return renderPage(c, { values: NEW_TOKEN_VALUES, created })
})

tokensPages.post('/settings/tokens/:id/revoke', async (c) => {
  const rows = await revokeApiToken(c.var.db, c.var.tenantId, c.var.userId, idParam(c, 'id'))
  if (!rows.length) throw new AppError('NOT_FOUND', 'No such token.')
  return c.redirect('/settings/tokens', 303)
})

tokensPages.get('/settings/tokens/all', async (c) => c.render(<AllTokensPage tokens={await listApiTokens(c.var.db, c.var.tenantId, null)} />, { title: 'All API tokens' }))

tokensPages.post('/settings/tokens/all/:id/revoke', async (c) => {
  const rows = await revokeApiToken(c.var.db, c.var.tenantId, null, idParam(c, 'id'))
  if (!rows.length) throw new AppError('NOT_FOUND', 'No such token.')
  return c.redirect('/settings/tokens/all', 303)
})
