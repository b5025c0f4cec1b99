// Leads from the usual channels, at every stage of qualification, plus a few already converted
// into the contacts, accounts and deals they became.
import type { DemoRows } from '../../../src/db/queries/demo-seed.ts'
import { OPEN_LEAD_STATUSES, type LeadStatus } from '../../../src/domain/records/vocab.ts'
import { DAY, daysAgo, historyStart, sinceThen, type SeedContext } from './context.ts'
import type { Companies } from './companies.ts'
import type { Deals } from './deals.ts'
import type { Journal, RecordRef, Seeded } from './journal.ts'
import type { Directory } from './people.ts'
import type { Random } from './random.ts'

const OPEN_LEADS = 114
const CONVERTED_LEADS = 6

type Source = 'web form' | 'referral' | 'event' | 'cold outreach'
type Utm = Pick<DemoRows['leads'][number], 'utmSource' | 'utmMedium' | 'utmCampaign' | 'utmTerm' | 'utmContent'>

export type Leads = { leads: LeadRow[]; refs: RecordRef[] }

export function buildLeads(ctx: SeedContext, directory: Directory, companies: Companies, deals: Deals, journal: Journal): Leads {
  const { rng, users } = ctx
  const out: Leads = { leads: [], refs: [] }
  for (let i = 0; i < OPEN_LEADS; i++) {
    const company = directory.company()
    const person = directory.person(company)
    const source = rng.weighted<Source>([
      ['web form', 4],
      ['referral', 2],
      ['event', 2],
      ['cold outreach', 2],
    ])
    const status = rng.weighted<LeadStatus>([
      ['new', 35],
      ['contacted', 30],
      ['qualified', 20],
      ['unqualified', 15],
    ])
    // Some new leads (web-form ones most) wait unassigned until someone picks them up.
    const ownerId = status === 'new' && rng.chance(source === 'web form' ? 0.4 : 0.1)
      ? null
      : rng.weighted([
          [users.demo, 3],
          [users.rep1, 3],
          [users.rep2, 3],
          [users.manager, 1],
        ])
    // New leads are recent; worked ones have been around a while.
    const createdAt = status === 'new' ? rng.between(daysAgo(ctx, 21), ctx.now) : rng.between(historyStart(ctx), daysAgo(ctx, 2))
    const row = {
      ...leadRow(ctx, person, { createdAt, status, ownerId, createdBy: source === 'web form' ? null : ownerId }),
      companyName: company.name,
      companyDomain: company.domain,
      website: company.website,
      source,
      ...utmFor(rng, source),
    }
    const ref = addLead(out, journal, row, company.name, isOpen(status))
    const steps: LeadStatus[] = status === 'new' ? [] : status === 'contacted' ? ['contacted'] : ['contacted', status]
    let from: LeadStatus = 'new'
    let at = createdAt
    for (const to of steps) {
      at = sinceThen(ctx, at)
      journal.change(ref, 'status', from, to, ownerId, at)
      from = to
    }
    row.updatedAt = at
  }
  addConverted(ctx, out, companies, deals, journal)
  return out
}

// The leads behind some recent contacts: qualified, then converted on the day the contact was
// made, keeping the person's details as the lead had them.
function addConverted(ctx: SeedContext, out: Leads, companies: Companies, deals: Deals, journal: Journal): void {
  const recent = companies.contactRefs.filter((c) => c.createdAt > daysAgo(ctx, 90)).slice(0, CONVERTED_LEADS)
  for (const contact of recent) {
    const person = companies.contacts.find((c) => c.id === contact.id)
    const account = companies.accounts.find((a) => a.id === person?.accountId)
    if (!person || !account) continue
    const createdAt = new Date(Math.max(historyStart(ctx).getTime(), contact.createdAt.getTime() - ctx.rng.int(3, 20) * DAY))
    const opportunityId = deals.opportunities.find((o) => o.contactId === contact.id && o.createdAt >= contact.createdAt)?.id ?? null
    const row = {
      ...leadRow(ctx, person, { createdAt, status: 'converted', ownerId: contact.ownerId, createdBy: contact.ownerId }),
      companyName: account.name,
      companyDomain: account.domain,
      website: account.website,
      source: 'referral',
      convertedAt: contact.createdAt,
      convertedContactId: contact.id,
      convertedAccountId: account.id,
      convertedOpportunityId: opportunityId,
      updatedAt: contact.createdAt,
    }
    const ref = addLead(out, journal, row, account.name, false)
    const qualifiedAt = ctx.rng.between(createdAt, contact.createdAt)
    journal.change(ref, 'status', 'new', 'qualified', contact.ownerId, qualifiedAt)
    journal.event(ref, 'converted', contact.ownerId, contact.createdAt, { contactId: contact.id, accountId: row.convertedAccountId, opportunityId })
    journal.history(ref, 'status', 'qualified', 'converted', contact.ownerId, contact.createdAt)
  }
}

type PersonFields = Pick<DemoRows['leads'][number], 'firstName' | 'lastName' | 'email' | 'emailNormalized' | 'phone' | 'phoneE164' | 'phoneDigits' | 'title'>

type LeadRow = Seeded<DemoRows['leads'][number]> & { ownerId: string | null; createdBy: string | null }

function leadRow(ctx: SeedContext, person: PersonFields, meta: { createdAt: Date; status: LeadStatus; ownerId: string | null; createdBy: string | null }): LeadRow {
  const { firstName, lastName, email, emailNormalized, phone, phoneE164, phoneDigits, title } = person
  return {
    tenantId: ctx.tenantId,
    id: ctx.idAt(meta.createdAt),
    firstName,
    lastName,
    email,
    emailNormalized,
    phone,
    phoneE164,
    phoneDigits,
    title,
    status: meta.status,
    ownerId: meta.ownerId,
    createdAt: meta.createdAt,
    updatedAt: meta.createdAt,
    createdBy: meta.createdBy,
  }
}

function addLead(out: Leads, journal: Journal, row: LeadRow, company: string, active: boolean): RecordRef {
  const name = `${row.firstName} ${row.lastName}`
  const ref: RecordRef = { type: 'lead', id: row.id, name, company, firstName: row.firstName ?? null, ownerId: row.ownerId, createdAt: row.createdAt, status: row.status ?? 'new', account: null, active, row }
  out.leads.push(row)
  out.refs.push(ref)
  journal.event(ref, 'created', row.createdBy, row.createdAt, { name })
  return ref
}

const isOpen = (status: LeadStatus) => (OPEN_LEAD_STATUSES as readonly LeadStatus[]).includes(status)

// Campaign tracking as a web form captures it; other channels carry none.
function utmFor(rng: Random, source: Source): Utm {
  if (source !== 'web form') return { utmSource: null, utmMedium: null, utmCampaign: null, utmTerm: null, utmContent: null }
  const [utmSource, utmMedium] = rng.pick([
    ['google', 'cpc'],
    ['linkedin', 'paid_social'],
    ['newsletter', 'email'],
    ['capterra', 'referral'],
  ] as const)
  return {
    utmSource,
    utmMedium,
    utmCampaign: rng.pick(['spring-launch', 'webinar-followup', 'pricing-page', 'free-trial']),
    utmTerm: utmSource === 'google' ? rng.pick(['crm software', 'sales pipeline tool', 'small business crm']) : null,
    utmContent: rng.chance(0.5) ? rng.pick(['hero-cta', 'sidebar', 'footer-form']) : null,
  }
}
