import { describe, expect, it } from 'vitest'
import { companyDomainOf, isFreeMail } from '../../src/domain/leads/company-domain'
import { ConvertInput, planConversion, type ConvertingLead, type Found } from '../../src/domain/leads/conversion'

const lead: ConvertingLead = {
  id: 'lead-1',
  firstName: 'Grace',
  lastName: 'Hopper',
  email: 'grace@navy.example',
  emailNormalized: 'grace@navy.example',
  phone: null,
  phoneE164: null,
  phoneDigits: null,
  title: 'Rear Admiral',
  companyName: 'US Navy',
  companyDomain: 'navy.example',
  website: 'https://navy.example',
  ownerId: 'owner-1',
  custom: { shoe: 'size 6' },
}
const ids = { account: 'new-account', contact: 'new-contact', opportunity: 'new-deal' }
const nothing: Found = { account: null, contact: null, stage: null, currency: 'EUR' }
const stage = { id: 'stage-1', pipelineId: 'pipe-1', probability: 10 }

describe('planConversion', () => {
  it('creates a contact and an account from the lead when nothing matches, owned by the lead owner', () => {
    const { plan, errors } = planConversion(lead, {}, nothing, ids, 'actor')
    expect(errors).toEqual([])
    expect(plan.account).toEqual({ kind: 'create', id: 'new-account', values: { name: 'US Navy', website: 'https://navy.example', domain: 'navy.example', ownerId: 'owner-1' } })
    expect(plan.contact).toMatchObject({ kind: 'create', id: 'new-contact', values: { firstName: 'Grace', lastName: 'Hopper', emailNormalized: 'grace@navy.example', accountId: 'new-account', ownerId: 'owner-1', custom: { shoe: 'size 6' } } })
    expect(plan.opportunity).toBeNull()
  })

  it('gives new records to whoever converts an unowned lead', () => {
    const { plan } = planConversion({ ...lead, ownerId: null }, {}, nothing, ids, 'actor')
    expect(plan.account?.kind === 'create' && plan.account.values.ownerId).toBe('actor')
  })

  it('attaches a matched account and contact, and links the contact to the account only if it has none', () => {
    const account = { id: 'acc-9', name: 'Navy', by: 'domain' as const }
    const unlinked = planConversion(lead, {}, { ...nothing, account, contact: { id: 'c-9', name: 'G H', accountId: null, by: 'email' } }, ids, 'actor').plan
    expect(unlinked.account).toEqual({ kind: 'attach', match: account })
    expect(unlinked.contact).toMatchObject({ kind: 'attach', linkAccount: 'acc-9' })
    const linked = planConversion(lead, {}, { ...nothing, account, contact: { id: 'c-9', name: 'G H', accountId: 'acc-1', by: 'email' } }, ids, 'actor').plan
    expect(linked.contact).toMatchObject({ kind: 'attach', linkAccount: null })
  })

  it('makes no account for a lead without a company, even when its email has a domain', () => {
    expect(planConversion({ ...lead, companyName: null, website: null }, {}, nothing, ids, 'actor').plan.account).toBeNull()
    expect(planConversion({ ...lead, companyName: null }, {}, nothing, ids, 'actor').plan.account).toMatchObject({ values: { name: 'navy.example' } })
  })

  it('opens a deal in the found stage with its probability and the workspace currency by default', () => {
    const { plan } = planConversion(lead, { opportunity: { name: 'Compilers' } }, { ...nothing, stage }, ids, 'actor')
    expect(plan.opportunity).toEqual({
      id: 'new-deal',
      values: { name: 'Compilers', amount: null, currency: 'EUR', pipelineId: 'pipe-1', stageId: 'stage-1', probability: 10, closeDate: null, accountId: 'new-account', contactId: 'new-contact', ownerId: 'owner-1' },
    })
  })

  it('names the fields whose records were not found', () => {
    const errors = planConversion(lead, { accountId: 'a', contactId: 'c', opportunity: { name: 'X', stage: 's' } }, nothing, ids, 'actor').errors
    expect(errors.map((e) => e.path)).toEqual(['accountId', 'contactId', 'opportunity.stage'])
    expect(planConversion(lead, { opportunity: { name: 'X', pipelineId: 'p' } }, nothing, ids, 'actor').errors.map((e) => e.path)).toEqual(['opportunity.pipelineId'])
    // A match by domain does not stand in for an account the request named.
    expect(planConversion(lead, { accountId: 'a' }, { ...nothing, account: { id: 'b', name: 'B', by: 'domain' } }, ids, 'actor').errors.map((e) => e.path)).toEqual(['accountId'])
  })

  it('refuses a stage of another pipeline than the one named', () => {
    const { errors, plan } = planConversion(lead, { opportunity: { name: 'X', pipelineId: 'pipe-2', stage: 'stage-1' } }, { ...nothing, stage }, ids, 'actor')
    expect(errors.map((e) => e.path)).toEqual(['opportunity.stage'])
    expect(plan.opportunity).toBeNull()
  })
})

describe('ConvertInput', () => {
  it('rejects unknown fields at both levels and checks the deal fields as the deal form does', () => {
    const result = ConvertInput.safeParse({ ownerId: 'x', opportunity: { name: '', amount: '1.234', probability: 5 } })
    expect(result.success).toBe(false)
    const issues = result.error?.issues.map((i) => (i.code === 'unrecognized_keys' ? [...i.path, ...i.keys].join('.') : i.path.join('.'))).sort()
    expect(issues).toEqual(['opportunity.amount', 'opportunity.name', 'opportunity.probability', 'ownerId'])
    expect(ConvertInput.parse({ opportunity: { name: 'Deal', amount: 1250.5, currency: 'eur' } })).toEqual({ opportunity: { name: 'Deal', amount: '1250.50', currency: 'EUR' } })
  })
})

describe('companyDomainOf', () => {
  it.each([
    ['https://www.Acme.example/about', 'jo@other.example', 'acme.example'],
    [null, 'jo@Initech.example', 'initech.example'],
    [null, 'jo@gmail.com', null],
    [null, 'jo@gmx.co.uk', null],
    [null, null, null],
  ])('website %j, email %j → %j', (website, email, expected) => {
    expect(companyDomainOf(website, email)).toBe(expected)
  })

  it('knows the common free-mail providers', () => {
    expect(['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'icloud.com', 'proton.me', 'aol.com', 'gmx.net'].every(isFreeMail)).toBe(true)
    expect(isFreeMail('acme.com')).toBe(false)
  })
})
