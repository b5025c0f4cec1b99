// @asteasolutions/zod-to-openapi without its document generators, wired in for the worker bundle
// by [alias] in wrangler.toml (tests and Node tooling get the real package). @hono/zod-openapi
// needs the registry and .openapi() at run time, but only calls the generators from
// getOpenAPIDocument()/doc(), and the worker serves a document built ahead of time instead
// (src/handlers/api/openapi-document.ts): ~22 KB of the 1 MB budget. Calling a generator in the
// worker throws, so a route that tries fails loudly instead of serving nothing.
// The real module by path, as the bare name would resolve to this file again; its .d.ts does
// not cover the .mjs path, hence the directive.
// @ts-expect-error no declarations for dist/index.mjs (see above)
export { OpenAPIRegistry, extendZodWithOpenApi, getOpenApiMetadata, getRefId, zodToOpenAPIRegistry } from '../../node_modules/@asteasolutions/zod-to-openapi/dist/index.mjs'

class NoGeneratorInWorker {
  constructor() {
    throw new Error('The worker bundle has no OpenAPI generator: the document is built by tools/dev/openapi-document.ts.')
  }
}
export { NoGeneratorInWorker as OpenApiGeneratorV3, NoGeneratorInWorker as OpenApiGeneratorV31, NoGeneratorInWorker as OpenApiGeneratorV32 }
