import { jsx } from '../../views/jsx'
import { Hono } from 'hono'
import * as z from 'zod'
import { getOutboxMessage, listOutbox } from '../../db/queries/outbox'
import { isLocalMode, type AppContext, type AppEnv } from '../../env'
import { AppError } from '../../lib/errors'
import { MailboxPage, MailMessagePage } from '../../views/dev/mailbox'

const PAGE_SIZE = 50

// The email's own HTML is foreign markup as far as this app is concerned. It gets a policy that
// allows nothing but inline styles and data: images, a sandbox (no scripts, no navigation, an
// opaque origin, even when opened on its own) and may be framed only by our own mailbox page.
const EMAIL_HTML_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
  'sandbox',
].join('; ')

const ListQuery = z.object({ before: z.uuid().optional() })
const MessageId = z.uuid()

export const devMailPages = new Hono<AppEnv>()

// Local mode only. Everywhere else the mailbox does not exist: the same 404 as any unknown address.
// Pages can hold live reset links, so no cache keeps a copy.
devMailPages.use(async (c, next) => {
  if (!isLocalMode(c.env)) throw new AppError('NOT_FOUND')
  c.header('Cache-Control', 'no-store')
  await next()
})

devMailPages.get('/', async (c) => {
  const query = ListQuery.safeParse(c.req.query())
  if (!query.success) throw new AppError('BAD_REQUEST', 'That page of the mailbox does not exist.')
  const { items, nextBefore } = await listOutbox(c.var.db, { limit: PAGE_SIZE, before: query.data.before })
  return c.render(<MailboxPage items={items} nextBefore={nextBefore} isFirstPage={!query.data.before} />, { title: 'Dev mailbox' })
})

async function findMessage(c: AppContext) {
  const id = MessageId.safeParse(c.req.param('id'))
  const message = id.success ? await getOutboxMessage(c.var.db, id.data) : null
  if (!message) throw new AppError('NOT_FOUND', 'There is no such message in the outbox.')
  return message
}

devMailPages.get('/:id', async (c) => {
  const message = await findMessage(c)
  return c.render(<MailMessagePage message={message} />, { title: message.subject })
})

// The stored HTML, byte for byte, as its own document: that is what lets it keep its inline
// styles, which a srcdoc frame would lose to the CSP it inherits from the page around it.
devMailPages.get('/:id/html', async (c) => {
  const message = await findMessage(c)
  return c.body(message.html, 200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': EMAIL_HTML_CSP,
    'X-Frame-Options': 'SAMEORIGIN',
  })
})
