import type { Db } from '../client'
import { accounts, activities, activityEvents, contacts, customerStatusHistory, leadScoreHistory, leads, notes, opportunities, pipelineStages, pipelines, recordTags, savedViews, scoringRules, tags, tasks } from '../schema'

// The demo workspace's records (tools/dev/seed-demo.ts), as plain rows for bulk inserts. Used only
// by local tooling; the worker never imports this module.

type Row<T extends { $inferInsert: unknown }> = T['$inferInsert']

export type DemoRows = {
  pipelines: Row<typeof pipelines>[]
  pipelineStages: Row<typeof pipelineStages>[]
  scoringRules: Row<typeof scoringRules>[]
  tags: Row<typeof tags>[]
  accounts: Row<typeof accounts>[]
  contacts: Row<typeof contacts>[]
  opportunities: Row<typeof opportunities>[]
  leads: Row<typeof leads>[]
  leadScoreHistory: Row<typeof leadScoreHistory>[]
  tasks: Row<typeof tasks>[]
  notes: Row<typeof notes>[]
  activities: Row<typeof activities>[]
  recordTags: Row<typeof recordTags>[]
  activityEvents: Row<typeof activityEvents>[]
  customerStatusHistory: Row<typeof customerStatusHistory>[]
  savedViews: Row<typeof savedViews>[]
}

// Multi-row inserts, a few hundred rows each: a handful of statements for the whole seed, and even
// the widest table (leads, ~35 columns) stays far below PostgreSQL's 65,535 parameters a statement.
const ROWS_PER_STATEMENT = 400

// In foreign-key order, for one db.batch after the tenant and its members.
export function insertDemoRows(db: Db, rows: DemoRows) {
  return [
    ...chunks(rows.pipelines).map((c) => db.insert(pipelines).values(c)),
    ...chunks(rows.pipelineStages).map((c) => db.insert(pipelineStages).values(c)),
    ...chunks(rows.scoringRules).map((c) => db.insert(scoringRules).values(c)),
    ...chunks(rows.tags).map((c) => db.insert(tags).values(c)),
    ...chunks(rows.accounts).map((c) => db.insert(accounts).values(c)),
    ...chunks(rows.contacts).map((c) => db.insert(contacts).values(c)),
    ...chunks(rows.opportunities).map((c) => db.insert(opportunities).values(c)),
    ...chunks(rows.leads).map((c) => db.insert(leads).values(c)),
    ...chunks(rows.leadScoreHistory).map((c) => db.insert(leadScoreHistory).values(c)),
    ...chunks(rows.tasks).map((c) => db.insert(tasks).values(c)),
    ...chunks(rows.notes).map((c) => db.insert(notes).values(c)),
    ...chunks(rows.activities).map((c) => db.insert(activities).values(c)),
    ...chunks(rows.recordTags).map((c) => db.insert(recordTags).values(c)),
    ...chunks(rows.activityEvents).map((c) => db.insert(activityEvents).values(c)),
    ...chunks(rows.customerStatusHistory).map((c) => db.insert(customerStatusHistory).values(c)),
    ...chunks(rows.savedViews).map((c) => db.insert(savedViews).values(c)),
  ]
}

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) out.push(rows.slice(i, i + ROWS_PER_STATEMENT))
  return out
}
