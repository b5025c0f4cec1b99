// What the benchmark database holds: one big workspace and three small ones beside it (so every
// query has other tenants' rows to skip), their members, and how many records of each kind.
import { v7 } from 'uuid'
import type { Role } from '../../src/domain/access/roles.ts'
import { DEFAULT_PIPELINE } from '../../src/domain/opportunities/default-pipeline.ts'
import { createRandom } from '../dev/seed/random.ts'
import { TAGS } from '../dev/seed/names.ts'

export type BenchSizes = { accounts: number; contacts: number; leads: number; opportunities: number; events: number }

// The figures at BENCH_SCALE=1. `events` is the timeline's total: one "created" event per
// record plus activity, notes and changes up to this number.
export const FULL_SIZES: BenchSizes = { accounts: 200_000, contacts: 1_000_000, leads: 300_000, opportunities: 150_000, events: 3_000_000 }
export const OTHER_WORKSPACES = 3
export const OTHER_SHARE = 0.1

export const DEFAULT_SEED = 20_260_101
export const BENCH_PASSWORD = 'bench-password'
export const BENCH_ADMIN_EMAIL = 'bench-admin@example.com'

export const DAY = 86_400_000
// Records were created over the three years before the anchor day.
export const HISTORY_MS = 3 * 365 * DAY

export type BenchMember = { id: string; email: string; name: string; role: Role }

export type BenchWorkspace = {
  index: number
  id: string
  name: string
  sizes: BenchSizes
  members: BenchMember[]
  pipelineId: string
  stages: { id: string; name: string; probability: number; rottingDays: number | null }[]
  tags: { id: string; name: string; colour: string }[]
}

export type BenchPlan = { seed: number; scale: number; anchor: Date; start: number; workspaces: BenchWorkspace[] }

export function sizesAt(scale: number): BenchSizes {
  const of = (n: number) => Math.max(1, Math.round(n * scale))
  return { accounts: of(FULL_SIZES.accounts), contacts: of(FULL_SIZES.contacts), leads: of(FULL_SIZES.leads), opportunities: of(FULL_SIZES.opportunities), events: of(FULL_SIZES.events) }
}

// Rows of the timeline a workspace gets: a "created" event per record, and the rest up to sizes.events.
export const createdEvents = (s: BenchSizes) => s.accounts + s.contacts + s.leads + s.opportunities
export const totalEvents = (s: BenchSizes) => Math.max(s.events, createdEvents(s))

const ROLES: [string, string, Role][] = [
  ['admin', 'Avery Admin', 'admin'],
  ['manager', 'Morgan Manager', 'manager'],
  ['rep1', 'Riley Rep', 'rep'],
  ['rep2', 'Robin Rep', 'rep'],
  ['rep3', 'Rowan Rep', 'rep'],
]

// `anchor` is "today" for the data (UTC midnight): histories end there, deals close around it.
export function planBench(scale: number, seed: number, anchor: Date): BenchPlan {
  const start = anchor.getTime() - HISTORY_MS
  const rng = createRandom(seed)
  // Workspace-level rows are made the day before the first record.
  const id = () => v7({ msecs: start - DAY, random: rng.bytes(16) })
  const main = sizesAt(scale)
  const workspaces = Array.from({ length: 1 + OTHER_WORKSPACES }, (_, index): BenchWorkspace => {
    const email = (key: string) => (index === 0 ? (key === 'admin' ? BENCH_ADMIN_EMAIL : `bench-${key}@example.com`) : `bench-${key}@other${index}.example.com`)
    return {
      index,
      id: id(),
      name: index === 0 ? 'Bench Co' : `Other Workspace ${index}`,
      sizes: index === 0 ? main : sizesAt(scale * OTHER_SHARE),
      members: ROLES.map(([key, name, role]) => ({ id: id(), email: email(key), name, role })),
      pipelineId: id(),
      stages: DEFAULT_PIPELINE.stages.map((s) => ({ ...s, id: id() })),
      tags: TAGS.map((t) => ({ ...t, id: id() })),
    }
  })
  return { seed, scale, anchor, start, workspaces }
}
