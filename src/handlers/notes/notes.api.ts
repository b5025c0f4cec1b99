import { createRoute } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { archiveNote, createNote, getNote, listNotesQuery, notePage, updateNote, type NoteRow } from '../../db/queries/notes'
import { NoteInput, NoteOutput, NotePatch, RelatedListQuery } from '../../domain/notes/schemas'
import { viewerOf } from '../../domain/records/viewer'
import { relatedRefOf, type RelatedRef } from '../../domain/related/related'
import type { AuthedEnv } from '../../env'
import { COMMON_ERRORS, NOT_FOUND, apiRouter } from '../api/openapi'
import { RecordIdParam, iso, listEnvelope } from '../api/records'
import { guardEntries } from '../related/guard'

export const notesApi = apiRouter()
guardEntries(notesApi, '/notes', 'notes.write')

const Note = NoteOutput.openapi('Note')
const json = { 'application/json': { schema: Note } }

export function noteJson(n: NoteRow) {
  const ref = relatedRefOf(n) as RelatedRef
  return { id: n.id, body: n.body, relatedType: ref.type, relatedId: ref.id, createdBy: n.createdBy, authorName: n.authorName, createdAt: n.createdAt.toISOString(), updatedAt: n.updatedAt.toISOString(), archivedAt: iso(n.archivedAt) }
}

const readNote = async (c: Context<AuthedEnv>, id: string) => noteJson(await getNote(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id))

notesApi.openapi(
  createRoute({
    method: 'get',
    path: '/notes',
    operationId: 'listNotes',
    tags: ['Notes'],
    summary: "One record's notes, newest first, with a keyset cursor",
    request: { query: RelatedListQuery },
    responses: { 200: { description: 'A page of notes', content: { 'application/json': { schema: listEnvelope(Note) } } }, ...COMMON_ERRORS },
  }),
  async (c) => {
    const q = c.req.valid('query')
    const page = notePage(await listNotesQuery(c.var.db, c.var.tenantId, viewerOf(c.var.auth), q), q.limit)
    return c.json({ data: page.data.map(noteJson), nextCursor: page.nextCursor }, 200)
  },
)

notesApi.openapi(
  createRoute({
    method: 'post',
    path: '/notes',
    operationId: 'createNote',
    tags: ['Notes'],
    summary: "Add a note to a record; it appears on the record's timeline",
    request: { body: { required: true, content: { 'application/json': { schema: NoteInput } } } },
    responses: { 201: { description: 'Created', content: json }, ...COMMON_ERRORS },
  }),
  async (c) => {
    const { id } = await createNote(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('json'))
    return c.json(await readNote(c, id), 201)
  },
)

notesApi.openapi(
  createRoute({
    method: 'get',
    path: '/notes/{id}',
    operationId: 'getNote',
    tags: ['Notes'],
    summary: 'Read a note',
    request: { params: RecordIdParam },
    responses: { 200: { description: 'The note', content: json }, ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => c.json(await readNote(c, c.req.valid('param').id), 200),
)

notesApi.openapi(
  createRoute({
    method: 'patch',
    path: '/notes/{id}',
    operationId: 'updateNote',
    tags: ['Notes'],
    summary: 'Rewrite a note (its author only)',
    request: { params: RecordIdParam, body: { required: true, content: { 'application/json': { schema: NotePatch } } } },
    responses: { 200: { description: 'The updated note', content: json }, ...COMMON_ERRORS, ...NOT_FOUND, 409: { description: 'Changed by someone else meanwhile' } },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    await updateNote(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id, c.req.valid('json').body)
    return c.json(await readNote(c, id), 200)
  },
)

notesApi.openapi(
  createRoute({
    method: 'delete',
    path: '/notes/{id}',
    operationId: 'archiveNote',
    tags: ['Notes'],
    summary: 'Archive a note (its author, a manager or an admin)',
    request: { params: RecordIdParam },
    responses: { 204: { description: 'Archived' }, ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    await archiveNote(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('param').id)
    return c.body(null, 204)
  },
)
