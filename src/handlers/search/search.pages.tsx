import { jsx } from '../../views/jsx'
import { Hono } from 'hono'
import { search } from '../../db/queries/search'
import { countryOf } from '../../domain/contacts/schemas'
import { viewerOf } from '../../domain/records/viewer'
import { planSearch, RECORD_SEARCH_TYPES, SearchPageQuery } from '../../domain/search/query'
import type { AuthedEnv } from '../../env'
import { isFragment } from '../../lib/htmx'
import { parseOrThrow } from '../../lib/validation'
import { SearchPage, SearchSuggestions } from '../../views/search/search-results'
import { requirePermission } from '../middleware/permission'
import { requireUser } from '../middleware/session'

// Per type: a few in the header's dropdown, more on the results page.
const SUGGESTIONS = 5
const PAGE_RESULTS = 20

// /search: the results page (Records and Notes tabs), and for the header box's htmx requests the
// dropdown fragment alone (records only; notes are a tab of the page).
export const searchPages = new Hono<AuthedEnv>()
searchPages.use('/search', requireUser, requirePermission('records.read'))

searchPages.get('/search', async (c) => {
  const f = parseOrThrow(SearchPageQuery, c.req.query())
  const fragment = isFragment(c)
  const plan = planSearch(f.q, countryOf(c.var.auth.defaultCountry))
  const types = !fragment && f.tab === 'notes' ? (['note'] as const) : RECORD_SEARCH_TYPES
  const hits = f.q === '' ? [] : await search(c.var.db, plan, c.var.tenantId, viewerOf(c.var.auth), [...types], fragment ? SUGGESTIONS : PAGE_RESULTS)
  c.header('Vary', 'HX-Request')
  if (fragment) return c.html(<SearchSuggestions q={f.q} hits={hits} words={plan.words} />)
  return c.render(<SearchPage q={f.q} tab={f.tab} hits={hits} words={plan.words} />, { title: f.q === '' ? 'Search' : `Search: ${f.q}` })
})
