import { createRoute, z } from '@hono/zod-openapi'
import { search } from '../../db/queries/search'
import { countryOf } from '../../domain/contacts/schemas'
import { viewerOf } from '../../domain/records/viewer'
import { planSearch, SEARCH_TYPES, SearchQuery } from '../../domain/search/query'
import { COMMON_ERRORS, apiRouter } from '../api/openapi'
import { requirePermission } from '../middleware/permission'

export const searchApi = apiRouter()
searchApi.use('/search', requirePermission('records.read'))

const SearchHitJson = z
  .object({
    type: z.enum(SEARCH_TYPES),
    id: z.string(),
    title: z.string(),
    subtitle: z.string(),
    score: z.number(),
  })
  .openapi('SearchHit')

searchApi.openapi(
  createRoute({
    method: 'get',
    path: '/search',
    operationId: 'search',
    tags: ['Search'],
    summary: 'Search accounts, contacts, leads, deals and notes',
    description:
      'Words match by their start, and small typos are corrected ("jonh smiht" finds John Smith). A phone number matches in any format, read in the workspace\'s default country when it has no +country code. An email or a domain matches by its start. Archived records are left out, and so is whatever the caller may not see. `types` is a comma-separated list (default: account,contact,lead,opportunity; add note for notes, whose title is the name of the record they are on); `limit` caps each type. Results are ordered by score, best first.',
    request: { query: SearchQuery },
    responses: { 200: { description: 'The best matches of each type', content: { 'application/json': { schema: z.object({ data: z.array(SearchHitJson) }) } } }, ...COMMON_ERRORS },
  }),
  async (c) => {
    const q = c.req.valid('query')
    const plan = planSearch(q.q, countryOf(c.var.auth.defaultCountry))
    const hits = await search(c.var.db, plan, c.var.tenantId, viewerOf(c.var.auth), q.types, q.limit)
    return c.json({ data: hits.map((h) => ({ type: h.type, id: h.id, title: h.title, subtitle: h.subtitle, score: h.score })) }, 200)
  },
)
