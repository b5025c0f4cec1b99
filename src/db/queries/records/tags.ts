import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../client'
import { recordTags, tags } from '../../schema'
import { TAG_TARGET_COLUMNS, type TagTarget } from './list'

// Tags on records. Writes take the condition of the change they belong to (see changes.ts), so
// a tag edit commits with its record update and its timeline event, or not at all.

export const listTags = (db: Db, tenantId: string) => db.select({ id: tags.id, name: tags.name, colour: tags.colour }).from(tags).where(eq(tags.tenantId, tenantId)).orderBy(asc(sql`lower(${tags.name})`))

export type RecordTag = { recordId: string; id: string; name: string; colour: string }

// The tags of a page of records, in one query.
export function tagsOf(db: Db, tenantId: string, target: TagTarget, recordIds: string[]) {
  const recordId = recordTags[target]
  return db
    .select({ recordId: sql<string>`${recordId}`, id: tags.id, name: tags.name, colour: tags.colour })
    .from(recordTags)
    .innerJoin(tags, and(eq(tags.tenantId, recordTags.tenantId), eq(tags.id, recordTags.tagId)))
    .where(and(eq(recordTags.tenantId, tenantId), inArray(recordId, recordIds)))
    .orderBy(asc(sql`lower(${tags.name})`))
}

export function groupTags(rows: RecordTag[]): Map<string, RecordTag[]> {
  const map = new Map<string, RecordTag[]>()
  for (const row of rows) map.set(row.recordId, [...(map.get(row.recordId) ?? []), row])
  return map
}

const textArray = (values: string[]) => sql`array[${sql.join([sql`''`, ...values.map((v) => sql`${v}`)], sql`, `)}]::text[]`

// Makes the record's tags exactly `names` (case-insensitive), creating tags that do not exist yet.
export function setTagsWhen(db: Db, tenantId: string, target: TagTarget, recordId: string, names: string[], condition: SQL) {
  const lowered = textArray(names.map((n) => n.toLowerCase()))
  const column = sql.identifier(TAG_TARGET_COLUMNS[target])
  return [
    db.insert(tags).select(sql`select ${tenantId}::uuid, gen_random_uuid(), n, 'gray', now(), now() from unnest(${textArray(names)}) as n where n <> '' and ${condition} on conflict do nothing`),
    db.delete(recordTags).where(and(eq(recordTags.tenantId, tenantId), eq(recordTags[target], recordId), sql`${recordTags.tagId} not in (select id from ${tags} where ${tags.tenantId} = ${tenantId} and lower(${tags.name}) = any(${lowered}))`, condition)),
    db.execute(sql`insert into ${recordTags} (tenant_id, id, tag_id, ${column}, created_at)
      select ${tenantId}::uuid, gen_random_uuid(), t.id, ${recordId}::uuid, now() from ${tags} t
      where t.tenant_id = ${tenantId} and lower(t.name) = any(${lowered}) and ${condition}
      on conflict do nothing`),
  ]
}

// Bulk: one tag onto many records, or off them.
export function addTagToRecords(db: Db, tenantId: string, target: TagTarget, recordIds: string[], tagId: string, condition: SQL) {
  const column = sql.identifier(TAG_TARGET_COLUMNS[target])
  return db.execute(sql`insert into ${recordTags} (tenant_id, id, tag_id, ${column}, created_at)
    select ${tenantId}::uuid, gen_random_uuid(), ${tagId}::uuid, r, now() from unnest(array[${sql.join(recordIds.map((id) => sql`${id}`), sql`, `)}]::uuid[]) as r
    where ${condition} on conflict do nothing`)
}

export const removeTagFromRecords = (db: Db, tenantId: string, target: TagTarget, recordIds: string[], tagId: string) =>
  db.delete(recordTags).where(and(eq(recordTags.tenantId, tenantId), eq(recordTags.tagId, tagId), inArray(recordTags[target], recordIds)))
