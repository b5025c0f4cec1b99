import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { writeChunk } from '../../src/db/queries/import-chunks'
import { accounts, activityEvents, contacts, recordExternalIds } from '../../src/db/schema'
import { testDb, testEnv } from '../helpers/app'
import { me, signUp } from '../helpers/auth'
import { allRecords, changesOf, contextOf, newImport, records, runImport, workspace, type Workspace } from './chunk-helpers'

// Whole runs: duplicates across chunks, dry runs, other workspaces, and two jobs at once.

const db = testDb()
// The connection string the test harness gives PGlite runs (test/node/harness/test-backend.ts).
const onServer = testEnv.DATABASE_URL !== 'postgres://crm:crm@localhost:5432/crm'

const headers = ['firstName', 'email', 'externalId']

// Existing people, duplicates within a chunk and across chunks, and rows to reject.
const ROWS = [
  ['Ann', 'ann@x.test', 'a-1'],
  ['Ann again', 'ANN@x.test', 'a-2'],
  ['Ben', 'ben@x.test', ''],
  ['', 'nameless@x.test', ''],
  ['Cat', 'cat@x.test', ''],
  ['Bad', 'bad@', ''],
  ['Ben later', 'ben@x.test', ''],
  ['Old', 'old@x.test', ''],
  ['Short'],
]

async function seedOld(ws: Workspace) {
  await db.insert(contacts).values({ tenantId: ws.tenantId, firstName: 'Olive', email: 'old@x.test', emailNormalized: 'old@x.test' })
}

const importedEvents = async (ws: Workspace) => (await db.select().from(activityEvents).where(eq(activityEvents.tenantId, ws.tenantId))).filter((e) => e.eventType === 'imported')

describe('import runs', () => {
  it('skips a row whose match value an earlier chunk of the file had', async () => {
    const ws = await workspace()
    await seedOld(ws)
    const { imp, totals } = await runImport(ws, { entity: 'contacts', headers, matchKey: 'email' }, ROWS, 2)
    expect(totals).toEqual({ rows: 9, inserted: 3, updated: 1, skipped: 2, rejected: 3 })
    expect((await changesOf(ws, imp.id)).map((c) => [c.rowNumber, c.action])).toEqual([
      [2, 'inserted'],
      [4, 'inserted'],
      [6, 'inserted'],
      [9, 'updated'],
    ])
    expect(await importedEvents(ws)).toHaveLength(4)
  })

  it('dry run writes no records, events or external ids, and counts what the real run then does', async () => {
    const ws = await workspace()
    await seedOld(ws)
    const before = await allRecords(ws, 'contacts')
    const dry = await runImport(ws, { entity: 'contacts', headers, matchKey: 'email', dryRun: true }, ROWS, 2)
    expect(await allRecords(ws, 'contacts')).toEqual(before)
    expect(await importedEvents(ws)).toEqual([])
    expect(await db.select().from(recordExternalIds).where(eq(recordExternalIds.tenantId, ws.tenantId))).toEqual([])
    const real = await runImport(ws, { entity: 'contacts', headers, matchKey: 'email' }, ROWS, 2)
    expect(real.totals).toEqual(dry.totals)
    expect(await allRecords(ws, 'contacts')).toHaveLength(before.length + real.totals.inserted)
  })

  it('re-running the same file in upsert mode creates nothing', async () => {
    const ws = await workspace()
    const rows = [
      ['Ann', 'ann@x.test', 'a-1'],
      ['Ben', 'ben@x.test', 'b-1'],
      ['Ben twice', 'ben@x.test', 'b-1'],
      ['', 'nameless@x.test', 'n-1'],
      ['Bad', 'bad@', 'x-1'],
      ['Cat', 'cat@x.test', 'c-1'],
    ]
    const first = await runImport(ws, { entity: 'contacts', headers, matchKey: 'external_id' }, rows, 4)
    expect(first.totals).toEqual({ rows: 6, inserted: 3, updated: 0, skipped: 1, rejected: 2 })
    const again = await runImport(ws, { entity: 'contacts', headers, matchKey: 'external_id' }, rows, 4)
    expect(again.totals).toEqual({ rows: 6, inserted: 0, updated: 3, skipped: 1, rejected: 2 })
    expect(await allRecords(ws, 'contacts')).toHaveLength(3)
  })

  it('never matches, links to or changes another workspace’s records', async () => {
    const other = await signUp({ name: 'Otto Other' })
    const theirs = { tenantId: (await me(other)).workspace.id, actor: (await me(other)).userId }
    const [contact] = await db.insert(contacts).values({ tenantId: theirs.tenantId, firstName: 'Theirs', email: 'shared@x.test', emailNormalized: 'shared@x.test' }).returning()
    await db.insert(recordExternalIds).values({ tenantId: theirs.tenantId, entity: 'contacts', externalId: 'ext-1', recordId: contact?.id ?? '' })
    await db.insert(accounts).values({ tenantId: theirs.tenantId, name: 'Their Co', domain: 'their.co' })
    const theirsBefore = await allRecords(theirs, 'contacts')

    const ws = await workspace()
    const cols = ['firstName', 'email', 'externalId', 'ownerEmail', 'accountName']
    const byEmail = await runImport(ws, { entity: 'contacts', headers: cols, matchKey: 'email' }, [['Mine', 'shared@x.test', '', other.email, 'their.co']])
    const byId = await runImport(ws, { entity: 'contacts', headers: cols, matchKey: 'external_id' }, [['Mine too', 'mine@x.test', 'ext-1', '', 'Their Co']])
    expect([byEmail.totals.inserted, byId.totals.inserted]).toEqual([1, 1])
    for (const c of await allRecords(ws, 'contacts')) expect(c).toMatchObject({ ownerId: ws.actor, accountId: null })
    expect(await allRecords(theirs, 'contacts')).toEqual(theirsBefore)
  })
})

describe.skipIf(!onServer)('two jobs writing the same chunk at once (PostgreSQL server)', () => {
  it('commits exactly one of them', async () => {
    const ws = await workspace()
    const imp = await newImport(ws, { entity: 'contacts', headers: ['firstName', 'email'], matchKey: 'email' })
    const chunk = records(Array.from({ length: 50 }, (_, i) => [`P${i}`, `p${i}@x.test`]))
    const outcomes = await Promise.all([writeChunk(db, contextOf(ws, imp, 0), chunk), writeChunk(db, contextOf(ws, imp, 0), chunk)])
    expect(outcomes.map((o) => o.committed).sort()).toEqual([false, true])
    expect(await allRecords(ws, 'contacts')).toHaveLength(50)
    expect(await db.select().from(contacts).where(and(eq(contacts.tenantId, ws.tenantId), eq(contacts.emailNormalized, 'p0@x.test')))).toHaveLength(1)
  })
})
