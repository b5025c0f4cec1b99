import { eventTypeFor } from '../records/changes'
import type { FieldDiff } from '../timeline/diff'
import type { EventType } from '../timeline/entities'

// The pure rules of deals: exact money, weighting, rotting and which event a change is.

// Money is an exact decimal string ("1234.50"), as numeric(14,2) stores it. Arithmetic is done in
// integer cents with BigInt, so totals never pick up float error (0.1 + 0.2 stays 0.30).
const MONEY = /^(\d{1,12})(?:\.(\d{1,2}))?$/

// What a person or client may send: a non-negative number or decimal string with at most two
// decimals, within numeric(14,2). Returns the canonical two-decimal string, or null if invalid.
export function normaliseAmount(input: string | number): string | null {
  const text = typeof input === 'number' ? (Number.isFinite(input) ? String(input) : '') : input.trim()
  const match = MONEY.exec(text)
  if (!match) return null
  return fromCents(BigInt(match[1] ?? '0') * 100n + BigInt((match[2] ?? '').padEnd(2, '0')))
}

const toCents = (amount: string): bigint => {
  const [whole = '0', fraction = ''] = amount.split('.')
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2))
}

const fromCents = (cents: bigint): string => {
  const whole = cents / 100n
  const rest = (cents % 100n).toString().padStart(2, '0')
  return `${whole}.${rest}`
}

// amount × probability%, rounded half up to the cent; null when the deal has no amount.
export function weightedAmount(amount: string | null, probability: number): string | null {
  if (amount === null) return null
  return fromCents((toCents(amount) * BigInt(probability) + 50n) / 100n)
}

export type MoneyTotal = { currency: string; raw: string; weighted: string }

// Deals in different currencies cannot be added up, so totals are kept per currency, in
// alphabetical order. Used to sum the board's per-column totals into the pipeline's.
export function totalsByCurrency(rows: MoneyTotal[]): MoneyTotal[] {
  const sums = new Map<string, { raw: bigint; weighted: bigint }>()
  for (const row of rows) {
    const sum = sums.get(row.currency) ?? { raw: 0n, weighted: 0n }
    sums.set(row.currency, { raw: sum.raw + toCents(row.raw), weighted: sum.weighted + toCents(row.weighted) })
  }
  return [...sums.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, sum]) => ({ currency, raw: fromCents(sum.raw), weighted: fromCents(sum.weighted) }))
}

const DAY_MS = 86_400_000

// A deal rots when it has sat in its stage for longer than the stage allows; stages without a
// threshold never rot.
export function isRotting(stageEnteredAt: Date, rottingDays: number | null, now: Date): boolean {
  return rottingDays !== null && now.getTime() - stageEnteredAt.getTime() > rottingDays * DAY_MS
}

export const daysInStage = (stageEnteredAt: Date, now: Date): number => Math.max(0, Math.floor((now.getTime() - stageEnteredAt.getTime()) / DAY_MS))

// A deal entering a stage takes the stage's probability, unless the same change sets one.
export function probabilityAfter(change: { stageChanged: boolean; given: number | null | undefined; stageDefault: number; current: number }): number {
  if (change.given !== undefined && change.given !== null) return change.given
  return change.stageChanged || change.given === null ? change.stageDefault : change.current
}

// Moving a deal also moves its pipeline and probability when those follow from the new stage,
// and losing one sets (winning or reopening clears) its lost reason; each is still one stage or
// status change, not a general update.
const FOLLOWS_STAGE = new Set(['stageId', 'pipelineId', 'probability'])
const FOLLOWS_STATUS = new Set(['status', 'lostReason'])

export function opportunityEventType(diff: FieldDiff): EventType {
  const fields = Object.keys(diff)
  if ('stageId' in diff && fields.every((f) => FOLLOWS_STAGE.has(f))) return 'stage_changed'
  if ('status' in diff && fields.every((f) => FOLLOWS_STATUS.has(f))) return 'status_changed'
  return eventTypeFor(diff)
}
