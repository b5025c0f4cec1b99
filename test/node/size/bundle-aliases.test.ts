import { readdirSync, readFileSync } from 'node:fs'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

// [alias] in wrangler.toml leaves parts of our dependencies out of the worker bundle, in their
// place a stub that throws (or, for zod-to-openapi's records, keeps nothing). The app's tests run against the real packages, so these checks are
// what keeps src/ from starting to use a part the deployed worker does not have.
const SOURCES = readdirSync('src', { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.tsx?$/.test(f))
  .map((f) => `src/${f}`)
const parsed = new Map<string, ts.SourceFile>()
function parse(path: string): ts.SourceFile {
  let file = parsed.get(path)
  if (!file) parsed.set(path, (file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true)))
  return file
}

// The files of src/ that read any of these names, as a property (x.name) or an import. `getters`
// counts only reads that are not calls (x.format, not formatter.format(...)).
function readersOf(names: string[], stub: string, getters: string[] = []): string[] {
  return SOURCES.filter((path) => {
    if (path === stub) return false
    let found = false
    const visit = (node: ts.Node) => {
      if ((ts.isPropertyAccessExpression(node) || ts.isImportSpecifier(node)) && names.includes(node.name.text)) found = true
      if (ts.isPropertyAccessExpression(node) && getters.includes(node.name.text) && !(ts.isCallExpression(node.parent) && node.parent.expression === node)) found = true
      ts.forEachChild(node, visit)
    }
    visit(parse(path))
    return found
  })
}

describe('what the worker bundle leaves out', () => {
  it('zod\'s JSON Schema conversion and the introspection getters built on it (src/lib/zod-lean-json-schema.ts): nothing reads them', () => {
    const names = ['toJSONSchema', 'jsonSchema', 'aggregateChecks', 'minLength', 'maxLength', 'minValue', 'maxValue', 'isInt', 'minDate', 'maxDate']
    expect(readersOf(names, 'src/lib/zod-lean-json-schema.ts', ['format'])).toEqual([])
  })

  it('zod-to-openapi\'s records (src/lib/zod-to-openapi-lean.ts): nothing reads them back or generates a document', () => {
    expect(readersOf(['openapi'], 'src/lib/zod-to-openapi-lean.ts').length).toBeGreaterThan(10) // the scan finds .openapi() at all
    const readers = readersOf(['definitions', 'getOpenApiMetadata', 'getRefId', 'getOpenAPIDocument', 'getOpenAPI31Document', 'doc', 'doc31'], 'src/lib/zod-to-openapi-lean.ts')
    expect(readers).toEqual([])
  })

  it('hono\'s app.mount() request rewriting (src/lib/hono-mount-lean.ts): no app mounts another', () => {
    expect(readersOf(['mount'], 'src/lib/hono-mount-lean.ts')).toEqual([])
  })

  it('drizzle\'s relational queries, $count and refreshMaterializedView (src/lib/drizzle-db-lean.ts): no client gets a schema, nothing calls them', () => {
    const clients: string[] = []
    const uses: string[] = []
    for (const path of SOURCES) {
      const file = parse(path)
      const where = (node: ts.Node) => `${path}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`
      const visit = (node: ts.Node) => {
        if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'drizzle') {
          clients.push(where(node))
          const options = node.arguments[0]
          if (!options || !ts.isObjectLiteralExpression(options) || options.properties.some((p) => p.name?.getText(file) === 'schema' || ts.isSpreadAssignment(p))) uses.push(where(node))
        }
        // db.query.<table> (on a db, so a route's request.query schema is not one).
        if (ts.isPropertyAccessExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'query' && /\bdb$/.test(node.expression.expression.getText(file))) uses.push(where(node))
        ts.forEachChild(node, visit)
      }
      visit(file)
    }
    expect(clients.some((c) => c.startsWith('src/db/client.ts:'))).toBe(true) // the scan finds createDb's client
    expect(uses).toEqual([])
    expect(readersOf(['$count', 'refreshMaterializedView'], 'src/lib/drizzle-db-lean.ts')).toEqual([])
  })

  it('drizzle\'s column builder table (src/lib/drizzle-pg-columns-lean.ts): every pgTable gets its columns as an object', () => {
    const tables: string[] = []
    const callbackForms: string[] = []
    for (const path of SOURCES) {
      const file = parse(path)
      const visit = (node: ts.Node) => {
        if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'pgTable') {
          const where = `${path}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`
          tables.push(where)
          if (!node.arguments[1] || !ts.isObjectLiteralExpression(node.arguments[1])) callbackForms.push(where)
        }
        ts.forEachChild(node, visit)
      }
      visit(file)
    }
    expect(tables.length).toBeGreaterThan(20) // the scan finds them at all
    expect(callbackForms).toEqual([])
  })
})
