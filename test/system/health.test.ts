import { describe, expect, it } from 'vitest'
import { request } from '../helpers/app'

describe('GET /healthz', () => {
  it('reports the database ok after a real query', async () => {
    const res = await request('/healthz')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('application/json')
    expect(await res.json()).toEqual({ ok: true, db: 'ok' })
  })
})
