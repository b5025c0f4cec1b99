import { eq, sql } from 'drizzle-orm'
import { foldForCommonCheck } from '../../domain/access/password-policy'
import type { Db } from '../client'
import { commonPasswords } from '../schema'

// Case-insensitive: the list is stored folded (lower-cased) by foldForCommonCheck, and the
// candidate is folded by the same function here rather than by SQL lower(), so both sides agree
// whatever the database's locale. An equality on the primary key: one index probe.
export async function isCommonPassword(db: Db, password: string): Promise<boolean> {
  const rows = await db
    .select({ found: sql<number>`1` })
    .from(commonPasswords)
    .where(eq(commonPasswords.password, foldForCommonCheck(password)))
    .limit(1)
  return rows.length > 0
}
