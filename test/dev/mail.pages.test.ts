import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import { enqueueEmail, listOutbox } from '../../src/db/queries/outbox'
import { MailboxPage } from '../../src/views/dev/mailbox'
import { passwordResetEmail } from '../../src/views/email/password-reset'
import { request, testDb, testEnv } from '../helpers/app'

async function seed(label: string) {
  const email = passwordResetEmail({ name: `<script>alert("${label}")</script>`, resetUrl: `http://localhost/reset/${label}`, expiresMinutes: 30 })
  const key = `test:dev-mail:${label}:${crypto.randomUUID()}`
  const id = await enqueueEmail(testDb(), { tenantId: null, idempotencyKey: key, to: `${label}@example.com`, ...email })
  return { id, key, email }
}

describe('GET /dev/mail', () => {
  it('lists the newest messages with recipient, subject, status and time', async () => {
    const { id } = await seed('listed')
    const res = await request('/dev/mail')
    expect(res.status).toBe(200)
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    const html = await res.text()
    expect(html).toContain('listed@example.com')
    expect(html).toContain(`href="/dev/mail/${id}"`)
    expect(html).toContain('Reset your Edge CRM password')
    expect(html).toContain('queued')
    expect(html).toMatch(/<time datetime="\d{4}-/)
  })

  it('pages back through older mail by keyset, newest first', async () => {
    const a = await seed('page-a')
    const b = await seed('page-b')
    const c = await seed('page-c')
    const cursor = await seed('page-cursor')
    const mine = new Set([a.id, b.id, c.id])
    // Other test files write to the same outbox concurrently, so follow the cursor until `a` and
    // look only at our rows.
    const seen: string[] = []
    let before: string | null = cursor.id
    for (let page = 0; page < 20 && before && !seen.includes(a.id); page++) {
      const result = await listOutbox(testDb(), { limit: 2, before })
      expect(result.items.length).toBeLessThanOrEqual(2)
      seen.push(...result.items.map((m) => m.id).filter((id) => mine.has(id)))
      before = result.nextBefore
    }
    expect(seen).toEqual([c.id, b.id, a.id])

    const res = await request(`/dev/mail?before=${cursor.id}`)
    const html = await res.text()
    expect(html).toContain(`href="/dev/mail/${c.id}"`)
    expect(html).not.toContain(`href="/dev/mail/${cursor.id}"`)
    expect(html).toContain('href="/dev/mail">Newest')
  })

  it('says so when there is no mail', () => {
    const html = String(MailboxPage({ items: [], nextBefore: null, isFirstPage: true }))
    expect(html).toContain('No mail yet')
    expect(html).not.toContain('<table')
  })

  it('rejects a cursor that is not an id', async () => {
    expect((await request('/dev/mail?before=1%27%20or%201=1')).status).toBe(400)
  })
})

describe('GET /dev/mail/:id', () => {
  it('shows the message: facts, the HTML in a sandboxed frame, and the text version', async () => {
    const { id, email } = await seed('detail')
    const res = await request(`/dev/mail/${id}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('detail@example.com')
    expect(html).toContain(`<iframe src="/dev/mail/${id}/html" sandbox=""`)
    expect(html).toContain('<a href="http://localhost/reset/detail">')
    // The text version sits in a <pre>, escaped like any other value.
    expect(html).toContain('<pre>Hi &lt;script&gt;alert(&quot;detail&quot;)&lt;/script&gt;,')
    expect(html).toContain('http://localhost/reset/detail')
    expect(html).not.toContain('<script>alert')
    expect(email.text).toContain('<script>alert("detail")</script>')
  })

  it('returns 404 for an unknown id and for something that is not an id', async () => {
    expect((await request(`/dev/mail/${crypto.randomUUID()}`)).status).toBe(404)
    expect((await request('/dev/mail/not-an-id')).status).toBe(404)
    expect((await request(`/dev/mail/${crypto.randomUUID()}/html`)).status).toBe(404)
  })
})

describe('GET /dev/mail/:id/html', () => {
  it('serves the stored HTML, byte for byte, as its own document', async () => {
    const { id, email } = await seed('framed')
    const res = await request(`/dev/mail/${id}/html`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
    expect(await res.text()).toBe(email.html)
  })

  it('sends a policy that runs nothing and lets only our own mailbox frame it', async () => {
    const { id } = await seed('framed-headers')
    const res = await request(`/dev/mail/${id}/html`)
    const csp = res.headers.get('Content-Security-Policy') ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("style-src 'unsafe-inline'")
    expect(csp).toMatch(/(^|; )sandbox(;|$)/)
    expect(csp).not.toContain('script-src')
    expect(csp).toContain("frame-ancestors 'self'")
    expect(res.headers.get('X-Frame-Options')).toBe('SAMEORIGIN')
  })
})

describe('outside local mode', () => {
  const app = createApp()
  const env = { ...testEnv, LOCAL_MODE: undefined }

  it('the mailbox does not exist', async () => {
    const { id } = await seed('hidden')
    for (const path of ['/dev/mail', '/dev/mail/', `/dev/mail/${id}`, `/dev/mail/${id}/html`]) {
      const res = await app.request(path, {}, env)
      expect(res.status, path).toBe(404)
      expect(await res.text()).not.toContain('hidden@example.com')
    }
  })
})
