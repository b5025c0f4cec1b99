// The search features the CRM relies on behave the same on every backend: English full-text search
// with websearch syntax and ranking, and pg_trgm fuzzy matching.
import { asc, desc, sql as dsql } from 'drizzle-orm'
import { integer, pgTable, text } from 'drizzle-orm/pg-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backendCases, startLocalNeon, type LocalNeon } from './backends.ts'

const docs = pgTable('docs', {
  id: integer('id').primaryKey(),
  title: text('title').notNull(),
  body: text('body').notNull(),
})
const companies = pgTable('companies', { id: integer('id').primaryKey(), name: text('name').notNull() })

const DOCS = [
  { id: 1, title: 'Weekly notes', body: 'The quick brown fox jumps over the lazy dog' },
  { id: 2, title: 'Ideas', body: 'Quick thinking saved the day' },
  { id: 3, title: 'Holiday', body: 'A lazy afternoon by the river' },
  { id: 4, title: 'Foxes', body: 'They are quick and clever' },
]
const COMPANIES = ['Acme Corporation', 'Acme Corp', 'Apex Industries', 'Globex International Holdings', 'Initech']

// Title terms weigh more than body terms, as the app's search vector does.
const vector = dsql`setweight(to_tsvector('english', ${docs.title}), 'A')
  || setweight(to_tsvector('english', ${docs.body}), 'D')`

describe.each(backendCases)('search on $name', (backendCase) => {
  let local: LocalNeon
  beforeAll(async () => {
    local = await startLocalNeon(backendCase)
    await local.sql.query('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    await local.sql.query('CREATE TABLE docs (id int PRIMARY KEY, title text NOT NULL, body text NOT NULL)')
    await local.sql.query('CREATE TABLE companies (id int PRIMARY KEY, name text NOT NULL)')
    // The operator classes the migrations use for their indexes must exist too.
    await local.sql.query('CREATE INDEX companies_name_trgm ON companies USING gin (name gin_trgm_ops)')
    await local.sql.query(`CREATE INDEX docs_search ON docs USING gin ((to_tsvector('english', body)))`)
    await local.db.insert(docs).values(DOCS)
    await local.db.insert(companies).values(COMPANIES.map((name, i) => ({ id: i + 1, name })))
  })
  afterAll(() => local.close())

  const search = async (query: string) => {
    const rows = await local.db
      .select({ id: docs.id })
      .from(docs)
      .where(dsql`${vector} @@ websearch_to_tsquery('english', ${query})`)
      .orderBy(asc(docs.id))
    return rows.map((r) => r.id)
  }

  it('matches stems and honours websearch syntax', async () => {
    expect(await search('fox')).toEqual([1, 4]) // "Foxes" stems to fox
    expect(await search('quick -lazy')).toEqual([2, 4])
    expect(await search('"brown fox"')).toEqual([1])
    expect(await search('afternoon or thinking')).toEqual([2, 3])
    expect(await search('the')).toEqual([]) // a stop word alone matches nothing
  })

  it('ranks a title hit above a body hit', async () => {
    const rank = dsql<number>`ts_rank(${vector}, websearch_to_tsquery('english', 'fox'))`.mapWith(Number)
    const rows = await local.db
      .select({ id: docs.id, rank })
      .from(docs)
      .where(dsql`${vector} @@ websearch_to_tsquery('english', 'fox')`)
      .orderBy(desc(rank))
    expect(rows.map((r) => r.id)).toEqual([4, 1])
    expect(rows[0]?.rank).toBeGreaterThan(rows[1]?.rank ?? Infinity)
    expect(rows[1]?.rank).toBeGreaterThan(0)
  })

  it('folds case of non-ASCII words (a UTF-8 aware ctype, as on Neon)', async () => {
    const [row] = await local.db.execute<{ hit: boolean }>(
      dsql`select to_tsvector('simple', 'Zoë Müller') @@ plainto_tsquery('simple', 'ZOË MÜLLER') as hit`,
    ).then((r) => r.rows)
    expect(row?.hit).toBe(true)
  })

  it('scores trigram similarity', async () => {
    const [row] = await local.db
      .execute<{ close: number; far: number; word: number }>(
        dsql`select similarity('Jonathan', 'Jonathon') as close, similarity('Jonathan', 'Initech') as far,
          word_similarity('Globex', 'Globex International Holdings') as word`,
      )
      .then((r) => r.rows)
    // real comes back as a JS number (the client parses float4 itself).
    expect(row?.close).toBeCloseTo(0.5, 5)
    expect(row?.far).toBe(0)
    expect(row?.word).toBe(1)
  })

  it('finds misspelt names with the % and <% operators', async () => {
    const fuzzy = async (condition: ReturnType<typeof dsql>) => {
      const rows = await local.db
        .select({ name: companies.name })
        .from(companies)
        .where(condition)
        .orderBy(asc(companies.id))
      return rows.map((r) => r.name)
    }
    expect(await fuzzy(dsql`${companies.name} % ${'Acme Corporaton'}`)).toEqual(['Acme Corporation', 'Acme Corp'])
    expect(await fuzzy(dsql`${'Globx'} <% ${companies.name}`)).toEqual(['Globex International Holdings'])
    const [best] = await local.db
      .select({ name: companies.name })
      .from(companies)
      .orderBy(dsql`similarity(${companies.name}, ${'initek'}) desc`)
      .limit(1)
    expect(best?.name).toBe('Initech')
  })
})
