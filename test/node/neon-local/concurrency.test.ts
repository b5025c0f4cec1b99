// Many requests at once against one backend (for PGlite: one single-session instance). Every batch
// must run as one transaction nobody else's statements get into, and single queries must never
// land inside someone's batch. Each check below fails if statements interleave:
// - a batch sets a transaction-local marker first and reads it back last; another batch's
//   set_config in between would change it, and a single query in between would see it;
// - all statements of a batch report the same transaction id, distinct from every other batch's;
// - a batch counts exactly its own rows, and failed batches leave none behind.
import { setImmediate as nextTurn } from 'node:timers/promises'
import { sql as dsql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPgliteBackend, openPglite } from '../../../tools/neon-local/pglite-backend.ts'
import { backendCases, startLocalNeon, type BackendCase, type LocalNeon } from './backends.ts'

const REQUESTS = 50
const ROWS_PER_BATCH = 5

type Marker = { b: string | null; tx: string | null }
type Tally = Marker & { mine: number }

// In-memory PGlite finishes a whole batch without ever yielding to the event loop, so on its own it
// would hide a missing lock. This one yields on every protocol round trip, as slow storage would,
// giving other requests every chance to slip in between two statements of a batch.
const yieldingPglite: BackendCase = {
  name: 'pglite yielding between protocol messages',
  async open() {
    const db = await openPglite()
    const execProtocolStream = db.execProtocolStream.bind(db)
    db.execProtocolStream = async (message, options) => {
      await nextTurn()
      return execProtocolStream(message, options)
    }
    const backend = createPgliteBackend(db)
    return { backend, dispose: () => backend.close() }
  },
}

describe.each([...backendCases, yieldingPglite])('concurrent requests on $name', (backendCase) => {
  let local: LocalNeon
  beforeAll(async () => {
    local = await startLocalNeon(backendCase)
    await local.sql.query('CREATE TABLE ledger (owner int NOT NULL, seq int NOT NULL)')
  })
  afterAll(() => local.close())

  const runBatch = async (id: number) => {
    const { db } = local
    const fails = id % 10 === 0
    const results = await db.batch([
      db.execute<Marker>(dsql`select set_config('app.batch', ${String(id)}, true) as b, txid_current()::text as tx`),
      db.execute(dsql`insert into ledger (owner, seq) select ${id}, g from generate_series(1, ${ROWS_PER_BATCH}) g`),
      db.execute<Tally>(dsql`select current_setting('app.batch') as b, txid_current()::text as tx,
        (select count(*)::int from ledger where owner = ${id}) as mine`),
      db.execute(fails ? dsql`select 1 / 0` : dsql`select 1`),
    ])
    const [first, , last] = results
    return { id, first: first.rows[0], last: last.rows[0] }
  }

  const settleBatch = (id: number) =>
    runBatch(id).then(
      (result) => ({ ok: true as const, ...result }),
      (error: unknown) => ({ ok: false as const, id, error }),
    )

  const runSingle = async (id: number) => {
    if (id % 4 === 1) {
      await local.db.execute(dsql`insert into ledger (owner, seq) values (${id}, 1)`)
      return { id, wrote: true as const }
    }
    const result = await local.db.execute<Marker>(
      dsql`select current_setting('app.batch', true) as b, txid_current_if_assigned()::text as tx`,
    )
    return { id, wrote: false as const, seen: result.rows[0] }
  }

  it(`serves ${REQUESTS} mixed batches and single queries without interleaving`, async () => {
    const ids = Array.from({ length: REQUESTS }, (_, i) => i)
    const batchIds = ids.filter((i) => i % 2 === 0)
    const singleIds = ids.filter((i) => i % 2 === 1)
    // All 50 are in flight at once: started together, awaited together.
    const [batchOutcomes, singleOutcomes] = await Promise.all([
      Promise.all(batchIds.map(settleBatch)),
      Promise.all(singleIds.map(runSingle)),
    ])

    const failedIds = batchIds.filter((id) => id % 10 === 0)
    for (const outcome of batchOutcomes) {
      if (failedIds.includes(outcome.id)) {
        expect(outcome).toMatchObject({ ok: false, error: { code: '22012' } }) // division by zero
        continue
      }
      expect(outcome.ok).toBe(true)
      if (!outcome.ok) continue
      expect(outcome.first?.b).toBe(String(outcome.id))
      expect(outcome.last).toEqual({ b: String(outcome.id), tx: outcome.first?.tx, mine: ROWS_PER_BATCH })
    }
    const txids = batchOutcomes.flatMap((o) => (o.ok ? [o.first?.tx] : []))
    expect(new Set(txids).size).toBe(txids.length)

    for (const outcome of singleOutcomes) {
      if (outcome.wrote) continue
      // Outside any batch: no marker (null before any batch ran, '' after), no transaction id.
      expect(['', null]).toContain(outcome.seen?.b)
      expect(outcome.seen?.tx).toBeNull()
    }

    const counts = await local.sql`select owner, count(*)::int as n from ledger group by owner order by owner`
    const expected = [
      ...batchIds.filter((id) => !failedIds.includes(id)).map((id) => ({ owner: id, n: ROWS_PER_BATCH })),
      ...singleIds.filter((id) => id % 4 === 1).map((id) => ({ owner: id, n: 1 })),
    ].sort((a, b) => a.owner - b.owner)
    expect(counts).toEqual(expected)
  })
})
