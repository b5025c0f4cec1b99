// The JSON API's published limits (README, "Rate limits"), in fixed windows aligned to the clock.
// Per caller: an API token, or a signed-in session calling the API. Per workspace: everything its
// tokens and sessions send together. HubSpot allows 100 calls per 10 s per app; so do we, per
// token, with a workspace ceiling that lets ten integrations run flat out for a minute.
// rate_limits rows are swept once their window is a minute old, so no window may be longer.
export const API_RATE_LIMITS = {
  caller: { limit: 100, windowMs: 10_000 },
  workspace: { limit: 1_000, windowMs: 60_000 },
} as const satisfies Record<string, RatePolicy>

export type RatePolicy = { limit: number; windowMs: number }
export type RateLimits = Record<keyof typeof API_RATE_LIMITS, RatePolicy>

export const windowStartOf = (now: number, windowMs: number): number => Math.floor(now / windowMs) * windowMs

// What the RateLimit-* headers report: the policy closest to running out, as the IETF draft
// advises, with whole seconds until its window resets (at least 1, so a client never spins).
export type RateState = { limit: number; remaining: number; resetSeconds: number; exceeded: boolean }

export function rateState(counts: { policy: RatePolicy; hits: number }[], now: number): RateState {
  const states = counts.map(({ policy, hits }) => ({
    limit: policy.limit,
    remaining: Math.max(0, policy.limit - hits),
    resetSeconds: Math.max(1, Math.ceil((windowStartOf(now, policy.windowMs) + policy.windowMs - now) / 1000)),
    exceeded: hits > policy.limit,
  }))
  // Among exceeded policies, the one that frees up last is what the client must wait for.
  const exceeded = states.filter((s) => s.exceeded).sort((a, b) => b.resetSeconds - a.resetSeconds)[0]
  return exceeded ?? states.reduce((tightest, s) => (s.remaining < tightest.remaining ? s : tightest))
}
