// The load tool: a fixed number of requests, `concurrency` at a time (closed loop: each worker sends
// its next request when the last one has been read), timing each from send to last byte. A route
// slow enough to overrun `budgetMs` stops early (at least `concurrency` requests are made), so one
// slow route cannot stall a run for an hour; the result says how many were sent.

export type LoadResult = { latencies: number[]; statuses: Record<number, number>; seconds: number }

export async function drive(send: () => Promise<Response>, requests: number, concurrency: number, budgetMs = Infinity): Promise<LoadResult> {
  const latencies: number[] = []
  const statuses: Record<number, number> = {}
  let started = 0
  const deadline = performance.now() + budgetMs
  const worker = async () => {
    while (started < requests && (started < concurrency || performance.now() < deadline)) {
      started++
      const t0 = performance.now()
      const res = await send()
      await res.arrayBuffer()
      latencies.push(performance.now() - t0)
      statuses[res.status] = (statuses[res.status] ?? 0) + 1
    }
  }
  const t0 = performance.now()
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker))
  return { latencies, statuses, seconds: (performance.now() - t0) / 1000 }
}

// Nearest-rank percentile of unsorted samples.
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
}
