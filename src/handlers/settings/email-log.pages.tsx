import { jsx } from '../../views/jsx'
import { Hono } from 'hono'
import { emailLogPage, listEmailLogQueries } from '../../db/queries/email-log'
import { EmailLogQuery } from '../../domain/mail/email-log'
import { withoutBlanks } from '../../domain/records/list-query'
import type { AuthedEnv } from '../../env'
import { AppError } from '../../lib/errors'
import { isFragment } from '../../lib/htmx'
import { retryFailedEmail } from '../../lib/mail/retry-email'
import { idParam } from '../../lib/params'
import { parseOrThrow } from '../../lib/validation'
import { EmailLogPage, EmailLogTable } from '../../views/settings/email-log-page'
import { requirePermission } from '../middleware/permission'
import { requireUser } from '../middleware/session'

// The Email log: this workspace's outbox, for admins, with a Retry for failed emails.
export const emailLogPages = new Hono<AuthedEnv>()
emailLogPages.use('/settings/emails', requireUser, requirePermission('settings.manage'))
emailLogPages.use('/settings/emails/*', requireUser, requirePermission('settings.manage'))

emailLogPages.get('/settings/emails', async (c) => {
  const f = parseOrThrow(EmailLogQuery, withoutBlanks(c.req.query()))
  const q = listEmailLogQueries(c.var.db, c.var.tenantId, f)
  const [rows, [count]] = await c.var.db.batch([q.rows, q.count])
  const page = emailLogPage(rows, f)
  const table = <EmailLogTable rows={page.data} count={count?.n ?? 0} filters={f} nextCursor={page.nextCursor} />
  c.header('Vary', 'HX-Request')
  return isFragment(c) ? c.html(table) : c.render(<EmailLogPage filters={f} table={table} />, { title: 'Email log' })
})

emailLogPages.post('/settings/emails/:id/retry', async (c) => {
  try {
    await retryFailedEmail(c.env, c.var.db, c.var.tenantId, idParam(c, 'id'))
  } catch (err) {
    // A second click finds the email already queued (or sent): the list shows that, no error page.
    if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err
  }
  return c.redirect('/settings/emails', 303)
})
