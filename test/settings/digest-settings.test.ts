import { describe, expect, it } from 'vitest'
import { request } from '../helpers/app'
import { addMember, fieldError, me, signUp, type Browser } from '../helpers/auth'
import { api, type Problem } from '../helpers/records'

type MeJson = { timezone: string | null; digestEnabled: boolean; workspace: { id: string; timezone: string } }

const selected = (html: string, name: string) => new RegExp(`<select[^>]*name="${name}"[^>]*>[\\s\\S]*?<option value="([^"]*)" selected`).exec(html)?.[1] ?? null
const ticked = (html: string, name: string) => /\bchecked\b/.test(new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0] ?? '')
const page = async (who: Browser) => (await who.get('/settings/account')).text()
const meJson = async (who: Browser) => (await api<MeJson>(who, 'GET', '/me')).body

describe('daily digest settings on /settings/account', () => {
  it('starts on the workspace zone with the digest on, and saves a zone (canonical) and the opt-out', async () => {
    const user = await signUp()
    const before = await page(user)
    expect(before).toContain('Daily digest')
    expect(selected(before, 'timezone')).toBe('')
    expect(before).toContain('Workspace default (UTC)')
    expect(before).toContain('<option value="America/New_York">America/New York</option>')
    expect(ticked(before, 'digestEnabled')).toBe(true)
    expect(before).toContain('<label for="f-digestEnabled">Send me a daily digest at 7:00</label>')

    const saved = await user.post('/settings/account/digest', { timezone: 'europe/berlin' })
    expect(saved.status).toBe(303)
    expect(saved.headers.get('Location')).toBe('/settings/account?digest=saved#digest')
    const after = await (await user.get('/settings/account?digest=saved')).text()
    expect(after).toContain('Your digest settings have been saved.')
    expect(selected(after, 'timezone')).toBe('Europe/Berlin')
    expect(ticked(after, 'digestEnabled')).toBe(false)
    expect(await meJson(user)).toMatchObject({ timezone: 'Europe/Berlin', digestEnabled: false })

    expect((await user.post('/settings/account/digest', { timezone: '', digestEnabled: 'on' })).status).toBe(303)
    expect(await meJson(user)).toMatchObject({ timezone: null, digestEnabled: true })
  })

  it('refuses an unknown zone or an offset with 422, keeps what was posted, and saves nothing', async () => {
    const user = await signUp()
    for (const timezone of ['Mars/Olympus_Mons', '+05:00', 'x'.repeat(100)]) {
      const res = await user.post('/settings/account/digest', { timezone })
      expect(res.status).toBe(422)
      const html = await res.text()
      expect(fieldError(html, 'timezone')).toContain('Choose a time zone from the list')
      expect(ticked(html, 'digestEnabled')).toBe(false)
    }
    expect((await user.post('/settings/account/digest', { timezone: 'Nowhere/Land', digestEnabled: 'on', extra: '1' })).status).toBe(422)
    expect(await meJson(user)).toMatchObject({ timezone: null, digestEnabled: true })
  })

  it('the opt-in is per workspace, the zone is the person’s', async () => {
    const user = await signUp({ workspace: 'One' })
    const one = (await me(user)).workspace.id
    expect((await user.post('/workspaces', { workspace: 'Two' })).status).toBe(303)
    expect((await user.post('/settings/account/digest', { timezone: 'Asia/Tokyo' })).status).toBe(303)
    expect(await meJson(user)).toMatchObject({ timezone: 'Asia/Tokyo', digestEnabled: false })
    expect((await user.post('/workspaces/switch', { tenantId: one })).status).toBe(303)
    expect((await me(user)).workspace.name).toBe('One')
    expect(await meJson(user)).toMatchObject({ timezone: 'Asia/Tokyo', digestEnabled: true })
  })
})

describe('workspace time zone on /settings/workspace', () => {
  it('an admin sets it, members see it as their default, and an unknown zone is a 422', async () => {
    const admin = await signUp()
    const form = { name: 'Zoned', recordVisibility: 'all', defaultCountry: 'US', defaultCurrency: 'USD' }
    const bad = await admin.post('/settings/workspace', { ...form, timezone: 'Europe/Atlantis' })
    expect(bad.status).toBe(422)
    expect(fieldError(await bad.text(), 'timezone')).toContain('Choose a time zone from the list')
    expect((await admin.post('/settings/workspace', { ...form, timezone: 'America/Sao_Paulo' })).status).toBe(303)
    expect(selected(await (await admin.get('/settings/workspace')).text(), 'timezone')).toBe('America/Sao_Paulo')
    const rep = await addMember(admin, 'rep')
    expect(await page(rep)).toContain('Workspace default (America/Sao Paulo)')
    expect((await meJson(rep)).workspace.timezone).toBe('America/Sao_Paulo')
    expect((await rep.post('/settings/workspace', { ...form, timezone: 'UTC' })).status).toBe(403)
  })
})

describe('PATCH /api/v1/me', () => {
  it('changes the zone and the opt-in, each on its own, and refuses bad values naming the field', async () => {
    const user = await signUp()
    // Stored in the runtime's canonical spelling, which for some zones is the older name (Asia/Katmandu).
    const nepal = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Kathmandu' }).resolvedOptions().timeZone
    expect(await api(user, 'PATCH', '/me', { timezone: 'asia/kathmandu' })).toMatchObject({ status: 200, body: { timezone: nepal, digestEnabled: true } })
    expect(await api(user, 'PATCH', '/me', { digestEnabled: false })).toMatchObject({ status: 200, body: { timezone: nepal, digestEnabled: false } })
    expect(await api(user, 'PATCH', '/me', { timezone: null })).toMatchObject({ status: 200, body: { timezone: null } })
    const bad = await api<Problem>(user, 'PATCH', '/me', { timezone: 'Nope/Nowhere' })
    expect(bad.status).toBe(422)
    expect(bad.body.errors?.map((e) => e.path)).toEqual(['timezone'])
    const extra = await api<Problem>(user, 'PATCH', '/me', { role: 'admin' })
    expect(extra.status).toBe(422)
    expect(extra.body.errors?.map((e) => e.path)).toEqual(['role'])
    expect((await api<Problem>(user, 'PATCH', '/me', { digestEnabled: 'yes' })).status).toBe(422)
  })

  it('is in the OpenAPI document', async () => {
    const doc = (await (await request('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, { operationId?: string }>> }
    expect(doc.paths['/me']?.patch?.operationId).toBe('updateMe')
  })
})
