// What the buttons on a reminder's link page do.
export const TASK_LINK_ACTIONS = ['snooze-1h', 'snooze-1d', 'done'] as const
export type TaskLinkAction = (typeof TASK_LINK_ACTIONS)[number]
export type SnoozeAction = Exclude<TaskLinkAction, 'done'>

export const TASK_LINK_LABELS: Record<TaskLinkAction, string> = { 'snooze-1h': 'Snooze 1 hour', 'snooze-1d': 'Snooze 1 day', done: 'Mark done' }

const HOUR = 60 * 60_000
export const SNOOZES: Record<SnoozeAction, { ms: number; words: string }> = {
  'snooze-1h': { ms: HOUR, words: '1 hour' },
  'snooze-1d': { ms: 24 * HOUR, words: '1 day' },
}

// Snoozing sets the reminder to now + the snooze. A reminder may not be later than the task's due
// time (reminderIssue), and a snoozed task is one the user means to do by then, so a due time
// that would fall before the new reminder moves with it; a later due time, or none, stays.
export function snoozedTimes(dueAt: Date | null, action: SnoozeAction, now: Date): { remindAt: Date; dueAt?: Date } {
  const remindAt = new Date(now.getTime() + SNOOZES[action].ms)
  return dueAt && dueAt < remindAt ? { remindAt, dueAt: remindAt } : { remindAt }
}
