import * as z from 'zod'
import { MAX_CURSOR_LENGTH } from '../../lib/cursor'
import { MAX_PAGE_SIZE, PAGE_SIZE } from '../records/list-query'
import { RELATED_TYPES } from '../records/vocab'
import { relatedIdField, relatedTypeField } from '../related/related'
import type { Viewer } from '../records/viewer'

export const NOTE_MAX = 10_000

const body = z.string({ error: 'Write the note.' }).trim().min(1, 'Write the note.').max(NOTE_MAX, `A note is at most ${NOTE_MAX.toLocaleString('en')} characters.`)

// A note always belongs to one record, fixed at creation; only its body changes afterwards.
export const NoteInput = z.object({ body, relatedType: relatedTypeField(), relatedId: relatedIdField() }).strict()
export type NoteInput = z.infer<typeof NoteInput>

export const NotePatch = z.object({ body }).strict()
export type NotePatch = z.infer<typeof NotePatch>

// The notes (and activities) of one record, newest first.
export const RelatedListQuery = z
  .object({
    relatedType: z.enum(RELATED_TYPES, 'Choose account, contact, lead or opportunity.'),
    relatedId: relatedIdField(),
    cursor: z.string().max(MAX_CURSOR_LENGTH).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(PAGE_SIZE),
  })
  .strict()
export type RelatedListQuery = z.infer<typeof RelatedListQuery>

// Only its author rewrites a note (it speaks in their name); managers and admins may also
// archive one, to tidy up a record.
export const canEditEntry = (viewer: Viewer, authorId: string | null): boolean => authorId === viewer.userId
export const canArchiveEntry = (viewer: Viewer, authorId: string | null): boolean => authorId === viewer.userId || viewer.role === 'admin' || viewer.role === 'manager'

export const NoteOutput = z.object({
  id: z.string(),
  body: z.string(),
  relatedType: z.enum(RELATED_TYPES),
  relatedId: z.string(),
  createdBy: z.string().nullable(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
})
