// The routes the benchmark measures, with the ids, cursors and search terms they need, read from
// the generated data. Search and saved views are addressed by URL only: a route the app does not
// serve (yet) answers 404 and the run reports it as not available.
import type pg from 'pg'
import { BUILTIN_VIEWS } from '../../src/domain/views/builtin.ts'
import { encodeCursor } from '../../src/lib/cursor.ts'
import type { BenchPlan } from './plan.ts'

// Which target applies: lists and pages are held to their raw SQL time, search to 50 ms.
export type RouteKind = 'list' | 'page' | 'search'
// `key` marks the two contact-list pages that are compared with each other.
export type BenchRoute = { name: string; kind: RouteKind; path: string; fragment?: boolean; key?: 'first-page' | 'deep-page' }

const PAGE_SIZE = 50
export const DEEP_PAGE = 1000

// The built-in views as the app creates them for a new workspace (owned by its first admin,
// shared with the workspace), written afresh on every run so their filters are the current ones.
export async function syncBuiltinViews(client: pg.ClientBase, plan: BenchPlan): Promise<void> {
  for (const ws of plan.workspaces) {
    const owner = ws.members.find((m) => m.role === 'admin')?.id
    await client.query('DELETE FROM saved_views WHERE tenant_id = $1 AND builtin_key IS NOT NULL', [ws.id])
    for (const v of BUILTIN_VIEWS) {
      await client.query("INSERT INTO saved_views (tenant_id, id, entity, name, visibility, owner_id, filter, sort, builtin_key) VALUES ($1, gen_random_uuid(), $2, $3, 'workspace', $4, $5, $6, $7)", [ws.id, v.entity, v.name, owner, JSON.stringify(v.filter), v.sort, v.builtinKey])
    }
  }
}

export async function resolveRoutes(client: pg.ClientBase, plan: BenchPlan): Promise<{ routes: BenchRoute[]; deepPage: number }> {
  const tenant = plan.workspaces[0]?.id
  const one = async <T extends pg.QueryResultRow>(sql: string, params: unknown[]) => (await client.query<T>(sql, params)).rows[0]

  // Page 1,000 of the contact list (newest first): its cursor is the sort key of the row before it.
  // A small run has fewer pages; then its last full one.
  const visible = Number((await one<{ n: string }>('SELECT count(*) AS n FROM contacts WHERE tenant_id = $1 AND archived_at IS NULL', [tenant]))?.n ?? 0)
  const deepPage = Math.max(2, Math.min(DEEP_PAGE, Math.floor(visible / PAGE_SIZE)))
  const before = await one<{ created_at: Date; id: string }>('SELECT created_at, id FROM contacts WHERE tenant_id = $1 AND archived_at IS NULL ORDER BY created_at DESC, id DESC OFFSET $2 LIMIT 1', [tenant, (deepPage - 1) * PAGE_SIZE - 1])
  const cursor = before ? encodeCursor([before.created_at.toISOString(), before.id]) : ''

  // A contact with a long history: the one with most events among the oldest (the generator gives
  // them a fifth of all activity), with a phone and an email to search for.
  const busy = await one<{ id: string; email: string; e164: string }>(
    `SELECT c.id, c.email_normalized AS email, c.phone_e_164 AS e164
     FROM (SELECT * FROM contacts WHERE tenant_id = $1 AND archived_at IS NULL AND phone_e_164 LIKE '+1%' ORDER BY created_at, id LIMIT 200) c
     CROSS JOIN LATERAL (SELECT count(*) AS n FROM activity_events e WHERE e.tenant_id = c.tenant_id AND e.entity_type = 'contact' AND e.entity_id = c.id) h
     ORDER BY h.n DESC, c.created_at, c.id LIMIT 1`,
    [tenant],
  )
  // "jonh smiht" finds John Smith, as the issue puts it (the word lists have both names; at 1M
  // there are some 25 John Smiths).
  const typo = 'jonh smiht'
  // The phone written another way than stored: +1 (415) 555-0100.
  const e164 = busy?.e164 ?? '+14155550100'
  const phone = `+1 (${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`
  // An email typed up to a few letters past the @.
  const email = busy?.email ?? 'john.smith@example.com'
  const emailPrefix = email.slice(0, email.indexOf('@') + 4)

  const views = (await client.query<{ id: string; name: string; entity: string }>('SELECT id, name, entity FROM saved_views WHERE tenant_id = $1 AND builtin_key IS NOT NULL ORDER BY name', [tenant])).rows
  const q = (text: string) => encodeURIComponent(text)
  const routes: BenchRoute[] = [
    { name: 'Contacts, page 1', kind: 'list', path: '/contacts', key: 'first-page' },
    { name: `Contacts, page ${deepPage.toLocaleString('en')} (cursor)`, kind: 'list', path: `/contacts?cursor=${cursor}`, key: 'deep-page' },
    { name: 'Contacts API, page 1', kind: 'list', path: '/api/v1/contacts' },
    ...views.flatMap((v): BenchRoute[] => [
      { name: `View: ${v.name}`, kind: 'list', path: `/${v.entity}?view=${v.id}` },
      { name: `View API: ${v.name}`, kind: 'list', path: `/api/v1/views/${v.id}/records` },
    ]),
    { name: `Search box: "${typo}"`, kind: 'search', path: `/search?q=${q(typo)}`, fragment: true },
    { name: `Search API: "${typo}" (typos)`, kind: 'search', path: `/api/v1/search?q=${q(typo)}` },
    { name: `Search API: "${phone}"`, kind: 'search', path: `/api/v1/search?q=${q(phone)}` },
    { name: `Search API: "${emailPrefix}"`, kind: 'search', path: `/api/v1/search?q=${q(emailPrefix)}` },
    { name: 'Search API: "jo" (short)', kind: 'search', path: '/api/v1/search?q=jo' },
    { name: 'Search page: "smith"', kind: 'search', path: '/search?q=smith' },
    { name: 'Contact detail', kind: 'page', path: `/contacts/${busy?.id}` },
    { name: 'Contact history (lazy panel)', kind: 'page', path: `/contacts/${busy?.id}/timeline`, fragment: true },
    { name: 'Pipeline board', kind: 'list', path: '/opportunities/board' },
    // The fixed cost of any request on this stack: one trivial query behind wrangler dev.
    { name: 'Baseline: /healthz', kind: 'page', path: '/healthz' },
  ]
  return { routes, deepPage }
}
