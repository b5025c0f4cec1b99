import { Buffer } from 'node:buffer'
import { randomBytes, scryptSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { hashPassword, needsRehash, SCRYPT_PARAMS, verifyAgainstDummy, verifyPassword } from '../../src/lib/auth/password'

const PASSWORD = 'correct horse battery staple'

// A stored string built independently of the module, with parameters of our choosing.
function storedWith(password: string, logN: number, r = 8, p = 1, salt = randomBytes(16), keyBytes = 32): string {
  const key = scryptSync(password, salt, keyBytes, { N: 2 ** logN, r, p, maxmem: 256 * 2 ** logN * r })
  return ['scrypt', logN, r, p, salt.toString('base64'), key.toString('base64')].join('$')
}

// Replaces one character of a base64 field with a different one (the last character of a field
// with padding would only touch the unused bits, so change the first).
function tamper(stored: string, field: 4 | 5): string {
  const parts = stored.split('$')
  const value = parts[field] ?? ''
  parts[field] = (value[0] === 'A' ? 'B' : 'A') + value.slice(1)
  return parts.join('$')
}

describe('node:crypto scrypt inside workerd', () => {
  it('matches the RFC 7914 test vector', () => {
    const key = scryptSync('password', 'NaCl', 64, { N: 1024, r: 8, p: 16 })
    expect(key.toString('hex')).toBe(
      'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640',
    )
  })
})

describe('hashPassword', () => {
  it('writes the parameters, a 16-byte salt and a 32-byte key into the stored string', async () => {
    const stored = await hashPassword(PASSWORD)
    const [scheme, logN, r, p, salt, key] = stored.split('$')
    expect([scheme, Number(logN), Number(r), Number(p)]).toEqual(['scrypt', SCRYPT_PARAMS.logN, SCRYPT_PARAMS.r, SCRYPT_PARAMS.p])
    expect(Buffer.from(salt ?? '', 'base64')).toHaveLength(16)
    expect(Buffer.from(key ?? '', 'base64')).toHaveLength(32)
  })

  it('is scrypt of the password with the stored salt and parameters', async () => {
    const stored = await hashPassword(PASSWORD)
    const [, logN, r, p, salt, key] = stored.split('$')
    const N = 2 ** Number(logN)
    const expected = scryptSync(PASSWORD, Buffer.from(salt ?? '', 'base64'), 32, { N, r: Number(r), p: Number(p), maxmem: 256 * N * Number(r) })
    expect(key).toBe(expected.toString('base64'))
  })

  it('salts: two hashes of the same password differ, and both verify', async () => {
    const [a, b] = await Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)])
    expect(a).not.toBe(b)
    expect(await verifyPassword(PASSWORD, a)).toBe(true)
    expect(await verifyPassword(PASSWORD, b)).toBe(true)
  })
})

describe('verifyPassword', () => {
  it('accepts the right password and rejects near misses', async () => {
    const stored = await hashPassword(PASSWORD)
    expect(await verifyPassword(PASSWORD, stored)).toBe(true)
    for (const wrong of ['Correct horse battery staple', `${PASSWORD} `, PASSWORD.slice(0, -1), '']) {
      expect(await verifyPassword(wrong, stored), wrong).toBe(false)
    }
  })

  it('uses the parameters in the stored string, so older hashes keep working', async () => {
    const older = storedWith(PASSWORD, 12, 8, 2)
    expect(await verifyPassword(PASSWORD, older)).toBe(true)
    expect(await verifyPassword('something else', older)).toBe(false)
  })

  it('rejects a stored hash whose key, salt or parameters were tampered with', async () => {
    const stored = await hashPassword(PASSWORD)
    expect(await verifyPassword(PASSWORD, tamper(stored, 5))).toBe(false)
    expect(await verifyPassword(PASSWORD, tamper(stored, 4))).toBe(false)
    expect(await verifyPassword(PASSWORD, stored.replace(/^scrypt\$15\$/, 'scrypt$14$'))).toBe(false)
  })

  it.each([
    ['an empty string', ''],
    ['plain text', 'hunter22'],
    ['too few fields', 'scrypt$15$8$1$c2FsdA=='],
    ['another scheme', 'pbkdf2$15$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='],
    ['an empty key', 'scrypt$15$8$1$AAAAAAAAAAAAAAAAAAAAAA==$'],
    ['a key that is too short to mean anything', 'scrypt$15$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA'],
    ['a short salt', 'scrypt$15$8$1$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='],
    ['characters outside base64', 'scrypt$15$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAA!AAAAAAAAAAAAAAAAAAAAAA='],
    ['a non-numeric parameter', 'scrypt$1e1$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='],
    ['a cost that would exhaust memory (N = 2^30)', 'scrypt$30$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='],
    ['N × r over the memory cap', 'scrypt$17$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='],
    // workerd throws on these two, so they must be caught before scrypt runs.
    ['N × r × p over what workerd computes (2^20)', 'scrypt$15$8$5$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='],
    ['N too large for r (scrypt needs N < 2^(16·r))', 'scrypt$16$1$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='],
    ['p = 0', 'scrypt$15$8$0$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='],
  ])('returns false, without throwing, for %s', async (_, stored) => {
    await expect(verifyPassword(PASSWORD, stored)).resolves.toBe(false)
  })

  it('handles Unicode: emoji, CJK and accents verify; another script does not', async () => {
    const password = 'пароль-密码-🔐🦄-ça va'
    const stored = await hashPassword(password)
    expect(await verifyPassword(password, stored)).toBe(true)
    expect(await verifyPassword('пароль-密码-🔐🐴-ça va', stored)).toBe(false)
  })

  it('treats composed and decomposed accents as the same password (NFKC)', async () => {
    const composed = 'crème brûlée à la café'
    const decomposed = composed.normalize('NFD')
    expect(decomposed).not.toBe(composed)
    expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true)
  })
})

describe('verifyAgainstDummy', () => {
  it('always answers false, whatever the password', async () => {
    expect(await verifyAgainstDummy(PASSWORD)).toBe(false)
    expect(await verifyAgainstDummy('')).toBe(false)
  })
})

describe('needsRehash', () => {
  it('is false for a hash made with the current parameters', async () => {
    expect(needsRehash(await hashPassword(PASSWORD))).toBe(false)
  })

  it.each([
    ['a lower N', SCRYPT_PARAMS.logN - 1, SCRYPT_PARAMS.r],
    ['a lower r', SCRYPT_PARAMS.logN, SCRYPT_PARAMS.r / 2],
  ])('is true for %s', (_, logN, r) => {
    expect(needsRehash(storedWith(PASSWORD, logN, r, SCRYPT_PARAMS.p))).toBe(true)
  })

  it('is true for a shorter salt or key than we write today', () => {
    expect(needsRehash(storedWith(PASSWORD, SCRYPT_PARAMS.logN, 8, 1, randomBytes(16), 16))).toBe(true)
  })

  it('is false for stronger parameters than today', () => {
    expect(needsRehash(storedWith(PASSWORD, SCRYPT_PARAMS.logN, SCRYPT_PARAMS.r, SCRYPT_PARAMS.p + 1))).toBe(false)
  })

  it('is true for a string that cannot be read', () => {
    expect(needsRehash('not a hash')).toBe(true)
  })
})
