import { describe, expect, it } from 'vitest'
import { addMember, me, signUp } from '../helpers/auth'
import { allPages, api, type Problem } from '../helpers/records'
import { SITE, addSubmissions, contactForm, createForm, storedSecret, type FormJson } from './fixtures'

const paths = (p: Problem) => p.errors?.map((e) => e.path) ?? []
const messageAt = (p: Problem, path: string) => p.errors?.find((e) => e.path === path)?.message

describe('POST /api/v1/forms', () => {
  it('creates a form with a public key and embed address, and never returns the Turnstile secret', async () => {
    const admin = await signUp()
    const res = await api<FormJson>(admin, 'POST', '/forms', contactForm({ turnstileSiteKey: '0x4AAAAAAA-site', turnstileSecret: '0x4AAAAAAA-secret', consentText: 'You may email me.', redirectUrl: 'https://www.example.com/thanks' }))
    expect(res.status).toBe(201)
    const form = res.body
    expect(form.key).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(form).toMatchObject({
      name: 'Contact us',
      allowedOrigins: [SITE],
      consentText: 'You may email me.',
      redirectUrl: 'https://www.example.com/thanks',
      thankYouMessage: null,
      ownerId: null,
      turnstileSiteKey: '0x4AAAAAAA-site',
      hasTurnstileSecret: true,
      minFillSeconds: 3,
      acceptWithoutTimestamp: true,
      maxPerMinute: 600,
      maxPerIpPerMinute: 10,
      embedUrl: `http://localhost/f/${form.key}`,
      archivedAt: null,
    })
    expect((form.fields as unknown[]).length).toBe(3)
    expect(JSON.stringify(form)).not.toContain('0x4AAAAAAA-secret')
    expect('turnstileSecret' in form).toBe(false)

    const read = await api<FormJson>(admin, 'GET', `/forms/${form.id}`)
    expect(read.body).toEqual(form)
    expect(JSON.stringify((await api(admin, 'GET', '/forms')).body)).not.toContain('0x4AAAAAAA-secret')
    // Two forms never share a key.
    expect((await createForm(admin)).key).not.toBe(form.key)
  })

  it('keeps allowed origins as browsers send them, and refuses anything more than an origin', async () => {
    const admin = await signUp()
    const ok = await createForm(admin, { allowedOrigins: ['HTTPS://WWW.Example.com:443/', 'http://localhost:8080', 'https://www.example.com'] })
    expect(ok.allowedOrigins).toEqual(['https://www.example.com', 'http://localhost:8080'])

    const res = await api<Problem>(admin, 'POST', '/forms', contactForm({ allowedOrigins: [SITE, 'https://shop.example.com/checkout?x=1', 'ftp://files.example.com', 'not a url'] }))
    expect(res.status).toBe(422)
    expect(paths(res.body)).toEqual(['allowedOrigins.1', 'allowedOrigins.2', 'allowedOrigins.3'])
    expect(messageAt(res.body, 'allowedOrigins.1')).toContain('“https://shop.example.com/checkout?x=1”')
    expect(messageAt(res.body, 'allowedOrigins.1')).toContain('https://shop.example.com')
    expect(messageAt(res.body, 'allowedOrigins.2')).toContain('not an http or https origin')
  })

  it('checks the fields as a whole: unique names, choices for a select, one input per lead field', async () => {
    const admin = await signUp()
    const fields = [
      { name: 'email', label: 'Email', type: 'email', required: true, maps: 'email' },
      { name: 'Email', label: 'Work email', type: 'email', maps: 'email' },
      { name: 'plan', label: 'Plan', type: 'select', maps: 'custom.plan' },
      { name: 'budget', label: '', type: 'text', maps: 'custom.Budget' },
    ]
    const res = await api<Problem>(admin, 'POST', '/forms', contactForm({ fields }))
    expect(res.status).toBe(422)
    expect(paths(res.body).sort()).toEqual(['fields.1.maps', 'fields.1.name', 'fields.2.options', 'fields.3.label', 'fields.3.maps'].sort())
    expect(messageAt(res.body, 'fields.1.name')).toBe('Another field is already named “Email”.')
    expect(messageAt(res.body, 'fields.2.options')).toBe('A select needs at least one choice.')

    const none = await api<Problem>(admin, 'POST', '/forms', contactForm({ fields: [] }))
    expect(paths(none.body)).toEqual(['fields'])
  })

  it('refuses half a Turnstile setup, unknown fields, and an owner who is not an active member', async () => {
    const admin = await signUp()
    const half = await api<Problem>(admin, 'POST', '/forms', contactForm({ turnstileSiteKey: 'site-only' }))
    expect(paths(half.body)).toEqual(['turnstileSecret'])
    const unknown = await api<Problem>(admin, 'POST', '/forms', contactForm({ tenantId: (await me(admin)).workspace.id }))
    expect(unknown.status).toBe(422)
    expect(paths(unknown.body)).toEqual(['tenantId'])

    const rep = await addMember(admin, 'rep')
    const repId = (await me(rep)).userId
    expect((await createForm(admin, { ownerId: repId })).ownerId).toBe(repId)
    const stranger = (await me(await signUp())).userId
    const foreign = await api<Problem>(admin, 'POST', '/forms', contactForm({ ownerId: stranger }))
    expect(foreign.status).toBe(422)
    expect(paths(foreign.body)).toEqual(['ownerId'])
    expect((await admin.post(`/settings/users/${repId}/deactivate`, {})).status).toBe(303)
    const gone = await api<Problem>(admin, 'POST', '/forms', contactForm({ ownerId: repId }))
    expect(paths(gone.body)).toEqual(['ownerId'])
  })
})

describe('GET /api/v1/forms', () => {
  it('pages through active forms newest first, and lists archived ones apart', async () => {
    const admin = await signUp()
    const ids: string[] = []
    for (let i = 0; i < 5; i++) ids.push((await createForm(admin, { name: `Form ${i}` })).id)
    expect((await api(admin, 'DELETE', `/forms/${ids[0]}`)).status).toBe(200)
    expect(await allPages(admin, '/forms', 2)).toEqual(ids.slice(1).reverse())
    expect(await allPages(admin, '/forms?archived=true', 2)).toEqual([ids[0]])
  })
})

describe('PATCH and DELETE /api/v1/forms/{id}', () => {
  it('changes only what is sent, keeps the stored secret, and clears it with the site key', async () => {
    const admin = await signUp()
    const tenantId = (await me(admin)).workspace.id
    const form = await createForm(admin, { turnstileSiteKey: 'site', turnstileSecret: 'secret-1' })
    const renamed = await api<FormJson>(admin, 'PATCH', `/forms/${form.id}`, { name: 'Demo request', allowedOrigins: ['https://app.example.com/'] })
    expect(renamed.status).toBe(200)
    expect(renamed.body).toMatchObject({ name: 'Demo request', allowedOrigins: ['https://app.example.com'], key: form.key, hasTurnstileSecret: true, turnstileSiteKey: 'site' })
    expect(renamed.body.fields).toEqual(form.fields)
    expect(await storedSecret(tenantId, form.id)).toBe('secret-1')

    const bad = await api<Problem>(admin, 'PATCH', `/forms/${form.id}`, { minFillSeconds: 601, key: 'mine' })
    expect(bad.status).toBe(422)
    expect(paths(bad.body).sort()).toEqual(['key', 'minFillSeconds'])

    const off = await api<FormJson>(admin, 'PATCH', `/forms/${form.id}`, { turnstileSiteKey: null })
    expect(off.body).toMatchObject({ turnstileSiteKey: null, hasTurnstileSecret: false })
    expect(await storedSecret(tenantId, form.id)).toBeNull()
  })

  it('archives and restores a form', async () => {
    const admin = await signUp()
    const form = await createForm(admin)
    const archived = await api<FormJson>(admin, 'DELETE', `/forms/${form.id}`)
    expect(archived.status).toBe(200)
    expect(archived.body.archivedAt).not.toBeNull()
    expect((await api<FormJson>(admin, 'GET', `/forms/${form.id}`)).body.archivedAt).toBe(archived.body.archivedAt)
    const restored = await api<FormJson>(admin, 'POST', `/forms/${form.id}/restore`)
    expect(restored.body.archivedAt).toBeNull()
  })
})

describe('GET /api/v1/forms/{id}/submissions', () => {
  it('pages through every submission newest first, spam included', async () => {
    const admin = await signUp()
    const tenantId = (await me(admin)).workspace.id
    const form = await createForm(admin)
    const ids = await addSubmissions(tenantId, form.id, ['created', 'quarantined', 'attached', 'flagged', 'released'])
    expect(await allPages(admin, `/forms/${form.id}/submissions`, 2)).toEqual([...ids].reverse())
    const first = await api<{ data: { id: string; outcome: string; verdict: string; spamReasons: string[]; receivedAt: string }[] }>(admin, 'GET', `/forms/${form.id}/submissions?limit=5`)
    expect(first.body.data.find((s) => s.outcome === 'quarantined')).toMatchObject({ verdict: 'spam', spamReasons: ['honeypot'] })
    expect((await api(admin, 'GET', `/forms/${form.id}/submissions?cursor=nonsense`)).status).toBe(400)
  })
})
