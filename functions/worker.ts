// First: @hono/zod-openapi extends zod's prototype with .openapi(), which the API modules call on
// schemas defined in src/domain; it must load before any of them.
import '@hono/zod-openapi'
import { createApp } from '../src/app'
import type { Env } from '../src/env'
import { handleQueueBatch } from '../src/handlers/jobs/queue'
import { handleScheduled } from '../src/handlers/jobs/scheduled'

const app = createApp()

export default {
  fetch: (req, env, ctx) => app.fetch(req, env, ctx),
  queue: (batch, env) => handleQueueBatch(batch, env),
  scheduled: (ctrl, env, ctx) => ctx.waitUntil(handleScheduled(ctrl, env)),
} satisfies ExportedHandler<Env, unknown>
