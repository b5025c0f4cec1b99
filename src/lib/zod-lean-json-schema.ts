// zod's JSON Schema conversion without its converters, wired in for the worker bundle by [alias]
// in wrangler.toml under the two paths zod's classic/schemas.js imports them by (tests and Node
// tooling get the real modules). Every zod schema links its converter and the generator, so
// esbuild bundles them whenever zod is; but only schema.toJSONSchema() and
// schema['~standard'].jsonSchema run them, and nothing in the worker calls either (the OpenAPI
// document is built ahead of time, see src/lib/zod-to-openapi-lean.ts): ~16 KB of the 1 MB
// budget. Here they throw, so a caller fails loudly instead of getting an empty schema.
// wrangler matches [alias] keys against the import text as written, so the keys are zod's own
// relative paths; should zod move these files, the alias stops matching and the bytes come back.
// aggregateChecks goes too: besides the converters, only the introspection getters read it
// (.minLength, .maxLength, .format, .minValue, .maxValue, .isInt, .minDate, .maxDate), and src/
// reads none of them (the same test checks): ~1.7 KB more.
// The real modules by path, as the aliased paths would resolve to this file again. Local exports
// take precedence over `export *`, so everything not overridden below is zod's own.
export * from '../../node_modules/zod/v4/core/json-schema-processors.js'
export * from '../../node_modules/zod/v4/core/to-json-schema.js'

const noJsonSchema = (): never => {
  throw new Error('The worker bundle has no JSON Schema converter (see src/lib/zod-lean-json-schema.ts).')
}
export const createToJSONSchemaMethod = () => noJsonSchema
export const aggregateChecks = noJsonSchema
export const createStandardJSONSchemaMethod = () => noJsonSchema
// zod's per-schema converters, all of them.
export {
  noJsonSchema as stringProcessor, noJsonSchema as numberProcessor, noJsonSchema as booleanProcessor,
  noJsonSchema as bigintProcessor, noJsonSchema as symbolProcessor, noJsonSchema as nullProcessor,
  noJsonSchema as undefinedProcessor, noJsonSchema as voidProcessor, noJsonSchema as neverProcessor,
  noJsonSchema as anyProcessor, noJsonSchema as unknownProcessor, noJsonSchema as dateProcessor,
  noJsonSchema as enumProcessor, noJsonSchema as literalProcessor, noJsonSchema as nanProcessor,
  noJsonSchema as templateLiteralProcessor, noJsonSchema as fileProcessor, noJsonSchema as successProcessor,
  noJsonSchema as customProcessor, noJsonSchema as functionProcessor, noJsonSchema as transformProcessor,
  noJsonSchema as mapProcessor, noJsonSchema as setProcessor, noJsonSchema as arrayProcessor,
  noJsonSchema as objectProcessor, noJsonSchema as unionProcessor, noJsonSchema as intersectionProcessor,
  noJsonSchema as tupleProcessor, noJsonSchema as recordProcessor, noJsonSchema as nullableProcessor,
  noJsonSchema as nonoptionalProcessor, noJsonSchema as defaultProcessor, noJsonSchema as prefaultProcessor,
  noJsonSchema as catchProcessor, noJsonSchema as pipeProcessor, noJsonSchema as readonlyProcessor,
  noJsonSchema as promiseProcessor, noJsonSchema as optionalProcessor, noJsonSchema as lazyProcessor,
}
