// Trigger: cron "*/5 * * * *" via handleScheduled. Idempotency key: "heartbeat:<scheduledTime ISO>".
import { createDb } from '../../db/client'
import { recordHeartbeat } from '../../db/queries/heartbeats'
import type { HeartbeatMessage } from '../../domain/jobs/messages'
import type { Env } from '../../env'
import type * as z from 'zod'

export async function runHeartbeat(env: Env, msg: z.infer<typeof HeartbeatMessage>): Promise<void> {
  await recordHeartbeat(createDb(env), msg.key, new Date(msg.scheduledAt))
}
