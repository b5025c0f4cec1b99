import { sql, type SQL } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import { seesOnlyOwn, type Viewer } from '../../../domain/records/viewer'
import type { Db } from '../../client'
import { activityEvents, recordTags, tags } from '../../schema'
import { TAG_TARGET_COLUMNS, type TagTarget } from './list'

// Bulk actions over selected list rows (at most a page, 200 ids): one db.batch each. The events
// are written first, from the rows' state before the change, by the same WHERE as the change
// itself, so each record that changes gets exactly one event and untouched ones get none.

export type BulkTarget = { table: PgTable; name: string; entityType: 'account' | 'contact' | 'lead' | 'opportunity'; tagTarget: TagTarget }

const idArray = (ids: string[]) => sql`array[${sql.join([sql`null`, ...ids.map((id) => sql`${id}`)], sql`, `)}]::uuid[]`

function selected(t: BulkTarget, tenantId: string, viewer: Viewer, ids: string[]): SQL {
  const x = sql.identifier(t.name)
  return sql`${x}.tenant_id = ${tenantId} and ${x}.id = any(${idArray(ids)}) and ${x}.archived_at is null${seesOnlyOwn(viewer) ? sql` and ${x}.owner_id = ${viewer.userId}` : sql``}`
}

const events = (db: Db, t: BulkTarget, viewer: Viewer, eventType: string, payload: SQL, where: SQL) =>
  db.insert(activityEvents).select(sql`select ${sql.identifier(t.name)}.tenant_id, gen_random_uuid(), ${t.entityType}, ${sql.identifier(t.name)}.id, ${eventType}, ${viewer.userId}::uuid, now(), ${payload} from ${t.table} where ${where}`)

export async function bulkAssign(db: Db, t: BulkTarget, tenantId: string, viewer: Viewer, ids: string[], ownerId: string | null): Promise<number> {
  const x = sql.identifier(t.name)
  const where = sql`${selected(t, tenantId, viewer, ids)} and ${x}.owner_id is distinct from ${ownerId}::uuid`
  const [, updated] = await db.batch([
    events(db, t, viewer, 'owner_changed', sql`jsonb_build_object('changes', jsonb_build_object('ownerId', jsonb_build_object('from', ${x}.owner_id, 'to', ${ownerId}::uuid)))`, where),
    db.execute(sql`update ${t.table} set owner_id = ${ownerId}::uuid, updated_at = now() where ${where}`),
  ])
  return updated.rowCount ?? 0
}

export async function bulkArchive(db: Db, t: BulkTarget, tenantId: string, viewer: Viewer, ids: string[]): Promise<number> {
  const where = selected(t, tenantId, viewer, ids)
  const [, updated] = await db.batch([events(db, t, viewer, 'archived', sql`'{}'::jsonb`, where), db.execute(sql`update ${t.table} set archived_at = now(), updated_at = now() where ${where}`)])
  return updated.rowCount ?? 0
}

// Adds or removes one tag (by name, created if missing) on the selected records. The event's
// diff lists the record's tags before and after.
export async function bulkTag(db: Db, t: BulkTarget, tenantId: string, viewer: Viewer, ids: string[], tagName: string, add: boolean): Promise<void> {
  const x = sql.identifier(t.name)
  const col = sql.identifier(TAG_TARGET_COLUMNS[t.tagTarget])
  const tagId = sql`(select id from ${tags} where tenant_id = ${tenantId} and lower(name) = lower(${tagName}))`
  const has = sql`exists (select 1 from ${recordTags} rt where rt.tenant_id = ${x}.tenant_id and rt.${col} = ${x}.id and rt.tag_id = ${tagId})`
  const current = sql`coalesce((select jsonb_agg(tg.name order by lower(tg.name)) from ${recordTags} rt join ${tags} tg on tg.tenant_id = rt.tenant_id and tg.id = rt.tag_id where rt.tenant_id = ${x}.tenant_id and rt.${col} = ${x}.id), '[]'::jsonb)`
  const where = sql`${selected(t, tenantId, viewer, ids)} and ${add ? sql`not ${has}` : has}`
  const after = add ? sql`${current} || to_jsonb(${tagName}::text)` : sql`${current} - ${tagName}::text`
  const ensureTag = db.insert(tags).select(sql`select ${tenantId}::uuid, gen_random_uuid(), ${tagName}, 'gray', now(), now() where ${add ? sql`true` : sql`false`} on conflict do nothing`)
  const change = add
    ? db.execute(sql`insert into ${recordTags} (tenant_id, id, tag_id, ${col}, created_at) select ${x}.tenant_id, gen_random_uuid(), ${tagId}, ${x}.id, now() from ${t.table} where ${selected(t, tenantId, viewer, ids)} on conflict do nothing`)
    : db.execute(sql`delete from ${recordTags} rt using ${t.table} where rt.tenant_id = ${x}.tenant_id and rt.${col} = ${x}.id and rt.tag_id = ${tagId} and ${selected(t, tenantId, viewer, ids)}`)
  // Events and the updated_at bump read the state before the tag change, so they run first.
  await db.batch([
    ensureTag,
    events(db, t, viewer, 'updated', sql`jsonb_build_object('changes', jsonb_build_object('tags', jsonb_build_object('from', ${current}, 'to', ${after})))`, where),
    db.execute(sql`update ${t.table} set updated_at = now() where ${where}`),
    change,
  ])
}

