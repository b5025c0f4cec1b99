import type { ViewEntity } from '../../src/domain/views/catalogue'
import type { FilterNode } from '../../src/domain/views/filter'
import type { ViewerKey, World } from './filter-fixtures'

// The filter language evaluated in memory, over plain objects, written from the language's
// definition rather than from the compiler: a condition on a missing value is false, and NOT is
// plain negation. The properties compare the compiled SQL against this.

type Value = string | number | boolean | Date | null | string[]
type Row = { id: string; visible: boolean; values: Record<string, Value> }

const DAY = 86_400_000
const dayOf = (d: Date) => d.toISOString().slice(0, 10)
const utcDay = (y: number, m: number, d: number) => dayOf(new Date(Date.UTC(y, m, d)))

// [first day, day after the last) of a calendar period, in UTC.
function period(p: string, now: Date): [string, string] {
  const [y, m, d] = [now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()]
  const monday = d - ((now.getUTCDay() + 6) % 7)
  const q = m - (m % 3)
  const table: Record<string, [string, string]> = {
    today: [utcDay(y, m, d), utcDay(y, m, d + 1)],
    thisWeek: [utcDay(y, m, monday), utcDay(y, m, monday + 7)],
    lastWeek: [utcDay(y, m, monday - 7), utcDay(y, m, monday)],
    nextWeek: [utcDay(y, m, monday + 7), utcDay(y, m, monday + 14)],
    thisMonth: [utcDay(y, m, 1), utcDay(y, m + 1, 1)],
    lastMonth: [utcDay(y, m - 1, 1), utcDay(y, m, 1)],
    nextMonth: [utcDay(y, m + 1, 1), utcDay(y, m + 2, 1)],
    thisQuarter: [utcDay(y, q, 1), utcDay(y, q + 3, 1)],
    lastQuarter: [utcDay(y, q - 3, 1), utcDay(y, q, 1)],
    nextQuarter: [utcDay(y, q + 3, 1), utcDay(y, q + 6, 1)],
    thisYear: [utcDay(y, 0, 1), utcDay(y + 1, 0, 1)],
  }
  return table[p] as [string, string]
}

const plusDays = (day: string, n: number) => dayOf(new Date(Date.parse(day) + n * DAY))

function dateTest(v: Date | string, op: string, arg: unknown, now: Date): boolean {
  if (typeof v === 'string') {
    // A date column: compare days.
    const today = dayOf(now)
    if (op === 'before') return v < (arg as string)
    if (op === 'after') return v > (arg as string)
    if (op === 'withinLastDays') return v >= plusDays(today, -(arg as number)) && v <= today
    const [from, to] = period(arg as string, now)
    return v >= from && v < to
  }
  const t = v.getTime()
  if (op === 'before') return t < Date.parse(`${arg}T00:00:00Z`)
  if (op === 'after') return t >= Date.parse(`${arg}T00:00:00Z`) + DAY
  if (op === 'withinLastDays') return t >= now.getTime() - (arg as number) * DAY && t <= now.getTime()
  const [from, to] = period(arg as string, now)
  return t >= Date.parse(`${from}T00:00:00Z`) && t < Date.parse(`${to}T00:00:00Z`)
}

const TEXT_FIELDS = new Set(['name', 'domain', 'industry', 'firstName', 'lastName', 'email', 'title', 'companyName', 'country', 'source', 'account.industry'])

function same(field: string, v: Value, arg: unknown, me: string): boolean {
  if (TEXT_FIELDS.has(field)) return String(v).toLowerCase() === String(arg).toLowerCase()
  if (typeof v === 'string' && typeof arg === 'number') return Number(v) === arg
  return v === (arg === 'me' ? me : arg)
}

function holds(node: FilterNode, row: Row, me: string, now: Date): boolean {
  if ('and' in node) return node.and.every((n) => holds(n, row, me, now))
  if ('or' in node) return node.or.some((n) => holds(n, row, me, now))
  if ('not' in node) return !holds(node.not, row, me, now)
  const v = row.values[node.field] ?? null
  if (Array.isArray(v)) {
    // Tags.
    if (node.op === 'empty') return v.length === 0
    if (node.op === 'notEmpty') return v.length > 0
    const wanted = node.op === 'in' ? (node.value as string[]) : [node.value as string]
    return v.some((tag) => wanted.includes(tag))
  }
  const missing = v === null || (TEXT_FIELDS.has(node.field) && v === '')
  if (node.op === 'empty') return missing
  if (node.op === 'notEmpty') return !missing
  if (v === null) return false
  switch (node.op) {
    case 'equals':
      return same(node.field, v, node.value, me)
    case 'in':
      return (node.value as unknown[]).some((x) => same(node.field, v, x, me))
    case 'contains':
      return String(v).toLowerCase().includes(String(node.value).toLowerCase())
    case 'greaterThan':
      return Number(v) > (node.value as number)
    case 'lessThan':
      return Number(v) < (node.value as number)
    default:
      return dateTest(v as Date | string, node.op, node.value, now)
  }
}

// Every record of one list as the viewer's plain objects: field values by catalogue name, and
// whether the list would show it at all (not archived, visible to this viewer).
export function referenceRows(w: World, entity: ViewEntity, viewer: ViewerKey): Row[] {
  const f = w.fixture
  const me = viewer === 'admin' ? 0 : 1
  const ownOnly = viewer === 'repOwn'
  const user = (i: number) => w.users[i] ?? null
  const seen = (owner: number) => !ownOnly || owner === me
  const tagIds = (list: number[]) => list.map((i) => w.tags[i] as string)
  const openDealOf = (pick: (d: (typeof f.deals)[number]) => number | null, i: number) => f.deals.some((d) => pick(d) === i && d.status === 'open' && !d.archived && seen(d.owner))
  const account = (i: number | null) => (i === null ? null : (f.accounts[i] ?? null))
  const common = (r: { owner: number; createdAt: Date; lastContactedAt: Date | null; tags: number[] }) => ({ owner: user(r.owner), createdAt: r.createdAt, lastActivityAt: r.lastContactedAt, tags: tagIds(r.tags) })
  switch (entity) {
    case 'accounts':
      return f.accounts.map((a, i) => ({
        id: w.ids.accounts[i] as string,
        visible: !a.archived && seen(a.owner),
        values: { ...common(a), name: a.name, domain: a.domain, industry: a.industry, size: a.size, status: a.status, hasOpenOpportunity: openDealOf((d) => d.account, i) },
      }))
    case 'contacts':
      return f.contacts.map((c, i) => ({
        id: w.ids.contacts[i] as string,
        visible: !c.archived && seen(c.owner),
        values: {
          ...common(c),
          firstName: c.firstName,
          lastName: c.lastName,
          email: c.email,
          title: c.title,
          status: c.status,
          account: c.account === null ? null : (w.ids.accounts[c.account] as string),
          'account.industry': account(c.account)?.industry ?? null,
          'account.status': account(c.account)?.status ?? null,
          hasOpenOpportunity: openDealOf((d) => d.contact, i),
        },
      }))
    case 'opportunities':
      return f.deals.map((d, i) => ({
        id: w.ids.deals[i] as string,
        visible: !d.archived && seen(d.owner),
        values: {
          ...common(d),
          name: d.name,
          amount: d.amount,
          status: d.status,
          stage: w.stages[d.stage] as string,
          pipeline: w.pipelineId,
          probability: d.probability,
          closeDate: d.closeDate,
          account: d.account === null ? null : (w.ids.accounts[d.account] as string),
          contact: d.contact === null ? null : (w.ids.contacts[d.contact] as string),
          'account.industry': account(d.account)?.industry ?? null,
          'account.status': account(d.account)?.status ?? null,
        },
      }))
    case 'leads':
      return f.leads.map((l, i) => ({
        id: w.ids.leads[i] as string,
        visible: !l.archived && seen(l.owner),
        values: { ...common(l), firstName: l.firstName, lastName: l.lastName, email: l.email, companyName: l.companyName, industry: l.industry, country: l.country, source: l.source, status: l.status, score: l.score },
      }))
    case 'tasks':
      return f.tasks.map((k, i) => {
        const rel = (type: string, ids: string[]) => (k.related?.type === type ? (ids[k.related.index] as string) : null)
        return {
          id: w.ids.tasks[i] as string,
          // A rep in "own" mode sees the tasks assigned to them and those they handed out.
          visible: !k.archived && (!ownOnly || k.assignee === me || k.creator === me),
          values: { title: k.title, type: k.type, assignee: user(k.assignee), dueAt: k.dueAt, completedAt: k.completedAt, createdAt: k.createdAt, account: rel('account', w.ids.accounts), contact: rel('contact', w.ids.contacts), lead: rel('lead', w.ids.leads), opportunity: rel('opportunity', w.ids.deals) },
        }
      })
  }
}

export function referenceIds(w: World, entity: ViewEntity, viewer: ViewerKey, doc: FilterNode, now: Date): string[] {
  const me = w.users[viewer === 'admin' ? 0 : 1] as string
  return referenceRows(w, entity, viewer)
    .filter((r) => r.visible && holds(doc, r, me, now))
    .map((r) => r.id)
    .sort()
}
