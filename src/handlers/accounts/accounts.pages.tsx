import { Fragment, jsx } from '../../views/jsx'
import { Hono, type Context } from 'hono'
import { accountContactsQuery, accountOpportunitiesQuery, accountPage, createAccount, getAccount, getAccountQuery, listAccountsQueries, updateAccount } from '../../db/queries/accounts'
import { listActiveMembers } from '../../db/queries/records/columns'
import { listTags } from '../../db/queries/records/tags'
import { can } from '../../domain/access/permissions'
import { ACCOUNT_SORTS, AccountInput, accountValues } from '../../domain/accounts/schemas'
import { listQuery, withoutBlanks } from '../../domain/records/list-query'
import { canSeeAmounts, viewerOf } from '../../domain/records/viewer'
import { ACCOUNT_STATUSES } from '../../domain/records/vocab'
import type { AuthedEnv } from '../../env'
import { AppError, type FieldError } from '../../lib/errors'
import { readForm } from '../../lib/forms'
import { idParam } from '../../lib/params'
import { formToInput, parseRecordForm, toFormValues } from '../../lib/record-form'
import { parseOrThrow } from '../../lib/validation'
import { AccountDetailPage } from '../../views/accounts/account-detail'
import { AccountForm } from '../../views/accounts/account-form'
import { AccountListPage, AccountTable } from '../../views/accounts/account-list'
import { listContext, listLinks } from '../../views/records/list-links'
import { RecordWork } from '../../views/related/record-work'
import { requirePermission } from '../middleware/permission'
import { requireUser } from '../middleware/session'
import { loadListViews, respondWithViews, splitView, withViewSort } from '../views/list-views'
import { ExportButton } from '../../views/exports/export-button'

// Account pages: list, new, detail, edit. Inline edits, archive, bulk and history are in
// accounts.actions.tsx.
export const accountsPages = new Hono<AuthedEnv>()
accountsPages.use('/accounts', requireUser, requirePermission('records.read'))
accountsPages.use('/accounts/*', requireUser, requirePermission('records.read'))

const AccountListQuery = listQuery(ACCOUNT_SORTS, ACCOUNT_STATUSES)

accountsPages.get('/accounts', async (c) => {
  const { view, query } = splitView(withoutBlanks(c.req.query()))
  const lv = await loadListViews(c, 'accounts', view)
  const f = { ...withViewSort(parseOrThrow(AccountListQuery, query), 'accounts', lv.current), view }
  const viewer = viewerOf(c.var.auth)
  const q = listAccountsQueries(c.var.db, c.var.tenantId, viewer, f, lv.current?.filter)
  const [rows, [count], members, tags, ...counts] = await c.var.db.batch([q.rows, q.count, listActiveMembers(c.var.db, c.var.tenantId), listTags(c.var.db, c.var.tenantId), ...lv.counts])
  const page = accountPage(rows, f, q.sort.key)
  const ctx = listContext(viewer, members, tags)
  const table = <AccountTable rows={page.data} count={count?.n ?? 0} links={listLinks('/accounts', f, page.nextCursor)} ctx={ctx} tools={<ExportButton entity="accounts" filters={f} role={c.var.role} />} />
  return respondWithViews(c, lv, { f, counts, table, page: () => <AccountListPage filters={f} ctx={ctx} table={table} />, title: 'Accounts' })
})

async function renderForm(c: Context<AuthedEnv>, form: { action: string; values: Record<string, string>; errors: FieldError[]; submitLabel: string; cancelHref: string; title: string }) {
  const members = await listActiveMembers(c.var.db, c.var.tenantId)
  return c.render(
    <>
      <h1>{form.title}</h1>
      <AccountForm {...form} members={members} canAssign={can(c.var.role, 'records.assign')} />
    </>,
    { title: form.title },
  )
}

accountsPages.get('/accounts/new', requirePermission('records.create'), (c) => renderForm(c, { action: '/accounts', values: { ownerId: c.var.userId }, errors: [], submitLabel: 'Create account', cancelHref: '/accounts', title: 'New account' }))

accountsPages.post('/accounts', requirePermission('records.create'), async (c) => {
  const form = await readForm(c)
  const { data, errors } = parseRecordForm(AccountInput, c.var.role, formToInput(form))
  if (!data) {
    c.status(422)
    return renderForm(c, { action: '/accounts', values: form, errors, submitLabel: 'Create account', cancelHref: '/accounts', title: 'New account' })
  }
  const id = await createAccount(c.var.db, c.var.tenantId, c.var.userId, { ownerId: c.var.userId, ...accountValues(data), name: data.name }, data.tags ?? [])
  return c.redirect(`/accounts/${id}`, 303)
})

accountsPages.get('/accounts/:id', async (c) => {
  const id = idParam(c, 'id')
  const viewer = viewerOf(c.var.auth)
  const db = c.var.db
  const [[account], contacts, deals, members] = await db.batch([getAccountQuery(db, c.var.tenantId, viewer, id), accountContactsQuery(db, c.var.tenantId, viewer, id), accountOpportunitiesQuery(db, c.var.tenantId, viewer, id), listActiveMembers(db, c.var.tenantId)])
  if (!account) throw new AppError('NOT_FOUND', 'No such account in this workspace.')
  const ctx = { ...listContext(viewer, members, []), canUpdate: can(viewer.role, 'records.update') }
  return c.render(<AccountDetailPage account={account} contacts={contacts} deals={deals} ctx={ctx} showAmounts={canSeeAmounts(viewer)} quickActions={<RecordWork relatedType="account" relatedId={id} members={members} viewer={viewer} archived={account.archivedAt !== null} />} />, { title: account.name })
})

accountsPages.get('/accounts/:id/edit', requirePermission('records.update'), async (c) => {
  const account = await getAccount(c.var.db, c.var.tenantId, viewerOf(c.var.auth), idParam(c, 'id'))
  return renderForm(c, { action: `/accounts/${account.id}`, values: toFormValues(account), errors: [], submitLabel: 'Save changes', cancelHref: `/accounts/${account.id}`, title: `Edit ${account.name}` })
})

accountsPages.post('/accounts/:id', requirePermission('records.update'), async (c) => {
  const id = idParam(c, 'id')
  const viewer = viewerOf(c.var.auth)
  const form = await readForm(c)
  const { data, errors } = parseRecordForm(AccountInput, c.var.role, formToInput(form))
  if (!data) {
    await getAccount(c.var.db, c.var.tenantId, viewer, id)
    c.status(422)
    return renderForm(c, { action: `/accounts/${id}`, values: form, errors, submitLabel: 'Save changes', cancelHref: `/accounts/${id}`, title: 'Edit account' })
  }
  await updateAccount(c.var.db, c.var.tenantId, viewer, id, accountValues(data), data.tags ?? [])
  return c.redirect(`/accounts/${id}`, 303)
})
