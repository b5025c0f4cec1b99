import { describe, expect, it } from 'vitest'
import { fieldError, inputValue, signUp, withToken } from '../helpers/auth'

const revealed = (html: string) => /value="(crm_[^"]+)"/.exec(/<input[^>]*aria-label="New API token"[^>]*>/.exec(html)?.[0] ?? '')?.[1] ?? ''
const ticked = (html: string, scope: string) => new RegExp(`<input[^>]*name="scope:${scope}"[^>]*>`).exec(html)?.[0].includes('checked') ?? false
const selected = (html: string) => /<select[^>]*name="expiresInDays"[\s\S]*?<\/select>/.exec(html)?.[0].match(/<option value="([^"]*)" selected/)?.[1]

describe('the token form', () => {
  it('offers scopes and expiries, with 90 days chosen and no scope ticked', async () => {
    const html = await (await (await signUp()).get('/settings/tokens')).text()
    for (const scope of ['read', 'write', 'leads:read', 'leads:write', 'webhooks:write', 'imports:read']) {
      expect(html).toContain(`name="scope:${scope}"`)
      expect(ticked(html, scope)).toBe(false)
    }
    expect(selected(html)).toBe('90')
  })

  it('creates a token with the ticked scopes and expiry, listed with them', async () => {
    const user = await signUp()
    const res = await user.post('/settings/tokens', { name: 'Lead importer', 'scope:leads:write': 'on', 'scope:contacts:read': 'on', expiresInDays: '30' })
    expect(res.status).toBe(201)
    const html = await res.text()
    const token = revealed(html)
    expect((await withToken(token, '/api/v1/contacts')).status).toBe(200)
    expect((await withToken(token, '/api/v1/contacts', { method: 'POST', body: { firstName: 'No' } })).status).toBe(403)

    const row = /<tr data-token-id="[^"]+">[\s\S]*?<\/tr>/.exec(await (await user.get('/settings/tokens')).text())?.[0] ?? ''
    expect(row).toContain('Lead importer')
    expect(row).toContain('leads:write, contacts:read')
    const expires = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10)
    expect(row).toContain(`>${expires}</time>`)
    // The fresh form after creating starts over.
    expect(ticked(html, 'leads:write')).toBe(false)
  })

  it('creates a read-and-write token that never expires when nothing is ticked and Never is chosen', async () => {
    const user = await signUp()
    const res = await user.post('/settings/tokens', { name: 'Full', expiresInDays: '' })
    expect(res.status).toBe(201)
    const me = (await (await withToken(revealed(await res.text()), '/api/v1/me')).json()) as { token: unknown }
    expect(me.token).toMatchObject({ scopes: ['read', 'write'], expiresAt: null })
  })

  it('comes back with 422, the values as given and an error by each field', async () => {
    const user = await signUp()
    const res = await user.post('/settings/tokens', { name: 'Kept name', 'scope:leads:read': 'on', 'scope:leads:delete': 'on', expiresInDays: '0' })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(inputValue(html, 'name')).toBe('Kept name')
    expect(ticked(html, 'leads:read')).toBe(true)
    expect(ticked(html, 'leads:write')).toBe(false)
    expect(fieldError(html, 'scopes')).toBe('Choose scopes from the list.')
    expect(fieldError(html, 'expiresInDays')).toBe('A token must last at least a day.')
    expect(html).not.toContain('aria-label="New API token"')

    const unnamed = await user.post('/settings/tokens', { name: '  ', 'scope:write': 'on', expiresInDays: '365' })
    expect(unnamed.status).toBe(422)
    const again = await unnamed.text()
    expect(fieldError(again, 'name')).toBe('Enter a token name.')
    expect(ticked(again, 'write')).toBe(true)
    expect(selected(again)).toBe('365')
    expect(((await (await user.json('GET', '/api/v1/tokens')).json()) as { data: unknown[] }).data).toEqual([])
  })
})
