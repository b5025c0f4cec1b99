// Password hashing with scrypt from node:crypto (nodejs_compat). Not PBKDF2: Workers caps it at
// 100,000 iterations, far below OWASP's figure, and it is not memory-hard.
//
// Stored format, self-describing so the cost can be raised later without a migration:
//   scrypt$<logN>$<r>$<p>$<salt base64>$<key base64>
// verifyPassword uses the parameters in the stored string; needsRehash tells the login handler to
// re-hash with SCRYPT_PARAMS once it holds the plaintext.
import { Buffer } from 'node:buffer'
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

export type ScryptParams = { logN: number; r: number; p: number }

// Why N = 2^15, r = 8, p = 1 (32 MiB, measured with scripts/bench-password.ts):
// - Memory is 128·N·r bytes: 32 MiB, a quarter of the 128 MB isolate limit. N = 2^16 (64 MiB)
//   would leave too little for the app and the request on top.
// - CPU inside workerd (Miniflare, 3 × 21 runs on a shared 2-core box): median 56–71 ms per hash,
//   min 54, max 213 under load; N = 2^14 is ~27 ms, N = 2^16 ~111–123 ms (too close to the ~150 ms
//   we allow a login). Each step of logN doubles an attacker's cost, so take the largest that fits.
//   Node is slower at this size (median ~165 ms, a third of it kernel time: glibc mmaps every
//   allocation of 32 MiB or more afresh), which matters only to scripts, not to the worker.
// - workerd computes scrypt synchronously on the isolate's thread (scrypt() returns only once the
//   key is ready; the callback is merely deferred), so concurrent logins in one isolate queue up
//   rather than holding 32 MiB each.
// OWASP's minimum is N = 2^17 (128 MiB: cannot fit) or an equal-cost trade of memory for p
// (N = 2^15 with p = 3, N = 2^14 with p = 5): 2.5–4× this CPU, ~140–230 ms here. We take the most
// memory-hard setting that fits the budget and accept the shortfall. Headroom is small: workerd
// computes at most N·r·p = 2^20, 4× today (see MAX_WORK).
export const SCRYPT_PARAMS: ScryptParams = { logN: 15, r: 8, p: 1 }

const SALT_BYTES = 16
const KEY_BYTES = 32

// Bounds on what we accept from a stored string: a tampered row must not make verification
// allocate gigabytes or spin for minutes, and a short key would make the comparison meaningless.
const LIMITS = { logN: [10, 20], r: [1, 32], p: [1, 16], saltBytes: [16, 64], keyBytes: [16, 64] } as const
const MAX_MEMORY_BYTES = 64 * 1024 * 1024
// CPU grows with N·r·p, and workerd refuses more than 2^20 ("cost exceeds maximum"): 4× today's
// cost is therefore the most we can ever raise it to (p = 4, or N = 2^16 with p = 2).
const MAX_WORK = 2 ** 20

type Parsed = ScryptParams & { salt: Buffer; key: Buffer }

// NFKC, as NIST SP 800-63B advises, so the same password typed on keyboards or OSes that compose
// accents differently still verifies. Part of the "scrypt" scheme: changing it needs a new scheme.
const normalize = (password: string): string => password.normalize('NFKC')

function derive(password: string, salt: Buffer, params: ScryptParams, keyBytes: number): Promise<Buffer> {
  const N = 2 ** params.logN
  // maxmem is a cap, not an allocation. Node's default (32 MiB) is just below what N = 2^15, r = 8
  // needs once the B and T buffers are added, so allow twice the big array.
  const options = { N, r: params.r, p: params.p, maxmem: 2 * 128 * N * params.r }
  return new Promise((resolve, reject) => {
    scrypt(normalize(password), salt, keyBytes, options, (error, key) => (error ? reject(error) : resolve(key)))
  })
}

const encode = (params: ScryptParams, salt: Buffer, key: Buffer): string =>
  ['scrypt', params.logN, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$')

const INT = /^[1-9][0-9]{0,2}$/
// Strict: Buffer.from(…, 'base64') silently skips invalid characters, so check the alphabet first.
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

const within = (value: number, [min, max]: readonly [number, number]): boolean => value >= min && value <= max

// Returns null for anything malformed or out of bounds; callers treat that as "does not verify".
function parse(stored: string): Parsed | null {
  const parts = stored.split('$')
  if (parts.length !== 6) return null
  const [scheme, logN, r, p, salt, key] = parts as [string, string, string, string, string, string]
  if (scheme !== 'scrypt' || !INT.test(logN) || !INT.test(r) || !INT.test(p)) return null
  if (!BASE64.test(salt) || !BASE64.test(key)) return null
  const parsed = { logN: Number(logN), r: Number(r), p: Number(p), salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') }
  const ok =
    within(parsed.logN, LIMITS.logN) &&
    within(parsed.r, LIMITS.r) &&
    within(parsed.p, LIMITS.p) &&
    within(parsed.salt.length, LIMITS.saltBytes) &&
    within(parsed.key.length, LIMITS.keyBytes) &&
    128 * 2 ** parsed.logN * parsed.r <= MAX_MEMORY_BYTES &&
    2 ** parsed.logN * parsed.r * parsed.p <= MAX_WORK &&
    parsed.logN < 16 * parsed.r // scrypt requires N < 2^(128·r/8); BoringSSL throws otherwise
  return ok ? parsed : null
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const key = await derive(password, salt, SCRYPT_PARAMS, KEY_BYTES)
  return encode(SCRYPT_PARAMS, salt, key)
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored)
  if (!parsed) return false
  const key = await derive(password, parsed.salt, parsed, parsed.key.length)
  return timingSafeEqual(key, parsed.key)
}

// For a login whose email matches no user (or a user without a password): spend the same scrypt
// work as a real verification, so response time does not reveal which accounts exist.
export async function verifyAgainstDummy(password: string): Promise<false> {
  await derive(password, randomBytes(SALT_BYTES), SCRYPT_PARAMS, KEY_BYTES)
  return false
}

// True when the stored hash is weaker than what hashPassword would produce today (or unreadable).
// Call after a successful verifyPassword and store hashPassword(password) in its place.
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored)
  if (!parsed) return true
  return (
    parsed.logN < SCRYPT_PARAMS.logN ||
    parsed.r < SCRYPT_PARAMS.r ||
    parsed.p < SCRYPT_PARAMS.p ||
    parsed.salt.length < SALT_BYTES ||
    parsed.key.length < KEY_BYTES
  )
}
