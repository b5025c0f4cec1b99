import * as zod from 'zod'
import { describe, expect, it } from 'vitest'
import * as lean from '../../../src/lib/zod-lean.ts'
import { zodNamesUsed } from '../../../tools/dev/zod-usage.ts'

// The worker's "zod" (src/lib/zod-lean.ts) lists the zod functions src/ calls. The tests of the
// app run against the real zod, so only this test stands between a new `z.name` and a worker
// that crashes on start with "z.name is not a function".
const member = (ns: object, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], ns)
// Read by @hono/zod-openapi, not by src/: extendZodWithOpenApi(z) patches z.ZodType.prototype.
const FOR_PACKAGES = ['ZodType']

describe('the worker bundle\'s zod (src/lib/zod-lean.ts)', () => {
  const used = zodNamesUsed()

  it('exports every zod function src/ calls, the same as zod\'s own', () => {
    expect(used).toContain('string') // the scan finds them at all
    for (const name of [...used, ...FOR_PACKAGES]) {
      expect(member(lean, name), `z.${name}: add it to src/lib/zod-lean.ts`).toBe(member(zod, name))
    }
  })

  it('exports nothing src/ does not call, as each export is bundled', () => {
    const needed = new Set([...used.map((n) => n.split('.')[0]), ...FOR_PACKAGES, 'z', 'default'])
    expect(Object.keys(lean).filter((n) => !needed.has(n))).toEqual([])
  })
})
