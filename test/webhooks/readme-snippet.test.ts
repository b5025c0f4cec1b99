/// <reference types="vite/client" />
import { Buffer } from 'node:buffer'
import { createHmac, timingSafeEqual } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import readme from '../../README.md?raw'
import { generateSecret, webhookHeaders } from '../../src/domain/webhooks/signing'

// The README's receiver snippet, run as written (between its marker comments) against our
// signer: a receiver who copies it accepts our deliveries and nothing else.
type Verify = (secret: string, headers: Record<string, string>, body: string, now?: number) => boolean

function readmeVerifier(): Verify {
  const match = /\/\/ webhook-verify:start\n([\s\S]*?)\/\/ webhook-verify:end/.exec(readme)
  if (!match?.[1]) throw new Error('README.md has no webhook-verify snippet')
  return new Function('createHmac', 'timingSafeEqual', 'Buffer', `${match[1]}\nreturn verifyWebhook`)(createHmac, timingSafeEqual, Buffer) as Verify
}

describe('README webhook verification snippet', () => {
  const verify = readmeVerifier()
  const body = JSON.stringify({ type: 'lead.created', timestamp: '2026-12-02T09:00:00.000Z', data: { entityType: 'lead', entityId: crypto.randomUUID(), note: 'é ✓' } })
  const now = new Date('2026-12-02T09:00:00Z')

  it('accepts a delivery signed by our signer', async () => {
    const secret = generateSecret()
    const headers = await webhookHeaders(secret, crypto.randomUUID(), body, now)
    expect(verify(secret, headers, body, now.getTime() + 30_000)).toBe(true)
  })

  it('rejects a tampered body, another secret, another id, and an old timestamp', async () => {
    const secret = generateSecret()
    const headers = await webhookHeaders(secret, crypto.randomUUID(), body, now)
    expect(verify(secret, headers, body.replace('lead.created', 'lead.updated'), now.getTime())).toBe(false)
    expect(verify(generateSecret(), headers, body, now.getTime())).toBe(false)
    expect(verify(secret, { ...headers, 'webhook-id': crypto.randomUUID() }, body, now.getTime())).toBe(false)
    expect(verify(secret, headers, body, now.getTime() + 6 * 60_000)).toBe(false)
    expect(verify(secret, { ...headers, 'webhook-signature': 'v1,' }, body, now.getTime())).toBe(false)
  })
})
