import type { Context } from 'hono'
import * as z from 'zod'
import { MAX_PAGE_SIZE } from '../../domain/records/list-query'
import { AppError } from '../../lib/errors'

// The bulk form posts one "ids" per checked row; c.req.parseBody needs `all` to keep them all.
export async function readBulkForm(c: Context) {
  const type = c.req.header('Content-Type') ?? ''
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send this form as application/x-www-form-urlencoded.')
  const body = await c.req.parseBody({ all: true })
  const ids = body.ids === undefined ? [] : Array.isArray(body.ids) ? body.ids : [body.ids]
  const one = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : undefined)
  return { ids, action: one('action'), ownerId: one('ownerId'), tagName: one('tagName'), back: one('back') }
}

const blank = (v: unknown) => (v === '' ? undefined : v)

export const BulkInput = z
  .object({
    ids: z.array(z.uuid()).min(1, 'Select at least one row.').max(MAX_PAGE_SIZE),
    action: z.enum(['assign', 'tag', 'untag', 'archive'], 'Choose what to do with the selected rows.'),
    ownerId: z.preprocess(blank, z.uuid().optional()),
    tagName: z.preprocess(blank, z.string().trim().min(1).max(40).optional()),
    back: z.string().optional(),
  })
  .refine((b) => (b.action === 'tag' || b.action === 'untag' ? Boolean(b.tagName) : true), { path: ['tagName'], message: 'Name the tag to add or remove.' })

// Only a path on this site: the bulk form's return address must not become an open redirect.
export const safeBack = (back: string | undefined, fallback: string) => (back && back.startsWith('/') && !back.startsWith('//') && !back.startsWith('/\\') ? back : fallback)
