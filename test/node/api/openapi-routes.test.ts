import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi'
import { Hono } from 'hono'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { openApiDocument } from '../../../tools/dev/openapi-document.ts'

type Route = { method: string; path: string }
type Document = { servers?: { url: string }[]; paths?: Record<string, object> }

const BASE = '/api/v1'

// Every /api/v1 route Hono has registered (method and path, Hono's :param spelled as OpenAPI's
// {param}) that the document does not describe. `use()` middleware is registered as ALL and is
// not a route of its own.
function undocumented(routes: Route[], doc: Document): string[] {
  const described = new Set(Object.entries(doc.paths ?? {}).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${BASE}${path}`)))
  const registered = routes.filter((r) => r.method !== 'ALL' && r.path.startsWith(`${BASE}/`)).map((r) => `${r.method} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`)
  return [...new Set(registered)].filter((r) => !described.has(r))
}

describe('every /api/v1 route is in the OpenAPI document', () => {
  it('holds for the app as built', async () => {
    // By URL, as tools/dev/openapi-document.ts loads the worker's modules; @hono/zod-openapi first.
    await import('@hono/zod-openapi')
    const { createApp } = (await import(pathToFileURL('src/app.ts').href)) as { createApp: () => Hono }
    const app = createApp()
    const doc = JSON.parse((await openApiDocument()).json) as Document
    expect(doc.servers?.[0]?.url).toBe(BASE)
    expect(app.routes.filter((r) => r.path.startsWith(`${BASE}/`) && r.method !== 'ALL').length).toBeGreaterThan(100) // the walk sees the API at all
    expect(undocumented(app.routes, doc)).toEqual([])
  })

  it('catches a route added without a definition, as a module adding one with .get() would', () => {
    const router = new OpenAPIHono()
    const params = z.object({ id: z.string() })
    router.openapi(createRoute({ method: 'get', path: '/widgets/{id}', request: { params }, responses: { 200: { description: 'A widget' } } }), (c) => c.text('documented'))
    router.post('/widgets/:id/polish', (c) => c.text('undocumented'))
    const app = new Hono().route(BASE, router)
    const doc = router.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'Throwaway', version: '1' } })
    expect(undocumented(app.routes, doc)).toEqual(['POST /api/v1/widgets/{id}/polish'])
  })
})
