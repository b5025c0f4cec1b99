// zod's public API without its 40+ locales. Wired in as "zod" for the worker bundle by [alias]
// in wrangler.toml. Why: zod's index re-exports a `locales` namespace that esbuild cannot
// tree-shake once anything imports `{ z }` (as @hono/zod-openapi does), which costs ~300 KB of
// our 1 MB bundle budget. Also left out, ~45 KB: z.compile (the opt-in JIT parser) and
// z.fromJSONSchema, which nothing here or in @hono/zod-openapi calls. English messages still
// come with the schemas (schemas.js registers them). Also left out, ~9 KB: the `core` namespace
// (zod's internals for library authors; nothing here, in zod-to-openapi or in @hono/zod-openapi
// reads z.core at run time). @hono/zod-openapi passes the whole `z` object to
// extendZodWithOpenApi and re-exports it, so every export listed here is bundled, used or not.
// Mirrors node_modules/zod/v4/classic/external.js minus those; keep the two in step when upgrading zod (the bundle-size test and the whole suite run against it).
export * from '../../node_modules/zod/v4/classic/schemas.js'
export * from '../../node_modules/zod/v4/classic/checks.js'
export * from '../../node_modules/zod/v4/classic/errors.js'
export * from '../../node_modules/zod/v4/classic/parse.js'
export * from '../../node_modules/zod/v4/classic/compat.js'
export { globalRegistry, registry, config, memoizer, $output, $input, $brand, clone, regexes, treeifyError, prettifyError, formatError, flattenError, TimePrecision, util, NEVER, toZod, getDiscriminatedOption } from '../../node_modules/zod/v4/core/index.js'
export { toJSONSchema } from '../../node_modules/zod/v4/core/json-schema-processors.js'
export { deepPartial } from '../../node_modules/zod/v4/classic/deep-partial.js'
export { input, output } from '../../node_modules/zod/v4/classic/in-out.js'
export { ZodISODateTime, ZodISODate, ZodISOTime, ZodISODuration } from '../../node_modules/zod/v4/classic/iso.js'
export * as iso from '../../node_modules/zod/v4/classic/iso.js'
export * as coerce from '../../node_modules/zod/v4/classic/coerce.js'
import * as z from './zod-lean'
export { z, z as default }
