import * as fc from 'fast-check'
import { accounts, contacts, leads, memberships, opportunities, pipelineStages, pipelines, recordTags, tags, tasks, tenants, users } from '../../src/db/schema'
import type { Viewer } from '../../src/domain/records/viewer'
import { ACCOUNT_SIZES, ACCOUNT_STATUSES, CONTACT_STATUSES, OPPORTUNITY_STATUSES, TASK_TYPES } from '../../src/domain/records/vocab'
import { testDb } from '../helpers/app'
import { uniqueEmail } from '../helpers/auth'

// Random small workspaces for the filter properties: records of every list with values drawn from
// small pools (so that random filters often match), written straight to the tables. Links are
// indexes into the other lists until the workspace is written.

const HOUR = 3_600_000
// Half-hour offsets keep every timestamp at least 30 minutes from a whole-hour or whole-day
// boundary, so the few milliseconds between the reference's "now" and the query's cannot matter.
export const instant = (base: number) => fc.option(fc.integer({ min: -24 * 400, max: 24 * 120 }).map((h) => new Date(base + (h + 0.5) * HOUR)), { nil: null })
export const day = (base: number, min = -400, max = 200) => fc.integer({ min, max }).map((d) => new Date(base + d * 24 * HOUR).toISOString().slice(0, 10))

export const TEXTS = ['Acme', 'acme corp', 'Beta', 'gamma_1', '50% off', 'Zeta\\x', 'b', '']
const text = fc.option(fc.constantFrom(...TEXTS), { nil: null })
const member = fc.integer({ min: 0, max: 3 }) // 3: nobody
const tagSet = fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { maxLength: 3 })
const archived = fc.integer({ min: 0, max: 4 }).map((n) => n === 0)
const link = (n: number) => fc.option(fc.integer({ min: 0, max: n - 1 }), { nil: null })

const N = { accounts: 6, contacts: 7, deals: 6, leads: 6, tasks: 7 }

const accountF = (base: number) =>
  fc.record({ name: fc.constantFrom(...TEXTS), domain: fc.option(fc.constantFrom('acme.com', 'beta.io'), { nil: null }), industry: text, size: fc.option(fc.constantFrom(...ACCOUNT_SIZES), { nil: null }), status: fc.constantFrom(...ACCOUNT_STATUSES), owner: member, createdAt: instant(base).map((d) => d ?? new Date(base)), lastContactedAt: instant(base), archived, tags: tagSet })
const contactF = (base: number) =>
  fc.record({ firstName: text, lastName: text, email: text, title: text, status: fc.constantFrom(...CONTACT_STATUSES), owner: member, account: link(N.accounts), createdAt: instant(base).map((d) => d ?? new Date(base)), lastContactedAt: instant(base), archived, tags: tagSet })
const dealF = (base: number) =>
  fc.record({
    name: fc.constantFrom(...TEXTS),
    amount: fc.option(fc.constantFrom('0.00', '10.00', '49999.99', '50000.00', '50000.01', '120000.50'), { nil: null }),
    status: fc.constantFrom(...OPPORTUNITY_STATUSES),
    stage: fc.integer({ min: 0, max: 1 }),
    probability: fc.integer({ min: 0, max: 100 }),
    closeDate: fc.option(day(base, -200, 200), { nil: null }),
    owner: member,
    account: link(N.accounts),
    contact: link(N.contacts),
    createdAt: instant(base).map((d) => d ?? new Date(base)),
    lastContactedAt: instant(base),
    archived,
    tags: tagSet,
  })
const leadF = (base: number) =>
  fc.record({ firstName: text, lastName: text, email: text, companyName: text, industry: text, country: fc.option(fc.constantFrom('US', 'DE'), { nil: null }), source: text, status: fc.constantFrom('new', 'contacted', 'qualified', 'unqualified'), score: fc.integer({ min: 0, max: 100 }), owner: member, createdAt: instant(base).map((d) => d ?? new Date(base)), lastContactedAt: instant(base), archived, tags: tagSet })
const taskF = (base: number) =>
  fc.record({
    title: fc.constantFrom(...TEXTS),
    type: fc.constantFrom(...TASK_TYPES),
    assignee: member,
    creator: fc.integer({ min: 0, max: 2 }),
    dueAt: instant(base),
    completedAt: instant(base),
    createdAt: instant(base).map((d) => d ?? new Date(base)),
    related: fc.option(fc.record({ type: fc.constantFrom('account', 'contact', 'lead', 'opportunity' as const), index: fc.integer({ min: 0, max: 5 }) }), { nil: null }),
    archived,
  })

export const fixtureArb = (base: number) =>
  fc.record({
    accounts: fc.array(accountF(base), { minLength: N.accounts, maxLength: N.accounts }),
    contacts: fc.array(contactF(base), { minLength: N.contacts, maxLength: N.contacts }),
    deals: fc.array(dealF(base), { minLength: N.deals, maxLength: N.deals }),
    leads: fc.array(leadF(base), { minLength: N.leads, maxLength: N.leads }),
    tasks: fc.array(taskF(base), { minLength: N.tasks, maxLength: N.tasks }),
  })
export type Fixture = ReturnType<typeof fixtureArb> extends fc.Arbitrary<infer F> ? F : never

const ids = (n: number) => Array.from({ length: n }, () => crypto.randomUUID())

// A written workspace: its ids, by list, in fixture order.
export type World = {
  tenantId: string
  users: string[]
  pipelineId: string
  stages: string[]
  tags: string[]
  ids: { accounts: string[]; contacts: string[]; deals: string[]; leads: string[]; tasks: string[] }
  fixture: Fixture
}

export async function writeWorld(fixture: Fixture): Promise<World> {
  const db = testDb()
  const tenantId = crypto.randomUUID()
  const w: World = { tenantId, users: ids(3), pipelineId: crypto.randomUUID(), stages: ids(2), tags: ids(3), ids: { accounts: ids(N.accounts), contacts: ids(N.contacts), deals: ids(N.deals), leads: ids(N.leads), tasks: ids(N.tasks) }, fixture }
  const owner = (i: number) => w.users[i] ?? null
  const t = { tenantId }
  const at = (d: Date, archivedNow: boolean) => ({ createdAt: d, archivedAt: archivedNow ? new Date() : null })
  const related = (r: Fixture['tasks'][number]['related']) =>
    r === null ? {} : r.type === 'account' ? { accountId: w.ids.accounts[r.index] } : r.type === 'contact' ? { contactId: w.ids.contacts[r.index] } : r.type === 'lead' ? { leadId: w.ids.leads[r.index] } : { opportunityId: w.ids.deals[r.index] }
  const tagRows = (target: 'accountId' | 'contactId' | 'leadId' | 'opportunityId', list: { tags: number[] }[], recordIds: string[]) =>
    list.flatMap((r, i) => r.tags.map((tag) => ({ ...t, id: crypto.randomUUID(), tagId: w.tags[tag] as string, [target]: recordIds[i] })))
  const tagged = [...tagRows('accountId', fixture.accounts, w.ids.accounts), ...tagRows('contactId', fixture.contacts, w.ids.contacts), ...tagRows('opportunityId', fixture.deals, w.ids.deals), ...tagRows('leadId', fixture.leads, w.ids.leads)]
  await db.batch([
    db.insert(tenants).values({ id: tenantId, name: 'Filter properties' }),
    db.insert(users).values(w.users.map((id) => ({ id, email: uniqueEmail('filter'), name: 'Member', passwordHash: 'x' }))),
    db.insert(memberships).values(w.users.map((userId, i) => ({ ...t, userId, role: i === 0 ? ('admin' as const) : ('rep' as const) }))),
    db.insert(pipelines).values({ ...t, id: w.pipelineId, name: 'Sales' }),
    db.insert(pipelineStages).values(w.stages.map((id, i) => ({ ...t, id, pipelineId: w.pipelineId, name: `Stage ${i}`, position: i, probability: 10 }))),
    db.insert(tags).values(w.tags.map((id, i) => ({ ...t, id, name: `tag${i}` }))),
    db.insert(accounts).values(fixture.accounts.map((a, i) => ({ ...t, ...at(a.createdAt, a.archived), id: w.ids.accounts[i], name: a.name, domain: a.domain, industry: a.industry, size: a.size, status: a.status, ownerId: owner(a.owner), lastContactedAt: a.lastContactedAt }))),
    db.insert(contacts).values(
      fixture.contacts.map((c, i) => ({ ...t, ...at(c.createdAt, c.archived), id: w.ids.contacts[i], firstName: c.firstName, lastName: c.lastName, email: c.email, title: c.title, status: c.status, ownerId: owner(c.owner), accountId: c.account === null ? null : w.ids.accounts[c.account], lastContactedAt: c.lastContactedAt })),
    ),
    db.insert(opportunities).values(
      fixture.deals.map((d, i) => ({
        ...t,
        ...at(d.createdAt, d.archived),
        id: w.ids.deals[i],
        name: d.name,
        amount: d.amount,
        status: d.status,
        pipelineId: w.pipelineId,
        stageId: w.stages[d.stage] as string,
        probability: d.probability,
        closeDate: d.closeDate,
        ownerId: owner(d.owner),
        accountId: d.account === null ? null : w.ids.accounts[d.account],
        contactId: d.contact === null ? null : w.ids.contacts[d.contact],
        lastContactedAt: d.lastContactedAt,
      })),
    ),
    db.insert(leads).values(
      fixture.leads.map((l, i) => ({ ...t, ...at(l.createdAt, l.archived), id: w.ids.leads[i], firstName: l.firstName, lastName: l.lastName, email: l.email, companyName: l.companyName, industry: l.industry, country: l.country, source: l.source, status: l.status, score: l.score, ownerId: owner(l.owner), lastContactedAt: l.lastContactedAt })),
    ),
    db.insert(tasks).values(
      fixture.tasks.map((k, i) => ({
        ...t,
        ...at(k.createdAt, k.archived),
        id: w.ids.tasks[i],
        title: k.title,
        type: k.type,
        assigneeId: owner(k.assignee),
        createdBy: owner(k.creator),
        dueAt: k.dueAt,
        completedAt: k.completedAt,
        completedBy: k.completedAt ? owner(k.creator) : null,
        ...related(k.related),
      })),
    ),
    ...(tagged.length ? [db.insert(recordTags).values(tagged)] : []),
  ])
  return w
}

// The people who look: an admin, a rep who sees only their own records, a rep who sees all.
export const VIEWERS = ['admin', 'repOwn', 'repAll'] as const
export type ViewerKey = (typeof VIEWERS)[number]
export const viewerIn = (w: World, key: ViewerKey): Viewer =>
  key === 'admin' ? { userId: w.users[0] as string, role: 'admin', visibility: 'own' } : { userId: w.users[1] as string, role: 'rep', visibility: key === 'repOwn' ? 'own' : 'all' }
