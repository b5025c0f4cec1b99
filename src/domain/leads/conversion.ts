import * as z from 'zod'
import type { FieldError } from '../../lib/errors'
import type { StageRef } from '../opportunities/changes'
import { OpportunityInput } from '../opportunities/schemas'
import { optionalId } from '../records/fields'
import { personName } from '../records/normalise'

// Lead conversion, as pure rules: what the request may say, and which records the lead becomes
// (existing ones attached, new ones created) given what the lookups found.

// The deal fields conversion takes, with the same validation as the opportunity form.
const deal = OpportunityInput.shape
export const ConvertOpportunity = z.object({ name: deal.name, amount: deal.amount, currency: deal.currency, pipelineId: deal.pipelineId, stage: deal.stage, closeDate: deal.closeDate }).strict()

export const ConvertInput = z.object({ accountId: optionalId('account'), contactId: optionalId('contact'), opportunity: ConvertOpportunity.optional() }).strict()
export type ConvertInput = z.infer<typeof ConvertInput>

export type ConvertingLead = {
  id: string
  firstName: string | null
  lastName: string | null
  email: string | null
  emailNormalized: string | null
  phone: string | null
  phoneE164: string | null
  phoneDigits: string | null
  title: string | null
  companyName: string | null
  companyDomain: string | null
  website: string | null
  ownerId: string | null
  custom: Record<string, unknown>
}

// What the lookups found: the account and contact named in the request or matched to the lead,
// and the stage a deal would start in (null when no deal is asked for, or none was found).
export type AccountMatch = { id: string; name: string; by: 'id' | 'domain' | 'name' }
export type ContactMatch = { id: string; name: string; accountId: string | null; by: 'id' | 'email' }
export type Found = { account: AccountMatch | null; contact: ContactMatch | null; stage: StageRef | null; currency: string }

export type NewIds = { account: string; contact: string; opportunity: string }

export type AccountPlan = { kind: 'attach'; match: AccountMatch } | { kind: 'create'; id: string; values: { name: string; website: string | null; domain: string | null; ownerId: string | null } }
export type ContactPlan =
  | { kind: 'attach'; match: ContactMatch; linkAccount: string | null }
  | { kind: 'create'; id: string; values: Pick<ConvertingLead, 'firstName' | 'lastName' | 'email' | 'emailNormalized' | 'phone' | 'phoneE164' | 'phoneDigits' | 'title' | 'custom'> & { accountId: string | null; ownerId: string | null } }
export type OpportunityPlan = {
  id: string
  values: { name: string; amount: string | null; currency: string; pipelineId: string; stageId: string; probability: number; closeDate: string | null; accountId: string | null; contactId: string; ownerId: string | null }
}
export type ConversionPlan = { account: AccountPlan | null; contact: ContactPlan; opportunity: OpportunityPlan | null }

export const accountIdOf = (p: AccountPlan | null): string | null => (p === null ? null : p.kind === 'attach' ? p.match.id : p.id)
export const contactIdOf = (p: ContactPlan): string => (p.kind === 'attach' ? p.match.id : p.id)

// An account is attached when the request names one or the lookups matched one (by domain, then
// by name); otherwise one is made from the lead's company name or website. A domain known only
// from the lead's email is enough to match an account but not to invent one.
function planAccount(lead: ConvertingLead, found: Found, id: string): AccountPlan | null {
  if (found.account) return { kind: 'attach', match: found.account }
  const name = lead.companyName?.trim() || (lead.website ? lead.companyDomain : null)
  if (!name) return null
  return { kind: 'create', id, values: { name, website: lead.website, domain: lead.companyDomain, ownerId: lead.ownerId } }
}

// A contact is attached when the request names one or one has the lead's email; an attached
// contact without an account is linked to the lead's. Otherwise the lead's person becomes one.
function planContact(lead: ConvertingLead, found: Found, accountId: string | null, id: string): ContactPlan {
  if (found.contact) return { kind: 'attach', match: found.contact, linkAccount: found.contact.accountId === null ? accountId : null }
  const { firstName, lastName, email, emailNormalized, phone, phoneE164, phoneDigits, title, custom, ownerId } = lead
  return { kind: 'create', id, values: { firstName, lastName, email, emailNormalized, phone, phoneE164, phoneDigits, title, custom, accountId, ownerId } }
}

export function planConversion(lead: ConvertingLead, input: ConvertInput, found: Found, ids: NewIds, actorUserId: string): { plan: ConversionPlan; errors: FieldError[] } {
  const errors: FieldError[] = []
  if (input.accountId && found.account?.by !== 'id') errors.push({ path: 'accountId', message: 'No such account in this workspace.' })
  if (input.contactId && found.contact?.by !== 'id') errors.push({ path: 'contactId', message: 'No such contact in this workspace.' })
  // New records belong to the lead's owner, or to whoever converts an unowned lead.
  const owned = { ...lead, ownerId: lead.ownerId ?? actorUserId }
  const account = planAccount(owned, found, ids.account)
  const contact = planContact(owned, found, accountIdOf(account), ids.contact)
  let opportunity: OpportunityPlan | null = null
  const want = input.opportunity
  if (want) {
    const stage = found.stage
    if (!stage) errors.push(want.stage ? { path: 'opportunity.stage', message: 'Choose a stage of this workspace.' } : { path: 'opportunity.pipelineId', message: 'No such pipeline in this workspace.' })
    else if (want.pipelineId && stage.pipelineId !== want.pipelineId) errors.push({ path: 'opportunity.stage', message: 'That stage belongs to another pipeline. Choose a stage of this pipeline.' })
    else
      opportunity = {
        id: ids.opportunity,
        values: {
          name: want.name,
          amount: want.amount ?? null,
          currency: want.currency ?? found.currency,
          pipelineId: stage.pipelineId,
          stageId: stage.id,
          probability: stage.probability,
          closeDate: want.closeDate ?? null,
          accountId: accountIdOf(account),
          contactId: contactIdOf(contact),
          ownerId: owned.ownerId,
        },
      }
  }
  return { plan: { account, contact, opportunity }, errors }
}

// The timeline names of what conversion creates.
export const contactNameOf = (plan: ContactPlan): string => (plan.kind === 'attach' ? plan.match.name : personName(plan.values.firstName, plan.values.lastName))
