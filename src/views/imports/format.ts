import type { ImportStatus } from '../../domain/imports/vocab'

// Numbers, sizes and durations on the import pages, formatted by Intl in the app's one locale.
const COUNT = new Intl.NumberFormat('en-US')
const PERCENT = new Intl.NumberFormat('en-US', { style: 'percent' })
const unit = (u: string, maximumFractionDigits = 0, unitDisplay: 'long' | 'short' = 'long') => new Intl.NumberFormat('en-US', { style: 'unit', unit: u, unitDisplay, maximumFractionDigits })
const SIZES = [unit('kilobyte', 1, 'short'), unit('megabyte', 1, 'short')] as const
const DURATIONS = [unit('second'), unit('minute'), unit('hour', 1)] as const

export const count = (n: number) => COUNT.format(n)
export const percent = (p: number) => PERCENT.format(p / 100)
export const fileSize = (bytes: number) => (bytes < 1024 * 1024 ? SIZES[0].format(bytes / 1024) : SIZES[1].format(bytes / 1024 / 1024))

// "45 seconds", "3 minutes", "1.5 hours": rounded to the unit that reads naturally.
export function duration(seconds: number): string {
  if (seconds < 90) return DURATIONS[0].format(Math.max(1, Math.round(seconds)))
  if (seconds < 90 * 60) return DURATIONS[1].format(Math.round(seconds / 60))
  return DURATIONS[2].format(seconds / 3600)
}

export const STATUS_LABELS: Record<ImportStatus, string> = {
  mapping: 'Waiting for its mapping',
  queued: 'Queued',
  running: 'Importing',
  checked: 'Dry run done',
  completed: 'Completed',
  failed: 'Failed',
  reverting: 'Undoing',
  reverted: 'Undone',
}
