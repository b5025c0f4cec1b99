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
