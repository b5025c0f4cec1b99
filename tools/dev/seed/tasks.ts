// Follow-ups: some done, some overdue, some due today, most coming up. The demo user and the
// first rep always have overdue and today's tasks, so "My work" has something in every section.
import type { DemoRows } from '../../../src/db/queries/demo-seed.ts'
import type { TaskType } from '../../../src/domain/records/vocab.ts'
import { relatedColumns } from '../../../src/domain/related/related.ts'
import { DAY, historyStart, sinceThen, type SeedContext } from './context.ts'
import type { Journal, RecordRef } from './journal.ts'
import { pickRecord, type RecordPools } from './touches.ts'
import { TASK_DESCRIPTIONS, TASK_TITLES, UNRELATED_TASKS } from './texts.ts'

const TASK_COUNT = 120
const GUARANTEED_EACH = 3
const HOUR = 3_600_000

type Due = 'completed' | 'overdue' | 'today' | 'upcoming' | 'none'

export function buildTasks(ctx: SeedContext, pools: RecordPools, journal: Journal): DemoRows['tasks'] {
  const { rng, users } = ctx
  const plan: { assigneeId: string; due: Due }[] = []
  for (const assigneeId of [users.demo, users.rep1]) {
    for (let i = 0; i < GUARANTEED_EACH; i++) plan.push({ assigneeId, due: 'overdue' }, { assigneeId, due: 'today' })
  }
  while (plan.length < TASK_COUNT) {
    const assigneeId = rng.weighted([
      [users.demo, 3],
      [users.rep1, 3],
      [users.rep2, 2.5],
      [users.manager, 1.5],
      [users.support, 1],
    ])
    const due = rng.weighted<Due>([
      ['completed', 35],
      ['overdue', 12],
      ['today', 6],
      ['upcoming', 40],
      ['none', 7],
    ])
    plan.push({ assigneeId, due })
  }
  return plan.map(({ assigneeId, due }) => addTask(ctx, pools, journal, assigneeId, due))
}

function addTask(ctx: SeedContext, pools: RecordPools, journal: Journal, assigneeId: string, due: Due): DemoRows['tasks'][number] {
  const { rng } = ctx
  const record = rng.chance(0.95) ? recordFor(ctx, pools, assigneeId) : null
  const type = rng.weighted<TaskType>([
    ['call', 35],
    ['email', 25],
    ['meeting', 15],
    ['todo', 25],
  ])
  const title = record ? rng.pick(TASK_TITLES[type])(record) : rng.pick(UNRELATED_TASKS)
  const dueAt = dueDate(ctx, due, record?.createdAt ?? historyStart(ctx))
  // Created up to two weeks before it was due, never before its record, never in the future.
  const latest = Math.min(ctx.now.getTime(), dueAt?.getTime() ?? ctx.now.getTime())
  const earliest = Math.min(latest, Math.max(record?.createdAt.getTime() ?? 0, (dueAt?.getTime() ?? latest) - 14 * DAY, historyStart(ctx).getTime()))
  const createdAt = rng.between(new Date(earliest), new Date(latest))
  const completedAt = due === 'completed' && dueAt ? new Date(Math.min(ctx.now.getTime(), Math.max(createdAt.getTime(), dueAt.getTime() + rng.int(-48, 24) * HOUR))) : null
  // Reminders only for what is still ahead, so the reminder job has nothing stale to send.
  const remind = dueAt && due !== 'completed' ? new Date(dueAt.getTime() - 30 * 60_000) : null
  const createdBy = rng.chance(0.6) ? assigneeId : (record?.ownerId ?? assigneeId)
  const id = ctx.idAt(createdAt)
  const row: DemoRows['tasks'][number] = {
    tenantId: ctx.tenantId,
    id,
    title,
    type,
    description: rng.chance(0.3) ? rng.pick(TASK_DESCRIPTIONS) : null,
    dueAt,
    remindAt: remind && remind > ctx.now ? remind : null,
    assigneeId,
    ...relatedColumns(record),
    completedAt,
    completedBy: completedAt ? assigneeId : null,
    createdAt,
    updatedAt: completedAt ?? createdAt,
    createdBy,
  }
  const task = { type: 'task' as const, id }
  journal.event(task, 'created', createdBy, createdAt, { name: title })
  // Completion shows on the task and on its record, as the app writes it.
  if (completedAt) for (const entity of record ? [task, record] : [task]) journal.event(entity, 'task_completed', assigneeId, completedAt, { taskId: id, title })
  return row
}

// Mostly one of the assignee's own live records; otherwise any live one (support owns none).
function recordFor(ctx: SeedContext, pools: RecordPools, assigneeId: string): RecordRef {
  const live = (own: boolean): RecordPools => ({
    account: pools.account.filter((r) => r.active && (!own || r.ownerId === assigneeId)),
    contact: pools.contact.filter((r) => r.active && (!own || r.ownerId === assigneeId)),
    lead: pools.lead.filter((r) => r.active && (!own || r.ownerId === assigneeId)),
    opportunity: pools.opportunity.filter((r) => r.active && (!own || r.ownerId === assigneeId)),
  })
  const own = live(true)
  const hasOwn = Object.values(own).some((pool) => pool.length > 0)
  return pickRecord(ctx, hasOwn && ctx.rng.chance(0.8) ? own : live(false), [
    ['opportunity', 30],
    ['contact', 30],
    ['lead', 25],
    ['account', 15],
  ])
}

// Due times fall in US working hours (UTC), on whole quarter hours.
function dueDate(ctx: SeedContext, due: Due, notBefore: Date): Date | null {
  const { rng, now } = ctx
  const workHour = (dayOffset: number) => {
    const day = new Date(now.getTime() + dayOffset * DAY)
    return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), rng.int(13, 21), rng.pick([0, 15, 30, 45])))
  }
  switch (due) {
    case 'none':
      return null
    case 'upcoming':
      return workHour(rng.int(1, 21))
    case 'today': {
      // Later today (UTC), within the next few hours, so it is still "today" where the viewer is.
      const endOfDay = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 23, 59)
      const from = now.getTime() + 20 * 60_000
      return rng.between(new Date(from), new Date(Math.max(from, Math.min(endOfDay, from + 6 * HOUR))))
    }
    case 'overdue':
    case 'completed': {
      const at = workHour(-rng.int(1, due === 'overdue' ? 10 : 40))
      // A record newer than that gets a task due since it was made, still in the past.
      return at > notBefore ? at : sinceThen(ctx, notBefore)
    }
  }
}
