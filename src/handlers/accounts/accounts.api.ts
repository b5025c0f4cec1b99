import { createRoute } from '@hono/zod-openapi'
import { createAccount, getAccount, listAccountsQueries, accountPage, setAccountArchived, updateAccount, type AccountRow } from '../../db/queries/accounts'
import { timelinePage } from '../../db/queries/timeline'
import { ACCOUNT_SORTS, AccountInput, AccountJson, AccountPatch, accountValues } from '../../domain/accounts/schemas'
import { listQuery } from '../../domain/records/list-query'
import { viewerOf } from '../../domain/records/viewer'
import { ACCOUNT_STATUSES } from '../../domain/records/vocab'
import { COMMON_ERRORS, NOT_FOUND, apiRouter } from '../api/openapi'
import { RecordIdParam, TimelineEventJson, TimelineQuery, assertAssignable, timelineJson, guardRecords, iso, listEnvelope } from '../api/records'

export const accountsApi = apiRouter()
guardRecords(accountsApi, '/accounts')

const AccountListQuery = listQuery(ACCOUNT_SORTS, ACCOUNT_STATUSES)
const Account = AccountJson
const json = { 'application/json': { schema: Account } }

export const accountJson = (a: AccountRow) => ({
  ...a,
  ownerName: undefined,
  lastContactedAt: iso(a.lastContactedAt),
  tags: a.tags.map((t) => t.name),
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
  archivedAt: iso(a.archivedAt),
})

accountsApi.openapi(
  createRoute({
    method: 'get',
    path: '/accounts',
    operationId: 'listAccounts',
    tags: ['Accounts'],
    summary: 'List accounts, newest first by default, with filters and a keyset cursor',
    request: { query: AccountListQuery },
    responses: { 200: { description: 'A page of accounts', content: { 'application/json': { schema: listEnvelope(Account) } } }, ...COMMON_ERRORS },
  }),
  async (c) => {
    const f = c.req.valid('query')
    const q = listAccountsQueries(c.var.db, c.var.tenantId, viewerOf(c.var.auth), f)
    const page = accountPage(await q.rows, f, q.sort.key)
    return c.json({ data: page.data.map(accountJson), nextCursor: page.nextCursor }, 200)
  },
)

accountsApi.openapi(
  createRoute({
    method: 'post',
    path: '/accounts',
    operationId: 'createAccount',
    tags: ['Accounts'],
    summary: 'Create an account',
    request: { body: { required: true, content: { 'application/json': { schema: AccountInput } } } },
    responses: { 201: { description: 'Created', content: json }, ...COMMON_ERRORS },
  }),
  async (c) => {
    const input = c.req.valid('json')
    assertAssignable(c, input)
    const viewer = viewerOf(c.var.auth)
    const id = await createAccount(c.var.db, c.var.tenantId, c.var.userId, { ownerId: c.var.userId, ...accountValues(input), name: input.name }, input.tags ?? [])
    return c.json(accountJson(await getAccount(c.var.db, c.var.tenantId, viewer, id)), 201)
  },
)

accountsApi.openapi(
  createRoute({
    method: 'get',
    path: '/accounts/{id}',
    operationId: 'getAccount',
    tags: ['Accounts'],
    summary: 'Read an account',
    request: { params: RecordIdParam },
    responses: { 200: { description: 'The account', content: json }, ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => c.json(accountJson(await getAccount(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('param').id)), 200),
)

accountsApi.openapi(
  createRoute({
    method: 'patch',
    path: '/accounts/{id}',
    operationId: 'updateAccount',
    tags: ['Accounts'],
    summary: 'Change some fields of an account; writes one timeline event',
    request: { params: RecordIdParam, body: { required: true, content: { 'application/json': { schema: AccountPatch } } } },
    responses: { 200: { description: 'The updated account', content: json }, ...COMMON_ERRORS, ...NOT_FOUND, 409: { description: 'Changed by someone else meanwhile' } },
  }),
  async (c) => {
    const input = c.req.valid('json')
    assertAssignable(c, input)
    const viewer = viewerOf(c.var.auth)
    const { id } = c.req.valid('param')
    await updateAccount(c.var.db, c.var.tenantId, viewer, id, accountValues(input), input.tags)
    return c.json(accountJson(await getAccount(c.var.db, c.var.tenantId, viewer, id)), 200)
  },
)

accountsApi.openapi(
  createRoute({
    method: 'delete',
    path: '/accounts/{id}',
    operationId: 'archiveAccount',
    tags: ['Accounts'],
    summary: 'Archive an account (it stays readable and can be restored)',
    request: { params: RecordIdParam },
    responses: { 204: { description: 'Archived' }, ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    await setAccountArchived(c.var.db, c.var.tenantId, viewerOf(c.var.auth), c.req.valid('param').id, true)
    return c.body(null, 204)
  },
)

accountsApi.openapi(
  createRoute({
    method: 'get',
    path: '/accounts/{id}/timeline',
    operationId: 'accountTimeline',
    tags: ['Accounts'],
    summary: "An account's history, newest first",
    request: { params: RecordIdParam, query: TimelineQuery },
    responses: { 200: { description: 'A page of events', content: { 'application/json': { schema: listEnvelope(TimelineEventJson) } } }, ...COMMON_ERRORS, ...NOT_FOUND },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    await getAccount(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id)
    const page = await timelinePage(c.var.db, c.var.tenantId, 'account', id, c.req.valid('query'))
    return c.json(timelineJson(page), 200)
  },
)
