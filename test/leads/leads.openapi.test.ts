// First: @hono/zod-openapi adds .openapi() to zod schemas created after it loads.
import '@hono/zod-openapi'
import { describe, expect, it } from 'vitest'
import { leadsApi } from '../../src/handlers/leads/leads.api'

describe('the leads part of /api/v1/openapi.json', () => {
  it('documents every lead route, conversion included', () => {
    const doc = leadsApi.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'Leads', version: '1' } })
    expect(Object.keys(doc.paths ?? {}).sort()).toEqual(['/leads', '/leads/{id}', '/leads/{id}/convert', '/leads/{id}/timeline'])
    expect(Object.keys(doc.components?.schemas ?? {})).toEqual(expect.arrayContaining(['Lead', 'LeadConversion']))
  })
})
