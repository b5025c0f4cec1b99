import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { revertChunk, type RevertOutcome } from '../../src/db/queries/import-revert'
import { accounts, activityEvents, contacts, imports, leads, notes, opportunities, pipelineStages, recordExternalIds } from '../../src/db/schema'
import type { ImportEntity } from '../../src/domain/imports/vocab'
import { testDb } from '../helpers/app'
import { allRecords, changesOf, runImport, workspace, type ImportRow, type ImportSetup, type Workspace } from './chunk-helpers'

// Undoing a completed import: back to the records as they were, except those someone has
// changed or linked to since.

const db = testDb()

// As startRevert leaves the import: reverting, with the changes to go through.
async function startRevert(ws: Workspace, imp: ImportRow) {
  const total = (await changesOf(ws, imp.id)).length
  await db.update(imports).set({ status: 'reverting', revertTotal: total }).where(and(eq(imports.tenantId, ws.tenantId), eq(imports.id, imp.id)))
}

const ctx = (ws: Workspace, imp: ImportRow, expectedDone: number) => ({ tenantId: ws.tenantId, importId: imp.id, leaseId: imp.leaseId ?? '', entity: imp.entity, expectedDone })

// Chunk by chunk, as the revert job does, until nothing is left.
async function revertAll(ws: Workspace, imp: ImportRow, limit: number): Promise<RevertOutcome[]> {
  await startRevert(ws, imp)
  const outcomes: RevertOutcome[] = []
  for (let done = 0; !outcomes.at(-1)?.finished; ) {
    const out = await revertChunk(db, ctx(ws, imp, done), limit)
    expect(out.committed).toBe(true)
    outcomes.push(out)
    done += out.done
  }
  return outcomes
}

const undoState = async (ws: Workspace, id: string) => {
  const [row] = await db.select({ revertDone: imports.revertDone, revertRemoved: imports.revertRemoved, revertKept: imports.revertKept }).from(imports).where(and(eq(imports.tenantId, ws.tenantId), eq(imports.id, id)))
  return row
}

const externalIds = (ws: Workspace) => db.select().from(recordExternalIds).where(eq(recordExternalIds.tenantId, ws.tenantId)).orderBy(recordExternalIds.externalId)

type Case = { entity: ImportEntity; seed: (ws: Workspace) => Promise<unknown>; setup: Omit<ImportSetup, 'entity'>; rows: string[][] }

const CASES: Case[] = [
  {
    entity: 'contacts',
    seed: async (ws) => {
      await db.insert(accounts).values({ tenantId: ws.tenantId, name: 'Acme', domain: 'acme.com' })
      await db.insert(contacts).values({ tenantId: ws.tenantId, firstName: 'Old', email: 'ada@x.test', emailNormalized: 'ada@x.test', title: 'CEO', custom: { tier: 'gold' } })
    },
    setup: { headers: ['firstName', 'email', 'accountName', 'custom.region', 'externalId'], matchKey: 'email' },
    rows: [
      ['Ada', 'ada@x.test', 'acme.com', 'west', 'c-1'],
      ['Bob', 'bob@x.test', 'Acme', '', 'c-2'],
      ['Cy', 'cy@x.test', '', 'east', ''],
    ],
  },
  {
    entity: 'accounts',
    seed: (ws) => db.insert(accounts).values({ tenantId: ws.tenantId, name: 'Acme', domain: 'acme.com', industry: 'Retail' }),
    setup: { headers: ['name', 'domain', 'industry', 'externalId'], matchKey: 'domain' },
    rows: [
      ['Acme Inc', 'acme.com', 'Software', 'a-1'],
      ['Globex', 'globex.com', '', 'a-2'],
      ['Initech', 'initech.com', 'Software', ''],
    ],
  },
  {
    entity: 'leads',
    seed: (ws) => db.insert(leads).values({ tenantId: ws.tenantId, firstName: 'Lee', email: 'lee@x.test', emailNormalized: 'lee@x.test', phone: '+14155550100', phoneE164: '+14155550100', phoneDigits: '14155550100' }),
    setup: { headers: ['firstName', 'email', 'phone', 'status'], matchKey: 'phone' },
    rows: [
      ['Leigh', 'leigh@x.test', '415 555 0100', 'qualified'],
      ['Mo', 'mo@x.test', '415 555 0101', ''],
      ['Ned', '', '415 555 0102', 'contacted'],
    ],
  },
  {
    entity: 'opportunities',
    seed: async (ws) => {
      const [first] = await db.select().from(pipelineStages).where(and(eq(pipelineStages.tenantId, ws.tenantId), eq(pipelineStages.position, 0)))
      const [deal] = await db
        .insert(opportunities)
        .values({ tenantId: ws.tenantId, name: 'Old deal', amount: '100.00', pipelineId: first?.pipelineId ?? '', stageId: first?.id ?? '', probability: first?.probability ?? 0, stageEnteredAt: new Date('2026-01-01T00:00:00Z') })
        .returning()
      await db.insert(recordExternalIds).values({ tenantId: ws.tenantId, entity: 'opportunities', externalId: 'd-1', recordId: deal?.id ?? '' })
    },
    setup: { headers: ['externalId', 'name', 'amount', 'stage'], matchKey: 'external_id' },
    rows: [
      ['d-1', 'Renamed deal', '250', 'Proposal'],
      ['d-2', 'New deal', '', 'Closing'],
      ['d-3', 'Another', '10', ''],
    ],
  },
]

describe('revertChunk', () => {
  it.each(CASES)('puts $entity back exactly as they were before the import', async ({ entity, seed, setup, rows }) => {
    const ws = await workspace()
    await seed(ws)
    const before = await allRecords(ws, entity)
    const idsBefore = await externalIds(ws)
    const { imp, totals } = await runImport(ws, { entity, ...setup }, rows)
    expect(totals).toMatchObject({ inserted: 2, updated: 1 })
    expect(await allRecords(ws, entity)).not.toEqual(before)

    const outcomes = await revertAll(ws, imp, 2)
    expect(outcomes).toEqual([
      { committed: true, done: 2, removed: 2, kept: 0, finished: false },
      { committed: true, done: 1, removed: 0, kept: 0, finished: true },
    ])
    expect(await allRecords(ws, entity)).toEqual(before)
    expect(await externalIds(ws)).toEqual(idsBefore)
    expect(await undoState(ws, imp.id)).toEqual({ revertDone: 3, revertRemoved: 2, revertKept: 0 })
    // The timeline keeps what happened.
    const events = await db.select().from(activityEvents).where(eq(activityEvents.tenantId, ws.tenantId))
    expect(events.filter((e) => e.eventType === 'imported')).toHaveLength(3)
  })

  it('keeps records linked to or changed since the import, and counts them', async () => {
    const ws = await workspace()
    const [old] = await db.insert(contacts).values({ tenantId: ws.tenantId, firstName: 'Old', email: 'old@x.test', emailNormalized: 'old@x.test' }).returning()
    const { imp } = await runImport(ws, { entity: 'contacts', headers: ['firstName', 'email'], matchKey: 'email' }, [
      ['Olga', 'old@x.test'],
      ['Noted', 'noted@x.test'],
      ['Edited', 'edited@x.test'],
      ['Untouched', 'untouched@x.test'],
    ])
    const imported = await allRecords(ws, 'contacts')
    const idOf = (name: string) => imported.find((c) => c.firstName === name)?.id ?? ''
    await db.insert(notes).values({ tenantId: ws.tenantId, body: 'Called them', contactId: idOf('Noted'), createdBy: ws.actor })
    const later = new Date(Date.now() + 1_000)
    for (const id of [idOf('Edited'), old?.id ?? '']) await db.update(contacts).set({ title: 'Edited since', updatedAt: later }).where(and(eq(contacts.tenantId, ws.tenantId), eq(contacts.id, id)))

    expect(await revertAll(ws, imp, 10)).toEqual([{ committed: true, done: 4, removed: 1, kept: 3, finished: true }])
    expect((await allRecords(ws, 'contacts')).map((c) => c.firstName).sort()).toEqual(['Edited', 'Noted', 'Olga'])
    expect(await undoState(ws, imp.id)).toEqual({ revertDone: 4, revertRemoved: 1, revertKept: 3 })
  })

  it('keeps an account that a contact has been linked to since', async () => {
    const ws = await workspace()
    const { imp } = await runImport(ws, { entity: 'accounts', headers: ['name', 'domain'], matchKey: 'domain' }, [
      ['Linked', 'linked.com'],
      ['Alone', 'alone.com'],
    ])
    const linked = (await allRecords(ws, 'accounts')).find((a) => a.name === 'Linked')
    await db.insert(contacts).values({ tenantId: ws.tenantId, firstName: 'Ada', accountId: linked?.id })
    expect(await revertAll(ws, imp, 10)).toEqual([{ committed: true, done: 2, removed: 1, kept: 1, finished: true }])
    expect((await allRecords(ws, 'accounts')).map((a) => a.name)).toEqual(['Linked'])
  })

  it('keeps a lead whose old email another lead has taken since', async () => {
    const ws = await workspace()
    await db.insert(leads).values({ tenantId: ws.tenantId, firstName: 'Lee', email: 'lee@x.test', emailNormalized: 'lee@x.test', phone: '+14155550100', phoneE164: '+14155550100' })
    const { imp } = await runImport(ws, { entity: 'leads', headers: ['email', 'phone'], matchKey: 'phone' }, [['leigh@x.test', '+1 415 555 0100']])
    await db.insert(leads).values({ tenantId: ws.tenantId, firstName: 'Newcomer', email: 'lee@x.test', emailNormalized: 'lee@x.test' })
    expect(await revertAll(ws, imp, 10)).toEqual([{ committed: true, done: 1, removed: 0, kept: 1, finished: true }])
    expect((await allRecords(ws, 'leads')).map((l) => l.emailNormalized).sort()).toEqual(['lee@x.test', 'leigh@x.test'])
  })

  it('writes nothing for a stale lease or an unexpected count done', async () => {
    const ws = await workspace()
    const { imp } = await runImport(ws, { entity: 'contacts', headers: ['firstName', 'email'], matchKey: 'email' }, [['Ann', 'ann@x.test']])
    await startRevert(ws, imp)
    const nothing = { committed: false, done: 0, removed: 0, kept: 0, finished: false }
    expect(await revertChunk(db, { ...ctx(ws, imp, 0), leaseId: crypto.randomUUID() }, 10)).toEqual(nothing)
    expect(await revertChunk(db, ctx(ws, imp, 1), 10)).toEqual(nothing)
    expect(await allRecords(ws, 'contacts')).toHaveLength(1)
    expect(await changesOf(ws, imp.id)).toHaveLength(1)
    expect(await undoState(ws, imp.id)).toEqual({ revertDone: 0, revertRemoved: 0, revertKept: 0 })
  })
})
