import { beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../src/domain/access/roles'
import { addMember, signUp, uniqueEmail, type Browser } from '../helpers/auth'

// The role × action table of src/domain/access/permissions.ts, checked through real requests:
// what each role may do is what the server lets it do, whatever can() says.
const people = {} as Record<Role, Browser>

beforeAll(async () => {
  people.admin = await signUp({ workspace: 'Roles Inc' })
  people.manager = await addMember(people.admin, 'manager')
  people.rep = await addMember(people.admin, 'rep')
  people.support = await addMember(people.admin, 'support')
})

type Call = { label: string; send: (b: Browser) => Promise<Response> }

const CALLS = {
  usersPage: { label: 'GET /settings/users', send: (b) => b.get('/settings/users') },
  invite: { label: 'POST /settings/users/invitations', send: (b) => b.post('/settings/users/invitations', { email: uniqueEmail('roles'), role: 'rep' }) },
  createToken: { label: 'POST /api/v1/tokens', send: (b) => b.json('POST', '/api/v1/tokens', { name: 'Roles test' }) },
  listTokens: { label: 'GET /api/v1/tokens', send: (b) => b.json('GET', '/api/v1/tokens') },
  tokensPage: { label: 'GET /settings/tokens', send: (b) => b.get('/settings/tokens') },
  tokensForm: { label: 'POST /settings/tokens', send: (b) => b.post('/settings/tokens', { name: 'Roles test' }) },
} satisfies Record<string, Call>

// [role, call, expected status]
const TABLE: [Role, Call, number][] = [
  ['admin', CALLS.usersPage, 200],
  ['manager', CALLS.usersPage, 403],
  ['rep', CALLS.usersPage, 403],
  ['support', CALLS.usersPage, 403],

  ['admin', CALLS.invite, 303],
  ['manager', CALLS.invite, 403],
  ['rep', CALLS.invite, 403],
  ['support', CALLS.invite, 403],

  ['admin', CALLS.createToken, 201],
  ['manager', CALLS.createToken, 201],
  ['rep', CALLS.createToken, 201],
  ['support', CALLS.createToken, 403],

  ['admin', CALLS.listTokens, 200],
  ['manager', CALLS.listTokens, 200],
  ['rep', CALLS.listTokens, 200],
  ['support', CALLS.listTokens, 403],

  ['admin', CALLS.tokensPage, 200],
  ['manager', CALLS.tokensPage, 200],
  ['rep', CALLS.tokensPage, 200],
  ['support', CALLS.tokensPage, 403],

  ['admin', CALLS.tokensForm, 201],
  ['manager', CALLS.tokensForm, 201],
  ['rep', CALLS.tokensForm, 201],
  ['support', CALLS.tokensForm, 403],
]

describe('what each role may do', () => {
  it.each(TABLE.map(([role, call, status]) => [role, call.label, status, call] as const))('%s: %s → %i', async (role, _label, status, call) => {
    const res = await call.send(people[role])
    expect(res.status).toBe(status)
    if (status === 403) {
      // A refusal shows nothing of what was asked for (e.g. the member list).
      const body = await res.text()
      expect(body).not.toContain(people.admin.email)
      expect(body).not.toContain('crm_')
    }
  })
})

// [role, shows "Users", shows "API tokens"]
const NAV: [Role, boolean, boolean][] = [
  ['admin', true, true],
  ['manager', false, true],
  ['rep', false, true],
  ['support', false, false],
]

describe('the main navigation', () => {
  it.each(NAV)('for %s: Users %s, API tokens %s', async (role, users, tokens) => {
    const res = await people[role].get('/')
    expect(res.status).toBe(200)
    const nav = /<nav aria-label="Main">[\s\S]*?<\/nav>/.exec(await res.text())?.[0] ?? ''
    expect(nav).toContain('href="/my-work"')
    // Support works with customers, not the sales funnel.
    expect(nav.includes('href="/leads"')).toBe(role !== 'support')
    expect(nav.includes('href="/settings/users"')).toBe(users)
    expect(nav.includes('>Users<')).toBe(users)
    expect(nav.includes('href="/settings/tokens"')).toBe(tokens)
    expect(nav.includes('>API tokens<')).toBe(tokens)
  })
})
