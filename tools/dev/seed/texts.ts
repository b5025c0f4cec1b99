// What people write in a CRM: task titles, note bodies and activity subjects, worded for the
// record they are about.
import type { ActivityType, TaskType } from '../../../src/domain/records/vocab.ts'
import type { RecordRef } from './journal.ts'

type Text = (r: RecordRef) => string

const who = (r: RecordRef) => r.firstName ?? r.company

export const TASK_TITLES: Record<TaskType, readonly Text[]> = {
  call: [(r) => `Call ${who(r)} about pricing`, (r) => `Follow-up call with ${who(r)}`, (r) => `Check in with ${r.company}`, (r) => `Call ${who(r)} back re: contract`],
  email: [(r) => `Send proposal to ${r.company}`, (r) => `Email ${who(r)} the pricing sheet`, (r) => `Reply to ${who(r)}'s questions`, (r) => `Send case studies to ${who(r)}`],
  meeting: [(r) => `Demo for ${r.company}`, (r) => `Quarterly review with ${r.company}`, (r) => `Kick-off meeting with ${who(r)}`, (r) => `Lunch with ${who(r)}`],
  todo: [(r) => `Prepare quote for ${r.company}`, (r) => `Update contract terms for ${r.company}`, (r) => `Review ${r.company} account plan`, (r) => `Research ${r.company} before the call`],
}

export const UNRELATED_TASKS = ['Update the pipeline forecast', 'Clean up stale leads', 'Prepare the weekly sales report', 'Plan next quarter’s territories'] as const

export const TASK_DESCRIPTIONS = [
  'They asked for the numbers before Friday.',
  'Include the volume discount we discussed.',
  'Loop in support if they bring up the integration again.',
  'Agenda: current usage, pain points, next steps.',
] as const

export const NOTES: readonly Text[] = [
  (r) => `${who(r)} mentioned they are comparing us with two other vendors. Budget is approved for this quarter.`,
  (r) => `Spoke with ${who(r)}: main pain point is manual reporting. Wants a demo for the whole team.`,
  (r) => `Shared the proposal: https://docs.example.com/proposals/${slug(r.company)}`,
  (r) => `${r.company} is rolling out to a second office in the spring; expansion opportunity.`,
  (r) => `Decision maker is the CFO. ${who(r)} will set up an intro call.`,
  (r) => `Recording of today's call: https://meet.example.com/r/${slug(r.company)}-${r.id.slice(-6)}`,
  () => 'Asked for SSO and audit logs; both are on the roadmap. Follow up when they ship.',
  (r) => `${who(r)} prefers email over calls. Best time: mornings.`,
  () => 'Legal review of the contract takes about two weeks on their side.',
  (r) => `Met ${who(r)} at the SaaS Summit booth. Very interested in the pipeline board.`,
]

export const ACTIVITY_SUBJECTS: Record<ActivityType, readonly Text[]> = {
  call: [(r) => `Intro call with ${who(r)}`, (r) => `Pricing questions from ${r.company}`, (r) => `Follow-up with ${who(r)}`, () => 'Discovery call'],
  email: [(r) => `Proposal for ${r.company}`, () => 'Re: next steps', (r) => `Case studies for ${who(r)}`, () => 'Meeting recap'],
  meeting: [(r) => `Product demo for ${r.company}`, () => 'Quarterly business review', (r) => `On-site visit at ${r.company}`, () => 'Contract walkthrough'],
}

export const ACTIVITY_BODIES = [
  'Went through their requirements; they need reporting and a mobile view.',
  'They will get back to us after their budget meeting.',
  'Positive. Asked for references from similar companies.',
  'Walked through the board and the import. Next: trial for three users.',
] as const

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-')
