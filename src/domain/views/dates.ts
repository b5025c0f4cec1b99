import type { Period } from './catalogue'

// The date operators as half-open ranges [from, before), for timestamp columns (instants) and for
// date columns (days, YYYY-MM-DD). Days and periods are read in UTC, like the lists' date filters.
// Each is computed from `now` given by the caller, so a query and a test agree on what "today" is.

export type Bounds<T> = { from?: T; before?: T }
export type DateOp = { op: 'before' | 'after'; value: string } | { op: 'withinLastDays'; value: number } | { op: 'inPeriod'; value: Period }

const DAY = 86_400_000

export const isoDay = (at: Date): string => at.toISOString().slice(0, 10)
export const addDays = (day: string, n: number): string => isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY))
const startOf = (day: string) => new Date(`${day}T00:00:00Z`)
const monthStart = (year: number, month: number) => isoDay(new Date(Date.UTC(year, month, 1)))

function periodDays(period: Period, now: Date): { from: string; before: string } {
  const today = isoDay(now)
  const [y, m] = [now.getUTCFullYear(), now.getUTCMonth()]
  // ISO weeks start on Monday.
  const monday = addDays(today, -((now.getUTCDay() + 6) % 7))
  const q = Math.floor(m / 3) * 3
  const ranges: Record<Period, [string, string]> = {
    today: [today, addDays(today, 1)],
    thisWeek: [monday, addDays(monday, 7)],
    lastWeek: [addDays(monday, -7), monday],
    nextWeek: [addDays(monday, 7), addDays(monday, 14)],
    thisMonth: [monthStart(y, m), monthStart(y, m + 1)],
    lastMonth: [monthStart(y, m - 1), monthStart(y, m)],
    nextMonth: [monthStart(y, m + 1), monthStart(y, m + 2)],
    thisQuarter: [monthStart(y, q), monthStart(y, q + 3)],
    lastQuarter: [monthStart(y, q - 3), monthStart(y, q)],
    nextQuarter: [monthStart(y, q + 3), monthStart(y, q + 6)],
    thisYear: [monthStart(y, 0), monthStart(y + 1, 0)],
  }
  const [from, before] = ranges[period]
  return { from, before }
}

// Date columns: "before 2026-03-01" excludes that day, "after" excludes it too; "within the last
// 7 days" is today and the 7 days before it.
export function dayBounds(d: DateOp, now: Date): Bounds<string> {
  switch (d.op) {
    case 'before':
      return { before: d.value }
    case 'after':
      return { from: addDays(d.value, 1) }
    case 'withinLastDays':
      return { from: addDays(isoDay(now), -d.value), before: addDays(isoDay(now), 1) }
    case 'inPeriod':
      return periodDays(d.value, now)
  }
}

// Timestamp columns: whole days as above; "within the last 7 days" is the 7×24 hours up to now.
export function instantBounds(d: DateOp, now: Date): Bounds<Date> {
  if (d.op === 'withinLastDays') return { from: new Date(now.getTime() - d.value * DAY), before: new Date(now.getTime() + 1) }
  const days = dayBounds(d, now)
  return { from: days.from === undefined ? undefined : startOf(days.from), before: days.before === undefined ? undefined : startOf(days.before) }
}
