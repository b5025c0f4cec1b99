import { and, eq, isNull, sql, type SQL } from 'drizzle-orm'
import { canSeeLeads, seesOnlyOwn, type Viewer } from '../../domain/records/viewer'
import type { RelatedType } from '../../domain/records/vocab'
import { INDEXED_WORD, type SearchPlan, type SearchType } from '../../domain/search/query'
import type { Db } from '../client'
import { accounts, contacts, leads, notes, opportunities, searchTerms } from '../schema'
import { searchTag } from '../schema/search'
import { visibleTo } from './records/list'
import { relatedName } from './related-records'

// Global search: one statement, a UNION ALL of one branch per type. Every branch reads its own
// indexes, inside the workspace and with the viewer's visibility in its WHERE, and returns its
// `limit` best hits:
// - words: the query's words as prefixes ("jo sm" → jo:* & sm:*) through the tenant-tagged tsvector
//   GIN index (src/db/schema/search.ts), each word also OR'ed with its typo corrections from the
//   workspace's search_terms dictionary;
// - a short query (SearchPlan.match 'starts'): names by their start, through (tenant_id,
//   lower(name) text_pattern_ops), in index order, so the scan stops at the page size;
// - phone: the E.164 digits, equal, through (tenant_id, phone_digits);
// - email and domain: LIKE 'prefix%' through (tenant_id, column text_pattern_ops).
// Score: ts_rank, plus 1.5 when every word is a whole word of the record, 1 when every word starts
// one, 0.5 when the best corrections match (so hits as typed come first), plus the trigram
// similarity of the query to the name; exact phone, email and domain hits score 3 and 2.

export type SearchHit = { type: SearchType; id: string; title: string; subtitle: string; score: number; relatedType: RelatedType | null; relatedId: string | null }

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`)

// The query's words (split as the vectors split them: runs of letters and digits; at most 8),
// up to three corrections of each word of 3+ letters, and the tsqueries built from them: whole
// (every word as a whole word), exact (every word as a prefix), best (each word or its best
// correction), fuzzy (each word or any of its corrections) and indexed (fuzzy for the words of
// INDEXED_WORD+ characters: what the index is searched with; fuzzy then checks the rows found).
// Corrections, best first: words of the workspace's own dictionary one transposition away
// ("jonh" → john), one deletion away ("acmee" → acme), then the most similar by trigrams
// ("christpher" → christopher).
// Lexemes are quoted and cast, never parsed, so no tsquery syntax can come from the query.
function queryCtes(plan: SearchPlan, tenantId: string): SQL {
  const tag = searchTag(tenantId)
  const lexeme = (word: SQL) => sql`quote_literal(${tag}::text || ${word})`
  const prefix = sql`${lexeme(sql`words.word`)} || ':*'`
  const corrections = (upTo: number) => sql`coalesce((select string_agg(' | ' || ${lexeme(sql`r.term`)}, '' order by r.rnk) from ranked r where r.ord = words.ord and r.rnk <= ${sql.raw(String(upTo))}), '')`
  return sql`words as (
    select w.word, w.ord from regexp_split_to_table(lower(${plan.text}::text), '[^[:alnum:]]+') with ordinality as w(word, ord)
    where w.word <> '' order by w.ord limit 8
  ), fixes as (
    select distinct on (words.ord, f.term) words.ord, f.term, f.kind, similarity(f.term, words.word) as sim
    from words cross join lateral (
      select t.term, 2 as kind from ${searchTerms} t where length(words.word) between 3 and 40 and t.tenant_id = ${tenantId} and t.term = any(array(
        select overlay(words.word placing substr(words.word, i + 1, 1) || substr(words.word, i, 1) from i for 2) from generate_series(1, length(words.word) - 1) i))
      union all
      select t.term, 1 from ${searchTerms} t where length(words.word) between 4 and 40 and t.tenant_id = ${tenantId} and t.term = any(array(
        select overlay(words.word placing '' from i for 1) from generate_series(1, length(words.word)) i))
      union all
      select k.term, 0 from (select t.term from ${searchTerms} t where length(words.word) between 4 and 40 and t.tenant_id = ${tenantId} and t.term % words.word
        order by similarity(t.term, words.word) desc, t.term limit 3) k
    ) f
    where f.term <> words.word
    order by words.ord, f.term, f.kind desc
  ), ranked as (
    select ord, term, row_number() over (partition by ord order by kind desc, sim desc, term) as rnk from fixes
  ), q as (
    select
      string_agg(${lexeme(sql`words.word`)}, ' & ' order by words.ord)::tsquery as whole,
      string_agg(${prefix}, ' & ' order by words.ord)::tsquery as exact,
      string_agg('(' || ${prefix} || ${corrections(1)} || ')', ' & ' order by words.ord)::tsquery as best,
      string_agg('(' || ${prefix} || ${corrections(3)} || ')', ' & ' order by words.ord)::tsquery as fuzzy,
      coalesce(
        string_agg('(' || ${prefix} || ${corrections(3)} || ')', ' & ' order by words.ord) filter (where length(words.word) >= ${sql.raw(String(INDEXED_WORD))}),
        string_agg(${prefix}, ' & ' order by words.ord)
      )::tsquery as indexed
    from words
  )`
}

// A common word can match a large part of a workspace ("smith", or "john" in 13k of 1M contacts).
// The words branch ranks at most this many of its matches, the first it reads: a cap on the heap
// reads and the scoring, whatever the query.
export const CANDIDATE_CAP = 300

// Matches of the query in `table`: the index finds the rows with the longer words, and
// ts_match_vq (the @@ operator as a plain function, which no index can take) checks the short
// ones on those rows. Scored in two steps: the cheap part of the score for up to CANDIDATE_CAP
// matches, then the trigram similarity, the costliest part, for the best 4 × limit of them.
// The tsquery reaches the plan as a parameter (an InitPlan), so the planner estimates every query
// at the default selectivity of 0.5%: it takes the GIN index, never a sequential scan that the
// LIMIT over a seemingly common word could tempt it into. The lexemes' tag already keeps the index
// scan inside the workspace; the scope (tenant, archived, visibility) is checked on the rows it
// finds, written as `(…) is true` so that the planner never ANDs the GIN bitmap with a scan of
// the workspace's whole primary key or owner index (measured: 160 ms over a 1M-row workspace's
// notes primary key, for a search the GIN index alone answers in 4 ms).
function wordHits(table: SQL, vector: SQL, name: SQL, scope: SQL, plan: SearchPlan, limit: number): SQL {
  const bonus = sql`case when ${vector} @@ (select whole from q) then 1.5 when ${vector} @@ (select exact from q) then 1 when ${vector} @@ (select best from q) then 0.5 else 0 end`
  return sql`select c.id, c.pre + similarity(${plan.text}::text, c.name) as score from (
      select m.id, m.name, m.pre from (
        select ${table}.id, ${name} as name, ts_rank(${vector}, (select fuzzy from q)) + ${bonus} as pre
        from ${table} where (${scope}) is true and ${vector} @@ (select indexed from q)${plan.checkShort ? sql` and ts_match_vq(${vector}, (select fuzzy from q))` : sql``}
        limit ${CANDIDATE_CAP}) m
      order by m.pre desc, m.id limit ${limit * 4}) c`
}

type Table = typeof accounts | typeof contacts | typeof leads | typeof opportunities
type Entity = {
  table: Table
  name: SQL<string>
  title: SQL<string>
  subtitle: SQL<string>
  // The name columns a short query (SearchPlan.match 'starts') matches by their start.
  starts: SQL[]
  phone?: SQL
  email?: SQL
  domain?: SQL
}

const personName = (t: typeof contacts | typeof leads) => sql<string>`nullif(concat_ws(' ', ${t.firstName}, ${t.lastName}), '')`
const accountNameOf = (t: typeof contacts | typeof opportunities) =>
  sql<string | null>`(select a.name from ${accounts} a where a.tenant_id = ${t.tenantId} and a.id = ${t.accountId})`

// Titles and subtitles as the record pages show them; only the page's rows are read for these,
// after each branch has picked its best hits.
const ENTITIES: Record<Exclude<SearchType, 'note'>, Entity> = {
  account: {
    table: accounts,
    name: sql<string>`${accounts.name}`,
    title: sql<string>`${accounts.name}`,
    subtitle: sql<string>`concat_ws(' · ', ${accounts.domain}, ${accounts.industry})`,
    starts: [sql`${accounts.name}`],
    domain: sql`${accounts.domain}`,
  },
  contact: {
    table: contacts,
    name: sql<string>`coalesce(${personName(contacts)}, '')`,
    title: sql<string>`coalesce(${personName(contacts)}, ${contacts.email}, '(no name)')`,
    subtitle: sql<string>`concat_ws(' · ', ${contacts.email}, ${contacts.phone}, ${accountNameOf(contacts)})`,
    starts: [sql`${contacts.firstName}`, sql`${contacts.lastName}`],
    phone: sql`${contacts.phoneDigits}`,
    email: sql`${contacts.emailNormalized}`,
  },
  lead: {
    table: leads,
    name: sql<string>`concat_ws(' ', ${leads.firstName}, ${leads.lastName}, ${leads.companyName})`,
    title: sql<string>`coalesce(${personName(leads)}, ${leads.companyName}, ${leads.email}, '(no name)')`,
    subtitle: sql<string>`concat_ws(' · ', ${leads.companyName}, ${leads.email}, ${leads.phone})`,
    starts: [sql`${leads.firstName}`, sql`${leads.lastName}`, sql`${leads.companyName}`],
    phone: sql`${leads.phoneDigits}`,
    email: sql`${leads.emailNormalized}`,
    domain: sql`${leads.companyDomain}`,
  },
  opportunity: {
    table: opportunities,
    name: sql<string>`${opportunities.name}`,
    title: sql<string>`${opportunities.name}`,
    subtitle: sql<string>`concat_ws(' · ', ${accountNameOf(opportunities)}, ${opportunities.status})`,
    starts: [sql`${opportunities.name}`],
  },
}

// A name starting with the query's first word, read in the order of its text_pattern_ops index
// (ORDER BY … USING ~<~ is that index's order), so the LIMIT ends the scan after `limit` rows; any
// further words are checked on those rows. A name equal to the word scores higher.
function startHits(t: Table, column: SQL, scope: SQL, plan: SearchPlan, limit: number): SQL {
  const word = plan.words[0] ?? ''
  const rest = plan.words.length > 1 ? sql` and ts_match_vq(${t.searchVector}, (select exact from q))` : sql``
  return sql`(select ${t.id} as id, 1 + (lower(${column}) = ${word})::int * 0.5 as score from ${t}
    where ${scope} and lower(${column}) like ${`${escapeLike(word)}%`}${rest} order by lower(${column}) using ~<~ limit ${limit})`
}

function recordBranch(type: Exclude<SearchType, 'note'>, plan: SearchPlan, tenantId: string, viewer: Viewer, limit: number): SQL | null {
  const e = ENTITIES[type]
  const t = e.table
  const scope = and(eq(t.tenantId, tenantId), isNull(t.archivedAt), visibleTo(t.ownerId, viewer)) ?? sql`false`
  const hits: SQL[] = []
  if (plan.match === 'starts') hits.push(...e.starts.map((column) => startHits(t, column, scope, plan, limit)))
  if (plan.match === 'words') hits.push(wordHits(sql`${t}`, sql`${t.searchVector}`, e.name, scope, plan, limit))
  if (plan.phoneDigits && e.phone) hits.push(sql`select ${t.id} as id, 3 as score from ${t} where ${scope} and ${e.phone} = ${plan.phoneDigits}`)
  // Exact prefixes: ordered by the index they read, so the LIMIT stops the scan early.
  for (const [column, prefix] of [
    [e.email, plan.emailPrefix],
    [e.domain, plan.domainPrefix],
  ] as const) {
    if (column && prefix) hits.push(sql`(select ${t.id} as id, 2 as score from ${t} where ${scope} and ${column} like ${`${escapeLike(prefix)}%`} order by ${column} limit ${limit})`)
  }
  if (!hits.length) return null
  return sql`(select ${type}::text as type, ${t.id} as id, ${e.title} as title, ${e.subtitle} as subtitle, m.score::float8 as score, null::text as related_type, null::uuid as related_id
    from (select id, max(score) as score from (${sql.join(hits, sql` union all `)}) hits group by id order by score desc, id limit ${limit}) m
    join ${t} on ${t.tenantId} = ${tenantId} and ${t.id} = m.id)`
}

const RELATED_OF_NOTE = sql`case when ${notes.accountId} is not null then 'account' when ${notes.contactId} is not null then 'contact' when ${notes.leadId} is not null then 'lead' else 'opportunity' end`

// Notes are as visible as the record they are on: relatedVisible's rule (support never sees a
// lead's notes; a rep in "own" mode only notes on records they own), with the owner read by
// primary key for each note found. relatedVisible's EXISTS form lets the planner hash every
// record the rep owns instead (measured: 40k accounts read, 330 ms, for one search).
function noteVisible(tenantId: string, viewer: Viewer): SQL {
  const ownerOf = (table: Table, link: SQL) => sql`(select r.owner_id from ${table} r where r.tenant_id = ${tenantId} and r.id = ${link})`
  const owned = sql`coalesce(${ownerOf(accounts, sql`${notes.accountId}`)}, ${ownerOf(contacts, sql`${notes.contactId}`)}, ${ownerOf(leads, sql`${notes.leadId}`)}, ${ownerOf(opportunities, sql`${notes.opportunityId}`)}) = ${viewer.userId}`
  return and(canSeeLeads(viewer) ? undefined : isNull(notes.leadId), seesOnlyOwn(viewer) ? owned : undefined) ?? sql`true`
}

// Notes are titled by the name of the record they are on. They have no name to start with: they
// are searched through their vector, and need a word of INDEXED_WORD+ characters ("j" starts a word
// of most notes).
function notesBranch(plan: SearchPlan, tenantId: string, viewer: Viewer, limit: number): SQL | null {
  if (plan.match === 'none' || plan.words.every((w) => w.length < INDEXED_WORD)) return null
  const scope = sql`${notes.tenantId} = ${tenantId} and ${notes.archivedAt} is null and ${noteVisible(tenantId, viewer)}`
  return sql`(select 'note'::text as type, ${notes.id} as id, ${relatedName('notes')} as title, left(${notes.body}, 2000) as subtitle, m.score::float8 as score,
      ${RELATED_OF_NOTE} as related_type, coalesce(${notes.accountId}, ${notes.contactId}, ${notes.leadId}, ${notes.opportunityId}) as related_id
    from (select id, score from (${wordHits(sql`${notes}`, sql`${notes.searchVector}`, sql`''`, scope, plan, limit)}) hits order by score desc, id limit ${limit}) m
    join ${notes} on ${notes.tenantId} = ${tenantId} and ${notes.id} = m.id)`
}

export function searchStatement(plan: SearchPlan, tenantId: string, viewer: Viewer, types: SearchType[], limit: number): SQL | null {
  const branches = types
    .filter((type) => type !== 'lead' || canSeeLeads(viewer))
    .map((type) => (type === 'note' ? notesBranch(plan, tenantId, viewer, limit) : recordBranch(type, plan, tenantId, viewer, limit)))
    .filter((b): b is SQL => b !== null)
  if (!branches.length) return null
  return sql`with ${queryCtes(plan, tenantId)} select * from (${sql.join(branches, sql` union all `)}) results order by score desc, type, id`
}

type Row = { type: SearchType; id: string; title: string; subtitle: string; score: number; related_type: RelatedType | null; related_id: string | null }

// One statement, one round trip.
export async function search(db: Db, plan: SearchPlan, tenantId: string, viewer: Viewer, types: SearchType[], limit: number): Promise<SearchHit[]> {
  const statement = searchStatement(plan, tenantId, viewer, types, limit)
  if (!statement) return []
  const { rows } = await db.execute<Row>(statement)
  return rows.map((r) => ({ type: r.type, id: r.id, title: r.title, subtitle: r.subtitle, score: Number(r.score), relatedType: r.related_type, relatedId: r.related_id }))
}
