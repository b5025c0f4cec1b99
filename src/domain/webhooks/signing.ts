// Standard Webhooks (https://www.standardwebhooks.com) signing: the receiver recomputes
// base64(HMAC-SHA256(key, "<webhook-id>.<webhook-timestamp>.<body>")) and compares it with
// webhook-signature ("v1,<base64>"). The secret is "whsec_" + base64 of random bytes, and the HMAC
// key is those bytes, so any Standard Webhooks library verifies our deliveries as they are.

const SECRET_PREFIX = 'whsec_'
// The spec asks for 24 to 64 bytes.
const SECRET_BYTES = 32

const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes))
const fromBase64 = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(text), (c) => c.charCodeAt(0))

export function generateSecret(): string {
  return SECRET_PREFIX + toBase64(crypto.getRandomValues(new Uint8Array(SECRET_BYTES)))
}

export async function signatureOf(secret: string, id: string, timestamp: number, body: string): Promise<string> {
  const raw = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret
  const key = await crypto.subtle.importKey('raw', fromBase64(raw), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${id}.${timestamp}.${body}`))
  return `v1,${toBase64(new Uint8Array(mac))}`
}

// The three headers of a delivery; the id is the delivery's, the same on every attempt and
// replay, so a receiver can drop duplicates. The timestamp is the attempt's (unix seconds).
export async function webhookHeaders(secret: string, id: string, body: string, now: Date): Promise<Record<string, string>> {
  const timestamp = Math.floor(now.getTime() / 1000)
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': await signatureOf(secret, id, timestamp, body) }
}
