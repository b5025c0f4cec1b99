import type * as z from 'zod'
import type { ImportRevertMessage, ImportRunMessage } from './messages'

export type ImportRun = z.infer<typeof ImportRunMessage>
export type ImportRevert = z.infer<typeof ImportRevertMessage>

// Keyed by how far the import had got, so each stretch of a long import (and each retried one)
// is its own line on the Jobs page.
export const importRunMessage = (i: { tenantId: string; id: string; nextRow: number }): ImportRun => ({ type: 'import.run', key: `${i.id}:${i.nextRow}`, tenantId: i.tenantId, importId: i.id })

export const importRevertMessage = (i: { tenantId: string; id: string; revertDone: number }): ImportRevert => ({ type: 'import.revert', key: `${i.id}:${i.revertDone}`, tenantId: i.tenantId, importId: i.id })
