import { describe, expect, it } from 'vitest'
import { endpointSchemas, parseAllowHosts, webhookUrlProblem } from '../../src/domain/webhooks/endpoint-schema'

describe('webhookUrlProblem', () => {
  it.each([
    ['https://hooks.example.com/crm', null],
    ['https://hooks.example.com:443/crm', null],
    ['http://hooks.example.com/crm', 'https'],
    ['https://hooks.example.com:8443/crm', 'default https port'],
    ['https://user:pw@hooks.example.com/crm', 'user name and password'],
    ['https://10.0.0.1/crm', 'not an IP address'],
    ['https://2130706433/crm', 'not an IP address'],
    ['https://[::1]/crm', 'not an IP address'],
    ['https://localhost/crm', 'public host name'],
    ['https://api.localhost/crm', 'public host name'],
    ['https://router.internal/crm', 'public host name'],
    ['https://intranet/crm', 'public host name'],
    ['not a url', 'full https address'],
  ])('%s → %s', (url, problem) => {
    const got = webhookUrlProblem(url, [])
    if (problem === null) expect(got).toBeNull()
    else expect(got).toContain(problem)
  })

  it('lets a host:port on the allow list through over http, and only that one', () => {
    const allow = parseAllowHosts(' 127.0.0.1:9999 , Localhost:8787')
    expect(allow).toEqual(['127.0.0.1:9999', 'localhost:8787'])
    expect(webhookUrlProblem('http://127.0.0.1:9999/hook', allow)).toBeNull()
    expect(webhookUrlProblem('http://localhost:8787/hook', allow)).toBeNull()
    expect(webhookUrlProblem('http://127.0.0.1:9998/hook', allow)).toContain('https')
    expect(webhookUrlProblem('ftp://127.0.0.1:9999/hook', allow)).toContain('https')
    expect(parseAllowHosts(undefined)).toEqual([])
  })
})

describe('endpoint schema', () => {
  const { input, patch } = endpointSchemas([])
  const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => r.error?.issues.map((i) => i.path.join('.')) ?? []

  it('takes catalogue types and whole families, once each, a family covering its members', () => {
    const r = input.parse({ url: 'https://hooks.example.com', eventTypes: ['lead.created', 'contact.*', 'contact.created', 'lead.created', 'opportunity.won'] })
    expect(r.eventTypes).toEqual(['lead.created', 'contact.*', 'opportunity.won'])
    expect(r.enabled).toBe(true)
    expect(r.description).toBeNull()
  })

  it('refuses unknown types, unknown families, none at all, and unknown fields, naming each', () => {
    expect(paths(input.safeParse({ url: 'https://hooks.example.com', eventTypes: ['lead.exploded'] }))).toEqual(['eventTypes.0'])
    expect(paths(input.safeParse({ url: 'https://hooks.example.com', eventTypes: ['widget.*'] }))).toEqual(['eventTypes.0'])
    expect(paths(input.safeParse({ url: 'https://hooks.example.com', eventTypes: [] }))).toEqual(['eventTypes'])
    expect(paths(input.safeParse({ url: 'https://hooks.example.com', eventTypes: ['lead.*'], secret: 'mine' }))).toEqual([''])
  })

  it('reports the URL rule together with the other problems', () => {
    expect(paths(input.safeParse({ url: 'http://hooks.example.com', eventTypes: [] })).sort()).toEqual(['eventTypes', 'url'])
    expect(paths(patch.safeParse({ url: 'https://127.0.0.1' }))).toEqual(['url'])
    expect(patch.parse({ enabled: false })).toEqual({ enabled: false })
  })
})
