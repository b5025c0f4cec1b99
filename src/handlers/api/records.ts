import { z } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { can, type Action } from '../../domain/access/permissions'
import { forbiddenFields } from '../../domain/records/role-schema'
import type { AuthedEnv } from '../../env'
import { MAX_CURSOR_LENGTH } from '../../lib/cursor'
import { AppError } from '../../lib/errors'

// What each HTTP method on a record collection needs: reading, creating, changing, archiving.
const ACTION_BY_METHOD: Record<string, Action> = { GET: 'records.read', POST: 'records.create', PATCH: 'records.update', DELETE: 'records.archive' }

const byMethod: MiddlewareHandler<AuthedEnv> = async (c, next) => {
  const action = ACTION_BY_METHOD[c.req.method] ?? 'records.update'
  if (!can(c.var.role, action)) throw new AppError('FORBIDDEN', 'Your role does not allow this.')
  await next()
}

// Applies the method's permission to a collection and everything under it.
export function guardRecords(router: OpenAPIHono<AuthedEnv>, path: string, extra: MiddlewareHandler<AuthedEnv>[] = []) {
  router.use(path, byMethod, ...extra)
  router.use(`${path}/*`, byMethod, ...extra)
}

export function assertAssignable(c: { var: { role: AuthedEnv['Variables']['role'] } }, body: Record<string, unknown>) {
  const errors = forbiddenFields(c.var.role, body)
  if (errors.length) throw new AppError('VALIDATION', 'The request has fields your role cannot set.', errors)
}

export const listEnvelope = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextCursor: z.string().nullable() })

// `fields=id,name,email`: the keys each row of a list comes with, among the item's own (`known`;
// where the items vary, as a view's records do, the handler checks them once it knows).
export const fieldsParam = (known?: readonly string[]) =>
  z
    .string()
    .max(2000)
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined
      const asked = [...new Set(v.split(',').map((f) => f.trim()))]
      const problem = fieldsProblem(asked, known)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
      return asked
    })

export function fieldsProblem(asked: readonly string[], known?: readonly string[]): string | null {
  const unknown = asked.filter((f) => !f || (known && !known.includes(f)))
  return unknown.length ? `Not a field of this list: ${unknown.map((f) => f || '""').join(', ')}.${known ? ` Use ${known.join(', ')}.` : ''}` : null
}

// A page's rows as JSON, cut to the `fields` asked for. Such rows hold only the columns those
// need (columnsFor), so the mapper runs with stand-ins for the rest (no tags, the epoch for the
// timestamps it formats), and only the keys asked for are kept of what it returns.
const STAND_INS = { tags: [], createdAt: new Date(0), updatedAt: new Date(0), stageEnteredAt: new Date(0) }
export function rowsJson<Row, Json>(rows: Row[], toJson: (row: Row) => Json, fields?: readonly string[]): Json[] {
  if (!fields) return rows.map(toJson)
  return rows.map((row) => {
    const json = toJson({ ...STAND_INS, ...row }) as Record<string, unknown>
    return Object.fromEntries(fields.map((f) => [f, json[f]])) as Json
  })
}

export const RecordIdParam = z.object({ id: z.uuid() })

export const iso = (d: Date | null) => (d ? d.toISOString() : null)

export const TimelineEventJson = z
  .object({ id: z.string(), eventType: z.string(), occurredAt: z.string(), actorUserId: z.string().nullable(), payload: z.record(z.string(), z.unknown()) })
  .openapi('TimelineEvent')
export const TimelineQuery = z.object({ cursor: z.string().max(MAX_CURSOR_LENGTH).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }).strict()

type TimelinePage = { events: { id: string; eventType: string; occurredAt: Date; actorUserId: string | null; payload: Record<string, unknown> }[]; nextCursor: string | null }

// A history page as JSON; null (the record is not visible here) is a 404.
export function timelineJson(page: TimelinePage | null) {
  if (!page) throw new AppError('NOT_FOUND', 'No such record in this workspace.')
  return { data: page.events.map((e) => ({ id: e.id, eventType: e.eventType, occurredAt: e.occurredAt.toISOString(), actorUserId: e.actorUserId, payload: e.payload })), nextCursor: page.nextCursor }
}
