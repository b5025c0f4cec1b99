// Accounts and the people who work there. An account's status moves prospect → customer (→
// churned) over its life; its contacts follow it, and both timelines show the moves.
import type { DemoRows } from '../../../src/db/queries/demo-seed.ts'
import type { ACCOUNT_SIZES, AccountStatus, ContactStatus } from '../../../src/domain/records/vocab.ts'
import { historyStart, ownerOf, sinceThen, type SeedContext } from './context.ts'
import type { Journal, RecordRef, Seeded } from './journal.ts'
import type { Directory, Person } from './people.ts'

const ACCOUNTS = 60
const CONTACTS_PER_ACCOUNT = [1, 2, 2, 3, 3, 4] as const
// Mostly small and mid-sized businesses, as a typical CRM's book looks.
const SIZES = [
  ['1-10', 4],
  ['11-50', 6],
  ['51-200', 5],
  ['201-1000', 3],
  ['1001-5000', 2],
  ['5000+', 1],
] as const satisfies readonly (readonly [(typeof ACCOUNT_SIZES)[number], number])[]

type Step = { status: AccountStatus; at: Date }

export type Companies = {
  accounts: Seeded<DemoRows['accounts'][number]>[]
  contacts: Seeded<DemoRows['contacts'][number]>[]
  accountRefs: RecordRef[]
  contactRefs: RecordRef[]
  // An account's people, for deals' primary contacts.
  contactsOf: Map<string, RecordRef[]>
  statusOf: Map<string, AccountStatus>
}

export function buildCompanies(ctx: SeedContext, directory: Directory, journal: Journal): Companies {
  const { rng } = ctx
  const out: Companies = { accounts: [], contacts: [], accountRefs: [], contactRefs: [], contactsOf: new Map(), statusOf: new Map() }
  for (let i = 0; i < ACCOUNTS; i++) {
    const company = directory.company()
    const ownerId = ownerOf(ctx)
    const createdAt = rng.between(historyStart(ctx), ctx.now)
    const steps = statusSteps(ctx, createdAt)
    const status = steps[steps.length - 1]?.status ?? 'prospect'
    const id = ctx.idAt(createdAt)
    const row: Companies['accounts'][number] = {
      tenantId: ctx.tenantId,
      id,
      name: company.name,
      domain: company.domain,
      industry: company.industry,
      size: rng.weighted(SIZES),
      website: company.website,
      address: company.address,
      ownerId,
      status,
      createdAt,
      updatedAt: steps[steps.length - 1]?.at ?? createdAt,
      createdBy: ownerId,
    }
    const ref: RecordRef = { type: 'account', id, name: company.name, company: company.name, firstName: null, ownerId, createdAt, status, account: null, active: status !== 'churned', row }
    out.accounts.push(row)
    out.accountRefs.push(ref)
    out.statusOf.set(id, status)
    journal.event(ref, 'created', ownerId, createdAt, { name: company.name })
    steps.slice(1).forEach((step, n) => journal.change(ref, 'status', steps[n]?.status ?? 'prospect', step.status, ownerId, step.at))

    const people: RecordRef[] = []
    for (let c = rng.pick(CONTACTS_PER_ACCOUNT); c > 0; c--) people.push(addContact(ctx, journal, out, ref, directory.person(company), steps))
    out.contactsOf.set(id, people)
  }
  return out
}

// Where the account is now, and when it got there: most stay prospects, many became customers,
// some of those left again.
function statusSteps(ctx: SeedContext, createdAt: Date): Step[] {
  const final = ctx.rng.weighted<AccountStatus>([
    ['prospect', 45],
    ['customer', 40],
    ['churned', 15],
  ])
  const steps: Step[] = [{ status: 'prospect', at: createdAt }]
  if (final === 'prospect') return steps
  const won = sinceThen(ctx, createdAt)
  steps.push({ status: 'customer', at: won })
  if (final === 'churned') steps.push({ status: 'churned', at: sinceThen(ctx, won) })
  return steps
}

const contactStatus = (ctx: SeedContext, status: AccountStatus): ContactStatus => (status === 'prospect' ? (ctx.rng.chance(0.3) ? 'subscriber' : 'prospect') : status)

function addContact(ctx: SeedContext, journal: Journal, out: Companies, account: RecordRef, person: Person, steps: Step[]): RecordRef {
  const createdAt = sinceThen(ctx, account.createdAt)
  // The account's moves after this person was added show on their timeline too.
  const before = steps.filter((s) => s.at <= createdAt)
  const later = steps.filter((s) => s.at > createdAt)
  const initial = contactStatus(ctx, before[before.length - 1]?.status ?? 'prospect')
  const id = ctx.idAt(createdAt)
  const name = `${person.firstName} ${person.lastName}`
  const row: Companies['contacts'][number] = {
    tenantId: ctx.tenantId,
    id,
    ...person,
    accountId: account.id,
    ownerId: account.ownerId,
    status: later[later.length - 1]?.status ?? initial,
    createdAt,
    updatedAt: later[later.length - 1]?.at ?? createdAt,
    createdBy: account.ownerId,
  }
  const ref: RecordRef = { type: 'contact', id, name, company: account.name, firstName: person.firstName, ownerId: account.ownerId, createdAt, status: row.status ?? initial, account, active: true, row }
  journal.event(ref, 'created', account.ownerId, createdAt, { name })
  later.forEach((step, n) => journal.change(ref, 'status', n === 0 ? initial : (later[n - 1]?.status ?? initial), step.status, account.ownerId, step.at))
  out.contacts.push(row)
  out.contactRefs.push(ref)
  return ref
}
