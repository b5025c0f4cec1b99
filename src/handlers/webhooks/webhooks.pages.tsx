import { Fragment, jsx } from '../../views/jsx'
import { Hono, type Context } from 'hono'
import { countDeliveriesByStatus, listDeliveries } from '../../db/queries/webhook-deliveries-list'
import { deleteEndpoint, listEndpoints, type WebhookEndpointRow } from '../../db/queries/webhook-endpoints'
import { withoutBlanks } from '../../domain/records/list-query'
import { NEW_ENDPOINT_VALUES, endpointFormErrors, endpointFormToInput, endpointFormValues, type EndpointFormValues } from '../../domain/webhooks/endpoint-form-values'
import { DeliveryListQuery, EndpointListQuery } from '../../domain/webhooks/endpoint-schema'
import type { AuthedEnv } from '../../env'
import { AppError, type FieldError } from '../../lib/errors'
import { readForm } from '../../lib/forms'
import { isFragment } from '../../lib/htmx'
import { idParam } from '../../lib/params'
import { parseOrThrow, toFieldErrors } from '../../lib/validation'
import { DeliveryLog } from '../../views/webhooks/delivery-log'
import { EndpointForm } from '../../views/webhooks/endpoint-form'
import { DeleteEndpointPage, EndpointPage } from '../../views/webhooks/endpoint-page'
import { EndpointsListPage } from '../../views/webhooks/endpoints-list'
import { requirePermission } from '../middleware/permission'
import { requireUser } from '../middleware/session'
import { NOT_FOUND_MESSAGE, addEndpoint, changeEndpoint, endpointOr404, replay, rotateSecret, schemasFor, sendTestEvent } from './save-endpoint'

// /settings/webhooks: admins manage the workspace's webhook endpoints and read their delivery
// logs. A new or rotated secret is rendered in that response only (no redirect, no-store). A form
// that fails validation comes back (422) with what was typed.
export const webhooksPages = new Hono<AuthedEnv>()
webhooksPages.use('/settings/webhooks', requireUser, requirePermission('webhooks.manage'))
webhooksPages.use('/settings/webhooks/*', requireUser, requirePermission('webhooks.manage'))

const BASE = '/settings/webhooks'
// Endpoint ids are UUIDs, so /settings/webhooks/new never reaches the :id routes.
const ID = ':id{[0-9a-fA-F-]{36}}'
const NOTICES = { deleted: 'Endpoint deleted.', enabled: 'Endpoint enabled again.', test: 'Test event queued.', replayed: 'Delivery queued again.', saved: 'Endpoint saved.' } as const
type Notice = keyof typeof NOTICES
const noticeOf = (v: string | undefined) => (v && v in NOTICES ? NOTICES[v as Notice] : undefined)
// The paging part of the query string (the rest, like ?done=, is for the page itself).
const paging = (c: Context<AuthedEnv>) => withoutBlanks({ cursor: c.req.query('cursor') ?? '', limit: c.req.query('limit') ?? '' })

function renderForm(c: Context<AuthedEnv>, page: { title: string; action: string; submitLabel: string; cancelHref: string }, values: EndpointFormValues, errors: FieldError[] = []) {
  if (errors.length) c.status(422)
  const { title, ...props } = page
  return c.render(
    <>
      <h1>{title}</h1>
      <EndpointForm {...props} values={values} errors={errors} />
    </>,
    { title },
  )
}

async function logProps(c: Context<AuthedEnv>, endpointId: string, notice?: string) {
  const filters = parseOrThrow(DeliveryListQuery, paging(c))
  const [page, counts] = await Promise.all([listDeliveries(c.var.db, c.var.tenantId, endpointId, filters), countDeliveriesByStatus(c.var.db, c.var.tenantId, endpointId)])
  return { rows: page.data, counts, cursor: filters.cursor, nextCursor: page.nextCursor, notice }
}

async function renderEndpoint(c: Context<AuthedEnv>, endpoint: WebhookEndpointRow, secret?: string) {
  if (secret) c.header('Cache-Control', 'no-store')
  const log = await logProps(c, endpoint.id, noticeOf(c.req.query('done')))
  return c.render(<EndpointPage endpoint={endpoint} secret={secret} log={log} />, { title: endpoint.url })
}

webhooksPages.get(BASE, async (c) => {
  const filters = parseOrThrow(EndpointListQuery, paging(c))
  const page = await listEndpoints(c.var.db, c.var.tenantId, filters)
  return c.render(<EndpointsListPage rows={page.data} cursor={filters.cursor} nextCursor={page.nextCursor} notice={noticeOf(c.req.query('done'))} />, { title: 'Webhooks' })
})

const NEW_PAGE = { title: 'New webhook endpoint', action: BASE, submitLabel: 'Create endpoint', cancelHref: BASE }

webhooksPages.get(`${BASE}/new`, (c) => renderForm(c, NEW_PAGE, NEW_ENDPOINT_VALUES))

webhooksPages.post(BASE, async (c) => {
  const values = endpointFormValues(await readForm(c))
  const parsed = schemasFor(c).input.safeParse(endpointFormToInput(values))
  if (!parsed.success) return renderForm(c, NEW_PAGE, values, endpointFormErrors(toFieldErrors(parsed.error)))
  const { secret, ...created } = await addEndpoint(c, parsed.data)
  c.status(201)
  return renderEndpoint(c, { ...created, lastDeliveryStatus: null, lastDeliveryAt: null }, secret)
})

webhooksPages.get(`${BASE}/${ID}`, async (c) => {
  const id = idParam(c, 'id')
  const endpoint = await endpointOr404(c, id)
  c.header('Vary', 'HX-Request')
  if (isFragment(c)) return c.html(<DeliveryLog endpointId={id} {...await logProps(c, id)} />)
  return renderEndpoint(c, endpoint)
})

const editPage = (id: string) => ({ title: 'Edit webhook endpoint', action: `${BASE}/${id}`, submitLabel: 'Save endpoint', cancelHref: `${BASE}/${id}` })

webhooksPages.get(`${BASE}/${ID}/edit`, async (c) => {
  const e = await endpointOr404(c, idParam(c, 'id'))
  return renderForm(c, editPage(e.id), { url: e.url, description: e.description ?? '', enabled: e.enabled, eventTypes: e.eventTypes })
})

webhooksPages.post(`${BASE}/${ID}`, async (c) => {
  const id = idParam(c, 'id')
  await endpointOr404(c, id)
  const values = endpointFormValues(await readForm(c))
  const parsed = schemasFor(c).input.safeParse(endpointFormToInput(values))
  if (!parsed.success) return renderForm(c, editPage(id), values, endpointFormErrors(toFieldErrors(parsed.error)))
  await changeEndpoint(c, id, parsed.data)
  return c.redirect(`${BASE}/${id}?done=saved`, 303)
})

webhooksPages.post(`${BASE}/${ID}/enable`, async (c) => {
  const id = idParam(c, 'id')
  await changeEndpoint(c, id, { enabled: true })
  return c.redirect(`${BASE}/${id}?done=enabled`, 303)
})

webhooksPages.post(`${BASE}/${ID}/rotate-secret`, async (c) => {
  const id = idParam(c, 'id')
  const secret = await rotateSecret(c, id)
  return renderEndpoint(c, await endpointOr404(c, id), secret)
})

// After a test event or a replay: the fresh log for htmx, the page again for a plain post.
async function queued(c: Context<AuthedEnv>, id: string, notice: Notice) {
  c.header('Vary', 'HX-Request')
  if (!isFragment(c)) return c.redirect(`${BASE}/${id}?done=${notice}`, 303)
  return c.html(<DeliveryLog endpointId={id} {...await logProps(c, id, NOTICES[notice])} />)
}

webhooksPages.post(`${BASE}/${ID}/test`, async (c) => {
  const id = idParam(c, 'id')
  await sendTestEvent(c, id)
  return queued(c, id, 'test')
})

webhooksPages.post(`${BASE}/${ID}/deliveries/:deliveryId/replay`, async (c) => {
  const id = idParam(c, 'id')
  await replay(c, id, idParam(c, 'deliveryId'))
  return queued(c, id, 'replayed')
})

webhooksPages.get(`${BASE}/${ID}/delete`, async (c) => {
  const endpoint = await endpointOr404(c, idParam(c, 'id'))
  return c.render(<DeleteEndpointPage endpoint={endpoint} />, { title: 'Delete endpoint' })
})

webhooksPages.post(`${BASE}/${ID}/delete`, async (c) => {
  if (!(await deleteEndpoint(c.var.db, c.var.tenantId, idParam(c, 'id')))) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE)
  return c.redirect(`${BASE}?done=deleted`, 303)
})
