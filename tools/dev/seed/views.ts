// The demo workspace's saved views: the built-in ones every workspace gets (owned by its admin,
// as on sign-up), and one personal view of the demo user's, so the sidebar shows both kinds.
import type { DemoRows } from '../../../src/db/queries/demo-seed.ts'
import { BUILTIN_VIEWS } from '../../../src/domain/views/builtin.ts'
import { workspaceStart, type SeedContext } from './context.ts'

export function buildSavedViews(ctx: SeedContext): DemoRows['savedViews'] {
  const createdAt = workspaceStart(ctx)
  const row = { tenantId: ctx.tenantId, ownerId: ctx.users.demo, createdAt, updatedAt: createdAt }
  return [
    ...BUILTIN_VIEWS.map((v) => ({ ...row, ...v, id: ctx.idAt(createdAt), visibility: 'workspace' as const })),
    {
      ...row,
      id: ctx.idAt(createdAt),
      entity: 'opportunities' as const,
      name: 'My deals closing this month',
      visibility: 'personal' as const,
      filter: { and: [{ field: 'owner', op: 'equals', value: 'me' }, { field: 'status', op: 'equals', value: 'open' }, { field: 'closeDate', op: 'inPeriod', value: 'thisMonth' }] },
      sort: 'closeDate:asc',
    },
  ]
}
