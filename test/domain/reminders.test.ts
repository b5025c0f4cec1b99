import { describe, expect, it } from 'vitest'
import { inBatchesOf } from '../../src/domain/jobs/batches'
import { JobMessage } from '../../src/domain/jobs/messages'
import { REMINDER_LEASE_MS, reminderKey, reminderMessage, reminderSkipReason } from '../../src/domain/jobs/reminders'

const TASK = '0190a0a0-0000-7000-8000-000000000001'
const TENANT = '0190a0a0-0000-7000-8000-000000000002'
const AT = new Date(Date.UTC(2026, 2, 29, 1, 30, 0, 250))

describe('reminderKey', () => {
  it('names the task and the exact remind_at, to the millisecond', () => {
    expect(reminderKey(TASK, AT)).toBe(`reminder:${TASK}:2026-03-29T01:30:00.250Z`)
  })

  it('gives a rescheduled reminder a key of its own', () => {
    expect(reminderKey(TASK, new Date(AT.getTime() + 1))).not.toBe(reminderKey(TASK, AT))
  })
})

describe('reminderMessage', () => {
  it('is a valid job message whose key is the reminder key', () => {
    const msg = reminderMessage({ tenantId: TENANT, id: TASK, remindAt: AT })
    expect(JobMessage.parse(msg)).toEqual({ type: 'task-reminder', key: reminderKey(TASK, AT), tenantId: TENANT, taskId: TASK, remindAt: AT.toISOString() })
  })
})

describe('reminderSkipReason', () => {
  const open = { remindAt: AT, completedAt: null, archivedAt: null, assigneeEmail: 'ada@example.com' }

  it.each([
    ['an open, assigned task at the same time', open, null],
    ['a deleted task', null, 'task deleted'],
    ['a completed task', { ...open, completedAt: AT }, 'task completed'],
    ['an archived task', { ...open, archivedAt: AT }, 'task archived'],
    ['a rescheduled task', { ...open, remindAt: new Date(AT.getTime() + 60_000) }, 'task rescheduled'],
    ['a task whose reminder was removed', { ...open, remindAt: null }, 'task rescheduled'],
    ['a task with no active assignee', { ...open, assigneeEmail: null }, 'no active assignee'],
  ])('%s → %s', (_, task, reason) => {
    expect(reminderSkipReason(task, AT)).toBe(reason)
  })
})

describe('the claim lease', () => {
  it('outlasts a message on the queue through all its retries (10+20+40+80+160 s)', () => {
    expect(REMINDER_LEASE_MS).toBeGreaterThan(310_000)
  })
})

describe('inBatchesOf', () => {
  it('splits into runs of at most the given size, in order', () => {
    expect(inBatchesOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]])
    expect(inBatchesOf([], 100)).toEqual([])
  })
})
