import SwaggerParser from '@apidevtools/swagger-parser'
import { createConfig, lintFromString } from '@redocly/openapi-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { openApiDocument } from '../../../tools/dev/openapi-document.ts'

type Schema = { $ref?: string; type?: string | string[]; properties?: Record<string, Schema>; items?: Schema; required?: string[] }
type Media = { schema?: Schema }
type Response = { $ref?: string; description?: string; content?: Record<string, Media> }
type Parameter = { $ref?: string; name?: string; in?: string }
type Operation = { operationId?: string; tags?: string[]; summary?: string; description?: string; security?: Record<string, string[]>[]; parameters?: Parameter[]; responses?: Record<string, Response> }
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema>; responses?: Record<string, Response>; parameters?: Record<string, Parameter> } }

const DOCUMENT_PATH = '/openapi.json'

// The document exactly as `npm run assets` builds it into public/ for the worker to serve.
let json = ''
let doc: Document
beforeAll(async () => {
  json = (await openApiDocument()).json
  doc = JSON.parse(json) as Document
})

const operations = () => Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ where: `${method.toUpperCase()} ${path}`, method, path, op })))
const resolve = <T extends { $ref?: string }>(x: T, kind: 'responses' | 'parameters'): T => (x.$ref ? (doc.components[kind]?.[x.$ref.split('/').pop()!] as T) : x)
const params = (op: Operation) => (op.parameters ?? []).map((p) => resolve(p, 'parameters'))

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document (swagger-parser)', async () => {
    // validate() dereferences in place; it gets a copy.
    const api = await SwaggerParser.validate(JSON.parse(json))
    expect('openapi' in api && api.openapi).toBe('3.1.0')
  })

  it("passes Redocly's recommended ruleset without errors", async () => {
    const problems = await lintFromString({ source: json, absoluteRef: 'openapi.json', config: await createConfig({ extends: ['recommended'] }) })
    const describe = (p: (typeof problems)[number]) => `${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`
    const warnings = problems.filter((p) => p.severity === 'warn').map(describe)
    // Reported, not failed: today the project has no license to name, and the document's own
    // route has no 4xx to give.
    if (warnings.length) console.info(`Redocly warnings:\n${warnings.join('\n')}`)
    expect(problems.filter((p) => p.severity === 'error').map(describe)).toEqual([])
  })

  it('gives every operation a unique camelCase operationId, tags and a summary', () => {
    const ids = operations().map(({ op }) => op.operationId)
    expect(operations().filter(({ op }) => !/^[a-z][a-zA-Z0-9]*$/.test(op.operationId ?? '')).map((o) => o.where)).toEqual([])
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([])
    expect(operations().filter(({ op }) => !op.tags?.length || !(op.summary ?? op.description)).map((o) => o.where)).toEqual([])
  })

  it('asks for the bearer token on every operation but the document itself', () => {
    expect(operations().filter(({ path, op }) => path !== DOCUMENT_PATH && !op.security?.some((s) => 'bearerAuth' in s)).map((o) => o.where)).toEqual([])
    expect(doc.paths[DOCUMENT_PATH]?.get?.security).toEqual([])
  })

  it('describes every error as problem+json with the one Problem schema, 422 with its field errors', () => {
    const notProblem = operations().flatMap(({ where, op }) =>
      Object.entries(op.responses ?? {})
        .filter(([status]) => Number(status) >= 400)
        .map(([status, r]) => [`${where} ${status}`, resolve(r, 'responses').content] as const)
        .filter(([, content]) => Object.keys(content ?? {}).join() !== 'application/problem+json' || content?.['application/problem+json']?.schema?.$ref !== '#/components/schemas/Problem')
        .map(([name]) => name),
    )
    expect(notProblem).toEqual([])
    expect(doc.components.schemas.Problem?.properties?.errors).toMatchObject({ type: 'array', items: { properties: { path: { type: 'string' }, message: { type: 'string' } } } })
    // Errors that can happen on any authenticated call are there on each one.
    const missing = operations().filter(({ path, op }) => path !== DOCUMENT_PATH && ['401', '403', '429', '500'].some((s) => !op.responses?.[s]))
    expect(missing.map((o) => o.where)).toEqual([])
  })

  it('documents cursor pagination and the { data, nextCursor } envelope together on list operations', () => {
    const lists = operations().map(({ where, op }) => {
      const ok = Object.entries(op.responses ?? {}).find(([s]) => s.startsWith('2'))?.[1]
      const envelope = ok && resolve(ok, 'responses').content?.['application/json']?.schema
      const query = params(op).filter((p) => p.in === 'query').map((p) => p.name)
      return { where, paged: Boolean(envelope?.properties?.nextCursor), cursor: query.includes('cursor'), limit: query.includes('limit'), envelope }
    })
    expect(lists.filter((l) => l.paged !== l.cursor || (l.paged && !l.limit)).map((l) => l.where)).toEqual([])
    for (const l of lists.filter((x) => x.paged)) expect(l.envelope, l.where).toMatchObject({ properties: { data: { type: 'array' }, nextCursor: { type: ['string', 'null'] } }, required: ['data', 'nextCursor'] })
    expect(lists.filter((l) => l.paged).length).toBeGreaterThan(10)
  })

  it('takes an Idempotency-Key on every POST', () => {
    const without = operations().filter(({ method, op }) => method === 'post' && !params(op).some((p) => p.in === 'header' && p.name === 'Idempotency-Key'))
    expect(without.map((o) => o.where)).toEqual([])
  })
})
