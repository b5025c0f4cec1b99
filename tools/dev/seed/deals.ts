// The sales pipeline and its deals: open ones spread over the stages (some sitting past their
// stage's rotting threshold), and recently won or lost ones, each with the stage moves behind it.
import type { DemoRows } from '../../../src/db/queries/demo-seed.ts'
import type { AccountStatus, OpportunityStatus } from '../../../src/domain/records/vocab.ts'
import { DAY, daysAgo, historyStart, isoDate, ownerOf, type SeedContext } from './context.ts'
import type { Journal, RecordRef, Seeded } from './journal.ts'
import { DEAL_PRODUCTS, LOST_REASONS } from './names.ts'
import type { Companies } from './companies.ts'

const DEALS = 70

export type Stage = { id: string; probability: number; rottingDays: number | null }
export type Pipeline = { id: string; stages: Stage[] }

export type Deals = { opportunities: Seeded<DemoRows['opportunities'][number]>[]; refs: RecordRef[] }

// What each kind of account tends to have: customers bought, prospects are being worked,
// churned ones have history.
const OUTCOMES: Record<AccountStatus, readonly (readonly [OpportunityStatus, number])[]> = {
  customer: [
    ['open', 5],
    ['won', 4],
    ['lost', 1],
  ],
  prospect: [
    ['open', 17],
    ['lost', 3],
  ],
  churned: [
    ['won', 3],
    ['lost', 2],
  ],
}

export function buildDeals(ctx: SeedContext, pipeline: Pipeline, companies: Companies, journal: Journal): Deals {
  const { rng } = ctx
  const out: Deals = { opportunities: [], refs: [] }
  const accounts = companies.accountRefs.map((ref) => [ref, { customer: 3, prospect: 3, churned: 1 }[companies.statusOf.get(ref.id) ?? 'prospect']] as const)
  const last = pipeline.stages.length - 1
  for (let i = 0; i < DEALS; i++) {
    const account = rng.weighted(accounts)
    const people = companies.contactsOf.get(account.id) ?? []
    const contact = people.length && rng.chance(0.85) ? rng.pick(people) : null
    const ownerId = rng.chance(0.8) ? account.ownerId : ownerOf(ctx)
    const status = rng.weighted(OUTCOMES[companies.statusOf.get(account.id) ?? 'prospect'])
    // Open deals thin out towards the later stages, as in any funnel.
    const stageIndex = status === 'won' ? last : status === 'lost' ? rng.int(0, last - 1) : rng.weighted(pipeline.stages.map((_, n) => [n, Math.max(2, last + 1 - n)] as const))
    const stage = pipeline.stages[stageIndex] as Stage
    // Closed deals closed in the last month; open ones end "now".
    const lower = new Date(Math.max(account.createdAt.getTime(), historyStart(ctx).getTime()))
    const closedAt = status === 'open' ? null : rng.between(new Date(Math.max(lower.getTime(), daysAgo(ctx, 30).getTime())), ctx.now)
    const end = closedAt ?? ctx.now
    const entered = enteredStageAt(ctx, stage, lower, end, status === 'open')
    const createdAt = stageIndex === 0 ? entered : new Date(Math.max(lower.getTime(), entered.getTime() - stageIndex * rng.int(3, 12) * DAY))
    const id = ctx.idAt(createdAt)
    const product = rng.pick(DEAL_PRODUCTS)
    const name = `${account.name} – ${product}`
    const row: Deals['opportunities'][number] = {
      tenantId: ctx.tenantId,
      id,
      name,
      accountId: account.id,
      contactId: contact?.id ?? null,
      amount: `${amountOf(ctx)}.00`,
      currency: 'USD',
      pipelineId: pipeline.id,
      stageId: stage.id,
      stageEnteredAt: entered,
      probability: status === 'won' ? 100 : status === 'lost' ? 0 : stage.probability,
      closeDate: isoDate(closedAt ?? new Date(ctx.now.getTime() + (rng.chance(0.15) ? rng.int(-30, -1) : rng.int(0, 90)) * DAY)),
      ownerId,
      status,
      lostReason: status === 'lost' ? rng.pick(LOST_REASONS) : null,
      createdAt,
      updatedAt: closedAt ?? entered,
      createdBy: ownerId,
    }
    const ref: RecordRef = { type: 'opportunity', id, name, company: account.name, firstName: contact?.firstName ?? null, ownerId, createdAt, status, account: null, active: status === 'open', row }
    out.opportunities.push(row)
    out.refs.push(ref)
    journal.event(ref, 'created', ownerId, createdAt, { name })
    journal.history(ref, 'stage', null, pipeline.stages[0]?.id ?? stage.id, ownerId, createdAt)
    // Stage by stage from the first to the current one, the last move landing on stage_entered_at.
    for (let n = 1; n <= stageIndex; n++) {
      const at = new Date(createdAt.getTime() + ((entered.getTime() - createdAt.getTime()) * n) / stageIndex)
      journal.change(ref, 'stage', pipeline.stages[n - 1]?.id ?? '', pipeline.stages[n]?.id ?? '', ownerId, at)
    }
    if (closedAt) journal.change(ref, 'status', 'open', status, ownerId, closedAt)
  }
  return out
}

// When the deal entered its current stage. About a third of open deals have sat there past the
// stage's rotting threshold, so the board shows some flagged.
function enteredStageAt(ctx: SeedContext, stage: Stage, lower: Date, end: Date, open: boolean): Date {
  const { rng } = ctx
  const rotting = stage.rottingDays ?? 14
  const days = open ? (rng.chance(0.35) ? rng.int(rotting + 1, rotting + 25) : rng.int(0, rotting - 1)) : rng.int(1, 20)
  const at = new Date(end.getTime() - days * DAY - rng.int(0, 8 * 3600_000))
  return at < lower ? rng.between(lower, end) : at
}

// Deal sizes of a small-business book: many small, some mid-sized, a few large, in round hundreds.
function amountOf(ctx: SeedContext): number {
  const [min, max] = ctx.rng.weighted([
    [[20, 150], 5],
    [[150, 600], 3],
    [[600, 1500], 1],
  ] as const)
  return ctx.rng.int(min, max) * 100
}

// "My deals closing this month" should not be empty for the demo user: move a few of their open
// deals' close dates into what is left of the month.
export function closeSomeThisMonth(ctx: SeedContext, deals: Deals, count: number): void {
  const today = isoDate(ctx.now)
  const monthEnd = new Date(Date.UTC(ctx.now.getUTCFullYear(), ctx.now.getUTCMonth() + 1, 0))
  const closesThisMonth = (date: string | null | undefined) => !!date && date >= today && date.slice(0, 7) === today.slice(0, 7)
  const mine = deals.opportunities.filter((o) => o.status === 'open' && o.ownerId === ctx.users.demo)
  const missing = count - mine.filter((o) => closesThisMonth(o.closeDate)).length
  for (const deal of mine.filter((o) => !closesThisMonth(o.closeDate)).slice(0, Math.max(0, missing))) {
    deal.closeDate = isoDate(ctx.rng.between(ctx.now, monthEnd))
  }
}
