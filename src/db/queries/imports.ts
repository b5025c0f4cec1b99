import { and, asc, count, eq, exists, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm'
import type { ImportMode, ImportStatus, MatchKey } from '../../domain/imports/vocab'
import type { FileShape } from '../../lib/imports/inspect'
import type { Db } from '../client'
import { importChanges, importErrors, imports } from '../schema'
import { LEASE_SECONDS } from './import-chunks'
import { keysetAfter, keysetOrder, pageOf, type Sort } from './records/list'

// The imports table, always by (tenant_id, id): another workspace's import is null (a 404 to the
// caller). A job holds an import by its lease (lease_id, lease_until); every write a job makes
// names its lease, so a job that lost it (it ran past lease_until and another took over) writes
// nothing.
export type ImportRow = typeof imports.$inferSelect

export type NewImport = { id: string; entity: ImportRow['entity']; filename: string; fileKey: string; sizeBytes: number; createdBy: string; mapping: Record<string, string> } & FileShape
export type RunOptions = { mapping: Record<string, string>; matchKey: MatchKey | null; mode: ImportMode; dryRun: boolean }
export type ImportJobKind = 'run' | 'revert'

// Statuses a job is working through; a run may start (again) from the others listed.
const ACTIVE: Record<ImportJobKind, ImportStatus[]> = { run: ['queued', 'running'], revert: ['reverting'] }
const STARTABLE: ImportStatus[] = ['mapping', 'checked', 'failed']

const byId = (tenantId: string, id: string) => and(eq(imports.tenantId, tenantId), eq(imports.id, id))
const held = (tenantId: string, id: string, leaseId: string) => and(byId(tenantId, id), eq(imports.leaseId, leaseId))
const leaseFromNow = sql`now() + make_interval(secs => ${LEASE_SECONDS})`

export async function createImport(db: Db, tenantId: string, values: NewImport): Promise<ImportRow> {
  const [row] = await db
    .insert(imports)
    .values({ ...values, tenantId })
    .returning()
  if (!row) throw new Error('insert returned no row')
  return row
}

export async function getImport(db: Db, tenantId: string, id: string): Promise<ImportRow | null> {
  const [row] = await db.select().from(imports).where(byId(tenantId, id))
  return row ?? null
}

// An upload whose run was refused at once (the API's one-call import): gone, as if never sent.
// Only while it waits for its mapping, so nothing it wrote can be lost.
export async function discardImport(db: Db, tenantId: string, id: string): Promise<boolean> {
  const rows = await db.delete(imports).where(and(byId(tenantId, id), eq(imports.status, 'mapping'))).returning({ id: imports.id })
  return rows.length > 0
}

// Newest first: (created_at, id) descending, served by imports_tenant_created_idx.
const NEWEST: Sort = { column: imports.createdAt, kind: 'time', nullable: false, dir: 'desc' }

export async function listImports(db: Db, tenantId: string, page: { cursor?: string; limit: number }): Promise<{ rows: ImportRow[]; nextCursor: string | null }> {
  const rows = await db
    .select()
    .from(imports)
    .where(and(eq(imports.tenantId, tenantId), keysetAfter(NEWEST, imports.id, page.cursor)))
    .orderBy(...keysetOrder(NEWEST, imports.id))
    .limit(page.limit + 1)
  const { data, nextCursor } = pageOf(rows, page.limit, (r) => r.createdAt)
  return { rows: data, nextCursor }
}

// mapping/checked/failed → queued with the options; counters reset, the last run's changes and
// errors deleted; null when the import is in no state to start (running, completed, reverted...).
// Each statement re-checks the status, so of two clicks at once one starts the run and the other
// deletes nothing and gets null; lease_until gives the run's first job a lease's time to claim it
// before the sweep sends another.
export async function startRun(db: Db, tenantId: string, id: string, options: RunOptions): Promise<ImportRow | null> {
  const startable = exists(
    db
      .select({ one: sql`1` })
      .from(imports)
      .where(and(byId(tenantId, id), inArray(imports.status, STARTABLE))),
  )
  const [, , started] = await db.batch([
    db.delete(importChanges).where(and(eq(importChanges.tenantId, tenantId), eq(importChanges.importId, id), startable)),
    db.delete(importErrors).where(and(eq(importErrors.tenantId, tenantId), eq(importErrors.importId, id), startable)),
    db
      .update(imports)
      .set({
        ...options,
        status: 'queued',
        nextRow: 0,
        inserted: 0,
        updated: 0,
        skipped: 0,
        rejected: 0,
        rowsInFile: null,
        bytesDone: 0,
        revertTotal: 0,
        revertDone: 0,
        revertRemoved: 0,
        revertKept: 0,
        leaseId: null,
        leaseUntil: leaseFromNow,
        error: null,
        runStartedAt: null,
        finishedAt: null,
        updatedAt: sql`now()`,
      })
      .where(and(byId(tenantId, id), inArray(imports.status, STARTABLE)))
      .returning(),
  ])
  return started[0] ?? null
}

// completed → reverting, with the changes to go through; null otherwise (a dry run ends
// `checked`, so it never gets here).
export async function startRevert(db: Db, tenantId: string, id: string): Promise<ImportRow | null> {
  const changes = db
    .select({ n: count() })
    .from(importChanges)
    .where(and(eq(importChanges.tenantId, tenantId), eq(importChanges.importId, id)))
  const [row] = await db
    .update(imports)
    .set({ status: 'reverting', revertTotal: sql`(${changes})`, revertDone: 0, revertRemoved: 0, revertKept: 0, leaseId: null, leaseUntil: leaseFromNow, error: null, runStartedAt: null, updatedAt: sql`now()` })
    .where(and(byId(tenantId, id), eq(imports.status, 'completed')))
    .returning()
  return row ?? null
}

// Takes the lease for a job of this kind (status queued/running, or reverting; lease free or
// expired); null when another job holds it or there is nothing to do. A run's first claim moves
// it to running and starts its clock (the progress bar's rate).
export async function claimImport(db: Db, tenantId: string, id: string, leaseId: string, kind: ImportJobKind): Promise<ImportRow | null> {
  const [row] = await db
    .update(imports)
    .set({
      leaseId,
      leaseUntil: leaseFromNow,
      status: sql`case when ${imports.status} = 'queued' then 'running' else ${imports.status} end`,
      runStartedAt: sql`coalesce(${imports.runStartedAt}, now())`,
      updatedAt: sql`now()`,
    })
    .where(and(byId(tenantId, id), inArray(imports.status, ACTIVE[kind]), or(isNull(imports.leaseId), lt(imports.leaseUntil, sql`now()`))))
    .returning()
  return row ?? null
}

// A job hands the import on (to its continuation message, or to a retry after an error): the
// lease is free at once, and lease_until leaves the next job that long before the sweep steps in.
export async function releaseImport(db: Db, tenantId: string, id: string, leaseId: string): Promise<void> {
  await db
    .update(imports)
    .set({ leaseId: null, leaseUntil: leaseFromNow, updatedAt: sql`now()` })
    .where(held(tenantId, id, leaseId))
}

// The run read the file to its end and every row is committed: checked for a dry run, completed
// otherwise. Null when the job lost its lease meanwhile.
export async function finishRun(db: Db, tenantId: string, id: string, leaseId: string, rowsInFile: number): Promise<ImportRow | null> {
  const [row] = await db
    .update(imports)
    .set({
      status: sql`case when ${imports.dryRun} then 'checked' else 'completed' end`,
      rowsInFile,
      leaseId: null,
      leaseUntil: null,
      finishedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(and(held(tenantId, id, leaseId), eq(imports.status, 'running'), eq(imports.nextRow, rowsInFile)))
    .returning()
  return row ?? null
}

export async function finishRevert(db: Db, tenantId: string, id: string, leaseId: string): Promise<ImportRow | null> {
  const [row] = await db
    .update(imports)
    .set({ status: 'reverted', leaseId: null, leaseUntil: null, finishedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(held(tenantId, id, leaseId), eq(imports.status, 'reverting')))
    .returning()
  return row ?? null
}

// The job cannot go on (the file cannot be read, or it kept failing): `error` is what the import's
// page shows, so it is written for a person. The rows committed so far stay, counted.
export async function failImport(db: Db, tenantId: string, id: string, leaseId: string, error: string): Promise<void> {
  await db
    .update(imports)
    .set({ status: 'failed', error, leaseId: null, leaseUntil: null, finishedAt: sql`now()`, updatedAt: sql`now()` })
    .where(held(tenantId, id, leaseId))
}

export type StaleImport = { tenantId: string; id: string; status: ImportStatus; nextRow: number; revertDone: number }

// The cron sweep spans every workspace by design, so it takes no tenantId: imports a job is
// working through whose lease ran out (the job died, or its message was lost) are claimed for a
// new message, up to `limit`. The claim clears the dead job's lease and sets a new lease_until, so
// an overlapping sweep skips them (the CTE's SKIP LOCKED and re-checked condition, as in
// claimDueReminders) and the next sweep only if this message is lost too.
export async function claimStaleImports(db: Db, limit: number): Promise<StaleImport[]> {
  const stale = db.$with('stale').as(
    db
      .select({ tenantId: imports.tenantId, id: imports.id })
      .from(imports)
      .where(and(inArray(imports.status, [...ACTIVE.run, ...ACTIVE.revert]), lt(imports.leaseUntil, sql`now()`)))
      .orderBy(imports.leaseUntil)
      .limit(limit)
      .for('update', { skipLocked: true }),
  )
  return db
    .with(stale)
    .update(imports)
    .set({ leaseId: null, leaseUntil: leaseFromNow })
    .from(stale)
    .where(and(eq(imports.tenantId, stale.tenantId), eq(imports.id, stale.id)))
    .returning({ tenantId: imports.tenantId, id: imports.id, status: imports.status, nextRow: imports.nextRow, revertDone: imports.revertDone })
}

export type ImportError = { rowNumber: number; reason: string; values: string[] }

// Rejected rows after `afterRow`, in file order, a page at a time (the error CSV streams them).
export function importErrorsPage(db: Db, tenantId: string, importId: string, afterRow: number, limit: number): Promise<ImportError[]> {
  return db
    .select({ rowNumber: importErrors.rowNumber, reason: importErrors.reason, values: importErrors.values })
    .from(importErrors)
    .where(and(eq(importErrors.tenantId, tenantId), eq(importErrors.importId, importId), gt(importErrors.rowNumber, afterRow)))
    .orderBy(asc(importErrors.rowNumber))
    .limit(limit)
}
