// The part of zod's public API that the worker uses, wired in as "zod" for the worker bundle by
// [alias] in wrangler.toml (tests and Node tooling get the real package). Why a list: zod's index
// re-exports everything, 40+ locales included, and @hono/zod-openapi imports `{ z }` and passes
// it to extendZodWithOpenApi, so esbuild must build the whole namespace object and bundles every
// export it names, used or not. Listing only what src/ reads keeps ~350 KB of zod out of our 1 MB
// budget. English messages still come with the schemas (schemas.js registers them).
// test/node/size/zod-lean.test.ts checks this list against every `z.name` in src/ (through
// tools/dev/zod-usage.ts): a schema that starts using another zod function fails that test, not
// the deployed worker. ZodType stays because extendZodWithOpenApi patches its prototype.
export { ZodType, array, boolean, discriminatedUnion, email, enum, int, literal, looseObject, null, number, object, preprocess, record, strictObject, string, undefined, union, unknown, url, uuid } from '../../node_modules/zod/v4/classic/schemas.js'
export { NEVER } from '../../node_modules/zod/v4/core/index.js'
export * as iso from '../../node_modules/zod/v4/classic/iso.js'
export * as coerce from '../../node_modules/zod/v4/classic/coerce.js'
import * as z from './zod-lean'
export { z, z as default }
