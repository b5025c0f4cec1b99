// The demo leads as lead scoring sees them: firmographics (the company's industry, a size and a
// country), form submissions on their timelines, and their scores, explanations and two weeks of
// score history, worked out with the real engine from the workspace's rules, as the scoring job
// would have stored them. A new or contacted lead that reached a status-setting threshold was
// qualified by it, and its timeline says so.
import type { DemoRows } from '../../../src/db/queries/demo-seed.ts'
import type { ACCOUNT_SIZES } from '../../../src/domain/records/vocab.ts'
import { normaliseDomain } from '../../../src/domain/records/normalise.ts'
import { reachedThresholds, ruleFromRow, scoreLead } from '../../../src/domain/scoring/engine.ts'
import type { ScoringRule } from '../../../src/domain/scoring/rules.ts'
import { activitySignal, eventSignal } from '../../../src/domain/scoring/signals.ts'
import type { EngagementEvent, ScoringLead } from '../../../src/domain/scoring/types.ts'
import { DAY, type SeedContext } from './context.ts'
import type { Journal, RecordRef } from './journal.ts'
import type { Leads } from './leads.ts'
import { COMPANY_KINDS } from './names.ts'
import { createRandom, type Random } from './random.ts'

// A stream of its own, so adding scoring to the demo changed none of the other data's draws.
const SCORING_SEED = 7_310_211

// Leads come mostly from small and mid-sized companies.
const SIZES = [
  ['1-10', 5],
  ['11-50', 6],
  ['51-200', 4],
  ['201-1000', 3],
  ['1001-5000', 1],
  ['5000+', 1],
] as const satisfies readonly (readonly [(typeof ACCOUNT_SIZES)[number], number])[]

const FORMS = ['Pricing page', 'Book a demo', 'Whitepaper download', 'Free trial']

type LeadRow = Leads['leads'][number]

export function scoreDemoLeads(ctx: SeedContext, leads: Leads, ruleRows: DemoRows['scoringRules'], activities: DemoRows['activities'], journal: Journal): DemoRows['leadScoreHistory'] {
  const rng = createRandom(SCORING_SEED)
  const rules = ruleRows.flatMap((r) => ruleFromRow({ id: r.id as string, kind: r.kind, name: r.name, definition: r.definition, enabled: r.enabled ?? true }) ?? [])
  leads.refs.forEach((ref, i) => {
    const row = leads.leads[i] as LeadRow
    Object.assign(row, firmographics(rng, row))
    submitForms(rng, ref, row, row.convertedAt ?? ctx.now, journal)
  })
  const signals = signalsByLead(journal, activities)
  const history: DemoRows['leadScoreHistory'] = []
  leads.refs.forEach((ref, i) => {
    const row = leads.leads[i] as LeadRow
    const scoredAt = row.convertedAt ?? ctx.now
    const fields = scoringFields(row)
    const events = signals.get(row.id) ?? []
    const result = score(fields, events, rules, scoredAt)
    row.score = result.score
    row.scoreBreakdown = result.breakdown
    row.scoredAt = scoredAt
    const reached = reachedThresholds(result.score, rules)
    row.scoreThresholds = reached.map((r) => r.id)
    const promote = reached.find((r) => r.setStatus)
    if (promote?.setStatus && (row.status === 'new' || row.status === 'contacted')) {
      const at = new Date(Math.max(crossedAt(fields, events, rules, promote.minScore, row.createdAt, scoredAt).getTime(), row.updatedAt?.getTime() ?? 0))
      journal.event(ref, 'status_changed', null, at, { changes: { status: { from: row.status, to: promote.setStatus } }, scoringRule: promote.name })
      journal.history(ref, 'status', row.status, promote.setStatus, null, at)
      row.status = ref.status = promote.setStatus
      row.updatedAt = at
    }
    if (!row.convertedAt) history.push(...dailyScores(ctx, row, fields, events, rules))
  })
  return history
}

// The company's industry (its name says it), and a size and country for the lead.
function firmographics(rng: Random, row: LeadRow): Pick<LeadRow, 'industry' | 'companySize' | 'country'> {
  const industry = COMPANY_KINDS.find((k) => row.companyName?.endsWith(` ${k.word}`))?.industry ?? null
  const phone = row.phoneE164 ?? ''
  // The phone says where the person is; without one, most of the book is American.
  const country = phone.startsWith('+44')
    ? 'GB'
    : phone.startsWith('+1416')
      ? 'CA'
      : phone.startsWith('+1')
        ? 'US'
        : rng.weighted([
            ['US', 6],
            ['GB', 2],
            ['CA', 1],
            ['DE', 1],
          ] as const)
  return { industry, companySize: rng.weighted(SIZES), country }
}

// Web-form leads arrived through a form and some came back for another; a few leads from other
// channels filled one in later (converted ones before they converted).
function submitForms(rng: Random, ref: RecordRef, row: LeadRow, until: Date, journal: Journal): void {
  const times: Date[] = []
  if (row.source === 'web form') {
    times.push(row.createdAt)
    if (rng.chance(0.5)) times.push(rng.between(row.createdAt, until))
  } else if (row.source === 'event' ? rng.chance(0.5) : rng.chance(0.15)) {
    times.push(rng.between(row.createdAt, until))
  }
  for (const at of times) journal.event(ref, 'form_submitted', null, at, { form: rng.pick(FORMS) })
}

function signalsByLead(journal: Journal, activities: DemoRows['activities']): Map<string, EngagementEvent[]> {
  const out = new Map<string, EngagementEvent[]>()
  const add = (leadId: string, event: EngagementEvent) => out.set(leadId, [...(out.get(leadId) ?? []), event])
  for (const e of journal.events) {
    const signal = e.entityType === 'lead' ? eventSignal(e.eventType) : null
    if (signal && e.occurredAt) add(e.entityId, { signal, at: e.occurredAt })
  }
  for (const a of activities) {
    const signal = a.leadId ? activitySignal(a.type, a.outcome) : null
    if (signal && a.leadId && a.occurredAt) add(a.leadId, { signal, at: a.occurredAt })
  }
  return out
}

const scoringFields = (row: LeadRow): ScoringLead => ({
  title: row.title ?? null,
  industry: row.industry ?? null,
  country: row.country ?? null,
  companySize: row.companySize ?? null,
  source: row.source ?? null,
  companyName: row.companyName ?? null,
  emailDomain: row.email ? normaliseDomain(row.email) : null,
  utmSource: row.utmSource ?? null,
  utmCampaign: row.utmCampaign ?? null,
})

// The score as a recompute at `at` would have seen it: engagement up to then.
const score = (fields: ScoringLead, events: EngagementEvent[], rules: ScoringRule[], at: Date) =>
  scoreLead(
    fields,
    events.filter((e) => e.at <= at),
    rules,
    at,
  )

// When the score first reached `minScore`: on an engagement, or from the start for fit alone.
function crossedAt(fields: ScoringLead, events: EngagementEvent[], rules: ScoringRule[], minScore: number, from: Date, until: Date): Date {
  const moments = [from, ...events.map((e) => e.at).filter((t) => t > from && t <= until)].sort((a, b) => a.getTime() - b.getTime())
  return moments.find((t) => score(fields, events, rules, t).score >= minScore) ?? until
}

// Days of history seeded: enough for the sparkline to show a trend, few enough rows (about 1,500)
// to keep the seed quick.
const HISTORY_DAYS = 14

// A row per UTC day of the last two weeks the lead existed in, scored at the day's end.
function dailyScores(ctx: SeedContext, row: LeadRow, fields: ScoringLead, events: EngagementEvent[], rules: ScoringRule[]): DemoRows['leadScoreHistory'] {
  const first = Date.parse(`${ctx.now.toISOString().slice(0, 10)}T00:00:00Z`) - (HISTORY_DAYS - 1) * DAY
  const out: DemoRows['leadScoreHistory'] = []
  for (let d = 0; d < HISTORY_DAYS; d++) {
    const end = new Date(Math.min(first + (d + 1) * DAY - 1, ctx.now.getTime()))
    if (end < row.createdAt) continue
    out.push({ tenantId: ctx.tenantId, leadId: row.id, day: end.toISOString().slice(0, 10), score: score(fields, events, rules, end).score })
  }
  return out
}
