import { desc } from 'drizzle-orm'
import type { Db } from '../client'
import { heartbeats } from '../schema'

// Idempotent: a redelivered heartbeat hits the primary key and changes nothing.
export async function recordHeartbeat(db: Db, key: string, scheduledAt: Date): Promise<void> {
  await db.insert(heartbeats).values({ key, scheduledAt }).onConflictDoNothing()
}

export async function listHeartbeats(db: Db, limit = 10) {
  return db.select().from(heartbeats).orderBy(desc(heartbeats.scheduledAt)).limit(limit)
}
