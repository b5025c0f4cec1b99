import type { Role } from '../access/roles'
import type { AuthContext } from '../../env'
import type { RecordVisibility } from './vocab'

// Who is looking at records, and so which of them they may see and change.
export type Viewer = { userId: string; role: Role; visibility: RecordVisibility }

export const viewerOf = (auth: AuthContext): Viewer => ({ userId: auth.userId, role: auth.role, visibility: auth.recordVisibility })

// In "own" mode a rep sees and changes only records they own. Managers and admins always see
// everything; support's reach is limited by entity instead (see below).
export const seesOnlyOwn = (v: Viewer): boolean => v.role === 'rep' && v.visibility === 'own'

// Support works with customers: accounts, contacts and their deals, but not the sales funnel's
// leads, and never deal amounts.
export const canSeeLeads = (v: Viewer): boolean => v.role !== 'support'
export const canSeeAmounts = (v: Viewer): boolean => v.role !== 'support'
