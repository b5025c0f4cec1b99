// @asteasolutions/zod-to-openapi as the worker needs it, wired in for the worker bundle by [alias]
// in wrangler.toml (tests and Node tooling get the real package). The package records OpenAPI
// metadata (.openapi() on schemas, a registry of routes and components) for its document
// generators, and the worker never generates the document: it serves one built ahead of time
// (src/handlers/api/openapi-document.ts, tools/dev/openapi-document.ts). @hono/zod-openapi still
// calls the recording side at run time, so here it records nothing: .openapi() returns its schema
// unchanged (the real one returns a copy with the same definition, so validation is the same) and
// the registry forgets what it is given. ~29 KB of the 1 MB budget with the generators.
// test/node/size/bundle-aliases.test.ts checks that src/ reads nothing back. Calling a generator
// throws, so a route that tries fails loudly instead of serving an empty document.
type Schema = object

export function extendZodWithOpenApi(zod: { ZodType: { prototype: { openapi?: unknown } } }) {
  zod.ZodType.prototype.openapi ??= function openapi(this: Schema) {
    return this
  }
}

export class OpenAPIRegistry {
  readonly definitions: never[] = []
  register<T extends Schema>(_refId: string, schema: T): T {
    return schema
  }
  registerParameter<T extends Schema>(_refId: string, schema: T): T {
    return schema
  }
  registerPath(): void {}
  registerWebhook(): void {}
  registerComponent(): void {}
}

export const getOpenApiMetadata = (): Record<string, never> => ({})

class NoGeneratorInWorker {
  constructor() {
    throw new Error('The worker bundle has no OpenAPI generator: the document is built by tools/dev/openapi-document.ts.')
  }
}
export { NoGeneratorInWorker as OpenApiGeneratorV3, NoGeneratorInWorker as OpenApiGeneratorV31, NoGeneratorInWorker as OpenApiGeneratorV32 }
