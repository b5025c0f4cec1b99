import type { Env } from '../../src/env'

// A stand-in for the JOBS producer that records what is enqueued (one message or a batch), for
// tests of the fan-out alone; the full loop is tested through the real queue elsewhere.
export function capturingQueue(): { jobs: Env['JOBS']; sent: unknown[] } {
  const sent: unknown[] = []
  const jobs = { send: async (body: unknown) => void sent.push(body), sendBatch: async (msgs: { body: unknown }[]) => void sent.push(...msgs.map((m) => m.body)) } as unknown as Env['JOBS']
  return { jobs, sent }
}
