import { foreignKeyViolation } from '../../db/errors'
import { AppError } from '../../lib/errors'

// An owner id that is not a member of the workspace fails the composite foreign key to
// memberships: that is the caller's mistake (422 on ownerId), not a server error.
export function rethrowUnknownOwner(err: unknown): never {
  if (foreignKeyViolation(err)) throw new AppError('VALIDATION', 'That owner is not a member of this workspace.', [{ path: 'ownerId', message: 'Choose a member of this workspace.' }])
  throw err
}
