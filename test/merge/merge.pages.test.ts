import { beforeAll, describe, expect, it } from 'vitest'
import { signUp, type Browser } from '../helpers/auth'
import { api } from '../helpers/records'
import { candidate, candidateRow, read, record, tenantOf } from './fixtures'

type Timeline = { data: { eventType: string }[] }

let admin: Browser
let tenant: string

beforeAll(async () => {
  admin = await signUp({ workspace: 'Merge pages' })
  tenant = await tenantOf(admin)
})

const radio = (html: string, name: string, value: string) => new RegExp(`<input type="radio" name="${name.replace('.', '\\.')}" value="${value}"( checked="")?`).exec(html)
const isChecked = (html: string, name: string, value: string) => Boolean(radio(html, name, value)?.[1])

describe('/duplicates', () => {
  it('says so when there is nothing to review', async () => {
    const fresh = await signUp({ workspace: 'No duplicates' })
    const html = await (await fresh.get('/duplicates')).text()
    expect(html).toContain('No possible duplicates to review')
    expect(html).toContain('href="/duplicates?type=contact"')
  })

  it('lists a pair with names, emails, similarity and reason, and Dismiss removes it', async () => {
    const a = await record(admin, 'contact', { firstName: 'Katherine', lastName: 'Johnson', email: 'kj@nasa.example' })
    const b = await record(admin, 'contact', { firstName: 'Katherine', lastName: 'Johnson', email: 'katherine@langley.example' })
    const id = await candidate(tenant, 'contact', b.id, a.id, 0.93, 'Same name')
    const html = await (await admin.get('/duplicates?type=contact')).text()
    expect(html).toContain('katherine@langley.example')
    expect(html).toContain('kj@nasa.example')
    expect(html).toContain('93%')
    expect(html).toContain('Same name')
    expect(html).toContain(`href="/duplicates/contacts/${b.id}/${a.id}"`)

    const htmx = await admin.post(`/duplicates/${id}/dismiss`, {}, { 'HX-Request': 'true' })
    expect([htmx.status, await htmx.text()]).toEqual([200, ''])
    expect((await candidateRow(tenant, id))?.resolution).toBe('dismissed')
    expect(await (await admin.get('/duplicates?type=contact')).text()).not.toContain(`data-candidate-id="${id}"`)
  })
})

describe('comparing and merging in the browser', () => {
  it('pre-selects the value worth keeping, merges, lands on the survivor with Undo, and undoes', async () => {
    const older = await record(admin, 'lead', { firstName: 'Hedy', lastName: 'Lamarr', email: 'hedy@mgm.example', companyName: 'MGM' })
    const newer = await record(admin, 'lead', { firstName: 'Hedy', lastName: 'Lamarr', email: 'hedy@spread-spectrum.example', title: 'Inventor' })
    const page = await (await admin.get(`/duplicates/leads/${newer.id}/${older.id}`)).text()
    // The older lead survives by default; each differing field has one radio per side, the only
    // value there is (title, company) or the newer record's (email) pre-selected.
    expect(isChecked(page, 'survivor', 'b')).toBe(true)
    expect(isChecked(page, 'f.title', 'a')).toBe(true)
    expect(isChecked(page, 'f.companyName', 'b')).toBe(true)
    expect(isChecked(page, 'f.email', 'a')).toBe(true)
    expect(radio(page, 'f.firstName', 'a')).toBeNull()

    const res = await admin.post(`/duplicates/leads/${newer.id}/${older.id}`, { survivor: 'b', 'f.title': 'a', 'f.companyName': 'b', 'f.email': 'b' })
    expect(res.status).toBe(303)
    const location = res.headers.get('Location') ?? ''
    expect(location).toMatch(new RegExp(`^/leads/${older.id}\\?merged=`))
    const survivor = await (await admin.get(location)).text()
    expect(survivor).toContain('Merged <a href')
    const undo = /action="(\/merges\/[0-9a-f-]+\/undo)"/.exec(survivor)?.[1]
    expect(undo).toBeTruthy()
    const merged = await read(admin, 'lead', older.id)
    expect([merged.title, merged.email, merged.companyName]).toEqual(['Inventor', 'hedy@mgm.example', 'MGM'])

    // The merged lead stays readable and says where it went; it cannot be restored by hand.
    const loserPage = await (await admin.get(`/leads/${newer.id}`)).text()
    expect(loserPage).toContain(`merged into <a href="/leads/${older.id}">Hedy Lamarr</a>`)
    expect(loserPage).not.toContain(`action="/leads/${newer.id}/restore"`)
    expect((await admin.post(`/leads/${newer.id}/restore`, {})).status).toBe(409)

    const undone = await admin.post(undo as string, {})
    expect(undone.status).toBe(303)
    expect(await (await admin.get(undone.headers.get('Location') ?? '')).text()).toContain('Merge undone')
    expect((await read(admin, 'lead', newer.id)).archivedAt).toBeNull()
    expect((await read(admin, 'lead', older.id)).title).toBeNull()
    const events = (await api<Timeline>(admin, 'GET', `/leads/${older.id}/timeline`)).body.data.map((e) => e.eventType)
    expect(events.slice(0, 2)).toEqual(['merge_undone', 'merged'])
  })

  it('comes back with the choices kept (422) when a chosen value cannot be taken', async () => {
    const a = await record(admin, 'lead', { companyName: 'Only a company' })
    const b = await record(admin, 'lead', { firstName: 'Named', lastName: 'Person', email: 'named@person.example' })
    // A field neither lead has is refused by name, and the page comes back with what was chosen.
    const res = await admin.post(`/duplicates/leads/${a.id}/${b.id}`, { survivor: 'a', 'f.firstName': 'b', 'f.nonsense': 'b' })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('nonsense is not a field of either lead.')
    expect(isChecked(html, 'f.firstName', 'b')).toBe(true)
    expect((await read(admin, 'lead', a.id)).firstName).toBeNull()
  })

  it('"Merge with…" finds the other record by email and opens the comparison', async () => {
    const a = await record(admin, 'contact', { firstName: 'Mary', lastName: 'Jackson', email: 'mary@wind-tunnel.example' })
    const b = await record(admin, 'contact', { firstName: 'Mary W.', lastName: 'Jackson', email: 'mjackson@nasa.example' })
    expect(await (await admin.get(`/contacts/${a.id}`)).text()).toContain(`href="/duplicates/contacts/${a.id}/with"`)
    const found = await admin.get(`/duplicates/contacts/${a.id}/with?other=MJackson@nasa.example`)
    expect([found.status, found.headers.get('Location')]).toEqual([303, `/duplicates/contacts/${a.id}/${b.id}`])
    const missing = await admin.get(`/duplicates/contacts/${a.id}/with?other=nobody@nowhere.example`)
    expect(missing.status).toBe(422)
    expect(await missing.text()).toContain('value="nobody@nowhere.example"')
  })
})
