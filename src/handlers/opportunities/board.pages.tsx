import { Fragment, jsx } from '../../views/jsx'
import { Hono } from 'hono'
import * as z from 'zod'
import { getOpportunity } from '../../db/queries/opportunities'
import { loadBoard } from '../../db/queries/opportunity-board'
import { updateOpportunity } from '../../db/queries/opportunity-writes'
import { listPipelinesWithStages } from '../../db/queries/pipelines'
import { can } from '../../domain/access/permissions'
import { StageMove } from '../../domain/opportunities/schemas'
import { canSeeAmounts, viewerOf, type Viewer } from '../../domain/records/viewer'
import type { AuthedEnv } from '../../env'
import { AppError } from '../../lib/errors'
import { readForm } from '../../lib/forms'
import { TIMELINE_CHANGED, isFragment } from '../../lib/htmx'
import { idParam } from '../../lib/params'
import { parseOrThrow } from '../../lib/validation'
import { BoardColumns, BoardPage, type BoardView } from '../../views/opportunities/board'
import { DealProbability, dealStageSelect } from '../../views/opportunities/opportunity-detail'
import { requirePermission } from '../middleware/permission'

// The pipeline board, and moving a deal to another stage: from the board (a drag, or a card's
// stage picker) and from the detail page's inline stage picker.
export const boardPages = new Hono<AuthedEnv>()

// Any pipeline id that is not one of this workspace's, malformed or not, is simply not found.
const BoardQuery = z.object({ pipeline: z.uuid().optional() }).strict()

const view = (viewer: Viewer, board: BoardView['board']): BoardView => ({ board, showAmounts: canSeeAmounts(viewer), canMove: can(viewer.role, 'records.update'), canConfigure: can(viewer.role, 'settings.manage'), now: new Date() })

boardPages.get('/opportunities/board', async (c) => {
  const query = BoardQuery.safeParse(c.req.query())
  if (!query.success) throw new AppError('NOT_FOUND', 'No such pipeline in this workspace.')
  const viewer = viewerOf(c.var.auth)
  const { pipeline } = query.data
  const board = await loadBoard(c.var.db, c.var.tenantId, viewer, pipeline ? { pipelineId: pipeline } : 'first')
  return c.render(<BoardPage {...view(viewer, board)} />, { title: `${board.pipeline.name} pipeline` })
})

const MoveInput = StageMove.extend({ back: z.literal('board').optional() })

// One stage change (one stage_changed event). A drag (htmx-style fetch) gets the board's columns
// back; the board's plain form goes back to the board; the detail page's picker gets itself and
// the probability that followed the stage.
boardPages.post('/opportunities/:id/stage', requirePermission('records.update'), async (c) => {
  const id = idParam(c, 'id')
  const viewer = viewerOf(c.var.auth)
  const db = c.var.db
  const { stageId, back } = parseOrThrow(MoveInput, await readForm(c))
  await updateOpportunity(db, c.var.tenantId, viewer, id, { stage: stageId })
  if (back === 'board') {
    if (!isFragment(c)) return c.redirect(`/opportunities/board?pipeline=${(await getOpportunity(db, c.var.tenantId, viewer, id)).pipelineId}`, 303)
    return c.html(<BoardColumns {...view(viewer, await loadBoard(db, c.var.tenantId, viewer, { stageId }))} />)
  }
  if (!isFragment(c)) return c.redirect(`/opportunities/${id}`, 303)
  const [deal, pipelines] = await Promise.all([getOpportunity(db, c.var.tenantId, viewer, id), listPipelinesWithStages(db, c.var.tenantId)])
  c.header('HX-Trigger', TIMELINE_CHANGED)
  return c.html(
    <>
      {dealStageSelect(deal, pipelines.find((p) => p.id === deal.pipelineId)?.stages ?? [])}
      <DealProbability probability={deal.probability} oob />
    </>,
  )
})
