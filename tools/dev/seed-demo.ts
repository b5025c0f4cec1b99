// The demo workspace for `npm start`: "Acme Demo" with one user per role and a few hundred made-up
// records (tools/dev/seed/), so the app can be tried at once and looks alive. Runs only from the
// local start script (never in the worker), and only when the database has no workspace yet —
// i.e. on the first start, never over real data.
import { createDb, type Db } from '../../src/db/client.ts'
import { insertDemoRows } from '../../src/db/queries/demo-seed.ts'
import { insertUser } from '../../src/db/queries/users.ts'
import { countTenants, insertMembership, insertTenant } from '../../src/db/queries/workspaces.ts'
import type { Role } from '../../src/domain/access/roles.ts'
import { hashPassword } from '../../src/lib/auth/password.ts'
import { newId } from '../../src/lib/ids.ts'
import { buildDemoRows } from './seed/build.ts'
import { createSeedContext, workspaceStart, type DemoUserIds } from './seed/context.ts'

export const DEMO_WORKSPACE = 'Acme Demo'
export const DEMO_PASSWORD = 'demo-password'

export const DEMO_USERS: { key: keyof DemoUserIds; email: string; name: string; role: Role }[] = [
  { key: 'demo', email: 'demo@example.com', name: 'Dana Demo', role: 'admin' },
  { key: 'manager', email: 'manager@example.com', name: 'Morgan Manager', role: 'manager' },
  { key: 'rep1', email: 'rep1@example.com', name: 'Riley Rep', role: 'rep' },
  { key: 'rep2', email: 'rep2@example.com', name: 'Robin Rep', role: 'rep' },
  { key: 'support', email: 'support@example.com', name: 'Sam Support', role: 'support' },
]

export type SeedOutcome = 'seeded' | 'skipped'

export async function seedDemoWorkspace(endpointUrl: string, opts: { local: true }): Promise<SeedOutcome> {
  if (opts.local !== true) throw new Error('the demo seed runs only locally')
  const db: Db = createDb({ DATABASE_URL: 'postgres://crm:crm@localhost:5432/crm', NEON_FETCH_ENDPOINT: endpointUrl })
  if ((await countTenants(db)) > 0) return 'skipped'
  const tenantId = newId()
  // One hash for all: the demo users share a password, and scrypt is deliberately slow.
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const ids: DemoUserIds = { demo: newId(), manager: newId(), rep1: newId(), rep2: newId(), support: newId() }
  const users = DEMO_USERS.map((u) => ({ ...u, id: ids[u.key] }))
  const ctx = createSeedContext(tenantId, ids, new Date())
  const rows = buildDemoRows(ctx)
  // One batch, so a failure leaves no half-seeded workspace that would stop the next start seeding.
  await db.batch([
    insertTenant(db, { id: tenantId, name: DEMO_WORKSPACE, createdAt: workspaceStart(ctx) }),
    ...users.map((u) => insertUser(db, { id: u.id, email: u.email, name: u.name, passwordHash })),
    ...users.map((u) => insertMembership(db, tenantId, u.id, u.role)),
    ...insertDemoRows(db, rows),
  ])
  return 'seeded'
}
