// Copies htmx from node_modules into the static assets, so it is served by us and never by a CDN,
// and builds the API's OpenAPI document there (tools/dev/openapi-document.ts).
// Runs before start, test and deploy (see package.json); public/vendor and public/api are
// generated, not committed.
import { copyFileSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeOpenApiDocument } from '../tools/dev/openapi-document.ts'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const vendor = join(root, 'public', 'vendor')
mkdirSync(vendor, { recursive: true })
copyFileSync(join(root, 'node_modules', 'htmx.org', 'dist', 'htmx.min.js'), join(vendor, 'htmx.min.js'))
await writeOpenApiDocument()
