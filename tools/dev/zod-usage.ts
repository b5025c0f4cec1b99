// Which of zod's exports the worker's code reads at run time: every `z.name` (and `z.coerce.name`,
// `z.iso.name`) in src/ and functions/, where `z` is zod's namespace from 'zod' or the `z` that
// @hono/zod-openapi re-exports. src/lib/zod-lean.ts must export exactly these (test/node/size).
// Types (`z.infer<T>`, `typeof z.NEVER`) are not property accesses, so they do not count.
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import ts from 'typescript'

const require = createRequire(import.meta.url)
const ROOT = dirname(require.resolve('../../package.json'))
const ZOD_MODULES = new Set(['zod', '@hono/zod-openapi'])
// zod namespaces whose members are read one level further down.
const NESTED = new Set(['coerce', 'iso'])

const sourceFiles = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => join(dir, f))

// Local names that stand for zod's whole namespace in this file, plus names imported one by one.
function zodBindings(file: ts.SourceFile) {
  const namespaces = new Set<string>()
  const named = new Set<string>()
  for (const st of file.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !ZOD_MODULES.has(st.moduleSpecifier.text)) continue
    const clause = st.importClause
    if (!clause || clause.isTypeOnly) continue
    const fromZod = st.moduleSpecifier.text === 'zod'
    if (clause.name && fromZod) namespaces.add(clause.name.text)
    const bindings = clause.namedBindings
    if (bindings && ts.isNamespaceImport(bindings) && fromZod) namespaces.add(bindings.name.text)
    if (bindings && ts.isNamedImports(bindings)) {
      for (const el of bindings.elements) {
        if (el.isTypeOnly) continue
        const imported = (el.propertyName ?? el.name).text
        if (imported === 'z') namespaces.add(el.name.text)
        else if (fromZod) named.add(imported)
      }
    }
  }
  return { namespaces, named }
}

// Sorted names such as 'string', 'coerce.number', 'NEVER'.
export function zodNamesUsed(dirs = ['src', 'functions'], skip = ['src/lib/zod-lean.ts']): string[] {
  const used = new Set<string>()
  for (const path of dirs.flatMap(sourceFiles)) {
    if (skip.includes(path)) continue
    const file = ts.createSourceFile(path, readFileSync(join(ROOT, path), 'utf8'), ts.ScriptTarget.Latest, true)
    const { namespaces, named } = zodBindings(file)
    named.forEach((n) => used.add(n))
    if (!namespaces.size) continue
    const visit = (node: ts.Node) => {
      if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && namespaces.has(node.expression.text)) {
        const name = node.name.text
        const parent = node.parent
        used.add(NESTED.has(name) && ts.isPropertyAccessExpression(parent) && parent.expression === node ? `${name}.${parent.name.text}` : name)
      }
      ts.forEachChild(node, visit)
    }
    visit(file)
  }
  return [...used].sort()
}
