import { describe, expect, it } from 'vitest'
import { request } from '../helpers/app'
import { addMember, me, uniqueIp } from '../helpers/auth'
import { api } from '../helpers/records'
import { errorUnder, inputById } from '../forms/fixtures'
import { SITE, emailsTo, leadsWithEmail, person, post, submissionsOf, workspaceWithForm } from './fixtures'

describe('POST /f/:key bodies', () => {
  for (const as of ['urlencoded', 'multipart', 'json'] as const) {
    it(`takes a ${as} body and makes a lead of it`, async () => {
      const { tenantId, form } = await workspaceWithForm()
      const fields = await person(form.key, { budget: 'large', utm_medium: 'email' })
      const res = await post(form.key, fields, { as, json: true })
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ ok: true })
      const [lead] = await leadsWithEmail(tenantId, fields.email ?? '')
      expect(lead).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', companyName: 'Analytical Engines', source: 'Website', utmMedium: 'email', custom: { budget: 'large' } })
      const [stored] = await submissionsOf(tenantId, form.id)
      expect(stored).toMatchObject({ verdict: 'clean', outcome: 'created', leadId: lead?.id, utm: { utm_medium: 'email' } })
      expect(stored?.payload).toMatchObject({ email: fields.email, budget: 'large', _hp: '' })
      // Stored hashed, never as sent.
      expect(stored?.ipHash).toMatch(/^[0-9a-f]{64}$/)
    })
  }

  it('sends a plain form post on to the redirect address (303), or to the thank-you page', async () => {
    const { form } = await workspaceWithForm()
    const res = await post(form.key, await person(form.key))
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe(`${SITE}/thanks`)

    const plain = await workspaceWithForm({ redirectUrl: null })
    const thanks = await post(plain.form.key, await person(plain.form.key))
    expect(thanks.status).toBe(303)
    expect(thanks.headers.get('Location')).toBe(`/f/${plain.form.key}/thanks`)
  })

  it("gives the lead the form's owner and emails them; a repeat post attaches to it", async () => {
    const { admin, tenantId, form } = await workspaceWithForm()
    const rep = await addMember(admin, 'rep', 'Rita Rep')
    const repId = (await me(rep)).userId
    expect((await api(admin, 'PATCH', `/forms/${form.id}`, { ownerId: repId })).status).toBe(200)
    const mailBefore = (await emailsTo(rep.email)).length
    const fields = await person(form.key)
    expect((await post(form.key, fields)).status).toBe(303)
    expect((await post(form.key, fields)).status).toBe(303)
    expect(await leadsWithEmail(tenantId, fields.email ?? '')).toMatchObject([{ ownerId: repId }])
    expect((await submissionsOf(tenantId, form.id)).map((s) => s.outcome)).toEqual(['attached', 'created'])
    expect((await emailsTo(rep.email)).length).toBe(mailBefore + 1)
  })

  it('scores the new lead for its form submission (the default rules give a submission 20 points)', async () => {
    const { tenantId, form } = await workspaceWithForm()
    const fields = await person(form.key)
    expect((await post(form.key, fields)).status).toBe(303)
    await expect.poll(async () => (await leadsWithEmail(tenantId, fields.email ?? ''))[0]?.score, { timeout: 10_000 }).toBeGreaterThanOrEqual(20)
  })

  it('stores the consent text with whether the box was ticked', async () => {
    const { tenantId, form } = await workspaceWithForm({ consentText: 'Email me about products.' })
    await post(form.key, await person(form.key, { _consent: 'on' }))
    await post(form.key, await person(form.key))
    const rows = await submissionsOf(tenantId, form.id)
    expect(rows.map((r) => [r.consentText, r.consentGiven]).sort()).toEqual([
      ['Email me about products.', false],
      ['Email me about products.', true],
    ])
  })

  it('refuses a body over 32 KB with 413, storing nothing', async () => {
    const { tenantId, form } = await workspaceWithForm()
    const res = await post(form.key, await person(form.key, { message: 'x'.repeat(33 * 1024) }), { json: true })
    expect(res.status).toBe(413)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull()
    expect(await submissionsOf(tenantId, form.id)).toHaveLength(0)
  })

  it('keeps every field of a large post but cuts long values to fit the stored payload', async () => {
    const { tenantId, form } = await workspaceWithForm()
    const fields = await person(form.key, { message: 'y'.repeat(20_000) })
    expect((await post(form.key, fields)).status).toBe(303)
    const [stored] = await submissionsOf(tenantId, form.id)
    expect(Object.keys(stored?.payload ?? {}).sort()).toEqual(Object.keys(fields).sort())
    expect(stored?.payload.email).toBe(fields.email)
    expect(String(stored?.payload.message).length).toBeLessThan(8 * 1024)
    expect(String(stored?.payload.message).endsWith('…')).toBe(true)
  })

  it('refuses other content types (415), and JSON that is malformed or not flat fields (400)', async () => {
    const { tenantId, form } = await workspaceWithForm()
    const raw = (body: string, type: string) => request(`/f/${form.key}`, { method: 'POST', body, headers: { Origin: SITE, 'Content-Type': type, Accept: 'application/json', 'CF-Connecting-IP': uniqueIp() } })
    expect((await raw('email=a@example.com', 'text/plain')).status).toBe(415)
    expect((await raw('{"email": "a@example.com"', 'application/json')).status).toBe(400)
    expect((await raw('{"email": {"address": "a@example.com"}}', 'application/json')).status).toBe(400)
    expect((await raw('["a@example.com"]', 'application/json')).status).toBe(400)
    expect(await submissionsOf(tenantId, form.id)).toHaveLength(0)
  })
})

describe('POST /f/:key with a mistake in it', () => {
  it('answers a script 422 with the field errors, storing nothing', async () => {
    const { tenantId, form } = await workspaceWithForm()
    const res = await post(form.key, await person(form.key, { email: '', budget: 'huge' }), { json: true })
    expect(res.status).toBe(422)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(SITE)
    const body = (await res.json()) as { ok: boolean; errors: { path: string; message: string }[] }
    expect(body.ok).toBe(false)
    expect(body.errors).toEqual([
      { path: 'email', message: 'Email is required.' },
      { path: 'budget', message: 'Choose Budget from the list.' },
    ])
    expect(await submissionsOf(tenantId, form.id)).toHaveLength(0)
  })

  it('gives a plain post the hosted form again (422), with what was typed and what to fix', async () => {
    const { tenantId, form } = await workspaceWithForm()
    const res = await post(form.key, await person(form.key, { email: '', firstName: 'Grace' }))
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(inputById(html, 'f-firstName')).toBe('Grace')
    expect(errorUnder(html, 'f-email')).toBe('Email is required.')
    // The re-rendered page may be framed like the hosted form it is.
    expect(res.headers.get('Content-Security-Policy')).toContain(`frame-ancestors ${SITE}`)
    expect(await submissionsOf(tenantId, form.id)).toHaveLength(0)
  })
})
