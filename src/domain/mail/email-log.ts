import * as z from 'zod'
import { MAX_CURSOR_LENGTH } from '../../lib/cursor'

export const EMAIL_STATUSES = ['queued', 'sent', 'failed'] as const
export type EmailStatus = (typeof EMAIL_STATUSES)[number]

export const EMAIL_LOG_PAGE_SIZE = 50

// Filters of the Email log, shared by the settings page and GET /api/v1/emails (the page drops
// blank form fields first, with withoutBlanks). `to` matches an address exactly or by its start
// ("ada@" finds ada@example.com), case-insensitively.
export const EmailLogQuery = z
  .object({
    status: z.enum(EMAIL_STATUSES).optional(),
    to: z.string().trim().min(1).max(320).optional(),
    cursor: z.string().max(MAX_CURSOR_LENGTH).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(EMAIL_LOG_PAGE_SIZE),
  })
  .strict()
export type EmailLogFilters = z.infer<typeof EmailLogQuery>
