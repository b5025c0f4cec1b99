import { describe, expect, it } from 'vitest'
import { addMember, me, signUp } from '../helpers/auth'
import { api } from '../helpers/records'
import { addSubmissions, contactForm, createForm, type FormJson } from './fixtures'

// Workspace B's admin knows workspace A's form ids and tries them on every route: each is a 404,
// B's lists never show them, and A's form stays as it was.
describe('form tenancy', () => {
  it("404s another workspace's forms in the API and on the pages, and changes nothing", async () => {
    const a = await signUp({ workspace: 'Tenant A' })
    const b = await signUp({ workspace: 'Tenant B' })
    const form = await createForm(a)
    await addSubmissions((await me(a)).workspace.id, form.id, ['created', 'quarantined'])
    const id = form.id

    expect((await api(b, 'GET', `/forms/${id}`)).status).toBe(404)
    expect((await api(b, 'PATCH', `/forms/${id}`, { name: 'Hijacked' })).status).toBe(404)
    expect((await api(b, 'DELETE', `/forms/${id}`)).status).toBe(404)
    expect((await api(b, 'POST', `/forms/${id}/restore`)).status).toBe(404)
    expect((await api(b, 'GET', `/forms/${id}/submissions`)).status).toBe(404)
    expect((await b.get(`/forms/${id}`)).status).toBe(404)
    expect((await b.get(`/forms/${id}/edit`)).status).toBe(404)
    for (const [path, body] of [
      [`/forms/${id}`, { name: 'Hijacked', 'fields.0.label': 'Email', 'fields.0.name': 'email', 'fields.0.type': 'email', 'fields.0.maps': 'email' }],
      [`/forms/${id}`, { _row: 'add' }],
      [`/forms/${id}/archive`, {}],
      [`/forms/${id}/restore`, {}],
    ] as const) {
      expect((await b.post(path, body)).status, path).toBe(404)
    }

    expect((await api<{ data: FormJson[] }>(b, 'GET', '/forms')).body.data).toEqual([])
    expect(await (await b.get('/forms')).text()).not.toContain(id)
    const after = await api<FormJson>(a, 'GET', `/forms/${id}`)
    expect(after.body).toEqual(form)
    expect((await api<{ data: unknown[] }>(a, 'GET', `/forms/${id}/submissions`)).body.data).toHaveLength(2)
  })

  it('keeps forms to those who may manage them', async () => {
    const admin = await signUp()
    const form = await createForm(admin)
    const manager = await addMember(admin, 'manager')
    expect((await api(manager, 'GET', `/forms/${form.id}`)).status).toBe(200)
    expect((await manager.get('/forms')).status).toBe(200)

    for (const role of ['rep', 'support'] as const) {
      const member = await addMember(admin, role)
      expect((await api(member, 'GET', '/forms')).status, role).toBe(403)
      expect((await api(member, 'POST', '/forms', contactForm())).status, role).toBe(403)
      expect((await api(member, 'GET', `/forms/${form.id}`)).status, role).toBe(403)
      expect((await member.get('/forms')).status, role).toBe(403)
      expect((await member.get('/forms/new')).status, role).toBe(403)
      expect((await member.get(`/forms/${form.id}`)).status, role).toBe(403)
      expect((await member.post(`/forms/${form.id}/archive`, {})).status, role).toBe(403)
      // The navigation does not offer what the role cannot open.
      expect(await (await member.get('/my-work')).text()).not.toContain('href="/forms"')
    }
  })
})
