// SQL expressions the generator builds its INSERT ... SELECT FROM generate_series statements from.
// All randomness is a hash of (seed, workspace, stream, row number), so any row can be recomputed
// from its number alone: a contact's account id is worked out from the account's number, not
// looked up, and the same seed always gives the same database.

const MASK = 2 ** 52 - 1

// A uniform draw in [0, 1) for row `i` (an SQL integer expression). hashint8extended is the
// stable hash PostgreSQL uses for hash partitioning, so it gives the same numbers on every server.
export const draw = (salt: bigint, i: string): string => `((hashint8extended((${i})::int8, ${salt}) & ${MASK})::float8 / ${MASK + 1})`

// floor(draw * n) as an integer in [0, n).
export const below = (salt: bigint, i: string, n: number | string): string => `floor(${draw(salt, i)} * (${n}))::int8`

// A UUIDv7 carrying `ms` (like the app's ids, they sort as the rows were created), its 72 random
// bits hashed from row `i`: unique per stream and row, and far cheaper than md5.
export const v7 = (ms: string, salt: bigint, i: string): string =>
  `(lpad(to_hex((${ms})::int8), 12, '0') || '7' || lpad(to_hex(hashint8extended((${i})::int8, ${salt}) & 4095), 3, '0') || '8' || lpad(to_hex(hashint8extended((${i})::int8, ${salt + 1n}) & ${2n ** 60n - 1n}), 15, '0'))::uuid`

// Milliseconds since the epoch as a timestamptz, exactly (no float seconds).
export const at = (ms: string): string => `(timestamptz 'epoch' + (${ms})::float8 * interval '1 millisecond')`

// The text of a whole number, zero-padded.
export const digits = (n: string, width: number): string => `lpad((${n})::text, ${width}, '0')`

// Parameters of one statement: word lists travel as array parameters, each bound once. Expressions
// are built before it is known which of them a statement uses, so binding hands out a placeholder
// and finish() numbers only the parameters the final text refers to.
export type Binder = {
  bind(value: unknown, type: string): string
  pick(list: readonly unknown[], type: string, index: string): string
  finish(sql: string): { sql: string; values: unknown[] }
}

export function binder(): Binder {
  const bound: { value: unknown; type: string }[] = []
  const seen = new Map<unknown, string>()
  const bind = (value: unknown, type: string) => {
    const known = seen.get(value)
    if (known) return known
    bound.push({ value, type })
    const ref = `\u0000${bound.length - 1}\u0000`
    seen.set(value, ref)
    return ref
  }
  return {
    bind,
    // The list's element at a 0-based SQL index.
    pick: (list, type, index) => `(${bind(list, `${type}[]`)})[1 + (${index})]`,
    finish(sql) {
      const numbers = new Map<number, number>()
      const values: unknown[] = []
      const text = sql.replace(/\u0000(\d+)\u0000/g, (_, k: string) => {
        const slot = bound[Number(k)]
        if (!slot) throw new Error(`unknown parameter ${k}`)
        let n = numbers.get(Number(k))
        if (n === undefined) numbers.set(Number(k), (n = values.push(slot.value)))
        return `$${n}::${slot.type}`
      })
      return { sql: text, values }
    },
  }
}
