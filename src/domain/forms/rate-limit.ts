// Public form submissions are counted in fixed one-minute windows (rate_limits).
export const RATE_WINDOW_MS = 60_000

export const windowStart = (now: number): Date => new Date(Math.floor(now / RATE_WINDOW_MS) * RATE_WINDOW_MS)

// Seconds until the current window ends and the count starts again (Retry-After); at least 1.
export const secondsToWindowEnd = (now: number): number => Math.max(1, Math.ceil((windowStart(now).getTime() + RATE_WINDOW_MS - now) / 1000))

// The buckets one submission counts in: the form as a whole, and the form from one address.
export const rateBuckets = (formKey: string, ipHash: string) => ({ form: `form:${formKey}`, ip: `form:${formKey}:ip:${ipHash}` })
