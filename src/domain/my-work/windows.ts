// The time windows of the My work page, in UTC like every time the app shows: overdue is before
// today, "today" is the current UTC day, upcoming the seven days after it, and "this month" the
// calendar month holding today.
export type WorkWindows = {
  today: Date
  tomorrow: Date
  weekEnd: Date
  monthStart: string
  monthEnd: string
  // The same days as YYYY-MM-DD, for "see all" links into the filtered lists.
  days: { yesterday: string; today: string; tomorrow: string; weekLast: string }
}

const DAY_MS = 86_400_000
const ymd = (d: Date) => d.toISOString().slice(0, 10)

export function workWindows(now: Date): WorkWindows {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
  const tomorrow = new Date(today.getTime() + DAY_MS)
  const weekEnd = new Date(tomorrow.getTime() + 7 * DAY_MS)
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))
  const monthEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0))
  return {
    today,
    tomorrow,
    weekEnd,
    monthStart: ymd(monthStart),
    monthEnd: ymd(monthEnd),
    days: { yesterday: ymd(new Date(today.getTime() - DAY_MS)), today: ymd(today), tomorrow: ymd(tomorrow), weekLast: ymd(new Date(weekEnd.getTime() - DAY_MS)) },
  }
}
