import type { Context } from 'hono'
import { archiveNote, createNote, getNote, listNotesQuery, notePage, updateNote, type NoteRow } from '../../db/queries/notes'
import { NoteInput, NoteOutput, NotePatch, RelatedListQuery } from '../../domain/notes/schemas'
import { viewerOf } from '../../domain/records/viewer'
import { relatedRefOf, type RelatedRef } from '../../domain/related/related'
import type { AuthedEnv } from '../../env'
import { enqueueScoreOf } from '../../lib/jobs/enqueue-score'
import { apiRouter } from '../api/openapi'
import { recordRoutes } from '../api/record-routes'
import { iso, rowsJson } from '../api/records'
import { guardEntries } from '../related/guard'

export const notesApi = apiRouter()
guardEntries(notesApi, '/notes', 'notes.write')

const routes = recordRoutes(
  { path: 'notes', singular: 'Note', plural: 'Notes' },
  { json: NoteOutput.openapi('Note'), input: NoteInput, patch: NotePatch, query: RelatedListQuery },
  { list: "One record's notes, newest first, with a keyset cursor", create: "Add a note to a record; it appears on the record's timeline", update: 'Rewrite a note (its author only)', archive: 'Archive a note (its author, a manager or an admin)' },
)

export function noteJson(n: NoteRow) {
  const ref = relatedRefOf(n) as RelatedRef
  return { id: n.id, body: n.body, relatedType: ref.type, relatedId: ref.id, createdBy: n.createdBy, authorName: n.authorName, createdAt: n.createdAt.toISOString(), updatedAt: n.updatedAt.toISOString(), archivedAt: iso(n.archivedAt) }
}

const readNote = async (c: Context<AuthedEnv>, id: string) => noteJson(await getNote(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id))

notesApi.openapi(routes.list, async (c) => {
  const q = c.req.valid('query')
  const page = notePage(await listNotesQuery(c.var.db, c.var.tenantId, viewerOf(c.var.auth), q), q.limit)
  return c.json({ data: rowsJson(page.data, noteJson, q.fields), nextCursor: page.nextCursor }, 200)
})

notesApi.openapi(routes.create, async (c) => {
  const { id, ref } = await createNote(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('json'))
  await enqueueScoreOf(c.env, c.var.tenantId, ref)
  return c.json(await readNote(c, id), 201)
})

notesApi.openapi(routes.get, async (c) => c.json(await readNote(c, c.req.valid('param').id), 200))

notesApi.openapi(routes.update, async (c) => {
  const { id } = c.req.valid('param')
  await updateNote(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id, c.req.valid('json').body)
  return c.json(await readNote(c, id), 200)
})

notesApi.openapi(routes.archive, async (c) => {
  await archiveNote(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('param').id)
  return c.body(null, 204)
})
