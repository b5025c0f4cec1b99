import { describe, expect, it } from 'vitest'
import type { Period } from '../../src/domain/views/catalogue'
import { dayBounds, instantBounds } from '../../src/domain/views/dates'

// The calendar edges of the date operators, in UTC: periods that cross a year, weeks that start
// on Monday, and "before"/"after" that exclude the day they name.

const at = (iso: string) => new Date(iso)

describe('date operators', () => {
  it.each<[Period, string, string, string]>([
    ['thisQuarter', '2026-12-31T23:59:59Z', '2026-10-01', '2027-01-01'],
    ['lastQuarter', '2026-02-10T00:00:00Z', '2025-10-01', '2026-01-01'],
    ['nextQuarter', '2026-11-30T12:00:00Z', '2027-01-01', '2027-04-01'],
    ['thisMonth', '2026-02-28T10:00:00Z', '2026-02-01', '2026-03-01'],
    ['nextMonth', '2026-12-15T10:00:00Z', '2027-01-01', '2027-02-01'],
    ['lastMonth', '2026-01-01T00:00:00Z', '2025-12-01', '2026-01-01'],
    ['thisWeek', '2026-03-08T22:00:00Z', '2026-03-02', '2026-03-09'],
    ['thisWeek', '2026-03-09T00:00:00Z', '2026-03-09', '2026-03-16'],
    ['lastWeek', '2026-01-01T08:00:00Z', '2025-12-22', '2025-12-29'],
    ['today', '2026-05-05T23:59:59Z', '2026-05-05', '2026-05-06'],
    ['thisYear', '2026-07-01T00:00:00Z', '2026-01-01', '2027-01-01'],
  ])('%s on %s is [%s, %s)', (period, now, from, before) => {
    expect(dayBounds({ op: 'inPeriod', value: period }, at(now))).toEqual({ from, before })
    expect(instantBounds({ op: 'inPeriod', value: period }, at(now))).toEqual({ from: at(`${from}T00:00:00Z`), before: at(`${before}T00:00:00Z`) })
  })

  it('excludes the day "before" and "after" name, for dates and timestamps alike', () => {
    const now = at('2026-03-10T12:00:00Z')
    expect(dayBounds({ op: 'before', value: '2026-03-01' }, now)).toEqual({ before: '2026-03-01' })
    expect(dayBounds({ op: 'after', value: '2026-02-28' }, now)).toEqual({ from: '2026-03-01' })
    expect(instantBounds({ op: 'after', value: '2026-12-31' }, now)).toEqual({ from: at('2027-01-01T00:00:00Z') })
  })

  it('reads "within the last N days" as days for dates and as hours up to now for timestamps', () => {
    const now = at('2026-03-10T12:00:00Z')
    expect(dayBounds({ op: 'withinLastDays', value: 30 }, now)).toEqual({ from: '2026-02-08', before: '2026-03-11' })
    expect(instantBounds({ op: 'withinLastDays', value: 30 }, now)).toEqual({ from: at('2026-02-08T12:00:00Z'), before: at('2026-03-10T12:00:00.001Z') })
  })
})
