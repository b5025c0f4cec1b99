// Builds GET /api/v1/openapi.json from the API's routes into the static assets, so the worker
// serves it without carrying zod-to-openapi's generator (see src/handlers/api/openapi-document.ts).
// Run by `npm run assets` (before start, test, build, deploy) and by the test harness's global
// setup, so a test run always sees the routes as they are in the working tree.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

const require = createRequire(import.meta.url)
const ROOT = dirname(require.resolve('../../package.json'))

type OpenApiModule = { OPENAPI_DOCUMENT: object; OPENAPI_PATH: string }
type ApiModule = { createApi: () => { getOpenAPI31Document: (config: object) => unknown } }
type ConventionsModule = { withApiConventions: (document: unknown) => unknown }

// The worker's modules are loaded by URL so that this Node-side file is type-checked without them
// (they are checked with the worker's own tsconfig).
const load = <T>(file: string) => import(pathToFileURL(join(ROOT, file)).href) as Promise<T>

export async function openApiDocument(): Promise<{ path: string; json: string }> {
  // First, as in functions/worker.ts: .openapi() must exist before any API module loads.
  await import('@hono/zod-openapi')
  const { OPENAPI_DOCUMENT, OPENAPI_PATH } = await load<OpenApiModule>('src/handlers/api/openapi-document.ts')
  const { createApi } = await load<ApiModule>('src/handlers/api/api.ts')
  // What the routes say, then what every route shares (auth, errors, pagination, idempotency).
  const { withApiConventions } = await load<ConventionsModule>('src/handlers/api/openapi-conventions.ts')
  return { path: OPENAPI_PATH, json: JSON.stringify(withApiConventions(createApi().getOpenAPI31Document(OPENAPI_DOCUMENT))) }
}

export async function writeOpenApiDocument(): Promise<string> {
  const { path, json } = await openApiDocument()
  const file = join(ROOT, 'public', path)
  mkdirSync(dirname(file), { recursive: true })
  // Written aside and renamed: concurrent test runs may be serving the previous one.
  const partial = `${file}.${process.pid}.tmp`
  writeFileSync(partial, json)
  renameSync(partial, file)
  return file
}
