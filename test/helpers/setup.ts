// @hono/zod-openapi adds .openapi() to zod's prototype when it loads; API modules name their
// schemas with it. Load it before any test file imports a schema, as functions/worker.ts does.
import '@hono/zod-openapi'
import { env } from 'cloudflare:test'
import { afterEach, beforeAll, vi } from 'vitest'
import type { Env } from '../../src/env'
import { ensurePhoneMetadata } from '../../src/lib/phone'

// Tests call domain code (normalisePhone, country checks) directly, not only through the worker's
// entry points, which load the phone metadata first; load it as they do, from the static assets.
beforeAll(() => ensurePhoneMetadata((env as unknown as Env).ASSETS))

// Test files share a module graph (isolate: false in vitest.config.ts): a spy left on a global
// such as fetch must not leak into the next file.
afterEach(() => {
  vi.restoreAllMocks()
})
