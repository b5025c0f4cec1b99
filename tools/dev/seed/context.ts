// What every part of the demo seed shares: the workspace, its people, "now", and the random source.
import { v7 } from 'uuid'
import { createRandom, type Random } from './random.ts'

export type DemoUserIds = { demo: string; manager: string; rep1: string; rep2: string; support: string }

export type SeedContext = {
  tenantId: string
  users: DemoUserIds
  now: Date
  rng: Random
  // Names, emails and phones come from a stream of their own: some later draws depend on the date
  // (what "today" and "this month" are), and must not change which companies and people appear.
  directoryRng: Random
  // UUIDv7 carrying the row's own creation time, so ids sort like created_at does (as they do for
  // rows the app makes), drawn from a stream of their own so ids never shift the data's draws.
  idAt(date: Date): string
}

export const DAY = 86_400_000

// Fixed, so the demo data is the same on every machine; change it to get another demo.
const SEED = 20_240_417

export function createSeedContext(tenantId: string, users: DemoUserIds, now: Date): SeedContext {
  const idRandom = createRandom(SEED ^ 0x5eed)
  return {
    tenantId,
    users,
    now,
    rng: createRandom(SEED),
    directoryRng: createRandom(SEED + 1),
    idAt: (date) => v7({ msecs: date.getTime(), random: idRandom.bytes(16) }),
  }
}

export const daysAgo = (ctx: SeedContext, days: number): Date => new Date(ctx.now.getTime() - days * DAY)

// The earliest a record may be created: the demo's history spans the last 120 days.
export const historyStart = (ctx: SeedContext): Date => daysAgo(ctx, 120)
// The workspace, its pipeline and tags were set up the day before.
export const workspaceStart = (ctx: SeedContext): Date => daysAgo(ctx, 121)

// A moment after `from` and before now, for things that happened to an existing record.
export const sinceThen = (ctx: SeedContext, from: Date): Date => ctx.rng.between(from, ctx.now)

// Owners, weighted so the demo user (who signs in first) has a good share of everything.
export const ownerOf = (ctx: SeedContext): string =>
  ctx.rng.weighted([
    [ctx.users.demo, 3],
    [ctx.users.rep1, 3],
    [ctx.users.rep2, 3],
    [ctx.users.manager, 2],
  ])

// Someone who works a record: mostly its owner, sometimes a colleague.
export const workerOf = (ctx: SeedContext, ownerId: string | null): string => (ownerId && ctx.rng.chance(0.75) ? ownerId : ownerOf(ctx))

// A calendar date (YYYY-MM-DD) in UTC, as date columns take it.
export const isoDate = (date: Date): string => date.toISOString().slice(0, 10)
