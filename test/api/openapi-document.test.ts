// First: @hono/zod-openapi adds .openapi() to zod schemas created after it loads.
import '@hono/zod-openapi'
import { describe, expect, it } from 'vitest'
import { createApi } from '../../src/handlers/api/api'
import { withApiConventions } from '../../src/handlers/api/openapi-conventions'
import { OPENAPI_DOCUMENT } from '../../src/handlers/api/openapi-document'
import { request } from '../helpers/app'

// The worker serves a document built ahead of time (tools/dev/openapi-document.ts); it must be
// exactly what the routes describe, as when the worker generated it per request.
describe('GET /api/v1/openapi.json', () => {
  it('serves, without a token, the document the API routes describe', async () => {
    const res = await request('/api/v1/openapi.json')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/json')
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'") // the worker's headers
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(withApiConventions(createApi().getOpenAPI31Document(OPENAPI_DOCUMENT)))))
  })
})
