import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { maxChunkRows, writeChunk } from '../../src/db/queries/import-chunks'
import { accounts, contacts, leads, pipelineStages, recordExternalIds, tenants } from '../../src/db/schema'
import { IMPORT_FIELDS } from '../../src/domain/imports/fields'
import { testDb } from '../helpers/app'
import { addMember, me, signUp } from '../helpers/auth'
import { eventsOf } from '../helpers/records'
import { allRecords, changesOf, contextOf, errorsOf, newImport, records, runImport, workspace, type Workspace } from './chunk-helpers'

// What one import run does to each kind of record, row by row, and how it counts the rows.

const db = testDb()

const byEmail = async (ws: Workspace, email: string) => (await allRecords(ws, 'contacts')).find((c) => c.emailNormalized === email)

describe('writeChunk: contacts', () => {
  it('updates matched contacts in the mapped, non-blank columns only, inserts new ones, and rejects or skips the rest', async () => {
    const admin = await signUp({ name: 'Ima Porter' })
    const { userId: actor, workspace: w } = await me(admin)
    const ws = { tenantId: w.id, actor }
    const rep = await addMember(admin, 'rep', 'Rita Rep')
    const repId = (await me(rep)).userId
    await db.insert(accounts).values({ tenantId: ws.tenantId, name: 'Acme Corp', domain: 'acme.com' })
    const [ada] = await db.insert(contacts).values({ tenantId: ws.tenantId, firstName: 'Old', lastName: 'Name', email: 'ada@x.test', emailNormalized: 'ada@x.test', title: 'CEO', custom: { tier: 'gold' } }).returning()
    const headers = ['First', 'Last', 'Email', 'Phone', 'Title', 'Company', 'Owner', 'Region']
    const mapping = { First: 'firstName', Last: 'lastName', Email: 'email', Phone: 'phone', Title: 'title', Company: 'accountName', Owner: 'ownerEmail', Region: 'custom.region' }
    const { imp, totals } = await runImport(ws, { entity: 'contacts', headers, mapping, matchKey: 'email' }, [
      ['Ada', 'Lovelace', ' ADA@x.test ', '', '', 'https://www.acme.com', rep.email.toUpperCase(), 'west'],
      ['Bob', 'Stone', 'bob@x.test', '(415) 555-0100', 'CTO', 'acme corp', 'nobody@else.test', ''],
      ['Cy', '', 'not-an-email', '', '', '', '', ''],
      ['', '', 'dee@x.test', '', '', '', '', ''],
      ['Bobby', '', 'BOB@x.test', '', '', '', '', ''],
      ['Eve', 'X', 'eve@x.test', '12', '', '', '', ''],
      ['Too', 'few'],
    ])
    expect(totals).toEqual({ rows: 7, inserted: 1, updated: 1, skipped: 1, rejected: 4 })

    const updated = await byEmail(ws, 'ada@x.test')
    expect(updated).toMatchObject({ id: ada?.id, firstName: 'Ada', lastName: 'Lovelace', title: 'CEO', ownerId: repId, custom: { tier: 'gold', region: 'west' } })
    expect(updated?.accountId).not.toBeNull()
    const bob = await byEmail(ws, 'bob@x.test')
    // An unknown owner email leaves the importing member as owner; the account is found by name.
    expect(bob).toMatchObject({ firstName: 'Bob', phoneE164: '+14155550100', title: 'CTO', ownerId: actor, createdBy: actor, accountId: updated?.accountId, custom: {} })

    expect((await errorsOf(ws, imp.id)).map((e) => [e.rowNumber, e.reason, e.values.length])).toEqual([
      [4, 'Email: Enter an email address like name@example.com.', 8],
      [5, 'Enter a first or last name.', 8],
      [7, 'Phone: Enter a phone number with its country code, like +1 415 555 0100.', 8],
      [8, 'Row has 2 fields; the header has 8.', 2],
    ])
    const changes = await changesOf(ws, imp.id)
    expect(changes.map((c) => [c.rowNumber, c.action, c.matchValue])).toEqual([
      [2, 'updated', 'ada@x.test'],
      [3, 'inserted', 'bob@x.test'],
    ])
    expect(changes[0]?.before).toMatchObject({ first_name: 'Old', last_name: 'Name', owner_id: null, account_id: null, custom: { tier: 'gold' } })
    expect(changes[0]?.writtenAt).toEqual(updated?.updatedAt)
    for (const [id, row] of [
      [ada?.id, 2],
      [bob?.id, 3],
    ] as const) {
      const events = (await eventsOf(ws.tenantId, id ?? '')).filter((e) => e.eventType === 'imported')
      expect(events.map((e) => [e.entityType, e.actorUserId, e.payload])).toEqual([['contact', actor, { importId: imp.id, row }]])
    }
  })

  it('reads phone numbers without a country code in the workspace’s default country', async () => {
    const ws = await workspace()
    await db.update(tenants).set({ defaultCountry: 'GB' }).where(eq(tenants.id, ws.tenantId))
    await runImport(ws, { entity: 'contacts', headers: ['lastName', 'phone'] }, [['Holmes', '020 7946 0018']])
    expect((await allRecords(ws, 'contacts'))[0]?.phoneE164).toBe('+442079460018')
  })
})

describe('writeChunk: accounts', () => {
  const headers = ['name', 'domain', 'industry', 'website']

  it('skips matched rows in create mode and unmatched rows in update mode', async () => {
    const ws = await workspace()
    await db.insert(accounts).values({ tenantId: ws.tenantId, name: 'Acme', domain: 'acme.com', industry: 'Retail', website: 'https://acme.com' })
    const created = await runImport(ws, { entity: 'accounts', headers, matchKey: 'domain', mode: 'create' }, [
      ['Acme Inc', 'https://www.ACME.com/about', 'Software', ''],
      ['Globex', 'globex.com', '', ''],
      ['', 'initech.com', '', ''],
      ['Initech', '', '', 'initech.com'],
    ])
    expect(created.totals).toEqual({ rows: 4, inserted: 2, updated: 0, skipped: 1, rejected: 1 })
    expect((await errorsOf(ws, created.imp.id)).map((e) => e.reason)).toEqual(['Name is required.'])
    // A website typed without its scheme is accepted, and gives the account its domain.
    expect((await allRecords(ws, 'accounts')).find((a) => a.name === 'Initech')).toMatchObject({ domain: 'initech.com', website: 'https://initech.com' })

    const updated = await runImport(ws, { entity: 'accounts', headers, matchKey: 'domain', mode: 'update' }, [
      ['', 'acme.com', 'Software', ''],
      ['New Co', 'newco.com', '', ''],
    ])
    expect(updated.totals).toEqual({ rows: 2, inserted: 0, updated: 1, skipped: 1, rejected: 0 })
    const all = await allRecords(ws, 'accounts')
    expect(all.map((a) => a.name).sort()).toEqual(['Acme', 'Globex', 'Initech'])
    expect(all.find((a) => a.domain === 'acme.com')).toMatchObject({ name: 'Acme', industry: 'Software', website: 'https://acme.com' })
  })
})

describe('writeChunk: leads', () => {
  it('skips rows the unique email and phone keys would refuse, or whose person is a contact, and rejects converted ones', async () => {
    const ws = await workspace()
    const t = ws.tenantId
    await db.insert(leads).values({ tenantId: t, firstName: 'Lee', email: 'l1@x.test', emailNormalized: 'l1@x.test', phone: '+1 415 555 0101', phoneE164: '+14155550101', phoneDigits: '14155550101' })
    const [contact] = await db.insert(contacts).values({ tenantId: t, firstName: 'Cat', email: 'c@x.test', emailNormalized: 'c@x.test' }).returning()
    const convertedAt = new Date('2026-01-01T00:00:00Z')
    await db.insert(leads).values({ tenantId: t, firstName: 'K', email: 'k@x.test', emailNormalized: 'k@x.test', status: 'converted', convertedAt, convertedContactId: contact?.id })
    const { imp, totals } = await runImport(ws, { entity: 'leads', headers: ['firstName', 'email', 'phone', 'status'], matchKey: 'email' }, [
      ['Lia', 'l1@x.test', '', 'Qualified'],
      ['Max', 'max@x.test', '415 555 0101', ''],
      ['Cat', 'c@x.test', '', ''],
      ['Neo', 'neo@x.test', '415 555 0199', ''],
      ['Neo Two', 'neo2@x.test', '415-555-0199', ''],
      ['Conv', 'conv@x.test', '', 'converted'],
      ['Kay', 'k@x.test', '', 'new'],
    ])
    expect(totals).toEqual({ rows: 7, inserted: 1, updated: 2, skipped: 3, rejected: 1 })
    expect((await errorsOf(ws, imp.id)).map((e) => [e.rowNumber, e.reason])).toEqual([[7, 'status: A lead cannot be imported as converted; use new, contacted, qualified or unqualified.']])
    const all = await allRecords(ws, 'leads')
    expect(all.map((l) => l.emailNormalized).sort()).toEqual(['k@x.test', 'l1@x.test', 'neo@x.test'])
    expect(all.find((l) => l.emailNormalized === 'l1@x.test')).toMatchObject({ firstName: 'Lia', status: 'qualified', phoneE164: '+14155550101' })
    // Conversion is final: the converted lead takes the new name but keeps its status.
    expect(all.find((l) => l.emailNormalized === 'k@x.test')).toMatchObject({ firstName: 'Kay', status: 'converted', convertedAt })
  })

  it('writes a full chunk of the widest mapping in one statement', { timeout: 60_000 }, async () => {
    const ws = await workspace()
    const keys = IMPORT_FIELDS.leads.map((f) => f.key).filter((k) => k !== 'ownerEmail')
    const size = maxChunkRows('leads', Object.fromEntries(keys.map((k) => [k, k])))
    expect(size).toBe(1_000)
    const value: Record<string, (i: number) => string> = { email: (i) => `p${i}@x.test`, phone: (i) => `+1 415 555 ${String(1000 + i).slice(-4)}`, website: (i) => `https://p${i}.test`, companySize: () => '11-50', country: () => 'DE', status: () => 'new', externalId: (i) => `ext-${i}` }
    const rows = Array.from({ length: size }, (_, i) => keys.map((k) => value[k]?.(i) ?? `${k} ${i}`))
    const { totals } = await runImport(ws, { entity: 'leads', headers: keys, matchKey: 'email' }, rows)
    expect(totals).toEqual({ rows: size, inserted: size, updated: 0, skipped: 0, rejected: 0 })
  })
})

describe('writeChunk: opportunities', () => {
  it('links by value, takes the stage and its probability, and matches again by external id', async () => {
    const ws = await workspace()
    const t = ws.tenantId
    await db.update(tenants).set({ defaultCurrency: 'EUR' }).where(eq(tenants.id, t))
    const [account] = await db.insert(accounts).values({ tenantId: t, name: 'Acme', domain: 'acme.com' }).returning()
    const [contact] = await db.insert(contacts).values({ tenantId: t, firstName: 'Ada', email: 'ada@acme.com', emailNormalized: 'ada@acme.com' }).returning()
    const stages = await db.select().from(pipelineStages).where(eq(pipelineStages.tenantId, t))
    const stage = (name: string) => stages.find((s) => s.name === name)
    const headers = ['Id', 'Deal', 'Amount', 'Stage', 'Company', 'Contact']
    const mapping = { Id: 'externalId', Deal: 'name', Amount: 'amount', Stage: 'stage', Company: 'accountName', Contact: 'contactEmail' }
    const rows = [
      ['hs-1', 'Big deal', '1250.5', 'proposal', 'ACME', 'Ada@Acme.com'],
      ['hs-2', 'Small deal', '', 'No such stage', '', ''],
      ['hs-3', 'Bad amount', '-5', '', '', ''],
    ]
    const first = await runImport(ws, { entity: 'opportunities', headers, mapping, matchKey: 'external_id' }, rows)
    expect(first.totals).toEqual({ rows: 3, inserted: 2, updated: 0, skipped: 0, rejected: 1 })
    expect((await errorsOf(ws, first.imp.id)).map((e) => e.reason)).toEqual(['Amount: Enter an amount of 0 or more, with at most two decimals.'])
    const deals = await allRecords(ws, 'opportunities')
    expect(deals.find((d) => d.name === 'Big deal')).toMatchObject({ amount: '1250.50', currency: 'EUR', stageId: stage('Proposal')?.id, probability: 50, accountId: account?.id, contactId: contact?.id, ownerId: ws.actor })
    expect(deals.find((d) => d.name === 'Small deal')).toMatchObject({ stageId: stage('Qualification')?.id, probability: 10, accountId: null, contactId: null })
    const ids = await db.select().from(recordExternalIds).where(and(eq(recordExternalIds.tenantId, t), eq(recordExternalIds.entity, 'opportunities')))
    expect(ids.map((x) => x.externalId).sort()).toEqual(['hs-1', 'hs-2'])

    // The same file again: nothing new; the deals found by their external ids are updated.
    const again = await runImport(ws, { entity: 'opportunities', headers, mapping, matchKey: 'external_id' }, [...rows, ['hs-2', 'Small deal', '99', 'Negotiation', '', '']])
    expect(again.totals).toEqual({ rows: 4, inserted: 0, updated: 2, skipped: 1, rejected: 1 })
    const after = await allRecords(ws, 'opportunities')
    expect(after).toHaveLength(2)
    // An unknown stage leaves a deal where it is; the duplicate row later in the file is skipped.
    expect(after.find((d) => d.name === 'Small deal')).toMatchObject({ stageId: stage('Qualification')?.id, amount: null })
  })
})

describe('writeChunk: guards', () => {
  it('writes nothing for a stale lease or a chunk that is not the next one', async () => {
    const ws = await workspace()
    const imp = await newImport(ws, { entity: 'contacts', headers: ['lastName', 'email'], matchKey: 'email' })
    const chunk = records([['Ames', 'ames@x.test']])
    expect(await writeChunk(db, { ...contextOf(ws, imp, 0), leaseId: crypto.randomUUID() }, chunk)).toMatchObject({ committed: false, inserted: 0 })
    expect(await writeChunk(db, contextOf(ws, imp, 1), chunk)).toMatchObject({ committed: false, inserted: 0 })
    expect(await allRecords(ws, 'contacts')).toEqual([])
    expect(await changesOf(ws, imp.id)).toEqual([])
    expect(await writeChunk(db, contextOf(ws, imp, 0), chunk)).toEqual({ committed: true, inserted: 1, updated: 0, skipped: 0, rejected: 0 })
    // The same chunk delivered again is not written twice.
    expect((await writeChunk(db, contextOf(ws, imp, 0), chunk)).committed).toBe(false)
    expect(await allRecords(ws, 'contacts')).toHaveLength(1)
  })
})
