import { describe, expect, it } from 'vitest'
import { request } from '../helpers/app'
import { ORIGIN } from '../helpers/auth'
import { SITE, leadsWithEmail, person, post, submissionsOf, workspaceWithForm } from './fixtures'

const preflight = (key: string, origin: string) =>
  request(`/f/${key}`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } })

describe('POST /f/:key origins', () => {
  it('takes a post from an allowed origin, answering its script with CORS headers and no cookie', async () => {
    const { tenantId, form, admin } = await workspaceWithForm()
    const fields = await person(form.key)
    // A signed-in visitor's session cookie is neither read nor renewed here.
    const res = await post(form.key, fields, { json: true, headers: { Cookie: admin.cookie } })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true })
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(SITE)
    expect(res.headers.get('Access-Control-Allow-Credentials')).toBeNull()
    expect(res.headers.get('Set-Cookie')).toBeNull()
    const [stored] = await submissionsOf(tenantId, form.id)
    expect(stored).toMatchObject({ origin: SITE, verdict: 'clean', spamReasons: [] })
    expect(await leadsWithEmail(tenantId, fields.email ?? '')).toHaveLength(1)
  })

  it('refuses a post from a site the form does not allow, storing nothing', async () => {
    const { tenantId, form } = await workspaceWithForm()
    const res = await post(form.key, await person(form.key), { json: true, origin: 'https://evil.example' })
    expect(res.status).toBe(403)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull()
    expect(await res.json()).toMatchObject({ ok: false })
    expect(await submissionsOf(tenantId, form.id)).toHaveLength(0)
  })

  it("refuses by the Referer's origin when there is no Origin header", async () => {
    const { tenantId, form } = await workspaceWithForm()
    const res = await post(form.key, await person(form.key), { origin: null, referer: 'https://evil.example/page' })
    expect(res.status).toBe(403)
    expect(await submissionsOf(tenantId, form.id)).toHaveLength(0)
  })

  it("accepts by the Referer's origin, and reads UTM parameters from its query", async () => {
    const { tenantId, form } = await workspaceWithForm()
    const fields = await person(form.key)
    const res = await post(form.key, fields, { origin: null, referer: `${SITE}/pricing?utm_source=news&utm_campaign=spring` })
    expect(res.status).toBe(303)
    const [stored] = await submissionsOf(tenantId, form.id)
    expect(stored).toMatchObject({ origin: SITE, referrer: `${SITE}/pricing?utm_source=news&utm_campaign=spring`, utm: { utm_source: 'news', utm_campaign: 'spring' }, verdict: 'clean' })
    expect((await leadsWithEmail(tenantId, fields.email ?? ''))[0]).toMatchObject({ source: 'Website', utmSource: 'news', utmCampaign: 'spring' })
  })

  it('quarantines a post with neither Origin nor Referer, answering it like any other', async () => {
    const { tenantId, form } = await workspaceWithForm()
    const fields = await person(form.key)
    const res = await post(form.key, fields, { origin: null })
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe(`${SITE}/thanks`)
    expect(await submissionsOf(tenantId, form.id)).toMatchObject([{ verdict: 'spam', outcome: 'quarantined', spamReasons: ['no_origin'], origin: null, leadId: null }])
    expect(await leadsWithEmail(tenantId, fields.email ?? '')).toHaveLength(0)
  })

  it("takes the hosted page's own posts, from the app's origin", async () => {
    const { tenantId, form } = await workspaceWithForm({ allowedOrigins: [] })
    const res = await post(form.key, await person(form.key), { origin: ORIGIN })
    expect(res.status).toBe(303)
    expect(await submissionsOf(tenantId, form.id)).toMatchObject([{ origin: ORIGIN, verdict: 'clean' }])
  })

  it('answers 404 for a key that names no form', async () => {
    const res = await post('NoSuchFormKey0123456789', { email: 'a@example.com' }, { json: true })
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ ok: false })
  })
})

describe('OPTIONS /f/:key', () => {
  it('answers the preflight of an allowed origin', async () => {
    const { form } = await workspaceWithForm()
    const res = await preflight(form.key, SITE)
    expect(res.status).toBe(204)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(SITE)
    expect(res.headers.get('Access-Control-Allow-Methods')).toContain('POST')
    expect(res.headers.get('Access-Control-Allow-Headers')).toContain('Content-Type')
  })

  it('refuses the preflight of any other origin, with no CORS headers', async () => {
    const { form } = await workspaceWithForm()
    const res = await preflight(form.key, 'https://evil.example')
    expect(res.status).toBe(403)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull()
  })
})

describe('the CSRF check elsewhere', () => {
  it('still refuses cross-site posts to the app under /f', async () => {
    const { admin, form } = await workspaceWithForm()
    // Only POST /f/:key is public; anything else there goes through sessions and CSRF as usual.
    const res = await request(`/f/${form.key}/thanks`, { method: 'POST', body: new URLSearchParams({}), headers: { Cookie: admin.cookie, Origin: SITE, 'Content-Type': 'application/x-www-form-urlencoded' }, redirect: 'manual' })
    expect(res.status).toBe(403)
  })
})
