import { jsx } from '../../views/jsx'
import { Hono, type Context } from 'hono'
import { listActiveMembers } from '../../db/queries/records/columns'
import { previewRouting } from '../../db/queries/routing'
import { formOptionsQuery, setDefaultOwner } from '../../db/queries/routing-rules'
import { sampleLeadFacts } from '../../domain/routing/match'
import { DefaultOwnerInput, SampleLead } from '../../domain/routing/rules'
import type { AuthedEnv } from '../../env'
import type { FieldError } from '../../lib/errors'
import { readForm } from '../../lib/forms'
import { isFragment } from '../../lib/htmx'
import { toFieldErrors } from '../../lib/validation'
import { RoutingPreview, type PreviewProps, type PreviewResult } from '../../views/settings/routing-preview'
import { BASE, DefaultOwnerForm, RoutingRulesPage } from '../../views/settings/routing-rules-page'
import { requirePermission } from '../middleware/permission'
import { requireUser } from '../middleware/session'
import { routingPageData } from './routing-rules.pages'

// /settings/routing's default owner and "test against a sample lead" forms. Each answers htmx
// with its own section and a plain post with the page; bad input comes back (422) as typed.
export const routingPages = new Hono<AuthedEnv>()
routingPages.use(`${BASE}/default-owner`, requireUser, requirePermission('routing.manage'))
routingPages.use(`${BASE}/preview`, requireUser, requirePermission('routing.manage'))

const OWNER_ERROR = 'Choose an active member of this workspace, or nobody.'

routingPages.post(`${BASE}/default-owner`, async (c) => {
  const { userId = '' } = await readForm(c)
  const parsed = DefaultOwnerInput.safeParse({ userId: userId === '' ? null : userId })
  const saved = parsed.success && (await setDefaultOwner(c.var.db, c.var.tenantId, parsed.data.userId))
  const errors: FieldError[] = saved ? [] : [{ path: 'userId', message: OWNER_ERROR }]
  c.header('Vary', 'HX-Request')
  if (!saved) c.status(422)
  if (!isFragment(c)) return saved ? c.redirect(`${BASE}?done=owner`, 303) : pageWith(c, { values: {}, errors: [] }, { userId, errors })
  const members = await listActiveMembers(c.var.db, c.var.tenantId)
  return c.html(<DefaultOwnerForm members={members} defaultOwnerId={null} values={{ userId }} errors={errors} saved={saved} />)
})

// The sample lead as the form has it: one custom field, by key and value.
function sampleOf(form: Record<string, string>): unknown {
  const text = (k: string) => (form[k]?.trim() ? form[k] : undefined)
  const key = form.customKey?.trim()
  return {
    country: text('country'),
    source: text('source'),
    companySize: text('companySize'),
    industry: text('industry'),
    formId: text('formId'),
    ...(key ? { custom: { [key]: form.customValue ?? '' } } : {}),
  }
}

// custom.<key> errors belong to the key input.
const previewErrors = (errors: FieldError[]) => errors.map((e) => (e.path.startsWith('custom') ? { ...e, path: 'customKey' } : e))

routingPages.post(`${BASE}/preview`, async (c) => {
  const form = await readForm(c)
  const parsed = SampleLead.safeParse(sampleOf(form))
  if (!parsed.success) c.status(422)
  const preview: PreviewProps = parsed.success ? { values: form, errors: [], result: await previewResult(c, parsed.data) } : { values: form, errors: previewErrors(toFieldErrors(parsed.error)) }
  c.header('Vary', 'HX-Request')
  if (!isFragment(c)) return pageWith(c, preview)
  return c.html(<RoutingPreview {...preview} forms={await formOptionsQuery(c.var.db, c.var.tenantId)} />)
})

// Who would get the sample lead, by name; no round-robin turn is taken.
async function previewResult(c: Context<AuthedEnv>, sample: SampleLead): Promise<PreviewResult> {
  const [result, members] = await Promise.all([previewRouting(c.var.db, c.var.tenantId, sampleLeadFacts(sample)), listActiveMembers(c.var.db, c.var.tenantId)])
  const ownerName = result.ownerId ? (members.find((m) => m.id === result.ownerId)?.name ?? null) : null
  return { ruleName: result.rule?.name ?? null, byRule: result.byRule, ownerName }
}

async function pageWith(c: Context<AuthedEnv>, preview: PreviewProps, owner?: { userId: string; errors: FieldError[] }) {
  const data = await routingPageData(c)
  return c.render(<RoutingRulesPage {...data} preview={preview} owner={owner} />, { title: 'Lead routing' })
}
