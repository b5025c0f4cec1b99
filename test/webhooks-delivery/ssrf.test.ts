import { describe, expect, it } from 'vitest'
import { isPublicAddress, refusalFor } from '../../src/lib/webhooks/ssrf'
import { postWebhook } from '../../src/lib/webhooks/post'
import { testEnv } from '../helpers/app'
import { network } from './fixtures'

const env = { APP_URL: 'https://crm.example.org', WEBHOOK_ALLOW_HOSTS: '127.0.0.1:9999' }

describe('SSRF guard', () => {
  it.each([
    ['http://hooks.example.com/x', /https/],
    ['https://hooks.example.com:8443/x', /default https port/],
    ['https://127.0.0.1/x', /IP addresses/],
    ['https://10.0.0.1/x', /IP addresses/],
    ['https://2130706433/x', /IP addresses/],
    ['https://0x7f.1/x', /IP addresses/],
    ['https://017.0.0.1/x', /IP addresses/],
    ['https://[::1]/x', /IP addresses/],
    ['https://[::ffff:10.0.0.1]/x', /IP addresses/],
    ['https://localhost/x', /Local host/],
    ['https://api.localhost/x', /Local host/],
    ['https://intranet/x', /Local host/],
    ['https://crm.example.org/api/v1/leads', /app itself/],
    ['https://user:pw@hooks.example.com/x', /credentials/],
    ['ftp://hooks.example.com/x', /https/],
    ['http://127.0.0.1:9998/x', /https/],
    ['not a url', /not valid/],
  ])('refuses %s', async (url, reason) => {
    network()
    expect(await refusalFor(env, url)).toMatch(reason)
  })

  it.each([
    ['private.example.com', ['10.0.0.1']],
    ['loop.example.com', ['127.0.0.1']],
    ['meta.example.com', ['169.254.169.254']],
    ['cgnat.example.com', ['100.64.1.2']],
    ['mixed.example.com', ['93.184.216.34', '192.168.1.10']],
    ['v6.example.com', ['fd00::1']],
    ['v6-link.example.com', ['fe80::1']],
    ['v6-mapped.example.com', ['::ffff:10.0.0.1']],
  ])('refuses a name that resolves to a private address: %s → %j', async (host, ips) => {
    network({ dns: { [host]: ips } })
    expect(await refusalFor(env, `https://${host}/hook`)).toMatch(/private or reserved/)
  })

  it('refuses a name that does not resolve', async () => {
    network({ dns: { 'nowhere.example.com': [] } })
    expect(await refusalFor(env, 'https://nowhere.example.com/')).toMatch(/does not resolve/)
  })

  it('allows a public name on https, and the allowed local receiver over http', async () => {
    network()
    expect(await refusalFor(env, 'https://hooks.example.com/x')).toBeNull()
    expect(await refusalFor(env, 'https://hooks.example.com:443/x')).toBeNull()
    expect(await refusalFor(env, 'http://127.0.0.1:9999/hook')).toBeNull()
  })

  it('classifies addresses', () => {
    for (const ip of ['93.184.216.34', '8.8.8.8', '2606:4700::1111']) expect(isPublicAddress(ip), ip).toBe(true)
    for (const ip of ['0.0.0.0', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.0.1', '127.0.0.1', '169.254.1.1', '100.64.0.1', '224.0.0.1', '255.255.255.255', '::', '::1', 'fc00::1', 'fe80::1', 'ff02::1', '2001:db8::1', '2002:a00:1::1', '64:ff9b::a00:1'])
      expect(isPublicAddress(ip), ip).toBe(false)
    expect(isPublicAddress('172.32.0.1')).toBe(true)
  })
})

describe('webhook POST', () => {
  it('does not follow a redirect: a 3xx is a failure', async () => {
    network({ answer: () => new Response(null, { status: 302, headers: { Location: 'http://169.254.169.254/' } }) })
    const outcome = await postWebhook(testEnv, 'https://hooks.example.com/x', {}, '{}')
    expect(outcome).toMatchObject({ ok: false, statusCode: 302, error: expect.stringMatching(/Redirects are not followed/) })
  })

  it('refuses before sending anything, and keeps 1 KB of a large answer', async () => {
    const received = network({ dns: { 'private.example.com': ['10.0.0.1'] }, answer: () => new Response('x'.repeat(200_000)) })
    expect(await postWebhook(testEnv, 'https://private.example.com/x', {}, '{}')).toMatchObject({ ok: false, statusCode: null, error: expect.stringMatching(/^Refused/) })
    expect(received).toEqual([])
    const big = await postWebhook(testEnv, 'https://hooks.example.com/x', {}, '{}')
    expect(big).toMatchObject({ ok: true, statusCode: 200 })
    expect(big.snippet).toHaveLength(1024)
  })
})
