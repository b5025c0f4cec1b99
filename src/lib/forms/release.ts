import type { Db } from '../../db/client'
import { quarantinedForRelease } from '../../db/queries/quarantine'
import { leadValuesFrom } from '../../domain/forms/submission-values'
import type { Env } from '../../env'
import { AppError } from '../errors'
import { captureSubmission } from './capture-submission'

const stringsOf = (payload: Record<string, unknown>) => Object.fromEntries(Object.entries(payload).filter((e): e is [string, string] => typeof e[1] === 'string'))

// Lets quarantined submissions out, each into a lead as if it had come in clean: deduplicated,
// routed, its owner told. captureLead claims the row (outcome 'released') in the same statement
// that writes the lead, so a submission someone else released or deleted meanwhile (a CONFLICT)
// is counted as failed, never made into a second lead. A value the lead schema refuses (the
// invalid email that got it held) is left out of the lead; the stored payload keeps it.
export async function releaseQuarantined(env: Env, db: Db, tenantId: string, ids: string[], actorUserId: string, requestId: string): Promise<{ released: number; failed: number }> {
  const rows = await quarantinedForRelease(db, tenantId, ids)
  let released = 0
  for (const row of rows) {
    const { values } = leadValuesFrom(row.fields, stringsOf(row.payload), { source: row.defaultSource, utm: row.utm })
    try {
      await captureSubmission(env, db, tenantId, { values, formId: row.formId, ownerId: row.ownerId ?? undefined, submission: { kind: 'release', id: row.id, formId: row.formId }, actorUserId }, requestId)
      released++
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'CONFLICT') throw err
    }
  }
  return { released, failed: rows.length - released }
}
