import { and, eq, gt, isNull, sql } from 'drizzle-orm'
import type { Db } from '../client'
import { passwordResets, users } from '../schema'

export const insertPasswordReset = (db: Db, values: typeof passwordResets.$inferInsert) => db.insert(passwordResets).values(values)

// A usable reset link: unused and unexpired. Looked up before showing the form.
export async function findUsableReset(db: Db, tokenHash: string) {
  const rows = await db
    .select({ id: passwordResets.id, userId: passwordResets.userId, email: users.email })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`)))
    .limit(1)
  return rows[0] ?? null
}

// A new password makes every other outstanding reset link for the person useless.
export const expireUserResets = (db: Db, userId: string) =>
  db.update(passwordResets).set({ usedAt: sql`now()` }).where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)))

// Single use, enforced by one conditional UPDATE: of two simultaneous submissions exactly one
// gets the row back.
export async function consumeReset(db: Db, tokenHash: string): Promise<{ userId: string } | null> {
  const rows = await db
    .update(passwordResets)
    .set({ usedAt: sql`now()` })
    .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`)))
    .returning({ userId: passwordResets.userId })
  return rows[0] ?? null
}
