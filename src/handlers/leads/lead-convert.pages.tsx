import { jsx } from '../../views/jsx'
import { Hono, type Context } from 'hono'
import * as z from 'zod'
import { convertLead, loadConversionForm } from '../../db/queries/lead-conversion'
import { ConvertInput } from '../../domain/leads/conversion'
import { viewerOf } from '../../domain/records/viewer'
import type { AuthedEnv } from '../../env'
import { AppError, type FieldError } from '../../lib/errors'
import { readForm } from '../../lib/forms'
import { idParam } from '../../lib/params'
import { toFieldErrors } from '../../lib/validation'
import { DEAL_FIELDS, LeadConvertPage } from '../../views/leads/lead-convert'
import { requirePermission } from '../middleware/permission'
import { requireUser } from '../middleware/session'

// Converting a lead from the UI: a page showing what the lead will become (matches included),
// with the optional deal's fields; the POST converts and goes to the contact.
export const leadConvertPages = new Hono<AuthedEnv>()
// Conversion creates records and changes the lead.
leadConvertPages.use('/leads/:id/convert', requireUser, requirePermission('records.create'), requirePermission('records.update'))

const isId = (v: string | undefined): v is string => v !== undefined && z.uuid().safeParse(v).success

// The flat form as ConvertInput: the deal is asked for when any of its fields is filled in.
function formToInput(form: Record<string, string>): Record<string, unknown> {
  const { accountId, contactId } = form
  const deal = Object.fromEntries(DEAL_FIELDS.map((f) => [f.slice('opportunity.'.length), form[f] ?? '']))
  const wantsDeal = Object.values(deal).some((v) => v.trim() !== '')
  return { ...(accountId ? { accountId } : {}), ...(contactId ? { contactId } : {}), ...(wantsDeal ? { opportunity: deal } : {}) }
}

async function render(c: Context<AuthedEnv>, id: string, values: Record<string, string>, errors: FieldError[]) {
  // The preview follows the ids the form carried when they are ids at all.
  const input = { ...(isId(values.accountId) ? { accountId: values.accountId } : {}), ...(isId(values.contactId) ? { contactId: values.contactId } : {}) }
  const loaded = await loadConversionForm(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id, input)
  return c.render(<LeadConvertPage lead={loaded.lead} account={loaded.plan.account} contact={loaded.plan.contact} pipelines={loaded.pipelines} values={values} errors={errors.length ? errors : loaded.errors} />, { title: 'Convert lead' })
}

leadConvertPages.get('/leads/:id/convert', (c) => render(c, idParam(c, 'id'), {}, []))

leadConvertPages.post('/leads/:id/convert', async (c) => {
  const id = idParam(c, 'id')
  const form = await readForm(c)
  const parsed = ConvertInput.safeParse(formToInput(form))
  try {
    if (parsed.success) {
      const { contactId } = await convertLead(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id, parsed.data)
      return c.redirect(`/contacts/${contactId}`, 303)
    }
    c.status(422)
    return render(c, id, form, toFieldErrors(parsed.error))
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'VALIDATION') throw err
    c.status(422)
    return render(c, id, form, err.fieldErrors)
  }
})
