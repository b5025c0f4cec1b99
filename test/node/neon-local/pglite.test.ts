// What only the PGlite backend has to get right: a persisted data directory (`dev` keeps its data
// across restarts), Neon's session settings on every open, pg_trgm loaded, and an orderly close.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPgliteBackend, openPglite } from '../../../tools/neon-local/pglite-backend.ts'

describe('pglite backend', () => {
  let dataDir: string
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'neon-local-pglite-'))
  })
  afterAll(() => rm(dataDir, { recursive: true, force: true }))

  it('keeps data in its directory across a close and reopen, with the session set up each time', async () => {
    const first = createPgliteBackend(await openPglite(dataDir))
    await first.query({ query: 'CREATE EXTENSION IF NOT EXISTS pg_trgm', params: [] })
    await first.query({ query: 'CREATE TABLE notes (body text)', params: [] })
    await first.batch([{ query: 'INSERT INTO notes VALUES ($1)', params: ['kept'] }], {})
    await first.close()

    const second = createPgliteBackend(await openPglite(dataDir))
    try {
      const read = await second.query({
        query: `select body, current_setting('TimeZone'), current_setting('DateStyle'), similarity(body, 'kept')
          from notes`,
        params: [],
      })
      expect(read.rows).toEqual([['kept', 'UTC', 'ISO, MDY', '1']])
    } finally {
      await second.close()
    }
  })

  it('finishes queued work before closing', async () => {
    const backend = createPgliteBackend(await openPglite())
    const pending = Array.from({ length: 5 }, (_, i) => backend.query({ query: 'select $1::int * 2', params: [String(i)] }))
    const closing = backend.close()
    expect((await Promise.all(pending)).map((r) => r.rows[0]?.[0])).toEqual(['0', '2', '4', '6', '8'])
    await closing
    await expect(backend.query({ query: 'select 1', params: [] })).rejects.toThrow()
  })
})
