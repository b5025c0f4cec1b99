// @hono/zod-openapi adds .openapi() to zod's prototype when it loads; API modules name their
// schemas with it. Load it before any test file imports a schema, as functions/worker.ts does.
import '@hono/zod-openapi'
