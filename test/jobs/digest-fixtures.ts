import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test'
import { and, eq, like } from 'drizzle-orm'
import { vi } from 'vitest'
import worker from '../../functions/worker'
import { memberships, outbox, tasks, tenants, users } from '../../src/db/schema'
import type { Digest } from '../../src/domain/jobs/digest'
import type { Env } from '../../src/env'
import { CRONS } from '../../src/handlers/jobs/scheduled'
import { testDb, testEnv } from '../helpers/app'
import { me, signUp, type Browser } from '../helpers/auth'
import { deliverWithEmails } from './reminder-fixtures'

export const QUARTER_HOUR = 15 * 60_000

export type Member = { browser: Browser; tenantId: string; userId: string; email: string; workspace: string }

export async function asMember(browser: Browser): Promise<Member> {
  const who = await me(browser)
  return { browser, tenantId: who.workspace.id, userId: who.userId, email: who.email, workspace: who.workspace.name }
}

// A new person in a new workspace. Zones are written straight to the tables here; the settings
// forms that write them have tests of their own.
export async function member({ zone = null, workspaceZone = 'UTC' }: { zone?: string | null; workspaceZone?: string } = {}): Promise<Member> {
  const m = await asMember(await signUp({ workspace: 'Digest & Co' }))
  await testDb().batch([testDb().update(users).set({ timezone: zone }).where(eq(users.id, m.userId)), testDb().update(tenants).set({ timezone: workspaceZone }).where(eq(tenants.id, m.tenantId))])
  return m
}

// Open tasks assigned to the member, due at the given instants, written straight to the table.
export async function seedTasks(m: Pick<Member, 'tenantId' | 'userId'>, rows: { title: string; dueAt: string; extra?: Partial<typeof tasks.$inferInsert> }[]): Promise<string[]> {
  const values = rows.map((r) => ({ id: crypto.randomUUID(), tenantId: m.tenantId, title: r.title, dueAt: new Date(r.dueAt), assigneeId: m.userId, createdBy: m.userId, ...r.extra }))
  await testDb().insert(tasks).values(values)
  return values.map((v) => v.id)
}

// The cron sweeps every workspace in the shared test database; a test looks at its members only.
export const digestsFor = (messages: unknown[], members: Pick<Member, 'tenantId' | 'userId'>[]) =>
  (messages as Digest[]).filter((m) => m.type === 'digest' && members.some((x) => x.tenantId === m.tenantId && x.userId === m.userId))

// One run of the real scheduled() handler on the digest cron, standing at `at`.
export async function tick(at: string | Date): Promise<Digest[]> {
  const sent: unknown[] = []
  const JOBS = { sendBatch: async (msgs: { body: unknown }[]) => void sent.push(...msgs.map((m) => m.body)) } as unknown as Env['JOBS']
  const ctx = createExecutionContext()
  worker.scheduled(createScheduledController({ cron: CRONS.digest, scheduledTime: new Date(at).getTime() }), { ...testEnv, JOBS }, ctx)
  await waitOnExecutionContext(ctx)
  return sent as Digest[]
}

// The cron every quarter hour from `from` up to `to`, each tick's digests for `members` delivered
// at once (and the emails they write), as the queue would. Returns each claim with its tick.
export async function runTicks(from: string, to: string, members: Member[]): Promise<{ at: string; localDate: string; userId: string }[]> {
  const claims: { at: string; localDate: string; userId: string }[] = []
  for (let t = new Date(from).getTime(); t < new Date(to).getTime(); t += QUARTER_HOUR) {
    const mine = digestsFor(await tick(new Date(t)), members)
    if (!mine.length) continue
    claims.push(...mine.map((m) => ({ at: new Date(t).toISOString(), localDate: m.localDate, userId: m.userId })))
    await deliverWithEmails(mine)
  }
  return claims
}

export const outboxFor = (m: Pick<Member, 'tenantId' | 'userId'>) =>
  testDb()
    .select()
    .from(outbox)
    .where(like(outbox.idempotencyKey, `digest:${m.tenantId}:${m.userId}:%`))
    .orderBy(outbox.idempotencyKey)

export async function membershipOf(m: Pick<Member, 'tenantId' | 'userId'>) {
  const [row] = await testDb()
    .select()
    .from(memberships)
    .where(and(eq(memberships.tenantId, m.tenantId), eq(memberships.userId, m.userId)))
  return row
}

// Counts what reached the (log) provider for a member: its one log line per send.
export function watchDigestSends() {
  const log = vi.spyOn(console, 'log')
  return (m: Pick<Member, 'tenantId' | 'userId'>) =>
    log.mock.calls
      .map(([line]) => {
        try {
          return JSON.parse(String(line)) as { event?: string; idempotencyKey?: string }
        } catch {
          return {}
        }
      })
      .filter((l) => l.event === 'mail.sent' && l.idempotencyKey?.startsWith(`digest:${m.tenantId}:${m.userId}:`)).length
}
