import { describe, expect, it } from 'vitest'
import { me, signUp } from '../helpers/auth'
import { api } from '../helpers/records'
import { SITE, addSubmissions, createForm, errorUnder, inputById, selected, storedSecret, textareaById, type FormJson } from './fixtures'

const HTMX = { 'HX-Request': 'true' }

// The editor as a browser posts it: settings plus one group of inputs per field row.
const editorPost = (extra: Record<string, string> = {}) => ({
  name: 'Website contact',
  'fields.0.label': 'Work email',
  'fields.0.name': 'email',
  'fields.0.type': 'email',
  'fields.0.maps': 'email',
  'fields.0.required': 'on',
  'fields.1.label': 'Budget',
  'fields.1.name': 'budget',
  'fields.1.type': 'select',
  'fields.1.maps': 'custom',
  'fields.1.customKey': 'budget',
  'fields.1.options': 'Under 10k\r\n10k or more\r\n',
  allowedOrigins: `${SITE}\nhttps://shop.example.com/`,
  consentText: 'You may email me.',
  thankYouMessage: '',
  redirectUrl: '',
  defaultSource: 'Website',
  ownerId: '',
  minFillSeconds: '4',
  maxPerMinute: '600',
  maxPerIpPerMinute: '10',
  acceptWithoutTimestamp: 'on',
  turnstileSiteKey: '',
  turnstileSecret: '',
  ...extra,
})

const formsOf = async (who: Awaited<ReturnType<typeof signUp>>) => (await api<{ data: FormJson[] }>(who, 'GET', '/forms')).body.data

describe('/forms', () => {
  it('invites a workspace without forms to create its first one', async () => {
    const admin = await signUp()
    const res = await admin.get('/forms')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toMatch(/<a href="\/forms" aria-current="page">Forms<\/a>/)
    expect(html).toContain('<a class="button" href="/forms/new">Create your first form</a>')
  })

  it('lists forms with their submissions, outcomes and conversion rate', async () => {
    const admin = await signUp()
    const tenantId = (await me(admin)).workspace.id
    const form = await createForm(admin, { name: 'Pricing page' })
    await addSubmissions(tenantId, form.id, ['created', 'created', 'flagged', 'attached', 'quarantined', 'quarantined', 'released', 'created'])
    const html = await (await admin.get('/forms')).text()
    const row = new RegExp(`<tr data-form-id="${form.id}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? ''
    const cells = [...row.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1])
    expect(cells.slice(0, 6)).toEqual([`<a href="/forms/${form.id}">Pricing page</a>`, '8', '4', '1', '2', '75%'])
  })
})

describe('/forms/new', () => {
  it('offers an editor with a label on every input and starter fields', async () => {
    const admin = await signUp()
    const html = await (await admin.get('/forms/new')).text()
    expect(html).toContain('<h1>New form</h1>')
    for (const id of ['f-name', 'f-fields.0.label', 'f-fields.0.name', 'f-fields.0.type', 'f-fields.0.maps', 'f-fields.2.required', 'f-allowedOrigins', 'f-ownerId', 'f-turnstileSecret']) {
      expect(html, id).toContain(`<label for="${id}">`)
    }
    expect(inputById(html, 'f-fields.2.name')).toBe('email')
    expect(html).toContain('aria-label="Remove the field “Email”"')
    expect(html).toContain('<button type="submit" name="_row" formnovalidate="" hx-post="/forms" hx-target="#form-editor" hx-swap="outerHTML" value="add" class="secondary">Add a field</button>')
  })

  it('creates a form from the editor and shows its three embeds', async () => {
    const admin = await signUp()
    const res = await admin.post('/forms', editorPost())
    expect(res.status).toBe(303)
    const [form] = await formsOf(admin)
    expect(res.headers.get('Location')).toBe(`/forms/${form?.id}`)
    expect(form).toMatchObject({
      name: 'Website contact',
      allowedOrigins: [SITE, 'https://shop.example.com'],
      consentText: 'You may email me.',
      thankYouMessage: null,
      defaultSource: 'Website',
      minFillSeconds: 4,
      fields: [
        { name: 'email', label: 'Work email', type: 'email', required: true, maps: 'email' },
        { name: 'budget', label: 'Budget', type: 'select', required: false, maps: 'custom.budget', options: ['Under 10k', '10k or more'] },
      ],
    })

    const page = await admin.get(`/forms/${form?.id}`)
    const html = await page.text()
    const key = form?.key ?? ''
    const plain = textareaById(html, 'embed-html') ?? ''
    // Shown as text to copy (escaped), not as live markup on our page.
    expect(plain).toContain(`&lt;form method=&quot;post&quot; action=&quot;http://localhost/f/${key}&quot; class=&quot;crm-form&quot;&gt;`)
    expect(plain).toContain('name=&quot;_hp&quot;')
    expect(plain).toContain('name=&quot;_consent&quot;')
    expect(plain).not.toContain('_ts')
    expect(plain).not.toContain('&lt;script')
    expect(textareaById(html, 'embed-script')).toBe(`&lt;div data-crm-form=&quot;${key}&quot;&gt;&lt;/div&gt;\n&lt;script src=&quot;http://localhost/embed.js&quot; async&gt;&lt;/script&gt;`)
    expect(textareaById(html, 'embed-iframe')).toContain(`&lt;iframe src=&quot;http://localhost/f/${key}&quot; title=&quot;Website contact&quot;`)
    expect(html).toMatch(/<textarea id="embed-html" readonly=""/)
    expect(html).toContain('No submissions yet.')
  })

  it('keeps every value, field rows included, when the form is refused', async () => {
    const admin = await signUp()
    const res = await admin.post(
      '/forms',
      editorPost({ allowedOrigins: `${SITE}\nhttps://shop.example.com/checkout`, 'fields.1.options': '', 'fields.2.label': 'Email again', 'fields.2.name': 'email', 'fields.2.type': 'text', 'fields.2.maps': 'phone', 'fields.3.label': 'Company', 'fields.3.name': 'company', 'fields.3.type': 'text', 'fields.3.maps': '', turnstileSiteKey: 'site-key', turnstileSecret: '' }),
    )
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('<h1>New form</h1>')
    expect(errorUnder(html, 'f-allowedOrigins')).toContain('“https://shop.example.com/checkout” has more than an origin')
    expect(errorUnder(html, 'f-fields.1.options')).toBe('A select needs at least one choice.')
    expect(errorUnder(html, 'f-fields.2.name')).toBe('Another field is already named “email”.')
    expect(errorUnder(html, 'f-turnstileSecret')).toBe('Give the secret key that goes with the site key.')
    expect(errorUnder(html, 'f-fields.3.maps')).toBe('Choose the lead field or custom field it fills.')
    expect(inputById(html, 'f-name')).toBe('Website contact')
    expect(textareaById(html, 'f-allowedOrigins')).toBe(`${SITE}\nhttps://shop.example.com/checkout`)
    expect(inputById(html, 'f-fields.0.label')).toBe('Work email')
    expect(inputById(html, 'f-fields.2.label')).toBe('Email again')
    expect(selected(html, 'f-fields.1.type')).toBe('select')
    expect(selected(html, 'f-fields.1.maps')).toBe('custom')
    expect(inputById(html, 'f-fields.1.customKey')).toBe('budget')
    expect(inputById(html, 'f-turnstileSiteKey')).toBe('site-key')
    expect(inputById(html, 'f-minFillSeconds')).toBe('4')
    expect(html).toMatch(/<input type="checkbox" id="f-fields.0.required" name="fields.0.required" checked=""/)
    expect(await formsOf(admin)).toHaveLength(0)
  })

  it('adds and removes field rows without saving, as a fragment for htmx and a page without it', async () => {
    const admin = await signUp()
    const added = await admin.post('/forms', editorPost({ _row: 'add' }), HTMX)
    expect(added.status).toBe(200)
    expect(added.headers.get('Vary')).toContain('HX-Request')
    const fragment = await added.text()
    expect(fragment.startsWith('<form id="form-editor"')).toBe(true)
    expect(inputById(fragment, 'f-fields.1.label')).toBe('Budget')
    expect(inputById(fragment, 'f-fields.2.label')).toBe('')
    // The new row fills nothing until chosen, and takes the focus.
    expect(selected(fragment, 'f-fields.2.maps')).toBe('')
    expect(fragment).toMatch(/<input id="f-fields.2.label" name="fields.2.label" type="text" value="" required="" autofocus=""/)
    expect(textareaById(fragment, 'f-consentText')).toBe('You may email me.')

    const removed = await admin.post('/forms', editorPost({ _row: 'remove:0' }))
    expect(removed.status).toBe(200)
    const page = await removed.text()
    expect(page).toContain('<h1>New form</h1>')
    expect(inputById(page, 'f-fields.0.label')).toBe('Budget')
    expect(inputById(page, 'f-fields.1.label')).toBeNull()
    expect(page).toMatch(/value="add" class="secondary" autofocus="">Add a field</)
    expect(await formsOf(admin)).toHaveLength(0)
  })
})

describe('/forms/:id/edit', () => {
  it('edits a form, keeping the stored Turnstile secret when the input is left empty', async () => {
    const admin = await signUp()
    const tenantId = (await me(admin)).workspace.id
    const form = await createForm(admin, { turnstileSiteKey: 'site', turnstileSecret: 'the-secret' })
    const html = await (await admin.get(`/forms/${form.id}/edit`)).text()
    expect(inputById(html, 'f-name')).toBe('Contact us')
    expect(inputById(html, 'f-fields.2.label')).toBe('Company size')
    expect(textareaById(html, 'f-fields.2.options')).toBe('1-10\n11-50')
    expect(inputById(html, 'f-turnstileSiteKey')).toBe('site')
    expect(html).not.toContain('the-secret')
    expect(html).toContain('A secret is stored. Leave empty to keep it.')

    const saved = await admin.post(`/forms/${form.id}`, editorPost({ name: 'Renamed', turnstileSiteKey: 'site' }))
    expect(saved.status).toBe(303)
    expect(saved.headers.get('Location')).toBe(`/forms/${form.id}`)
    expect(await storedSecret(tenantId, form.id)).toBe('the-secret')
    const after = (await api<FormJson>(admin, 'GET', `/forms/${form.id}`)).body
    expect(after).toMatchObject({ name: 'Renamed', key: form.key, hasTurnstileSecret: true })

    const bad = await admin.post(`/forms/${form.id}`, editorPost({ name: '', minFillSeconds: '900' }))
    expect(bad.status).toBe(422)
    const badHtml = await bad.text()
    expect(errorUnder(badHtml, 'f-name')).toBe('Give the form a name.')
    expect(errorUnder(badHtml, 'f-minFillSeconds')).toBe('Minimum fill time goes from 0 to 600.')
    expect(inputById(badHtml, 'f-minFillSeconds')).toBe('900')
  })
})

describe('/forms/:id', () => {
  it('lists submissions newest first with their outcome, spam reasons and a link to the lead', async () => {
    const admin = await signUp()
    const tenantId = (await me(admin)).workspace.id
    const form = await createForm(admin)
    const lead = (await api<{ id: string }>(admin, 'POST', '/leads', { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' })).body
    await addSubmissions(tenantId, form.id, ['quarantined'], { from: Date.now() - 120_000 })
    await addSubmissions(tenantId, form.id, ['created'], { leadId: lead.id })
    const html = await (await admin.get(`/forms/${form.id}`)).text()
    expect(html).toContain('2 submissions')
    const newest = html.indexOf(`<a href="/leads/${lead.id}">Ada Lovelace</a>`)
    const older = html.indexOf('Filled the hidden field')
    expect(newest).toBeGreaterThan(0)
    expect(older).toBeGreaterThan(newest)
    expect(html).toContain('Quarantined as spam')
  })

  it('archives a form from its page, closing its public page, and restores it', async () => {
    const admin = await signUp()
    const form = await createForm(admin)
    const archived = await admin.post(`/forms/${form.id}/archive`, {})
    expect(archived.status).toBe(303)
    const page = await (await admin.get(`/forms/${form.id}`)).text()
    expect(page).toContain('Archived')
    expect(page).toContain(`action="/forms/${form.id}/restore"`)
    expect(page).not.toContain('embed-html')
    expect((await admin.get(`/f/${form.key}`)).status).toBe(404)
    expect(await (await admin.get('/forms')).text()).not.toContain(form.id)
    expect(await (await admin.get('/forms?archived=true')).text()).toContain(form.id)

    expect((await admin.post(`/forms/${form.id}/restore`, {})).status).toBe(303)
    expect((await admin.get(`/f/${form.key}`)).status).toBe(200)
  })
})
