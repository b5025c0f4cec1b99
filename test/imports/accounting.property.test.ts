import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { changesOf, errorsOf, runImport, workspace } from './chunk-helpers'

// Whatever a file holds and however it is chunked, every row is counted exactly once:
// rows = inserted + updated + skipped + rejected, every rejected row is in import_errors (and
// only those), and no chunk fails, not even on the leads' unique email and phone keys.

// A few shared values that collide within and across files, and ('new') one of a row's own.
const NAMES = ['Ann', 'Bo', '', '  ']
const EMAILS = ['a@x.test', ' A@x.test', 'b@x.test', 'new', 'new', 'bad', 'x@', '']
const PHONES = ['+1 415 555 0100', '(415) 555-0100', '+1 415 555 0101', 'new', '12', '']
const INVALID = new Set(['bad', 'x@', '12'])
let fresh = 0
const own = (value: string, make: (n: number) => string) => (value === 'new' ? make(++fresh) : value)

const record = fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...EMAILS), fc.constantFrom(...PHONES), fc.constantFrom('ok', 'ok', 'ok', 'ok', 'short', 'long'))
const file = fc.record({
  entity: fc.constantFrom('contacts' as const, 'leads' as const),
  matchKey: fc.constantFrom('email' as const, 'phone' as const, null),
  mode: fc.constantFrom('create' as const, 'update' as const, 'upsert' as const),
  dryRun: fc.boolean(),
  chunk: fc.integer({ min: 1, max: 7 }),
  rows: fc.array(record, { minLength: 1, maxLength: 25 }),
})

describe('import accounting', () => {
  it('counts every row once, whatever the file and its chunks', { timeout: 180_000 }, async () => {
    // One workspace per kind, so leads meet leads (a contact with the same phone would hide them).
    const spaces = { contacts: await workspace(), leads: await workspace() }
    await fc.assert(
      fc.asyncProperty(file, async ({ entity, matchKey, mode, dryRun, chunk, rows }) => {
        const ws = spaces[entity]
        const fields = rows.map(([name, e, p, shape]) => {
          const [email, phone] = [own(e, (n) => `n${n}@x.test`), own(p, (n) => `+1 415 555 ${2000 + (n % 8000)}`)]
          return shape === 'short' ? [name, email] : shape === 'long' ? [name, email, phone, 'extra'] : [name, email, phone]
        })
        const { imp, totals } = await runImport(ws, { entity, headers: ['firstName', 'email', 'phone'], matchKey, mode, dryRun }, fields, chunk)
        expect(totals.rows).toBe(rows.length)
        expect(totals.inserted + totals.updated + totals.skipped + totals.rejected).toBe(rows.length)

        const errors = (await errorsOf(ws, imp.id)).map((e) => e.rowNumber)
        const changes = (await changesOf(ws, imp.id)).map((c) => c.rowNumber)
        expect(errors).toHaveLength(totals.rejected)
        expect(changes).toHaveLength(totals.inserted + totals.updated)
        expect(errors.filter((row) => changes.includes(row))).toEqual([])
        // Rows that no record could take are always among the rejected.
        const unusable = rows.flatMap(([, email, phone, shape], i) => (shape !== 'ok' || INVALID.has(email) || INVALID.has(phone) ? [i + 2] : []))
        expect(unusable.filter((row) => !errors.includes(row))).toEqual([])
      }),
      { numRuns: 80 },
    )
  })
})
