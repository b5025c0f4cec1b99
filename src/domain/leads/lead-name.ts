import { personName } from '../records/normalise'

// A lead may be only a company or an address; pages and the timeline still need a name for it.
export const leadName = (l: { firstName?: string | null; lastName?: string | null; companyName?: string | null; email?: string | null }): string =>
  l.firstName || l.lastName ? personName(l.firstName ?? null, l.lastName ?? null) : l.companyName || l.email || personName(null, null)
