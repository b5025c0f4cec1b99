import { count, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { isCommonPassword } from '../../src/db/queries/common-passwords'
import { commonPasswords } from '../../src/db/schema'
import { randomToken } from '../../src/lib/auth/tokens'
import { testDb } from '../helpers/app'

const db = testDb()

const countWhere = async (condition: ReturnType<typeof sql>) =>
  (await db.select({ n: count() }).from(commonPasswords).where(condition))[0]?.n

describe('the common_passwords table after migrations', () => {
  it('holds the list: more than 10,000 passwords', async () => {
    const [row] = await db.select({ n: count() }).from(commonPasswords)
    expect(row?.n).toBeGreaterThan(10_000)
  })

  it('holds only passwords the policy allows (8 to 128 characters), stored lower-case', async () => {
    expect(await countWhere(sql`char_length(${commonPasswords.password}) not between 8 and 128`)).toBe(0)
    expect(await countWhere(sql`${commonPasswords.password} <> lower(${commonPasswords.password})`)).toBe(0)
  })
})

describe('isCommonPassword', () => {
  it.each(['password', 'password1', 'password123', '12345678', 'iloveyou', 'qwertyuiop', 'baseball'])('finds %j', async (password) => {
    expect(await isCommonPassword(db, password)).toBe(true)
  })

  it.each(['Password1', 'PASSWORD123', 'PassWord123', 'ILoveYou', 'ｐａｓｓｗｏｒｄ１'])('ignores case and width: finds %j', async (password) => {
    expect(await isCommonPassword(db, password)).toBe(true)
  })

  it('does not find a long random string', async () => {
    expect(await isCommonPassword(db, randomToken())).toBe(false)
  })

  it('does not find a near miss of a common password', async () => {
    expect(await isCommonPassword(db, 'password1 is not my password')).toBe(false)
  })

  it('treats quotes and backslashes as data', async () => {
    expect(await isCommonPassword(db, "password' OR '1'='1")).toBe(false)
    expect(await isCommonPassword(db, 'pass\\word1')).toBe(false)
  })
})
