import { jsx } from '../../views/jsx'
import { Hono, type Context } from 'hono'
import * as z from 'zod'
import { listActiveMembers } from '../../db/queries/records/columns'
import { defaultOwnerQuery, deleteRoutingRule, formOptionsQuery, getRoutingRule, listRoutingRulesQuery, moveRoutingRule, setRoutingRuleEnabled } from '../../db/queries/routing-rules'
import { applyIntent, formFieldErrors, isIntent, ruleFormToInput, ruleToFormValues } from '../../domain/routing/rule-form'
import { RoutingRuleInput, type RoutingRule } from '../../domain/routing/rules'
import type { AuthedEnv } from '../../env'
import { AppError, type FieldError } from '../../lib/errors'
import { readForm } from '../../lib/forms'
import { isFragment } from '../../lib/htmx'
import { idParam } from '../../lib/params'
import { parseOrThrow, toFieldErrors } from '../../lib/validation'
import { RoutingRuleFields, focusAfter } from '../../views/settings/routing-rule-form'
import { BASE, DeleteRulePage, EditRulePage, NewRulePage, RoutingRulesPage, RoutingRulesRegion, isNotice, namesOf, type Notice, type RoutingPageData } from '../../views/settings/routing-rules-page'
import { requirePermission } from '../middleware/permission'
import { requireUser } from '../middleware/session'
import { NO_SUCH_RULE, saveRoutingRule } from './save-routing-rule'

// /settings/routing: managers and admins order the workspace's lead routing rules. Turning a rule
// on or off and moving it answer htmx with the rules region and a plain post with a redirect
// (303). The add and edit forms post back to themselves for their row buttons (see
// src/views/settings/routing-rule-form.tsx); a form that fails validation comes back (422) with
// what was typed. The default owner and the preview are src/handlers/settings/routing.pages.tsx.
export const routingRulesPages = new Hono<AuthedEnv>()
routingRulesPages.use(BASE, requireUser, requirePermission('routing.manage'))
routingRulesPages.use(`${BASE}/*`, requireUser, requirePermission('routing.manage'))

// Rule ids only, so /settings/routing/preview and friends never reach these routes.
const RULE = `${BASE}/:id{[0-9a-fA-F-]{36}}`
const EnabledForm = z.object({ enabled: z.enum(['true', 'false']) })
const MoveForm = z.object({ direction: z.enum(['up', 'down']) })

export async function routingPageData(c: Context<AuthedEnv>): Promise<RoutingPageData> {
  const { db, tenantId } = c.var
  const [rules, members, forms, [tenant]] = await db.batch([listRoutingRulesQuery(db, tenantId), listActiveMembers(db, tenantId), formOptionsQuery(db, tenantId), defaultOwnerQuery(db, tenantId)])
  return { rules, members, forms, defaultOwnerId: tenant?.userId ?? null }
}

async function formOptions(c: Context<AuthedEnv>) {
  const [members, forms] = await c.var.db.batch([listActiveMembers(c.var.db, c.var.tenantId), formOptionsQuery(c.var.db, c.var.tenantId)])
  return { members, forms }
}

async function ruleOr404(c: Context<AuthedEnv>): Promise<RoutingRule> {
  const rule = await getRoutingRule(c.var.db, c.var.tenantId, idParam(c, 'id'))
  if (!rule) throw new AppError('NOT_FOUND', NO_SUCH_RULE)
  return rule
}

// Validates and saves a submitted form; field errors (the schema's, or a person who is not an
// active member) come back named by form input.
async function save(c: Context<AuthedEnv>, form: Record<string, string>, existing?: RoutingRule): Promise<FieldError[]> {
  const parsed = RoutingRuleInput.safeParse(ruleFormToInput(form, existing?.enabled ?? true))
  if (!parsed.success) return formFieldErrors(form, toFieldErrors(parsed.error))
  try {
    await saveRoutingRule(c.var.db, c.var.tenantId, parsed.data, existing)
    return []
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION' && err.fieldErrors.length) return formFieldErrors(form, err.fieldErrors)
    throw err
  }
}

// A post of the add or edit form: a row button's change redrawn (200), saved (303), or refused
// with what was typed (422).
async function submitted(c: Context<AuthedEnv>, existing?: RoutingRule) {
  const posted = await readForm(c)
  const intent = posted.intent
  const page = async (values: Record<string, string>, errors: FieldError[], focus?: string) => {
    const options = await formOptions(c)
    c.header('Vary', 'HX-Request')
    if (isFragment(c)) return c.html(<RoutingRuleFields {...options} values={values} errors={errors} focus={focus} action={existing ? `${BASE}/${existing.id}` : BASE} />)
    return existing ? c.render(<EditRulePage {...options} rule={existing} values={values} errors={errors} focus={focus} />, { title: `Edit ${existing.name}` }) : c.render(<NewRulePage {...options} values={values} errors={errors} focus={focus} />, { title: 'Add a routing rule' })
  }
  if (isIntent(intent)) {
    const values = applyIntent(posted, intent)
    return page(values, [], focusAfter(intent, values))
  }
  const errors = await save(c, posted, existing)
  if (!errors.length) return c.redirect(`${BASE}?done=${existing ? 'saved' : 'added'}`, 303)
  c.status(422)
  return page(posted, errors)
}

// After a change on the list: the fresh region for htmx, the page again for a plain post.
async function changed(c: Context<AuthedEnv>, notice: Notice) {
  c.header('Vary', 'HX-Request')
  if (!isFragment(c)) return c.redirect(`${BASE}?done=${notice}`, 303)
  return c.html(<RoutingRulesRegion {...await routingPageData(c)} notice={notice} />)
}

routingRulesPages.get(BASE, async (c) => {
  const done = c.req.query('done')
  return c.render(<RoutingRulesPage {...await routingPageData(c)} notice={isNotice(done) ? done : undefined} preview={{ values: {}, errors: [] }} />, { title: 'Lead routing' })
})

routingRulesPages.get(`${BASE}/new`, async (c) => c.render(<NewRulePage {...await formOptions(c)} values={{ action: 'assign' }} errors={[]} />, { title: 'Add a routing rule' }))

routingRulesPages.post(BASE, (c) => submitted(c))

routingRulesPages.get(`${RULE}/edit`, async (c) => {
  const rule = await ruleOr404(c)
  return c.render(<EditRulePage {...await formOptions(c)} rule={rule} values={ruleToFormValues(rule)} errors={[]} />, { title: `Edit ${rule.name}` })
})

routingRulesPages.post(RULE, async (c) => submitted(c, await ruleOr404(c)))

routingRulesPages.post(`${RULE}/enabled`, async (c) => {
  const enabled = parseOrThrow(EnabledForm, await readForm(c)).enabled === 'true'
  if (!(await setRoutingRuleEnabled(c.var.db, c.var.tenantId, idParam(c, 'id'), enabled))) throw new AppError('NOT_FOUND', NO_SUCH_RULE)
  return changed(c, enabled ? 'enabled' : 'disabled')
})

routingRulesPages.post(`${RULE}/move`, async (c) => {
  const { direction } = parseOrThrow(MoveForm, await readForm(c))
  if (!(await moveRoutingRule(c.var.db, c.var.tenantId, idParam(c, 'id'), direction))) throw new AppError('NOT_FOUND', NO_SUCH_RULE)
  return changed(c, 'moved')
})

routingRulesPages.get(`${RULE}/delete`, async (c) => {
  const rule = await ruleOr404(c)
  return c.render(<DeleteRulePage rule={rule} names={namesOf(await formOptions(c))} />, { title: `Delete ${rule.name}` })
})

routingRulesPages.post(`${RULE}/delete`, async (c) => {
  if (!(await deleteRoutingRule(c.var.db, c.var.tenantId, idParam(c, 'id')))) throw new AppError('NOT_FOUND', NO_SUCH_RULE)
  return c.redirect(`${BASE}?done=deleted`, 303)
})
