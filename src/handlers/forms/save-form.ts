import type { Db } from '../../db/client'
import { foreignKeyViolation } from '../../db/errors'
import { createForm, isActiveMember, updateForm, type FormRecord } from '../../db/queries/forms'
import type { FormInput } from '../../domain/forms/schemas'
import { AppError } from '../../lib/errors'

const NO_SUCH_OWNER = new AppError('VALIDATION', 'Some fields need attention.', [{ path: 'ownerId', message: 'Choose an active member of this workspace.' }])

// Saves a validated form, new (no id) or in place of an existing one, for the forms pages and the
// API alike. The owner is checked to be an active member first; the composite foreign key
// (forms_owner_fk) is the backstop for someone who left the workspace since.
export async function saveForm(db: Db, tenantId: string, userId: string, input: FormInput, id?: string): Promise<FormRecord> {
  if (input.ownerId && !(await isActiveMember(db, tenantId, input.ownerId))) throw NO_SUCH_OWNER
  try {
    const saved = id === undefined ? await createForm(db, tenantId, userId, input) : await updateForm(db, tenantId, id, input)
    if (!saved) throw new AppError('NOT_FOUND', 'No such form in this workspace.')
    return saved
  } catch (err) {
    if (foreignKeyViolation(err) === 'forms_owner_fk') throw NO_SUCH_OWNER
    throw err
  }
}

