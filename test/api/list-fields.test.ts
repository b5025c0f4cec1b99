import { beforeAll, describe, expect, it } from 'vitest'
import { listContactsQueries } from '../../src/db/queries/contacts'
import { createApi } from '../../src/handlers/api/api'
import { withApiConventions } from '../../src/handlers/api/openapi-conventions'
import { testDb } from '../helpers/app'
import { type Problem, api, created } from '../helpers/records'
import { oneOfEverything, tokenCaller, type World } from './fixtures'

// `fields=` on list endpoints: each row comes with the keys asked for and no others, each with
// the value the full row has; an unknown key is a 422 naming it; paging works whatever is asked
// for; and the database reads only the columns the keys need.

type Row = Record<string, unknown>
type Page = { data: Row[]; nextCursor: string | null }

const doc = withApiConventions(createApi().getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'API', version: '1' } }))
// The documented keys of a list's rows, as its `fields` parameter lists them.
const documentedKeys = (path: string): string[] => {
  const param = doc.paths?.[path]?.get?.parameters?.find((p) => 'name' in p && p.name === 'fields')
  const description = param && 'description' in param ? (param.description ?? '') : ''
  return [...description.slice(description.indexOf('Keys:')).matchAll(/`(\w+)`/g)].map(([, key]) => key ?? '')
}

let w: World
let send: ReturnType<typeof tokenCaller>

const get = async (path: string, query: Record<string, string> = {}) => {
  const res = await send('GET', { path, query })
  return { status: res.status, body: (await res.json()) as Page & Problem }
}

beforeAll(async () => {
  w = await oneOfEverything('lf')
  send = tokenCaller(w.admin)
}, 60_000)

const RESCORED = new Set(['score', 'scoreBreakdown', 'scoredAt'])

describe('fields= on list endpoints', () => {
  const LISTS = [
    ['/accounts', {}],
    ['/contacts', {}],
    ['/leads', {}],
    ['/opportunities', {}],
    ['/tasks', {}],
    ['/notes', { relatedType: 'contact' }],
    ['/activities', { relatedType: 'lead' }],
  ] as const

  it.each(LISTS)('%s: any one documented key comes alone, with the value of the full row', async (path, related) => {
    const keys = documentedKeys(path)
    expect(keys.length).toBeGreaterThan(5)
    const query: Record<string, string> = 'relatedType' in related ? { ...related, relatedId: w.ids[`${related.relatedType}s`] ?? '' } : {}
    const full = await get(path, query)
    expect(full.status).toBe(200)
    expect(full.body.data.length).toBeGreaterThan(0)
    for (const key of keys) {
      const partial = await get(path, { ...query, fields: key })
      expect(partial.status, `${key}: ${JSON.stringify(partial.body)}`).toBe(200)
      // The scoring job rescores the fixture's leads in the background, so a lead's score may
      // move between the two reads: those keys are checked for shape, the rest for their values.
      if (RESCORED.has(key)) expect(partial.body.data.map((row) => Object.keys(row)), key).toEqual(full.body.data.map(() => [key]))
      else expect(partial.body.data, key).toEqual(full.body.data.map((row) => ({ [key]: row[key] })))
    }
  })

  it('returns exactly the keys asked for, in any order, each once', async () => {
    const res = await get('/contacts', { fields: 'email, id,lastName,email' })
    expect(res.status).toBe(200)
    expect(res.body.data.map((row) => Object.keys(row).sort())).toEqual(res.body.data.map(() => ['email', 'id', 'lastName']))
    expect(res.body.data.map((row) => row.id)).toContain(w.ids.contacts)
  })

  it('refuses an unknown key with a 422 naming it, and the keys there are', async () => {
    const res = await get('/contacts', { fields: 'id,salary,ownerName' })
    expect(res.status).toBe(422)
    expect(res.body.errors).toEqual([{ path: 'fields', message: expect.stringMatching(/^Not a field of this list: salary, ownerName\. Use id, firstName, .*archivedAt\.$/) }])
    expect((await get('/tasks', { fields: '' })).status).toBe(422)
    expect((await get('/leads', { fields: 'id,,email' })).body.errors?.[0]?.message).toMatch(/^Not a field of this list: ""\./)
  })

  it('pages with a cursor whatever the keys, even without the sort key or id', async () => {
    for (const lastName of ['Abel', 'Baker', 'Cole', 'Dunn']) await created(w.admin, '/contacts', { lastName, email: `${lastName.toLowerCase()}-${w.mark}@example.test` })
    const walk = async (fields?: string) => {
      const emails: unknown[] = []
      let cursor: string | null = null
      do {
        const page: { status: number; body: Page } = await get('/contacts', { sort: 'name', limit: '2', ...(fields ? { fields } : {}), ...(cursor ? { cursor } : {}) })
        expect(page.status).toBe(200)
        emails.push(...page.body.data.map((row) => row.email))
        cursor = page.body.nextCursor
      } while (cursor)
      return emails
    }
    const all = await walk()
    expect(all.length).toBeGreaterThanOrEqual(6)
    expect(await walk('email')).toEqual(all)
  })

  it("cuts a view's records to the keys of its list", async () => {
    const view = await created(w.admin, '/views', { entity: 'contacts', name: 'Fields', filter: { field: 'lastName', op: 'contains', value: 'Contact' } })
    const res = await api<Page>(w.admin, 'GET', `/views/${view.id}/records?fields=id,accountName`)
    expect(res).toEqual({ status: 200, body: { data: [{ id: w.ids.contacts, accountName: `Account ${w.mark}` }], nextCursor: null } })
    // `name` is an account's key, not a contact's.
    const wrong = await api<Problem>(w.admin, 'GET', `/views/${view.id}/records?fields=id,name`)
    expect(wrong.status).toBe(422)
    expect(wrong.body.errors).toEqual([{ path: 'fields', message: expect.stringContaining('Not a field of this list: name.') }])
  })

  it('reads only the columns the keys need, and the sort key the cursor is made of', () => {
    const viewer = { userId: w.userId, role: 'admin', visibility: 'all' } as const
    const sql = (fields?: string[]) => listContactsQueries(testDb(), w.tenantId, viewer, { limit: 50, sort: 'name', fields }).rows.toSQL().sql
    const selected = (text: string) => text.slice(0, text.indexOf(' from "contacts"'))
    expect(selected(sql(['email']))).toBe('select "id", "last_name", "email"')
    // Without fields, the tags and the account's name come from subqueries.
    expect(selected(sql())).toContain('json_agg')
  })
})
