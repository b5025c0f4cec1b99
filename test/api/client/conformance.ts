import type { Middleware } from 'openapi-fetch'
import { fromJSONSchema, type ZodType } from 'zod'

// Checks every answer the generated client gets against the served OpenAPI document: a status
// the operation does not list, another media type, or a body off its schema is drift between
// document and behaviour, and fails the call. The generated types only hold if this does.

type Schema = { [keyword: string]: unknown }
type Response = { $ref?: string; content?: Record<string, { schema?: Schema }> }
export type OpenApiDocument = {
  paths: Record<string, Record<string, { responses?: Record<string, Response> }>>
  components: { schemas?: Record<string, Schema>; responses?: Record<string, Response> }
}

// Objects are closed: a field the document does not name is one a typed client cannot see.
// OpenAPI's component references are rewritten to the $defs that fromJSONSchema resolves.
function closed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closed)
  if (typeof node !== 'object' || node === null) return node
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? v.replace('#/components/schemas/', '#/$defs/') : closed(v)]))
  if (out.type === 'object' && out.properties && !('additionalProperties' in out)) out.additionalProperties = false
  return out
}

export function conformsTo(document: OpenApiDocument): Middleware {
  const defs = closed(document.components.schemas ?? {})
  const validators = new Map<string, ZodType>()
  const validator = (key: string, schema: Schema) => {
    let v = validators.get(key)
    if (!v) validators.set(key, (v = fromJSONSchema({ ...(closed(schema) as Schema), $defs: defs } as never, { defaultTarget: 'draft-2020-12' })))
    return v
  }
  return {
    async onResponse({ request, response, schemaPath }) {
      const where = `${request.method} ${schemaPath} ${response.status}`
      const declared = document.paths[schemaPath]?.[request.method.toLowerCase()]?.responses?.[response.status]
      if (!declared) throw new Error(`${where}: a status the document does not list`)
      const content = (declared.$ref ? document.components.responses?.[declared.$ref.split('/').pop() ?? ''] : declared)?.content
      const media = response.headers.get('content-type')?.split(';')[0] ?? null
      if (!content) {
        if (media || (await response.clone().text())) throw new Error(`${where}: a body (${media}) where the document has none`)
        return
      }
      const schema = media ? content[media]?.schema : undefined
      if (!media || !schema) throw new Error(`${where}: ${media ?? 'no content type'} where the document has ${Object.keys(content).join(', ')}`)
      const body = /[/+]json$/.test(media) ? await response.clone().json() : await response.clone().text()
      const result = validator(`${where} ${media}`, schema).safeParse(body)
      if (!result.success) throw new Error(`${where}: the body is not what the document says:\n${result.error.issues.map((i) => `  ${i.path.join('.') || '(body)'}: ${i.message}`).join('\n')}`)
    },
  }
}
