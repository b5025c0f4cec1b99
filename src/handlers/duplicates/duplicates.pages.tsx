import { jsx } from '../../views/jsx'
import { Hono, type Context } from 'hono'
import { dismissCandidate, listCandidates } from '../../db/queries/duplicate-candidates'
import { findMergePartner, mergeRecords, readPair } from '../../db/queries/merge'
import { targetOf, type MergeTarget } from '../../db/queries/merge-targets'
import { undoMerge } from '../../db/queries/merge-undo'
import { can } from '../../domain/access/permissions'
import { choicesFromForm, compareDefaults, DuplicateListQuery, MERGE_ENTITIES, mergeKeys, recordName } from '../../domain/dedupe/merge-fields'
import { withoutBlanks } from '../../domain/records/list-query'
import { viewerOf } from '../../domain/records/viewer'
import type { AuthedEnv } from '../../env'
import { AppError, type FieldError } from '../../lib/errors'
import { readForm } from '../../lib/forms'
import { isFragment } from '../../lib/htmx'
import { enqueueScore } from '../../lib/jobs/enqueue-score'
import { idParam } from '../../lib/params'
import { parseOrThrow } from '../../lib/validation'
import { ComparePage } from '../../views/duplicates/compare-page'
import { DuplicatesPage, PATHS } from '../../views/duplicates/duplicates-page'
import { MergeWithPage } from '../../views/duplicates/merge-notices'
import { requirePermission } from '../middleware/permission'
import { requireUser } from '../middleware/session'

// /duplicates: review possible duplicates, compare two records side by side and merge them;
// /merges/:id/undo takes a merge back. A merge lands on the survivor's page, whose flash carries
// the Undo button (see views/duplicates/merge-notices.tsx).
export const duplicatesPages = new Hono<AuthedEnv>()
for (const path of ['/duplicates', '/duplicates/*', '/merges/*']) duplicatesPages.use(path, requireUser, requirePermission('records.merge'))

const TITLE = 'Duplicates'

duplicatesPages.get('/duplicates', async (c) => {
  const f = parseOrThrow(DuplicateListQuery, withoutBlanks(c.req.query()))
  const page = await listCandidates(c.var.db, c.var.tenantId, viewerOf(c.var.auth), f)
  const next = page.nextCursor ? `/duplicates?type=${f.type}&cursor=${page.nextCursor}` : null
  return c.render(<DuplicatesPage entity={f.type} entities={[...MERGE_ENTITIES]} rows={page.data} next={next} />, { title: TITLE })
})

// htmx removes the row; a plain post goes back to the list.
duplicatesPages.post('/duplicates/:id/dismiss', async (c) => {
  const entity = await dismissCandidate(c.var.db, c.var.tenantId, viewerOf(c.var.auth), idParam(c, 'id'))
  c.header('Vary', 'HX-Request')
  return isFragment(c) ? c.html('') : c.redirect(`/duplicates?type=${entity}`, 303)
})

function targetParam(c: Context<AuthedEnv>): MergeTarget {
  const target = targetOf(c.req.param('type') ?? '')
  if (!target) throw new AppError('NOT_FOUND', 'There is nothing at this address.')
  return target
}

// "Merge with…" from a record page: the other record by email or id, then the comparison.
duplicatesPages.get('/duplicates/:type/:id/with', async (c) => {
  const target = targetParam(c)
  const id = idParam(c, 'id')
  const viewer = viewerOf(c.var.auth)
  const [self] = await target.records(c.var.db, c.var.tenantId, viewer, [id])
  if (!self) throw new AppError('NOT_FOUND', target.noSuch)
  const other = c.req.query('other')?.trim() ?? ''
  let errors: FieldError[] = []
  if (other) {
    const found = await findMergePartner(c.var.db, c.var.tenantId, viewer, target, id, other)
    if (found) return c.redirect(`/duplicates/${target.path}/${id}/${found}`, 303)
    errors = [{ path: 'other', message: `No other live ${target.entity} you can see has that email address or id.` }]
    c.status(422)
  }
  const name = recordName(target.entity, self)
  return c.render(<MergeWithPage entity={target.entity} id={id} name={name} value={other} errors={errors} />, { title: `Merge ${name}` })
})

type Rerender = { form: Record<string, string>; errors: FieldError[]; problem?: string }

async function renderCompare(c: Context<AuthedEnv>, target: MergeTarget, again?: Rerender) {
  const viewer = viewerOf(c.var.auth)
  const ids: [string, string] = [idParam(c, 'a'), idParam(c, 'b')]
  if (ids[0] === ids[1]) throw new AppError('NOT_FOUND', 'A record cannot be compared with itself.')
  const { a, b } = await readPair(c.var.db, c.var.tenantId, viewer, target, ids)
  const form = again?.form ?? compareDefaults(target.entity, a, b)
  const props = { entity: target.entity, a, b, keys: mergeKeys(target.entity, a, b), form, errors: again?.errors ?? [], canAssign: can(viewer.role, 'records.assign'), problem: again?.problem }
  return c.render(<ComparePage {...props} />, { title: 'Compare duplicates' })
}

duplicatesPages.get('/duplicates/:type/:a/:b', (c) => renderCompare(c, targetParam(c)))

// Merges, then shows the survivor with the Undo flash. A refused merge (a field that cannot take
// the other's value, a record changed meanwhile) comes back with the person's choices kept.
duplicatesPages.post('/duplicates/:type/:a/:b', async (c) => {
  const target = targetParam(c)
  const form = await readForm(c)
  const { survivor, choices } = choicesFromForm(form)
  const [a, b] = [idParam(c, 'a'), idParam(c, 'b')]
  const [winner, loser] = survivor === 'a' ? [a, b] : [b, a]
  try {
    const mergeId = await mergeRecords(c.var.db, c.var.tenantId, viewerOf(c.var.auth), target, winner, loser, choices)
    if (target.entity === 'lead') await enqueueScore(c.env, c.var.tenantId, [winner])
    return c.redirect(`/${target.path}/${winner}?merged=${mergeId}`, 303)
  } catch (err) {
    if (!(err instanceof AppError) || (err.code !== 'VALIDATION' && err.code !== 'CONFLICT')) throw err
    c.status(err.status)
    return renderCompare(c, target, { form, errors: err.fieldErrors, problem: err.code === 'CONFLICT' ? err.message : undefined })
  }
})

duplicatesPages.post('/merges/:id/undo', async (c) => {
  const id = idParam(c, 'id')
  const undone = await undoMerge(c.var.db, c.var.tenantId, viewerOf(c.var.auth), id)
  if (undone.entityType === 'lead') await enqueueScore(c.env, c.var.tenantId, [undone.winnerId, undone.loserId])
  return c.redirect(`/${PATHS[undone.entityType]}/${undone.winnerId}?merged=${id}`, 303)
})
