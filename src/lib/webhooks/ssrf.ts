import type { Env } from '../../env'

// Where a webhook may go. An endpoint URL is the user's, so without checks it could reach the
// app itself or anything on a private network the worker can see: only https on the default port,
// to a DNS name (not an IP literal) that is neither local nor ours, and that resolves only to
// public addresses. DNS is asked over HTTPS (Workers have no resolver API); the worker's own
// fetch resolves again, so a name that changes its answer in between (DNS rebinding) is caught
// only by Cloudflare's own refusal to connect to private ranges.

type Env_ = Pick<Env, 'APP_URL' | 'WEBHOOK_ALLOW_HOSTS'>

const DOH = 'https://cloudflare-dns.com/dns-query'
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/

// "host:port" entries allowed as they are (http too, any address): local development and tests
// only, never set in wrangler.toml.
function allowedAsIs(env: Env_, url: URL): boolean {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80')
  const entries = (env.WEBHOOK_ALLOW_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase())
  return entries.includes(`${url.hostname}:${port}`)
}

const ipv4Number = (ip: string): number => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0)

// IPv4 ranges that are not the public internet (RFC 6890 and friends).
const V4_BLOCKED: [string, number][] = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24],
  ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
]

function isPublicIpv4(ip: string): boolean {
  if (!IPV4.test(ip) || ip.split('.').some((p) => Number(p) > 255)) return false
  const n = ipv4Number(ip)
  return !V4_BLOCKED.some(([base, bits]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor(ipv4Number(base) / 2 ** (32 - bits)))
}

// The 8 groups of an IPv6 address, or null if it is not one (an embedded IPv4 tail is expanded).
function ipv6Groups(ip: string): number[] | null {
  let text = ip.toLowerCase()
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (v4?.[1]) {
    const n = ipv4Number(v4[1])
    text = `${text.slice(0, -v4[1].length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`
  }
  const halves = text.split('::')
  if (halves.length > 2) return null
  const parse = (s: string) => (s ? s.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)) : [])
  const head = parse(halves[0] ?? '')
  const tail = parse(halves[1] ?? '')
  const groups = halves.length === 2 ? [...head, ...Array<number>(8 - head.length - tail.length).fill(0), ...tail] : head
  return groups.length === 8 && groups.every((g) => Number.isInteger(g)) ? groups : null
}

// Only global unicast (2000::/3) counts as public, less documentation (2001:db8::/32), Teredo
// (2001::/32) and 6to4 (2002::/16), which embed IPv4 addresses of any kind.
function isPublicIpv6(ip: string): boolean {
  const g = ipv6Groups(ip)
  if (!g) return false
  const [a = 0, b = 0] = g
  if (a >> 13 !== 1) return false
  return !(a === 0x2001 && (b === 0x0db8 || b === 0)) && a !== 0x2002
}

export const isPublicAddress = (ip: string): boolean => (ip.includes(':') ? isPublicIpv6(ip) : isPublicIpv4(ip))

type DohAnswer = { Status?: number; Answer?: { type: number; data: string }[] }

async function resolve(hostname: string): Promise<string[]> {
  const ask = async (type: 'A' | 'AAAA') => {
    const res = await fetch(`${DOH}?name=${encodeURIComponent(hostname)}&type=${type}`, { headers: { Accept: 'application/dns-json' }, signal: AbortSignal.timeout(5_000) })
    if (!res.ok) throw new Error(`DNS lookup failed (${res.status})`)
    const json = (await res.json()) as DohAnswer
    // 1 = A, 28 = AAAA; CNAMEs (5) are followed by the resolver and their targets listed too.
    return (json.Answer ?? []).filter((a) => a.type === 1 || a.type === 28).map((a) => a.data)
  }
  const [v4, v6] = await Promise.all([ask('A'), ask('AAAA')])
  return [...v4, ...v6]
}

// Why a webhook may not be sent to this URL, or null when it may. Checked before every attempt,
// since where a name points can change.
export async function refusalFor(env: Env_, target: string): Promise<string | null> {
  let url: URL
  try {
    url = new URL(target)
  } catch {
    return 'The URL is not valid.'
  }
  if (allowedAsIs(env, url)) return url.protocol === 'https:' || url.protocol === 'http:' ? null : 'Only https URLs are allowed.'
  if (url.protocol !== 'https:') return 'Only https URLs are allowed.'
  if (url.port) return 'Only the default https port (443) is allowed.'
  if (url.username || url.password) return 'URLs with credentials are not allowed.'
  // The URL parser has already turned odd IPv4 forms (2130706433, 0x7f.1, 017.0.0.1) into dotted
  // quads, so every IP literal is caught here.
  const host = url.hostname.toLowerCase().replace(/\.$/, '')
  if (IPV4.test(host) || host.startsWith('[')) return 'IP addresses are not allowed: use a host name.'
  if (!host.includes('.') || /\.(localhost|local|internal|localdomain|home\.arpa)$/.test(host)) return 'Local host names are not allowed.'
  if (host === new URL(env.APP_URL).hostname.toLowerCase()) return 'Webhooks cannot be sent to this app itself.'
  let addresses: string[]
  try {
    addresses = await resolve(host)
  } catch (err) {
    return `The host name could not be resolved: ${err instanceof Error ? err.message : String(err)}`
  }
  if (!addresses.length) return 'The host name does not resolve.'
  if (addresses.some((ip) => !isPublicAddress(ip))) return 'The host name resolves to a private or reserved address.'
  return null
}
