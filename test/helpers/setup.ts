// @hono/zod-openapi adds .openapi() to zod's prototype when it loads; API modules name their
// schemas with it. Load it before any test file imports a schema, as functions/worker.ts does.
import '@hono/zod-openapi'
import { afterEach, vi } from 'vitest'

// Test files share a module graph (isolate: false in vitest.config.ts): a spy left on a global
// such as fetch must not leak into the next file.
afterEach(() => {
  vi.restoreAllMocks()
})
