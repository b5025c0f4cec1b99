// Splits a list for an API with a per-call cap, such as a queue's sendBatch (100 messages).
export function inBatchesOf<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
