import { can } from '../access/permissions'
import type { Role } from '../access/roles'
import type { FieldError } from '../../lib/errors'

// Mass-assignment guard shared by forms and the API: a role without records.assign may not set
// an owner, and saying so names the field (a 422), rather than silently dropping it.
export function forbiddenFields(role: Role, input: Record<string, unknown>): FieldError[] {
  if ('ownerId' in input && !can(role, 'records.assign')) return [{ path: 'ownerId', message: 'ownerId is not a field your role can set.' }]
  return []
}
