import { createRoute, z } from '@hono/zod-openapi'
import { listEmailLog } from '../../db/queries/email-log'
import { EMAIL_STATUSES, EmailLogQuery } from '../../domain/mail/email-log'
import { retryFailedEmail } from '../../lib/mail/retry-email'
import { COMMON_ERRORS, NOT_FOUND, apiRouter } from '../api/openapi'
import { RecordIdParam, iso, listEnvelope } from '../api/records'
import { requirePermission } from '../middleware/permission'

// The Email log as JSON: this workspace's outbox, for admins, and a retry for failed emails.
export const emailsApi = apiRouter()
emailsApi.use('/emails', requirePermission('settings.manage'))
emailsApi.use('/emails/*', requirePermission('settings.manage'))

const EmailJson = z
  .object({
    id: z.string(),
    to: z.string(),
    subject: z.string(),
    status: z.enum(EMAIL_STATUSES),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .openapi('Email')

const CONFLICT = { 409: { description: 'The email is not failed (already queued again, or sent)' } } as const

emailsApi.openapi(
  createRoute({
    method: 'get',
    path: '/emails',
    operationId: 'listEmails',
    tags: ['Emails'],
    summary: "The workspace's outgoing emails, newest first",
    description: '`to` matches an address exactly or by its start, case-insensitively.',
    request: { query: EmailLogQuery },
    responses: { 200: { description: 'A page of emails', content: { 'application/json': { schema: listEnvelope(EmailJson) } } }, ...COMMON_ERRORS },
  }),
  async (c) => {
    const page = await listEmailLog(c.var.db, c.var.tenantId, c.req.valid('query'))
    const data = page.data.map((e) => ({ id: e.id, to: e.toAddress, subject: e.subject, status: e.status, attempts: e.attempts, lastError: e.lastError, createdAt: e.createdAt.toISOString(), sentAt: iso(e.sentAt) }))
    return c.json({ data, nextCursor: page.nextCursor }, 200)
  },
)

emailsApi.openapi(
  createRoute({
    method: 'post',
    path: '/emails/{id}/retry',
    operationId: 'retryEmail',
    tags: ['Emails'],
    summary: 'Queue a failed email again',
    request: { params: RecordIdParam },
    responses: { 202: { description: 'Queued again' }, ...COMMON_ERRORS, ...NOT_FOUND, ...CONFLICT },
  }),
  async (c) => {
    await retryFailedEmail(c.env, c.var.db, c.var.tenantId, c.req.valid('param').id)
    return c.body(null, 202)
  },
)
