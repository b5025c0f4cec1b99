import { accountPage, createAccount, getAccount, getAccountQuery, listAccountsQueries, setAccountArchived, updateAccount, type AccountRow } from '../../db/queries/accounts'
import { timelineWithAccess } from '../../db/queries/timeline'
import { ACCOUNT_SORTS, AccountInput, AccountJson, AccountPatch, accountValues } from '../../domain/accounts/schemas'
import { listQuery } from '../../domain/records/list-query'
import { viewerOf } from '../../domain/records/viewer'
import { ACCOUNT_STATUSES } from '../../domain/records/vocab'
import { apiRouter } from '../api/openapi'
import { recordRoutes } from '../api/record-routes'
import { assertAssignable, guardRecords, iso, rowsJson, timelineJson } from '../api/records'

export const accountsApi = apiRouter()
guardRecords(accountsApi, '/accounts')

const routes = recordRoutes({ path: 'accounts', singular: 'Account', plural: 'Accounts' }, { json: AccountJson.openapi('Account'), input: AccountInput, patch: AccountPatch, query: listQuery(ACCOUNT_SORTS, ACCOUNT_STATUSES) })

export const accountJson = (a: AccountRow) => ({
  ...a,
  ownerName: undefined,
  lastContactedAt: iso(a.lastContactedAt),
  tags: a.tags.map((t) => t.name),
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
  archivedAt: iso(a.archivedAt),
})

accountsApi.openapi(routes.list, async (c) => {
  const f = c.req.valid('query')
  const q = listAccountsQueries(c.var.db, c.var.tenantId, viewerOf(c.var.auth), f)
  const page = accountPage(await q.rows, f, q.sort.key)
  return c.json({ data: rowsJson(page.data, accountJson, f.fields), nextCursor: page.nextCursor }, 200)
})

accountsApi.openapi(routes.create, async (c) => {
  const input = c.req.valid('json')
  assertAssignable(c, input)
  const id = await createAccount(c.var.db, c.var.tenantId, c.var.userId, { ownerId: c.var.userId, ...accountValues(input), name: input.name }, input.tags ?? [])
  return c.json(accountJson(await getAccount(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id)), 201)
})

accountsApi.openapi(routes.get, async (c) => c.json(accountJson(await getAccount(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('param').id)), 200))

accountsApi.openapi(routes.update, async (c) => {
  const input = c.req.valid('json')
  assertAssignable(c, input)
  const viewer = viewerOf(c.var.auth)
  const { id } = c.req.valid('param')
  await updateAccount(c.var.db, c.var.tenantId, viewer, id, accountValues(input), input.tags)
  return c.json(accountJson(await getAccount(c.var.db, c.var.tenantId, viewer, id)), 200)
})

accountsApi.openapi(routes.archive, async (c) => {
  await setAccountArchived(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('param').id, true)
  return c.body(null, 204)
})

accountsApi.openapi(routes.timeline, async (c) => {
  const { id } = c.req.valid('param')
  return c.json(timelineJson(await timelineWithAccess(c.var.db, c.var.tenantId, 'account', id, c.req.valid('query'), getAccountQuery(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id))), 200)
})
