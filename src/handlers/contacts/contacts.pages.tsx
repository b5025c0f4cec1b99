import { Fragment, jsx } from '../../views/jsx'
import { Hono, type Context } from 'hono'
import * as z from 'zod'
import { createContact, type ContactCreated } from '../../db/queries/contact-create'
import { accountOptionsQuery, contactRelatedQueries, getContact, getContactQuery, listContactsQueries, NO_SUCH_CONTACT, updateContact } from '../../db/queries/contacts'
import { listActiveMembers } from '../../db/queries/records/columns'
import { listTags } from '../../db/queries/records/tags'
import { can } from '../../domain/access/permissions'
import { ContactInput, ContactListQuery } from '../../domain/contacts/schemas'
import { withoutBlanks } from '../../domain/records/list-query'
import { personName } from '../../domain/records/normalise'
import { canSeeAmounts, viewerOf } from '../../domain/records/viewer'
import type { AuthedEnv } from '../../env'
import { AppError, type FieldError } from '../../lib/errors'
import { readForm } from '../../lib/forms'
import { idParam } from '../../lib/params'
import { formToInput, parseRecordForm, toFormValues } from '../../lib/record-form'
import { parseOrThrow } from '../../lib/validation'
import { ContactDetailPage } from '../../views/contacts/contact-detail'
import { ContactForm } from '../../views/contacts/contact-form'
import { ContactListPage, ContactTable } from '../../views/contacts/contact-list'
import { listContext, listLinks } from '../../views/records/list-links'
import { RecordWork } from '../../views/related/record-work'
import { requirePermission } from '../middleware/permission'
import { requireUser } from '../middleware/session'
import { recordMerges } from '../duplicates/record-notices'
import { loadListViews, respondWithViews, splitView, withViewSort } from '../views/list-views'
import { ExportButton } from '../../views/exports/export-button'
import { NoticeAbove } from '../../views/components/flash'
import { flashMessage } from '../../views/components/flash-messages'

// Contact pages: list, new, detail, edit. Inline edits, archive, bulk and history are in
// contacts.actions.tsx.
export const contactsPages = new Hono<AuthedEnv>()
contactsPages.use('/contacts', requireUser, requirePermission('records.read'))
contactsPages.use('/contacts/*', requireUser, requirePermission('records.read'))

contactsPages.get('/contacts', async (c) => {
  const { view, query } = splitView(withoutBlanks(c.req.query()))
  const lv = await loadListViews(c, 'contacts', view)
  const f = { ...withViewSort(parseOrThrow(ContactListQuery, query), 'contacts', lv.current), view }
  const viewer = viewerOf(c.var.auth)
  const q = listContactsQueries(c.var.db, c.var.tenantId, viewer, f, lv.current?.filter)
  const [rows, [count], members, tags, ...counts] = await c.var.db.batch([q.rows, q.count, listActiveMembers(c.var.db, c.var.tenantId), listTags(c.var.db, c.var.tenantId), ...lv.counts])
  const page = q.page(rows)
  const ctx = listContext(viewer, members, tags)
  const table = <ContactTable rows={page.data} count={count?.n ?? 0} links={listLinks('/contacts', f, page.nextCursor)} ctx={ctx} byAccount={Boolean(f.accountId)} tools={<ExportButton entity="contacts" filters={f} role={c.var.role} />} />
  return respondWithViews(c, lv, { f, counts, table, page: () => <ContactListPage filters={f} ctx={ctx} table={table} />, title: 'Contacts' })
})

// The typed account id, when it is one (a form re-rendered with errors may carry anything).
const chosenAccount = (value: string | undefined) => (value && z.uuid().safeParse(value).success ? value : null)

type FormShell = { action: string; values: Record<string, string>; submitLabel: string; cancelHref: string; title: string; duplicateCheck?: string }
type FormState = FormShell & { errors: FieldError[] }

async function renderForm(c: Context<AuthedEnv>, form: FormState) {
  const db = c.var.db
  const [members, accounts] = await db.batch([listActiveMembers(db, c.var.tenantId), accountOptionsQuery(db, c.var.tenantId, viewerOf(c.var.auth), chosenAccount(form.values.accountId))])
  return c.render(
    <>
      <h1>{form.title}</h1>
      <ContactForm {...form} members={members} accounts={accounts} canAssign={can(c.var.role, 'records.assign')} />
    </>,
    { title: form.title },
  )
}

// Saves, or re-renders the form with 422 when the save itself finds a field at fault (a phone
// that does not parse, an account or owner that is not in this workspace). `beforeRerender` runs
// only when the save is never attempted (for an edit: 404 for a contact the viewer cannot see).
async function saveOrRerender(c: Context<AuthedEnv>, state: FormShell, save: (data: ContactInput) => Promise<string>, beforeRerender?: () => Promise<unknown>) {
  const { data, errors } = parseRecordForm(ContactInput, c.var.role, formToInput(state.values))
  try {
    if (data) return c.redirect(await save(data), 303)
    await beforeRerender?.()
    c.status(422)
    return renderForm(c, { ...state, errors })
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'VALIDATION') throw err
    c.status(422)
    return renderForm(c, { ...state, errors: err.fieldErrors })
  }
}

// The new contact, or the one that already had this email or phone, with a note saying so.
const createdPath = (r: ContactCreated) => (r.duplicate ? `/contacts/${r.id}?flash=contact-exists-${r.matchedBy}` : `/contacts/${r.id}`)

const newForm = (values: Record<string, string>): FormShell => ({ action: '/contacts', values, submitLabel: 'Create contact', cancelHref: '/contacts', title: 'New contact', duplicateCheck: '/contacts/duplicates/check' })
const editForm = (id: string, values: Record<string, string>, title = 'Edit contact'): FormShell => ({ action: `/contacts/${id}`, values, submitLabel: 'Save changes', cancelHref: `/contacts/${id}`, title })

// ?accountId= pre-selects the account, for "add a contact" links from an account.
contactsPages.get('/contacts/new', requirePermission('records.create'), (c) => {
  const accountId = c.req.query('accountId')
  return renderForm(c, { ...newForm({ ownerId: c.var.userId, ...(accountId ? { accountId } : {}) }), errors: [] })
})

contactsPages.post('/contacts', requirePermission('records.create'), async (c) =>
  saveOrRerender(c, newForm(await readForm(c)), async (data) => createdPath(await createContact(c.var.db, c.var.tenantId, viewerOf(c.var.auth), { ownerId: c.var.userId, ...data }, data.tags ?? []))),
)

contactsPages.get('/contacts/:id', async (c) => {
  const id = idParam(c, 'id')
  const viewer = viewerOf(c.var.auth)
  const db = c.var.db
  const related = contactRelatedQueries(db, c.var.tenantId, viewer, id)
  const merges = recordMerges(c, 'contact', id)
  const [[contact], [account], deals, tasks, members, notices] = await db.batch([getContactQuery(db, c.var.tenantId, viewer, id), related.account, related.opportunities, related.tasks, listActiveMembers(db, c.var.tenantId), merges.query])
  if (!contact) throw new AppError('NOT_FOUND', NO_SUCH_CONTACT)
  const merge = merges.parts(notices)
  const list = listContext(viewer, members, [])
  const ctx = { ...list, canArchive: list.canArchive && !merge.merged, canUpdate: can(viewer.role, 'records.update') }
  const page = <ContactDetailPage contact={contact} account={account ?? null} deals={deals} tasks={tasks} ctx={ctx} showAmounts={canSeeAmounts(viewer)} mergeAction={merge.action} quickActions={<RecordWork relatedType="contact" relatedId={id} members={members} viewer={viewer} archived={contact.archivedAt !== null} />} />
  return c.render(<NoticeAbove notice={flashMessage(c.req.query('flash'))}>{merge.notice}{page}</NoticeAbove>, { title: personName(contact.firstName, contact.lastName) })
})

contactsPages.get('/contacts/:id/edit', requirePermission('records.update'), async (c) => {
  const contact = await getContact(c.var.db, c.var.tenantId, viewerOf(c.var.auth), idParam(c, 'id'))
  return renderForm(c, { ...editForm(contact.id, toFormValues(contact), `Edit ${personName(contact.firstName, contact.lastName)}`), errors: [] })
})

contactsPages.post('/contacts/:id', requirePermission('records.update'), async (c) => {
  const id = idParam(c, 'id')
  const viewer = viewerOf(c.var.auth)
  return saveOrRerender(
    c,
    editForm(id, await readForm(c)),
    async (data) => {
      await updateContact(c.var.db, c.var.tenantId, viewer, id, { ...data, tags: data.tags ?? [] })
      return `/contacts/${id}`
    },
    () => getContact(c.var.db, c.var.tenantId, viewer, id),
  )
})
