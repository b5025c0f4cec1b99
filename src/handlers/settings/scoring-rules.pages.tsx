import { jsx } from '../../views/jsx'
import { Hono, type Context } from 'hono'
import * as z from 'zod'
import { listActiveMembers } from '../../db/queries/records/columns'
import { deleteRule, getRule, listRulesQuery, rulesFromRows, setRuleEnabled } from '../../db/queries/scoring-rules'
import { formFieldErrors, ruleFormToInput } from '../../domain/scoring/rule-form'
import { ScoringRuleInput, type ScoringRule } from '../../domain/scoring/rules'
import type { AuthedEnv } from '../../env'
import { AppError, type FieldError } from '../../lib/errors'
import { readForm } from '../../lib/forms'
import { isFragment } from '../../lib/htmx'
import { idParam } from '../../lib/params'
import { parseOrThrow, toFieldErrors } from '../../lib/validation'
import type { RuleKind } from '../../views/settings/scoring-rule-form'
import { DeleteRulePage, EditRulePage, ScoringRulesPage, ScoringRulesRegion, isNotice, type FailedAdd, type Notice } from '../../views/settings/scoring-rules-page'
import { requirePermission } from '../middleware/permission'
import { requireUser } from '../middleware/session'
import { saveScoringRule } from './save-scoring-rule'
import { rescoreAfterRuleChange } from '../../lib/jobs/enqueue-score'

// /settings/scoring: admins edit the workspace's lead scoring rules. Adding a rule and turning
// one on or off answer htmx with the rules region and a plain post with a redirect (303); a form
// that fails validation comes back (422) with what was typed.
export const scoringRulesPages = new Hono<AuthedEnv>()
scoringRulesPages.use('/settings/scoring', requireUser, requirePermission('settings.manage'))
scoringRulesPages.use('/settings/scoring/*', requireUser, requirePermission('settings.manage'))
// '/*' also matches the bare path, so this one registration covers both (once).
scoringRulesPages.use('/settings/scoring/*', rescoreAfterRuleChange)

const TITLE = 'Lead scoring'
const BASE = '/settings/scoring'
const KINDS: RuleKind[] = ['fit', 'engagement', 'threshold']
const EnabledForm = z.object({ enabled: z.enum(['true', 'false']) })

async function pageData(c: Context<AuthedEnv>) {
  const [rows, members] = await c.var.db.batch([listRulesQuery(c.var.db, c.var.tenantId), listActiveMembers(c.var.db, c.var.tenantId)])
  return { rules: rulesFromRows(rows), members }
}

async function ruleOr404(c: Context<AuthedEnv>): Promise<ScoringRule> {
  const rule = await getRule(c.var.db, c.var.tenantId, idParam(c, 'id'))
  if (!rule) throw new AppError('NOT_FOUND', 'No such scoring rule in this workspace.')
  return rule
}

// Validates a submitted form and saves it; field errors (the schema's, or an assignee who is not
// an active member) come back named by form input.
async function save(c: Context<AuthedEnv>, form: Record<string, string>, existing?: ScoringRule): Promise<FieldError[]> {
  const parsed = ScoringRuleInput.safeParse({ ...ruleFormToInput(form), ...(existing ? { enabled: existing.enabled } : {}) })
  if (!parsed.success) return formFieldErrors(toFieldErrors(parsed.error))
  try {
    await saveScoringRule(c.var.db, c.var.tenantId, parsed.data, existing?.id)
    return []
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION' && err.fieldErrors.length) return err.fieldErrors
    throw err
  }
}

// After a change on the list: the fresh region for htmx, the page again for a plain post.
async function changed(c: Context<AuthedEnv>, notice: Notice) {
  c.header('Vary', 'HX-Request')
  if (!isFragment(c)) return c.redirect(`${BASE}?done=${notice}`, 303)
  return c.html(<ScoringRulesRegion {...await pageData(c)} notice={notice} />)
}

scoringRulesPages.get(BASE, async (c) => {
  const done = c.req.query('done')
  return c.render(<ScoringRulesPage {...await pageData(c)} notice={isNotice(done) ? done : undefined} />, { title: TITLE })
})

scoringRulesPages.post(BASE, async (c) => {
  const form = await readForm(c)
  const kind = KINDS.find((k) => k === form.kind)
  if (!kind) throw new AppError('VALIDATION', 'Choose fit, engagement or threshold as the kind.', [{ path: 'kind', message: 'Choose fit, engagement or threshold as the kind.' }])
  const errors = await save(c, form)
  if (!errors.length) return changed(c, 'added')
  c.header('Vary', 'HX-Request')
  c.status(422)
  const failed: FailedAdd = { kind, values: form, errors }
  const data = await pageData(c)
  return isFragment(c) ? c.html(<ScoringRulesRegion {...data} failed={failed} />) : c.render(<ScoringRulesPage {...data} failed={failed} />, { title: TITLE })
})

scoringRulesPages.get(`${BASE}/:id/edit`, async (c) => {
  const rule = await ruleOr404(c)
  const members = await listActiveMembers(c.var.db, c.var.tenantId)
  return c.render(<EditRulePage rule={rule} members={members} />, { title: `Edit ${rule.name}` })
})

// The kind is the stored rule's, whatever the form says: a rule does not change kind.
scoringRulesPages.post(`${BASE}/:id`, async (c) => {
  const rule = await ruleOr404(c)
  const form = { ...(await readForm(c)), kind: rule.kind }
  const errors = await save(c, form, rule)
  if (!errors.length) return c.redirect(`${BASE}?done=saved`, 303)
  c.status(422)
  const members = await listActiveMembers(c.var.db, c.var.tenantId)
  return c.render(<EditRulePage rule={rule} members={members} values={form} errors={errors} />, { title: `Edit ${rule.name}` })
})

scoringRulesPages.post(`${BASE}/:id/enabled`, async (c) => {
  const id = idParam(c, 'id')
  const enabled = parseOrThrow(EnabledForm, await readForm(c)).enabled === 'true'
  if (!(await setRuleEnabled(c.var.db, c.var.tenantId, id, enabled))) throw new AppError('NOT_FOUND', 'No such scoring rule in this workspace.')
  return changed(c, enabled ? 'enabled' : 'disabled')
})

scoringRulesPages.get(`${BASE}/:id/delete`, async (c) => {
  const rule = await ruleOr404(c)
  const members = await listActiveMembers(c.var.db, c.var.tenantId)
  return c.render(<DeleteRulePage rule={rule} members={members} />, { title: `Delete ${rule.name}` })
})

scoringRulesPages.post(`${BASE}/:id/delete`, async (c) => {
  if (!(await deleteRule(c.var.db, c.var.tenantId, idParam(c, 'id')))) throw new AppError('NOT_FOUND', 'No such scoring rule in this workspace.')
  return c.redirect(`${BASE}?done=deleted`, 303)
})
