// Copies htmx and Swagger UI (for /api/docs) from node_modules into the static assets, so they are
// served by us and never by a CDN, and builds the API's OpenAPI document there
// (tools/dev/openapi-document.ts).
// Runs before start, test and deploy (see package.json); public/vendor and public/api are
// generated, not committed.
import { copyFileSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeOpenApiDocument } from '../tools/dev/openapi-document.ts'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const vendor = join(root, 'public', 'vendor')
mkdirSync(join(vendor, 'swagger-ui'), { recursive: true })
copyFileSync(join(root, 'node_modules', 'htmx.org', 'dist', 'htmx.min.js'), join(vendor, 'htmx.min.js'))
// Only the bundle and its stylesheet: the standalone preset (top bar) injects an inline <style>,
// which our CSP refuses, and /api/docs does not use it.
for (const file of ['swagger-ui-bundle.js', 'swagger-ui-bundle.js.LICENSE.txt', 'swagger-ui.css']) {
  copyFileSync(join(root, 'node_modules', 'swagger-ui-dist', file), join(vendor, 'swagger-ui', file))
}
await writeOpenApiDocument()
