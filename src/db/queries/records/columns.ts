import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import type { Db } from '../../client'
import { memberships, recordTags, tags, users } from '../../schema'
import { TAG_TARGET_COLUMNS, type TagTarget } from './list'

export type TagChip = { id: string; name: string; colour: string }

// A record's tags as a JSON array in the same row, so a list page needs no second query.
// Correlated subqueries name the outer table explicitly: drizzle leaves single-table column
// references unqualified, and inside the subquery "id" would mean the inner table's.
export const tagsColumn = (target: TagTarget, table: string) =>
  sql<TagChip[]>`coalesce((select json_agg(json_build_object('id', t.id, 'name', t.name, 'colour', t.colour) order by lower(t.name))
    from ${recordTags} rt join ${tags} t on t.tenant_id = rt.tenant_id and t.id = rt.tag_id
    where rt.tenant_id = ${sql.identifier(table)}.tenant_id and rt.${sql.identifier(TAG_TARGET_COLUMNS[target])} = ${sql.identifier(table)}.id), '[]'::json)`

// The owner's display name, for lists and detail pages.
export const ownerName = (table: string, column = 'owner_id') => sql<string | null>`(select u.name from ${users} u where u.id = ${sql.identifier(table)}.${sql.identifier(column)})`

// Active members, for owner pickers and filters.
export const listActiveMembers = (db: Db, tenantId: string) =>
  db
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), isNull(memberships.deactivatedAt)))
    .orderBy(asc(users.name))

export type MemberOption = { id: string; name: string }
