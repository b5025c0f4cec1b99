import { jsx } from '../../views/jsx'
import { Hono, type Context } from 'hono'
import { archiveNote, createNote, getNote, listNotesQuery, notePage, updateNote } from '../../db/queries/notes'
import { relatedLookup } from '../../db/queries/related-records'
import { canEditEntry, NoteInput, NotePatch, RelatedListQuery } from '../../domain/notes/schemas'
import { withoutBlanks } from '../../domain/records/list-query'
import { viewerOf } from '../../domain/records/viewer'
import { relatedPath, relatedRefOf, type RelatedRef } from '../../domain/related/related'
import type { AuthedEnv } from '../../env'
import { AppError } from '../../lib/errors'
import { readForm } from '../../lib/forms'
import { enqueueScoreOf } from '../../lib/jobs/enqueue-score'
import { isFragment } from '../../lib/htmx'
import { idParam } from '../../lib/params'
import { parseOrThrow, toFieldErrors } from '../../lib/validation'
import { NoteEditPage } from '../../views/notes/note-edit-page'
import { NoteItems, RecordNotes } from '../../views/notes/record-notes'
import { EntryPage } from '../../views/related/entry-list'
import { requireUser } from '../middleware/session'
import { guardEntries } from '../related/guard'
import { attempt, quickActionInvalid, quickActionSaved } from '../related/quick-action'

// Notes from record pages: the lazily loaded list, the quick action that adds one, and the
// author's edit and archive. Reading needs records.read; writing needs notes.write.
export const notesPages = new Hono<AuthedEnv>()
guardEntries(notesPages, '/notes', 'notes.write', [requireUser])

// One record's notes: the list fragment for htmx (a later page is just its items), or a page
// with the list when JS is off. A record the viewer cannot see is not found.
notesPages.get('/notes', async (c) => {
  const q = parseOrThrow(RelatedListQuery, withoutBlanks(c.req.query()))
  const viewer = viewerOf(c.var.auth)
  const ref: RelatedRef = { type: q.relatedType, id: q.relatedId }
  const db = c.var.db
  const [rows, [related]] = await db.batch([listNotesQuery(db, c.var.tenantId, viewer, q), relatedLookup(db, c.var.tenantId, viewer, ref)])
  if (!related) throw new AppError('NOT_FOUND', 'No such record in this workspace.')
  const page = notePage(rows, q.limit)
  const next = page.nextCursor ? `/notes?relatedType=${ref.type}&relatedId=${ref.id}&cursor=${page.nextCursor}` : null
  const props = { notes: page.data, next, viewer }
  c.header('Vary', 'HX-Request')
  if (isFragment(c)) return c.html(q.cursor ? <NoteItems {...props} /> : <RecordNotes {...props} />)
  return c.render(
    <EntryPage title={`Notes on ${related.name}`} back={relatedPath(ref)}>
      <RecordNotes {...props} />
    </EntryPage>,
    { title: `Notes on ${related.name}` },
  )
})

// The quick action. A record that is not the viewer's to see is a field error, like a typo.
notesPages.post('/notes', async (c) => {
  const form = await readForm(c)
  const parsed = NoteInput.safeParse(form)
  const result = parsed.success ? await attempt(() => createNote(c.var.db, c.var.tenantId, viewerOf(c.var.auth), parsed.data)) : { ok: false as const, errors: toFieldErrors(parsed.error) }
  if (!result.ok) return quickActionInvalid(c, 'note', form, result.errors)
  await enqueueScoreOf(c.env, c.var.tenantId, result.value.ref)
  return quickActionSaved(c, 'note', result.value.ref)
})

const backOf = (note: Parameters<typeof relatedRefOf>[0]) => {
  const ref = relatedRefOf(note)
  return ref ? relatedPath(ref) : '/'
}

async function editableNote(c: Context<AuthedEnv>, id: string) {
  const note = await getNote(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id)
  if (!canEditEntry(viewerOf(c.var.auth), note.createdBy)) throw new AppError('FORBIDDEN', 'Only the author can edit a note.')
  return note
}

notesPages.get('/notes/:id/edit', async (c) => {
  const note = await editableNote(c, idParam(c, 'id'))
  return c.render(<NoteEditPage id={note.id} body={note.body} errors={[]} back={backOf(note)} />, { title: 'Edit note' })
})

notesPages.post('/notes/:id', async (c) => {
  const note = await editableNote(c, idParam(c, 'id'))
  const form = await readForm(c)
  const parsed = NotePatch.safeParse(form)
  if (!parsed.success) {
    c.status(422)
    return c.render(<NoteEditPage id={note.id} body={form.body ?? ''} errors={toFieldErrors(parsed.error)} back={backOf(note)} />, { title: 'Edit note' })
  }
  await updateNote(c.var.db, c.var.tenantId, viewerOf(c.var.auth), note.id, parsed.data.body)
  return c.redirect(backOf(note), 303)
})

notesPages.post('/notes/:id/archive', async (c) => {
  const note = await archiveNote(c.var.db, c.var.tenantId, viewerOf(c.var.auth), idParam(c, 'id'))
  return c.redirect(backOf(note), 303)
})
