import { readdirSync, readFileSync } from 'node:fs'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

// [alias] in wrangler.toml leaves parts of our dependencies out of the worker bundle, in their
// place a stub that throws. The app's tests run against the real packages, so these checks are
// what keeps src/ from starting to use a part the deployed worker does not have.
const SOURCES = readdirSync('src', { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.tsx?$/.test(f))
  .map((f) => `src/${f}`)
const parse = (path: string) => ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true)

describe('what the worker bundle leaves out', () => {
  it('zod\'s JSON Schema conversion (src/lib/zod-lean-json-schema.ts): nothing calls it', () => {
    const callers = SOURCES.filter((path) => {
      if (path === 'src/lib/zod-lean-json-schema.ts') return false
      let found = false
      const visit = (node: ts.Node) => {
        if (ts.isPropertyAccessExpression(node) && ['toJSONSchema', 'jsonSchema'].includes(node.name.text)) found = true
        ts.forEachChild(node, visit)
      }
      visit(parse(path))
      return found
    })
    expect(callers).toEqual([])
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
