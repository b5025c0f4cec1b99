import { describe, expect, it } from 'vitest'
import { cronDueAt, wranglerCrons } from '../../../tools/dev/cron-ticker'

const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 9, minute))

describe('the local cron ticker', () => {
  it('reads the crons wrangler.toml declares, reminders every minute among them', () => {
    expect(wranglerCrons()).toContain('* * * * *')
    expect(wranglerCrons('[triggers]\ncrons = ["*/5 * * * *", "17 * * * *"]\n')).toEqual(['*/5 * * * *', '17 * * * *'])
  })

  it.each([
    ['* * * * *', 3, true],
    ['*/5 * * * *', 10, true],
    ['*/5 * * * *', 11, false],
    ['17 * * * *', 17, true],
    ['17 * * * *', 18, false],
    ['0,30 * * * *', 30, true],
    ['0 9 * * *', 0, false], // constrains the hour: not ticked locally
  ])('%s is due at minute %i: %s', (cron, minute, due) => {
    expect(cronDueAt(cron, at(minute))).toBe(due)
  })
})
