import { describe, expect, it } from 'vitest'
import { addMember, fieldError, inputValue, signUp } from '../helpers/auth'
import { allPages, created } from '../helpers/records'

describe('/settings/workspace', () => {
  it('switches reps to seeing only their own records, enforced in the API too', async () => {
    const admin = await signUp()
    const rep = await addMember(admin, 'rep')
    const theirs = await created<{ id: string }>(admin, '/accounts', { name: 'Admin-owned' })
    const mine = await created<{ id: string }>(rep, '/accounts', { name: 'Rep-owned' })
    expect((await allPages(rep, '/accounts', 50)).sort()).toEqual([mine.id, theirs.id].sort())

    const saved = await admin.post('/settings/workspace', { name: 'Renamed', recordVisibility: 'own', defaultCountry: 'gb', defaultCurrency: 'eur', timezone: 'UTC' })
    expect(saved.status).toBe(303)
    expect(await allPages(rep, '/accounts', 50)).toEqual([mine.id])
    expect((await rep.get(`/accounts/${theirs.id}`)).status).toBe(404)
    expect((await allPages(admin, '/accounts', 50)).length).toBe(2)
    const page = await (await admin.get('/settings/workspace')).text()
    expect(inputValue(page, 'defaultCountry')).toBe('GB')
  })

  it('refuses bad values with 422 and keeps them, and is admin-only', async () => {
    const admin = await signUp()
    const res = await admin.post('/settings/workspace', { name: 'X', recordVisibility: 'own', defaultCountry: 'ZZ', defaultCurrency: 'dollars', timezone: 'UTC' })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(fieldError(html, 'defaultCountry')).toContain('country')
    expect(fieldError(html, 'defaultCurrency')).toContain('currency')
    expect(inputValue(html, 'defaultCurrency')).toBe('dollars')
    const manager = await addMember(admin, 'manager')
    expect((await manager.post('/settings/workspace', { name: 'X', recordVisibility: 'all', defaultCountry: 'US', defaultCurrency: 'USD', timezone: 'UTC' })).status).toBe(403)
  })
})
