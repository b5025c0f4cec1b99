// Mirrors COUNT_CAP in the list queries: past it, lists say "10,000+" instead of counting on.
export const COUNT_CAP_LABEL = { cap: 10_000, label: '10,000+' } as const
