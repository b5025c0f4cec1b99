import type { Db } from '../client'
import type { LeadFacts } from '../../domain/routing/match'

// Routing a new lead to its owner. (Contract; the implementation is being written.)
// Runs the workspace's rules against the lead's facts; an 'assign' rule's user, a round-robin
// rule's next user (one UPDATE ... RETURNING on the rule's counter, then the lead's owner set, in
// one statement), or the workspace's default lead owner. Only active members are ever chosen.
// Returns the owner written to the lead, or null when the lead stays unassigned.
export async function assignRoutedOwner(_db: Db, _tenantId: string, _leadId: string, _facts: LeadFacts): Promise<string | null> {
  throw new Error('assignRoutedOwner is not built yet')
}
