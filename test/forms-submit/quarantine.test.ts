import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { formSubmissions } from '../../src/db/schema'
import { request, testDb } from '../helpers/app'
import { ORIGIN, addMember, me, uniqueEmail, type Browser } from '../helpers/auth'
import { allPages, api } from '../helpers/records'
import { createForm } from '../forms/fixtures'
import { LEAD_FORM, emailsTo, leadsWithEmail, person, post, submissionsOf, workspaceWithForm } from './fixtures'

// What the spam checks hold back, posted for real: one held post per entry, oldest first.
async function holdPosts(key: string, extras: Record<string, string>[]) {
  for (const extra of extras) expect((await post(key, await person(key, { _hp: 'bot', ...extra }))).status).toBe(303)
}

// The quarantine's bulk form: one "ids" per ticked row, as the page's checkboxes post them.
function postIds(who: Browser, path: string, ids: string[], extra: Record<string, string> = {}) {
  const body = new URLSearchParams(extra)
  for (const id of ids) body.append('ids', id)
  return request(path, { method: 'POST', body, headers: { Cookie: who.cookie, Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' }, redirect: 'manual' })
}

const heldIds = async (tenantId: string, formId: string) => (await submissionsOf(tenantId, formId)).filter((s) => s.outcome === 'quarantined').map((s) => s.id)

describe('/forms/quarantine', () => {
  it('lists held submissions newest first with their form, reasons, origin, sender and payload', async () => {
    const { admin, form } = await workspaceWithForm()
    await holdPosts(form.key, [{ firstName: 'First', email: 'first@example.com' }, { firstName: 'Second', email: 'second@example.com' }])
    const res = await admin.get('/forms/quarantine')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('2 held submissions')
    expect(html.indexOf('second@example.com')).toBeLessThan(html.indexOf('first@example.com'))
    expect(html).toContain('Second Lovelace')
    expect(html).toContain('Filled the hidden field')
    expect(html).toContain('https://www.example.com')
    expect(html).toContain('Contact us')
    expect(html).toMatch(/<details class="submission-payload"><summary>Show<\/summary><pre>[^<]*&quot;_hp&quot;: &quot;bot&quot;/)
    expect(html).toContain('formaction="/forms/quarantine/release"')
  })

  it('is linked from the forms list', async () => {
    const { admin } = await workspaceWithForm()
    expect(await (await admin.get('/forms')).text()).toContain('href="/forms/quarantine"')
  })

  it('filters by form and pages by keyset', async () => {
    const { admin, tenantId, form } = await workspaceWithForm()
    const other = await createForm(admin, { ...LEAD_FORM, name: 'Webinar' })
    await holdPosts(form.key, [{}, {}, {}])
    await holdPosts(other.key, [{ email: 'webinar@example.com' }])
    const filtered = await (await admin.get(`/forms/quarantine?formId=${other.id}`)).text()
    expect(filtered).toContain('1 held submission')
    expect(filtered).toContain('webinar@example.com')

    const first = await (await admin.get(`/forms/quarantine?formId=${form.id}&limit=2`)).text()
    const next = /href="(\/forms\/quarantine\?[^"]*cursor=[^"]+)"/.exec(first)?.[1]?.replaceAll('&amp;', '&')
    expect(next).toContain(`formId=${form.id}`)
    const ids = await heldIds(tenantId, form.id)
    const second = await admin.get(`${next}&limit=2`, { 'HX-Request': 'true' })
    const fragment = await second.text()
    expect(fragment.startsWith('<section id="record-list"')).toBe(true)
    expect(fragment.match(/name="ids"/g)).toHaveLength(1)
    expect(fragment).toContain(`value="${ids.at(-1)}"`)
  })

  it('releases the ticked submissions into leads, owned and announced as a clean one would be', async () => {
    const { admin, tenantId, form } = await workspaceWithForm()
    const rep = await addMember(admin, 'rep', 'Rita Rep')
    const repId = (await me(rep)).userId
    expect((await api(admin, 'PATCH', `/forms/${form.id}`, { ownerId: repId })).status).toBe(200)
    const email = uniqueEmail('released')
    await holdPosts(form.key, [{ email, budget: 'large' }, { email: uniqueEmail('stays') }])
    const [, older] = await submissionsOf(tenantId, form.id)
    const mailBefore = (await emailsTo(rep.email)).length
    const res = await postIds(admin, '/forms/quarantine/release', [older?.id ?? ''])
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe('/forms/quarantine?released=1')
    const [lead] = await leadsWithEmail(tenantId, email)
    expect(lead).toMatchObject({ firstName: 'Ada', ownerId: repId, source: 'Website', custom: { budget: 'large' } })
    const [row] = await testDb().select().from(formSubmissions).where(and(eq(formSubmissions.tenantId, tenantId), eq(formSubmissions.id, older?.id ?? '')))
    expect(row).toMatchObject({ outcome: 'released', verdict: 'spam', leadId: lead?.id, spamReasons: ['honeypot'] })
    // The owner is emailed about the new lead (besides the invitation that brought them in).
    expect((await emailsTo(rep.email)).length).toBe(mailBefore + 1)
    const page = await (await admin.get(res.headers.get('Location') ?? '')).text()
    expect(page).toContain('Released 1 submission into leads.')
    expect(page).toContain('1 held submission')
  })

  it('releases junk as a lead without the value that made it junk; the payload keeps it', async () => {
    const { admin, tenantId, form } = await workspaceWithForm()
    await holdPosts(form.key, [{ email: 'not-an-email', firstName: 'Kept' }])
    const ids = await heldIds(tenantId, form.id)
    expect((await postIds(admin, '/forms/quarantine/release', ids)).status).toBe(303)
    const [row] = await submissionsOf(tenantId, form.id)
    expect(row).toMatchObject({ outcome: 'released', payload: expect.objectContaining({ email: 'not-an-email' }) })
    expect(row?.leadId).toBeTruthy()
  })

  it('deletes the ticked submissions after a confirmation, and says how many', async () => {
    const { admin, tenantId, form } = await workspaceWithForm()
    await holdPosts(form.key, [{}, {}, {}])
    const ids = await heldIds(tenantId, form.id)
    const ask = await postIds(admin, '/forms/quarantine/delete', ids.slice(0, 2), { formId: form.id })
    expect(ask.status).toBe(200)
    const confirm = await ask.text()
    expect(confirm).toContain('Delete 2 submissions?')
    expect(await heldIds(tenantId, form.id)).toHaveLength(3)

    const done = await postIds(admin, '/forms/quarantine/delete', ids.slice(0, 2), { formId: form.id, confirm: 'yes' })
    expect(done.status).toBe(303)
    expect(done.headers.get('Location')).toBe(`/forms/quarantine?formId=${form.id}&deleted=2`)
    expect(await heldIds(tenantId, form.id)).toEqual([ids[2]])
    expect(await (await admin.get(done.headers.get('Location') ?? '')).text()).toContain('Deleted 2 submissions.')
  })

  it('asks for a selection when nothing is ticked', async () => {
    const { admin } = await workspaceWithForm()
    expect((await postIds(admin, '/forms/quarantine/release', [])).status).toBe(422)
  })

  it('is only for those who manage forms', async () => {
    const { admin, tenantId, form } = await workspaceWithForm()
    await holdPosts(form.key, [{}])
    const rep = await addMember(admin, 'rep')
    expect((await rep.get('/forms/quarantine')).status).toBe(403)
    expect((await postIds(rep, '/forms/quarantine/delete', await heldIds(tenantId, form.id), { confirm: 'yes' })).status).toBe(403)
    expect((await api(rep, 'GET', '/quarantine')).status).toBe(403)
    expect(await heldIds(tenantId, form.id)).toHaveLength(1)
  })
})

type Held = { id: string; formId: string; formName: string; spamReasons: string[]; origin: string | null; name: string | null; email: string | null; payload: Record<string, unknown>; receivedAt: string }

describe('/api/v1/quarantine', () => {
  it('lists, releases and deletes held submissions', async () => {
    const { admin, tenantId, form } = await workspaceWithForm()
    const email = uniqueEmail('api')
    await holdPosts(form.key, [{ email }, { email: 'not-an-email' }, {}])
    const list = await api<{ data: Held[]; nextCursor: string | null }>(admin, 'GET', `/quarantine?formId=${form.id}`)
    expect(list.status).toBe(200)
    expect(list.body.data).toHaveLength(3)
    expect(list.body.data[2]).toMatchObject({ formId: form.id, formName: 'Contact us', spamReasons: ['honeypot'], origin: 'https://www.example.com', name: 'Ada Lovelace', email })
    expect(await allPages(admin, `/quarantine?formId=${form.id}`, 1)).toEqual(list.body.data.map((h) => h.id))

    const [newest, middle, oldest] = list.body.data.map((h) => h.id)
    expect(await api(admin, 'POST', '/quarantine/release', { ids: [oldest] })).toEqual({ status: 200, body: { released: 1, failed: 0 } })
    expect(await leadsWithEmail(tenantId, email)).toHaveLength(1)
    // Released already: not counted again.
    expect(await api(admin, 'POST', '/quarantine/release', { ids: [oldest] })).toEqual({ status: 200, body: { released: 0, failed: 0 } })
    expect(await api(admin, 'POST', '/quarantine/delete', { ids: [newest, middle, oldest] })).toEqual({ status: 200, body: { deleted: 2 } })
    expect((await submissionsOf(tenantId, form.id)).map((s) => s.outcome)).toEqual(['released'])
  })

  it('refuses a selection that is empty, too large or not ids (422)', async () => {
    const { admin } = await workspaceWithForm()
    for (const ids of [[], Array.from({ length: 501 }, () => crypto.randomUUID()), ['not-an-id']]) {
      expect((await api(admin, 'POST', '/quarantine/delete', { ids })).status).toBe(422)
    }
    expect((await api(admin, 'POST', '/quarantine/release', { ids: [crypto.randomUUID()], extra: 1 })).status).toBe(422)
  })
})

describe('quarantine tenancy', () => {
  it("neither lists, releases nor deletes another workspace's submissions", async () => {
    const theirs = await workspaceWithForm()
    await holdPosts(theirs.form.key, [{}, {}])
    const ids = await heldIds(theirs.tenantId, theirs.form.id)
    const mine = await workspaceWithForm()
    expect((await api<{ data: Held[] }>(mine.admin, 'GET', `/quarantine?formId=${theirs.form.id}`)).body.data).toEqual([])
    expect((await api<{ data: Held[] }>(mine.admin, 'GET', '/quarantine')).body.data).toEqual([])
    expect(await api(mine.admin, 'POST', '/quarantine/release', { ids })).toEqual({ status: 200, body: { released: 0, failed: 0 } })
    expect(await api(mine.admin, 'POST', '/quarantine/delete', { ids })).toEqual({ status: 200, body: { deleted: 0 } })
    expect((await postIds(mine.admin, '/forms/quarantine/delete', ids, { confirm: 'yes' })).headers.get('Location')).toBe('/forms/quarantine?deleted=0')
    expect(await (await mine.admin.get('/forms/quarantine')).text()).toContain('Nothing in quarantine.')
    expect(await heldIds(theirs.tenantId, theirs.form.id)).toHaveLength(2)
  })
})
