import { jsx } from '../../views/jsx'
import type { Context } from 'hono'
import { findDuplicateHint } from '../../db/queries/dedupe/check'
import { countryOf } from '../../domain/contacts/schemas'
import { DuplicateCheckQuery } from '../../domain/dedupe/check'
import { viewerOf } from '../../domain/records/viewer'
import type { AuthedEnv } from '../../env'
import { parseOrThrow } from '../../lib/validation'
import { DuplicateWarning } from '../../views/records/duplicate-warning'

// GET /leads/duplicates/check and /contacts/duplicates/check: the create forms' inline warning
// (an htmx fragment, empty when there is nothing to say). Reads only; one round trip.
export const duplicateCheck = (form: 'lead' | 'contact') => async (c: Context<AuthedEnv>) => {
  const q = parseOrThrow(DuplicateCheckQuery, c.req.query())
  const hint = await findDuplicateHint(c.var.db, c.var.tenantId, viewerOf(c.var.auth), countryOf(c.var.auth.defaultCountry), form, q)
  return c.html(<DuplicateWarning hint={hint} form={form} />)
}
