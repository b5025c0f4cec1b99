import { jsx } from '../../views/jsx'
import { Hono } from 'hono'
import { isCommonPassword } from '../../db/queries/common-passwords'
import { defaultPipelineStatements } from '../../db/queries/pipelines'
import { defaultScoringRulesStatement } from '../../db/queries/scoring-rules'
import { insertSession } from '../../db/queries/sessions'
import { builtinViewsStatement } from '../../db/queries/views/saved-views'
import { insertUser } from '../../db/queries/users'
import { insertMembership, insertTenant, recordLogin } from '../../db/queries/workspaces'
import { uniqueViolation } from '../../db/errors'
import { SignupInput } from '../../domain/access/schemas'
import type { AppEnv } from '../../env'
import { hashPassword } from '../../lib/auth/password'
import type { FieldError } from '../../lib/errors'
import { readForm } from '../../lib/forms'
import { newId } from '../../lib/ids'
import { toFieldErrors } from '../../lib/validation'
import { SignupPage } from '../../views/auth/signup-form'
import { prepareSession } from './start-session'

export const signupPages = new Hono<AppEnv>()

const TITLE = 'Create your workspace'

signupPages.get('/signup', (c) => (c.var.auth ? c.redirect('/', 303) : c.render(<SignupPage />, { title: TITLE })))

// A sign-up creates the workspace, its first admin and a session in one atomic batch.
signupPages.post('/signup', async (c) => {
  const form = await readForm(c)
  const fail = (errors: FieldError[]) => {
    c.status(422)
    return c.render(<SignupPage values={form} errors={errors} />, { title: TITLE })
  }
  const parsed = SignupInput.safeParse(form)
  if (!parsed.success) return fail(toFieldErrors(parsed.error))
  const input = parsed.data
  if (await isCommonPassword(c.var.db, input.password)) return fail([{ path: 'password', message: 'This password is too common. Choose one that is harder to guess.' }])

  const tenantId = newId()
  const userId = newId()
  const session = await prepareSession(c, userId, tenantId)
  try {
    await c.var.db.batch([
      insertTenant(c.var.db, { id: tenantId, name: input.workspace }),
      ...defaultPipelineStatements(c.var.db, tenantId),
      defaultScoringRulesStatement(c.var.db, tenantId),
      insertUser(c.var.db, { id: userId, email: input.email, name: input.name, passwordHash: await hashPassword(input.password) }),
      insertMembership(c.var.db, tenantId, userId, 'admin'),
      builtinViewsStatement(c.var.db, tenantId, userId),
      recordLogin(c.var.db, tenantId, userId),
      insertSession(c.var.db, session.row),
    ])
  } catch (err) {
    if (uniqueViolation(err) === 'users_email_key') return fail([{ path: 'email', message: 'An account with this email already exists. Sign in, then create another workspace from the workspace menu.' }])
    throw err
  }
  session.commit()
  return c.redirect('/', 303)
})
