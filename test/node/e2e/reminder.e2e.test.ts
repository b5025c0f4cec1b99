import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DevStack } from '../../../tools/dev/stack.ts'
import { startTestDevServer } from '../harness/dev-server.ts'

// The reminder path end to end, as `npm start` runs it: wrangler dev with its local queues and
// --test-scheduled, the worker on a fresh database, the cron fired through /__scheduled, and the
// email read from the dev mailbox. No cron ticker runs here, so only this test fires the cron.
const REMINDERS_CRON = '/__scheduled?cron=*+*+*+*+*'

describe('a due reminder through wrangler dev', () => {
  let stack: DevStack
  let cookie = ''
  const title = `Call Ada ${Date.now()}`

  const get = (path: string) => fetch(stack.url + path, { headers: { Cookie: cookie } })
  const postJson = (path: string, body: unknown) =>
    fetch(stack.url + path, { method: 'POST', headers: { Cookie: cookie, Origin: stack.url, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
  // The mailbox's rows for our reminder, with their status (queued until the send-email job ran).
  const reminderRows = async () => {
    const html = await (await get('/dev/mail')).text()
    return [...html.matchAll(/>Reminder: ([^<]+)<\/a><\/td><td><span[^>]*>(\w+)<\/span>/g)].filter((m) => m[1] === title).map((m) => m[2])
  }

  beforeAll(async () => {
    stack = await startTestDevServer()
  })

  afterAll(async () => {
    await stack?.stop()
  })

  it('sends one reminder email, however often the cron fires', async () => {
    const signup = await fetch(`${stack.url}/signup`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: stack.url, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'Rita Reminder', email: `rita-${Date.now()}@example.test`, password: 'plum-harbour-velvet-42', workspace: 'Reminders Ltd' }),
    })
    expect(signup.status).toBe(303)
    cookie = signup.headers.getSetCookie().find((c) => c.startsWith('crm_session='))?.split(';')[0] ?? ''
    const me = (await (await get('/api/v1/me')).json()) as { userId: string }

    const task = await postJson('/api/v1/tasks', { title, assigneeId: me.userId, remindAt: new Date(Date.now() - 5_000).toISOString() })
    expect(task.status).toBe(201)

    expect((await fetch(stack.url + REMINDERS_CRON)).status).toBe(200)
    await expect.poll(reminderRows, { timeout: 20_000, interval: 250 }).toEqual(['sent'])

    // A second tick finds the reminder sent; give its queue time to deliver anything it enqueued.
    expect((await fetch(stack.url + REMINDERS_CRON)).status).toBe(200)
    await new Promise((r) => setTimeout(r, 3_000))
    expect(await reminderRows()).toEqual(['sent'])
  })
})
