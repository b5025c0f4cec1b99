import { sql, type SQL } from 'drizzle-orm'
import { toSnakeCase } from 'drizzle-orm/casing'
import { EMAIL_GROUP, PHONE_GROUP } from '../../../domain/dedupe/capture'
import { seesOnlyOwn, type Viewer } from '../../../domain/records/viewer'
import { AppError } from '../../../lib/errors'

// SQL pieces shared by lead capture and contact creation: matching a person by exact email or
// phone, and filling only the empty fields of the record found. Written as raw SQL over table
// aliases, because they run inside data-modifying CTEs that drizzle's builder cannot express.

export type MatchKeys = { emailNormalized?: string | null; phoneE164?: string | null }
export type Values = Record<string, unknown>

const column = (alias: string, key: string) => sql.raw(`${alias}.${toSnakeCase(key)}`)
export const columnName = (key: string) => sql.identifier(toSnakeCase(key))

// Nothing matches a record without an email or a phone: null means "no match possible".
export function keyMatch(alias: string, k: MatchKeys): SQL | null {
  const parts = [k.emailNormalized ? sql`${column(alias, 'emailNormalized')} = ${k.emailNormalized}` : null, k.phoneE164 ? sql`${column(alias, 'phoneE164')} = ${k.phoneE164}` : null].filter((p) => p !== null)
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : null
}

// True when the record matched on its email (which wins over a phone match).
export const byEmail = (alias: string, k: MatchKeys): SQL => (k.emailNormalized ? sql`(${column(alias, 'emailNormalized')} = ${k.emailNormalized}) is true` : sql`false`)

// Oldest first, an email match before a phone match.
export const matchOrder = (alias: string, k: MatchKeys): SQL => sql.join([...(k.emailNormalized ? [sql`${byEmail(alias, k)} desc`] : []), sql.raw(`${alias}.created_at, ${alias}.id`)], sql`, `)

// A rep in "own" mode may change only records they own; anyone else, any record.
export const visibleSql = (alias: string, viewer: Viewer | undefined): SQL => (viewer && seesOnlyOwn(viewer) ? sql`(${column(alias, 'ownerId')} = ${viewer.userId}::uuid) is true` : sql`true`)

type Guards = { email?: SQL; phone?: SQL }

// "Empty" per field: a field is filled only when the record has none. Email and phone move with
// their match keys, and only when `guards` allow it (another lead may hold that address).
function filled(t: string, v: Values, fields: readonly string[], guards: Guards): { key: string; when: SQL; value: unknown }[] {
  const out: { key: string; when: SQL; value: unknown }[] = []
  for (const key of fields) if (v[key] != null) out.push({ key, when: sql`${column(t, key)} is null`, value: v[key] })
  const groups = [
    [EMAIL_GROUP, guards.email],
    [PHONE_GROUP, guards.phone],
  ] as const
  for (const [group, guard] of groups) {
    const [lead] = group
    if (v[lead] == null) continue
    for (const key of group) out.push({ key, when: sql`${column(t, lead)} is null and ${guard ?? sql`true`}`, value: v[key] })
  }
  return out
}

// The SET list of an UPDATE of `r` (the live row) from `t` (the row as matched): each field keeps
// its value unless empty. Custom fields: keys the record lacks are added, its own keep their value.
export function fillSet(v: Values, fields: readonly string[], guards: Guards, custom: Record<string, unknown>): SQL {
  const sets = filled('r', v, fields, guards).map(({ key, when, value }) => sql`${columnName(key)} = case when ${when} then ${value}::text else ${column('r', key)} end`)
  if (Object.keys(custom).length) sets.push(sql`custom = ${JSON.stringify(custom)}::jsonb || r.custom`)
  sets.push(sql`updated_at = now()`)
  return sql.join(sets, sql`, `)
}

// The timeline diff of what a fill changed, in the shape updates write ({ field: { from, to } }),
// computed from `t`, the row before. Match keys are not fields of their own on the timeline.
export function fillDiff(v: Values, fields: readonly string[], guards: Guards): SQL {
  const shown = filled('t', v, fields, guards).filter(({ key }) => !['emailNormalized', 'phoneE164', 'phoneDigits', 'companyDomain'].includes(key))
  if (!shown.length) return sql`'{}'::jsonb`
  const rows = shown.map(({ key, when, value }) => sql`(${key}, case when ${when} then ${value}::text end)`)
  return sql`(select coalesce(jsonb_object_agg(f.k, jsonb_build_object('from', null, 'to', f.v)), '{}'::jsonb) from (values ${sql.join(rows, sql`, `)}) as f(k, v) where f.v is not null)`
}

// A UI or API create whose person exists as a record the creator may not change (a rep in "own"
// mode, someone else's record): nothing is written, and the field that matched says why.
export function takenBySomeoneElse(noun: 'lead' | 'contact', by: 'email' | 'phone'): AppError {
  const what = by === 'email' ? 'email' : 'phone number'
  return new AppError('VALIDATION', 'Some fields need attention.', [{ path: by, message: `A ${noun} with this ${what} already exists, owned by someone else. Ask them or a manager to add to it.` }])
}
