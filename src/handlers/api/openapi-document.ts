import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from '../../env'
import { AppError } from '../../lib/errors'

// The top of GET /api/v1/openapi.json; its paths and schemas come from the routes in createApi().
export const OPENAPI_DOCUMENT: Parameters<OpenAPIHono['getOpenAPI31Document']>[0] = {
  openapi: '3.1.0',
  info: { title: 'Edge CRM API', version: '1' },
  servers: [{ url: '/api/v1' }],
  security: [{ bearerAuth: [] }],
}

// Where the document is served, and so where it sits in the static assets (public/).
export const OPENAPI_PATH = '/api/v1/openapi.json'

// The document is generated from the routes ahead of time, not per request:
// tools/dev/openapi-document.ts writes it into public/ before every build, deploy, `npm start`
// and test run. The worker only serves it, so zod-to-openapi's generator (~22 KB) stays out of
// the bundle ([alias] in wrangler.toml). Served through the worker, not straight from the assets,
// so it gets the same headers as every other API response.
export async function serveOpenApiDocument(c: Context<AppEnv>) {
  const asset = await c.env.ASSETS.fetch(new URL(OPENAPI_PATH, c.req.url))
  if (!asset.ok) throw new AppError('INTERNAL', 'The OpenAPI document was not built (npm run assets builds it).')
  return new Response(asset.body, { headers: { 'Content-Type': 'application/json' } })
}
