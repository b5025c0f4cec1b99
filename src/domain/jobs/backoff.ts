// Exponential backoff for a retried message: 10 s, 20 s, 40 s ... capped at 15 min. `attempts`
// starts at 1 on first delivery. Queues cap delaySeconds at 12 h, far above our cap.
export function retryDelaySeconds(attempts: number): number {
  const exponent = Math.max(0, attempts - 1)
  return Math.min(10 * 2 ** exponent, 15 * 60)
}
