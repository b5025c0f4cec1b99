// Trigger: cron "17 * * * *" via handleScheduled. Idempotency key: "cleanup:<scheduledTime ISO>".
import type * as z from 'zod'
import { createDb } from '../../db/client'
import { pruneExpiredAuthData } from '../../db/queries/cleanup'
import type { CleanupMessage } from '../../domain/jobs/messages'
import { LOGIN_WINDOW_MS } from '../../domain/access/throttle-policy'
import type { Env } from '../../env'

const KEEP_ENDED_MS = 30 * 24 * 60 * 60 * 1000

export async function runCleanup(env: Env, msg: z.infer<typeof CleanupMessage>): Promise<void> {
  await pruneExpiredAuthData(createDb(env), new Date(msg.scheduledAt), LOGIN_WINDOW_MS, KEEP_ENDED_MS)
}
