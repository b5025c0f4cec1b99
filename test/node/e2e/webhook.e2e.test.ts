import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '../../../src/db/client.ts'
import { webhookEndpoints } from '../../../src/db/schema/index.ts'
import { generateSecret } from '../../../src/domain/webhooks/signing.ts'
import { freePort } from '../../../tools/dev/free-port.ts'
import type { DevStack } from '../../../tools/dev/stack.ts'
import { startTestDevServer } from '../harness/dev-server.ts'

// A real delivery: wrangler dev with its local queue, a plain node:http receiver on 127.0.0.1
// (allowed over http through WEBHOOK_ALLOW_HOSTS, as in local development), the per-minute cron
// fired through /__scheduled, and the signature checked with the standardwebhooks library.
const MINUTE_CRON = '/__scheduled?cron=*+*+*+*+*'

describe('a webhook through wrangler dev to a local receiver', () => {
  let stack: DevStack
  let receiver: Server
  let port = 0
  const received: { headers: IncomingHttpHeaders; body: string }[] = []

  beforeAll(async () => {
    port = await freePort()
    receiver = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
      req.on('end', () => {
        received.push({ headers: req.headers, body })
        res.writeHead(204).end()
      })
    })
    await new Promise<void>((resolve) => receiver.listen(port, '127.0.0.1', resolve))
    stack = await startTestDevServer({ webhookAllowHosts: `127.0.0.1:${port}` })
  })

  afterAll(async () => {
    await stack?.stop()
    await new Promise((resolve) => receiver?.close(resolve))
  })

  it('delivers one signed lead.created', async () => {
    const signup = await fetch(`${stack.url}/signup`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: stack.url, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'Wanda Webhook', email: `wanda-${Date.now()}@example.test`, password: 'plum-harbour-velvet-42', workspace: 'Hooks Ltd' }),
    })
    expect(signup.status).toBe(303)
    const cookie = signup.headers.getSetCookie().find((c) => c.startsWith('crm_session='))?.split(';')[0] ?? ''
    const me = (await (await fetch(`${stack.url}/api/v1/me`, { headers: { Cookie: cookie } })).json()) as { userId: string; workspace: { id: string } }

    const secret = generateSecret()
    const db = createDb({ DATABASE_URL: 'postgres://crm:crm@localhost:5432/crm', NEON_FETCH_ENDPOINT: stack.endpointUrl })
    await db.insert(webhookEndpoints).values({ tenantId: me.workspace.id, url: `http://127.0.0.1:${port}/hook`, eventTypes: ['lead.created'], secret, createdBy: me.userId })

    const lead = await fetch(`${stack.url}/api/v1/leads`, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: stack.url, 'Content-Type': 'application/json' },
      body: JSON.stringify({ firstName: 'Ada', lastName: 'Lovelace' }),
    })
    expect(lead.status).toBe(201)
    const { id: leadId } = (await lead.json()) as { id: string }

    expect((await fetch(stack.url + MINUTE_CRON)).status).toBe(200)
    await expect.poll(() => received.length, { timeout: 30_000, interval: 250 }).toBe(1)
    const [hit] = received
    const headers = Object.fromEntries(Object.entries(hit?.headers ?? {}).map(([k, v]) => [k, String(v)]))
    expect(new Webhook(secret).verify(hit?.body ?? '', headers)).toMatchObject({ type: 'lead.created', data: { entityType: 'lead', entityId: leadId } })

    // Another tick finds nothing new to send.
    expect((await fetch(stack.url + MINUTE_CRON)).status).toBe(200)
    await new Promise((r) => setTimeout(r, 3_000))
    expect(received).toHaveLength(1)
  })
})
