// When an endpoint is switched off by us: it answered 410 Gone (the receiver says it is gone
// for good), or every delivery has failed for 5 days.
export const FAILING_DAYS_BEFORE_DISABLE = 5
const FAILING_MS = FAILING_DAYS_BEFORE_DISABLE * 86_400_000

export function disableReason(statusCode: number | null, failingSince: Date | null, now: Date): string | null {
  if (statusCode === 410) return 'The endpoint answered 410 Gone.'
  if (failingSince && now.getTime() - failingSince.getTime() >= FAILING_MS) return `Every delivery failed for ${FAILING_DAYS_BEFORE_DISABLE} days.`
  return null
}
