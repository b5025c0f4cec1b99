// First: @hono/zod-openapi extends zod's prototype with .openapi(), which the API modules call on
// schemas defined in src/domain; it must load before any of them.
import '@hono/zod-openapi'
import { createApp } from '../src/app'
import type { Env } from '../src/env'
import { handleDeadLetters } from '../src/handlers/jobs/dead-letters'
import { handleQueueBatch } from '../src/handlers/jobs/queue'
import { handleScheduled } from '../src/handlers/jobs/scheduled'
import { ensurePhoneMetadata } from '../src/lib/phone'

const app = createApp()

// The worker consumes both of wrangler.toml's queues; each batch names the one it came from.
const CONSUMERS: Record<string, (batch: MessageBatch<unknown>, env: Env) => Promise<void>> = { jobs: handleQueueBatch, 'jobs-dlq': handleDeadLetters }

// Phone parsing needs its metadata loaded (src/lib/phone.ts), so every entry point loads it before
// its handler runs: the app in a middleware (a failure is then a 500 with a request id), queue
// batches and cron ticks here. A batch whose load fails is retried as a whole.
export default {
  fetch: (req, env, ctx) => app.fetch(req, env, ctx),
  queue: async (batch, env) => {
    const consume = CONSUMERS[batch.queue]
    if (!consume) throw new Error(`no consumer for queue ${batch.queue}`)
    await ensurePhoneMetadata(env.ASSETS)
    return consume(batch, env)
  },
  scheduled: (ctrl, env, ctx) => ctx.waitUntil(ensurePhoneMetadata(env.ASSETS).then(() => handleScheduled(ctrl, env))),
} satisfies ExportedHandler<Env, unknown>
