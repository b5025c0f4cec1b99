import { and, asc, eq } from 'drizzle-orm'
import { expect } from 'vitest'
import { writeChunk, type ChunkContext } from '../../src/db/queries/import-chunks'
import { accounts, contacts, importChanges, importErrors, imports, leads, opportunities } from '../../src/db/schema'
import type { ImportEntity, ImportMode, MatchKey } from '../../src/domain/imports/vocab'
import { testDb } from '../helpers/app'
import { me, signUp } from '../helpers/auth'

// Imports driven straight through the chunk writer, as the import job does: an imports row with a
// lease (written here, as the job's queries would), then the file's rows chunk by chunk.

const db = testDb()

export type Workspace = { tenantId: string; actor: string }

export async function workspace(): Promise<Workspace> {
  const { userId, workspace: ws } = await me(await signUp({ name: 'Ima Porter' }))
  return { tenantId: ws.id, actor: userId }
}

export type ImportSetup = { entity: ImportEntity; headers: string[]; mapping?: Record<string, string>; matchKey?: MatchKey | null; mode?: ImportMode; dryRun?: boolean }

// Headers named after the fields map to them (a "custom.x" header to that custom field).
export async function newImport(ws: Workspace, setup: ImportSetup) {
  const mapping = setup.mapping ?? Object.fromEntries(setup.headers.map((h) => [h, h]))
  const [row] = await db
    .insert(imports)
    .values({
      tenantId: ws.tenantId,
      entity: setup.entity,
      filename: 'people.csv',
      fileKey: `imports/${ws.tenantId}/x.csv`,
      sizeBytes: 1_000,
      encoding: 'utf-8',
      delimiter: ',',
      headers: setup.headers,
      mapping,
      matchKey: setup.matchKey ?? null,
      mode: setup.mode ?? 'upsert',
      dryRun: setup.dryRun ?? false,
      status: 'running',
      leaseId: crypto.randomUUID(),
      leaseUntil: new Date(Date.now() + 60_000),
      createdBy: ws.actor,
    })
    .returning()
  if (!row) throw new Error('no import row')
  return row
}

export type ImportRow = Awaited<ReturnType<typeof newImport>>

export const contextOf = (ws: Workspace, imp: ImportRow, expectedNextRow: number): ChunkContext => ({
  tenantId: ws.tenantId,
  importId: imp.id,
  leaseId: imp.leaseId ?? '',
  entity: imp.entity,
  mode: imp.mode,
  matchKey: imp.matchKey,
  dryRun: imp.dryRun,
  actorUserId: ws.actor,
  headers: imp.headers,
  mapping: imp.mapping,
  expectedNextRow,
  bytesDone: expectedNextRow * 10,
})

export const records = (rows: string[][], from = 0) => rows.map((fields, i) => ({ index: from + i, fields, bytes: (from + i + 1) * 10 }))

// Writes the rows in chunks of `chunk`, each expected to commit; returns the import's totals.
export async function runImport(ws: Workspace, setup: ImportSetup, rows: string[][], chunk = 1_000) {
  const imp = await newImport(ws, setup)
  for (let i = 0; i < rows.length; i += chunk) {
    const out = await writeChunk(db, contextOf(ws, imp, i), records(rows.slice(i, i + chunk), i))
    expect(out.committed).toBe(true)
  }
  return { imp, totals: await totalsOf(ws, imp.id) }
}

export async function totalsOf(ws: Workspace, importId: string) {
  const [row] = await db.select().from(imports).where(and(eq(imports.tenantId, ws.tenantId), eq(imports.id, importId)))
  if (!row) throw new Error('import gone')
  return { rows: row.nextRow, inserted: row.inserted, updated: row.updated, skipped: row.skipped, rejected: row.rejected }
}

export const errorsOf = (ws: Workspace, importId: string) =>
  db.select().from(importErrors).where(and(eq(importErrors.tenantId, ws.tenantId), eq(importErrors.importId, importId))).orderBy(asc(importErrors.rowNumber))

export const changesOf = (ws: Workspace, importId: string) =>
  db.select().from(importChanges).where(and(eq(importChanges.tenantId, ws.tenantId), eq(importChanges.importId, importId))).orderBy(asc(importChanges.rowNumber))

const TABLES = { accounts, contacts, leads, opportunities }

// Every row of the workspace's records of one kind, in a stable order, for before/after comparisons.
type RecordRow = { [E in ImportEntity]: (typeof TABLES)[E]['$inferSelect'] }

export async function allRecords<E extends ImportEntity>(ws: Workspace, entity: E): Promise<RecordRow[E][]> {
  // The four tables share the columns read here; drizzle cannot type a select from a union of tables.
  const t = TABLES[entity] as unknown as typeof contacts
  const rows: unknown = await db.select().from(t).where(eq(t.tenantId, ws.tenantId)).orderBy(asc(t.id))
  return rows as RecordRow[E][]
}
