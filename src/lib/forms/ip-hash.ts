import type { Env } from '../../env'
import { linkSecret } from '../signed-links'

const encoder = new TextEncoder()
// Without a secret the hash still groups one address's submissions; it is only easier to reverse.
const FALLBACK_KEY = 'edge-crm:form-ip'

// A client address as stored with a submission and named in rate-limit buckets: HMAC-SHA256 with
// the app's link secret, hex. Keyed, so a leaked table cannot be reversed by hashing every IPv4.
export async function hashIp(env: Pick<Env, 'LINK_SECRET'>, ip: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(linkSecret(env) ?? FALLBACK_KEY), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(ip)))
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('')
}
