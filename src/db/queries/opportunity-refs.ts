import { and, eq, isNull, sql, type SQL } from 'drizzle-orm'
import type { StageRef, StageWant } from '../../domain/opportunities/changes'
import type { FieldError } from '../../lib/errors'
import type { Db } from '../client'
import { accounts, contacts, memberships, pipelineStages, pipelines, tenants } from '../schema'

// What a deal links to, checked in one query before a write: the stage (and with it the
// pipeline and default probability), the account, contact and owner, and the workspace's default
// currency. A link to something that is not this workspace's is a 422 naming the field, rather
// than a foreign-key error from the database.

export type RefsWant = { stage: StageWant; accountId?: string | null; contactId?: string | null; ownerId?: string | null }

const stageJson = sql`json_build_object('id', s.id, 'pipelineId', s.pipeline_id, 'probability', s.probability)`

function stageLookup(tenantId: string, want: StageWant): SQL {
  if (want === null) return sql`null::json`
  if (want === 'first')
    return sql`(select ${stageJson} from ${pipelineStages} s join ${pipelines} p on p.tenant_id = s.tenant_id and p.id = s.pipeline_id
      where s.tenant_id = ${tenantId} order by p.position, p.created_at, p.id, s.position limit 1)`
  if ('stageId' in want) return sql`(select ${stageJson} from ${pipelineStages} s where s.tenant_id = ${tenantId} and s.id = ${want.stageId})`
  return sql`(select ${stageJson} from ${pipelineStages} s where s.tenant_id = ${tenantId} and s.pipeline_id = ${want.pipelineId} order by s.position limit 1)`
}

const exists = (table: typeof accounts | typeof contacts, tenantId: string, id: string | null | undefined) =>
  id ? sql<boolean>`exists (select 1 from ${table} where ${and(eq(table.tenantId, tenantId), eq(table.id, id))})` : sql<boolean>`true`

export const refsQuery = (db: Db, tenantId: string, want: RefsWant) =>
  db
    .select({
      currency: tenants.defaultCurrency,
      stage: sql<StageRef | null>`${stageLookup(tenantId, want.stage)}`,
      account: exists(accounts, tenantId, want.accountId),
      contact: exists(contacts, tenantId, want.contactId),
      owner: want.ownerId
        ? sql<boolean>`exists (select 1 from ${memberships} where ${and(eq(memberships.tenantId, tenantId), eq(memberships.userId, want.ownerId), isNull(memberships.deactivatedAt))})`
        : sql<boolean>`true`,
    })
    .from(tenants)
    .where(eq(tenants.id, tenantId))

export type Refs = Awaited<ReturnType<typeof refsQuery>>[number]

// The field errors for links that did not resolve.
export function refErrors(refs: Refs, want: RefsWant): FieldError[] {
  const errors: FieldError[] = []
  if (want.stage !== null && !refs.stage) {
    const byPipeline = want.stage !== 'first' && 'pipelineId' in want.stage
    errors.push(byPipeline ? { path: 'pipelineId', message: 'No such pipeline in this workspace.' } : { path: 'stage', message: 'Choose a stage of this pipeline.' })
  }
  if (!refs.account) errors.push({ path: 'accountId', message: 'No such account in this workspace.' })
  if (!refs.contact) errors.push({ path: 'contactId', message: 'No such contact in this workspace.' })
  if (!refs.owner) errors.push({ path: 'ownerId', message: 'Choose an active member of this workspace as owner.' })
  return errors
}
