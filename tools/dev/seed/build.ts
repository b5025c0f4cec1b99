// All of the demo workspace's records, made up in memory (no I/O), in the order their links need:
// accounts and contacts, then deals on them, leads (some converted into those), and the work on
// all of it. Every builder writes its records' history into the one journal as it goes.
import type { DemoRows } from '../../../src/db/queries/demo-seed.ts'
import { buildCompanies } from './companies.ts'
import type { SeedContext } from './context.ts'
import { buildDeals, closeSomeThisMonth } from './deals.ts'
import { createJournal } from './journal.ts'
import { scoreDemoLeads } from './lead-scores.ts'
import { buildLeads } from './leads.ts'
import { createDirectory } from './people.ts'
import { buildPipeline } from './pipeline.ts'
import { buildScoringRules } from './scoring.ts'
import { buildTags } from './tags.ts'
import { buildTasks } from './tasks.ts'
import { buildActivities, buildNotes, type RecordPools } from './touches.ts'
import { buildSavedViews } from './views.ts'

const DEMO_DEALS_THIS_MONTH = 5

export function buildDemoRows(ctx: SeedContext): DemoRows {
  const journal = createJournal(ctx)
  const directory = createDirectory(ctx.directoryRng)
  const { rows: pipelineRows, pipeline } = buildPipeline(ctx)
  const companies = buildCompanies(ctx, directory, journal)
  const deals = buildDeals(ctx, pipeline, companies, journal)
  closeSomeThisMonth(ctx, deals, DEMO_DEALS_THIS_MONTH)
  const leads = buildLeads(ctx, directory, companies, deals, journal)
  const pools: RecordPools = { account: companies.accountRefs, contact: companies.contactRefs, lead: leads.refs, opportunity: deals.refs }
  const tasks = buildTasks(ctx, pools, journal)
  const notes = buildNotes(ctx, pools, journal)
  const activities = buildActivities(ctx, pools, journal)
  const scoringRules = buildScoringRules(ctx)
  // After everything that leaves engagement on a lead's timeline, and before the tags that pick
  // out high-scoring leads.
  const leadScoreHistory = scoreDemoLeads(ctx, leads, scoringRules, activities, journal)
  return {
    ...pipelineRows,
    scoringRules,
    ...buildTags(ctx, companies, leads, deals),
    accounts: companies.accounts,
    contacts: companies.contacts,
    opportunities: deals.opportunities,
    leads: leads.leads,
    leadScoreHistory,
    tasks,
    notes,
    activities,
    activityEvents: journal.events,
    customerStatusHistory: journal.historyRows,
    savedViews: buildSavedViews(ctx),
  }
}
