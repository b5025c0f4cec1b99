import { sql, type SQL } from 'drizzle-orm'
import { customType, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { tenants } from './tenants'

// What global search (src/db/queries/search.ts) reads: a generated tsvector per record, and a
// dictionary of name words for typo tolerance.

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })

// Each lexeme carries its workspace: "t" + the last 12 hex digits of the tenant id (the random part
// of a UUIDv7), glued to the word. A prefix query on "t<tag>jo" then reads only this workspace's
// entries of the GIN index, so a search costs what the workspace's own matches cost, whether it
// shares the table with one record or with millions. (tenant_id in the GIN index instead, through
// btree_gin, measured 10–30× slower for a 1M-record workspace: every lookup intersects with that
// workspace's million-entry posting tree.) A tag shared by two workspaces would only cost time:
// every query also filters on tenant_id.
const SEARCH_TAG = sql.raw(`'t' || right(tenant_id::text, 12)`)
export const searchTag = (tenantId: string): string => `t${tenantId.slice(-12)}`

// GIN storage for the search vectors. fastupdate off: new entries go straight into the index
// rather than a pending list that every search must read in full until VACUUM merges it (up to
// 4 MB; on a freshly loaded 60k-contact workspace a typo search took 250 ms with it, 12 ms
// without). Writes pay a little more per row; bulk loads should build these indexes after loading.
export const SEARCH_INDEX = { fastupdate: false }

// Words are runs of letters and digits ("Jean-Luc" is jean and luc, "ada@acme.com" is ada, acme and
// com), the same split the query gets, under the 'simple' configuration: names are not English
// words to stem.
function words(columns: string[], weight: 'A' | 'B'): SQL {
  const text = sql.join(
    columns.map((c) => sql`coalesce(${sql.identifier(c)}, '')`),
    sql` || ' ' || `,
  )
  return sql`setweight(to_tsvector('simple', regexp_replace(regexp_replace(${text}, '[^[:alnum:]]+', ' ', 'g'), '([^ ]+)', ${SEARCH_TAG} || '\\1', 'g')), ${sql.raw(`'${weight}'`)})`
}

// The record's search vector, generated from its columns: weight A for names, B for the rest
// (email, domain), so a hit on a name ranks first.
export function searchVector(names: string[], rest: string[] = []) {
  const vector = rest.length ? sql`${words(names, 'A')} || ${words(rest, 'B')}` : words(names, 'A')
  return tsvector().generatedAlwaysAs(vector)
}

// Every word (3–40 characters) of a workspace's record names: the dictionary a misspelt query word
// is corrected against, one per workspace, so a search is only ever corrected to words of its own
// workspace, and the words go when the workspace does. Its candidates are the workspace's words
// one transposition or deletion away ("jonh" → john, "acmee" → acme), looked up by primary key,
// and its most similar words by trigrams ("christpher" → christopher), through a GIN index
// led by tenant_id (btree_gin gives uuid its GIN equality), so the lookup stays inside the
// workspace. GIN, not GiST nearest-neighbour: on a 700k-word workspace the GiST scan took
// 300 ms per word, the GIN `%` lookup 11 ms. A trigram index over a dictionary of words answers in milliseconds; one over a
// million names reads posting lists of hundreds of thousands of entries for common trigrams such
// as "  j". Statement triggers (migration 0010) add the words of inserted and updated records.
export const searchTerms = pgTable(
  'search_terms',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    term: text().notNull(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [primaryKey({ columns: [t.tenantId, t.term] }), index('search_terms_trgm_idx').using('gin', t.tenantId, t.term.op('gin_trgm_ops'))],
)
