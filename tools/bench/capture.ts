// The local endpoint's backend, wrapped: every request the worker makes to it is one database round
// trip, counted here, and the statements of chosen requests are recorded, so the benchmark can run
// exactly the SQL a route ran, straight through `pg`.
import type { Backend, SqlQuery } from '../neon-local/types.ts'

// One round trip: a lone statement, or a batch run as one transaction.
export type RoundTrip = SqlQuery[]

// roundTrips() and dbMs() are running totals: the round trips made, and the time the endpoint's
// backend spent on them (PostgreSQL and the pg driver, without HTTP or the worker).
export type Capture = { backend: Backend; roundTrips(): number; dbMs(): number; record<T>(run: () => Promise<T>): Promise<{ result: T; trips: RoundTrip[] }> }

export function capture(inner: Backend): Capture {
  let count = 0
  let busy = 0
  let recording: RoundTrip[] | null = null
  const timed = async <T>(trip: RoundTrip, run: () => Promise<T>): Promise<T> => {
    count++
    recording?.push(trip)
    const t0 = performance.now()
    try {
      return await run()
    } finally {
      busy += performance.now() - t0
    }
  }
  return {
    backend: {
      kind: inner.kind,
      query: (q) => timed([q], () => inner.query(q)),
      batch: (qs, opts) => timed(qs, () => inner.batch(qs, opts)),
      close: () => inner.close(),
    },
    roundTrips: () => count,
    dbMs: () => busy,
    // Only one request may be in flight while recording, or its trips would mix with others'.
    async record(run) {
      const trips: RoundTrip[] = []
      recording = trips
      try {
        return { result: await run(), trips }
      } finally {
        recording = null
      }
    },
  }
}
