import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import { totalsByCurrency, type MoneyTotal } from '../../domain/opportunities/rules'
import { canSeeAmounts, type Viewer } from '../../domain/records/viewer'
import { AppError } from '../../lib/errors'
import type { Db } from '../client'
import { opportunities, pipelineStages, pipelines } from '../schema'
import { accountName, amountFor } from './opportunities'
import { groupPipelines, listPipelinesQuery, type PipelineWithStages, type Stage } from './pipelines'
import { visibleTo } from './records/list'

// The pipeline board: a pipeline's open deals by stage. The column totals are summed in SQL over
// every open deal of the stage, while each column shows only its first cards by close date, so a
// busy stage costs one index range scan, not the whole table.

export const CARDS_PER_STAGE = 50

// Which pipeline to show: a named one, the one a stage belongs to (after a move), or the first.
export type BoardChoice = { pipelineId: string } | { stageId: string } | 'first'

function sqlPipeline(tenantId: string, choice: BoardChoice) {
  if (choice === 'first') return sql`(select ${pipelines.id} from ${pipelines} where ${pipelines.tenantId} = ${tenantId} order by ${pipelines.position}, ${pipelines.createdAt}, ${pipelines.id} limit 1)`
  if ('stageId' in choice) return sql`(select s.pipeline_id from ${pipelineStages} s where s.tenant_id = ${tenantId} and s.id = ${choice.stageId})`
  return sql`${choice.pipelineId}::uuid`
}

export function boardQueries(db: Db, tenantId: string, viewer: Viewer, choice: BoardChoice) {
  const pipeline = sqlPipeline(tenantId, choice)
  const open = and(eq(opportunities.tenantId, tenantId), sql`${opportunities.pipelineId} = ${pipeline}`, eq(opportunities.status, 'open'), isNull(opportunities.archivedAt), visibleTo(opportunities.ownerId, viewer))
  const amounts = canSeeAmounts(viewer)
  const totals = db
    .select({
      stageId: opportunities.stageId,
      currency: opportunities.currency,
      count: sql<number>`count(*)::int`,
      // Text, so exact decimals reach the app; weighted is rounded once, after summing.
      raw: amounts ? sql<string | null>`coalesce(sum(${opportunities.amount}), 0)::numeric(16, 2)::text` : sql<string | null>`null::text`,
      weighted: amounts ? sql<string | null>`round(coalesce(sum(${opportunities.amount} * ${opportunities.probability}), 0) / 100, 2)::numeric(16, 2)::text` : sql<string | null>`null::text`,
    })
    .from(opportunities)
    .where(open)
    .groupBy(opportunities.stageId, opportunities.currency)
  const card = db
    .select({
      id: opportunities.id,
      name: opportunities.name,
      accountName: sql<string | null>`${accountName}`.as('account_name'),
      amount: sql<string | null>`${amountFor(viewer)}`.as('amount'),
      currency: opportunities.currency,
      probability: opportunities.probability,
      closeDate: opportunities.closeDate,
      stageEnteredAt: opportunities.stageEnteredAt,
      cardStageId: sql<string>`${opportunities.stageId}`.as('card_stage_id'),
    })
    .from(opportunities)
    .where(and(open, sql`${sql.identifier('opportunities')}.stage_id = ${sql.identifier('pipeline_stages')}.id`))
    .orderBy(sql`${opportunities.closeDate} asc nulls last`, asc(opportunities.id))
    .limit(CARDS_PER_STAGE)
    .as('card')
  const cards = db
    .select({ id: card.id, name: card.name, accountName: card.accountName, amount: card.amount, currency: card.currency, probability: card.probability, closeDate: card.closeDate, stageEnteredAt: card.stageEnteredAt, stageId: card.cardStageId })
    .from(pipelineStages)
    .innerJoinLateral(card, sql`true`)
    .where(and(eq(pipelineStages.tenantId, tenantId), sql`${pipelineStages.pipelineId} = ${pipeline}`))
    .orderBy(asc(pipelineStages.position))
  return { pipelines: listPipelinesQuery(db, tenantId), totals, cards }
}

export type BoardCard = Awaited<ReturnType<typeof boardQueries>['cards']>[number]
export type BoardColumn = { stage: Stage; count: number; totals: MoneyTotal[]; cards: BoardCard[] }
export type Board = { pipelines: PipelineWithStages[]; pipeline: PipelineWithStages; columns: BoardColumn[]; totals: MoneyTotal[]; count: number }

// One round trip: the workspace's pipelines, the chosen one's column sums and its cards.
// Another workspace's pipeline (or stage) is not among this workspace's: a 404.
export async function loadBoard(db: Db, tenantId: string, viewer: Viewer, choice: BoardChoice): Promise<Board> {
  const q = boardQueries(db, tenantId, viewer, choice)
  const [pipelineRows, totalRows, cards] = await db.batch([q.pipelines, q.totals, q.cards])
  const all = groupPipelines(pipelineRows)
  const pipeline = choice === 'first' ? all[0] : 'stageId' in choice ? all.find((p) => p.stages.some((s) => s.id === choice.stageId)) : all.find((p) => p.id === choice.pipelineId)
  if (!pipeline) throw new AppError('NOT_FOUND', 'No such pipeline in this workspace.')
  const money = (rows: typeof totalRows): MoneyTotal[] => rows.flatMap((r) => (r.raw !== null && r.weighted !== null ? [{ currency: r.currency, raw: r.raw, weighted: r.weighted }] : []))
  const columns = pipeline.stages.map((stage) => {
    const rows = totalRows.filter((r) => r.stageId === stage.id)
    return { stage, count: rows.reduce((n, r) => n + r.count, 0), totals: totalsByCurrency(money(rows)), cards: cards.filter((c) => c.stageId === stage.id) }
  })
  return { pipelines: all, pipeline, columns, totals: totalsByCurrency(money(totalRows)), count: columns.reduce((n, c) => n + c.count, 0) }
}
