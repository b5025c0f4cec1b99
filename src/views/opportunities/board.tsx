import { Fragment, jsx } from '../jsx'
import type { Board, BoardCard, BoardColumn } from '../../db/queries/opportunity-board'
import type { Stage } from '../../db/queries/pipelines'
import { isRotting } from '../../domain/opportunities/rules'
import { Money, MoneyTotals } from './money'
import { PipelineStyles } from './pipeline-styles'

// The pipeline board. Columns are stages; each card can be dragged to another column (board.js)
// or moved with its own stage picker, which is also the keyboard and no-JavaScript path. Both
// post to /opportunities/:id/stage; a drag gets the columns back to swap in.

export type BoardView = { board: Board; showAmounts: boolean; canMove: boolean; canConfigure: boolean; now: Date }

function MoveForm({ card, stages }: { card: BoardCard; stages: Stage[] }) {
  const id = `move-${card.id}`
  return (
    <form method="post" action={`/opportunities/${card.id}/stage`} class="board-move">
      <input type="hidden" name="back" value="board" />
      <label for={id} class="visually-hidden">
        Move {card.name} to stage
      </label>
      <select id={id} name="stageId">
        {stages.map((s) => (
          <option value={s.id} selected={s.id === card.stageId}>
            {s.name}
          </option>
        ))}
      </select>
      <button type="submit" class="secondary">
        Move
      </button>
    </form>
  )
}

function Card({ card, column, view }: { card: BoardCard; column: BoardColumn; view: BoardView }) {
  const rotting = isRotting(card.stageEnteredAt, column.stage.rottingDays, view.now)
  return (
    <li class={rotting ? 'board-card rotting' : 'board-card'} draggable={view.canMove ? 'true' : undefined} data-deal-id={card.id} data-stage-id={card.stageId}>
      <a href={`/opportunities/${card.id}`} class="board-card-name">
        {card.name}
      </a>
      {card.accountName ? <p class="muted">{card.accountName}</p> : null}
      <p class="board-card-meta">
        {view.showAmounts ? <Money amount={card.amount} currency={card.currency} /> : null}
        {card.closeDate ? <span>Closes {card.closeDate}</span> : null}
        {rotting ? (
          <span class="badge rotting" title={`In this stage longer than ${column.stage.rottingDays} days`}>
            Rotting
          </span>
        ) : null}
      </p>
      {view.canMove ? <MoveForm card={card} stages={view.board.pipeline.stages} /> : null}
    </li>
  )
}

function Column({ column, view }: { column: BoardColumn; view: BoardView }) {
  const heading = `stage-${column.stage.id}`
  const hidden = column.count - column.cards.length
  return (
    <section class="board-column" data-drop-stage={view.canMove ? column.stage.id : undefined} aria-labelledby={heading}>
      <header class="board-column-header">
        <h2 id={heading}>{column.stage.name}</h2>
        <p class="muted">
          <span class="board-count">{column.count}</span> · {column.stage.probability}%
        </p>
        {view.showAmounts ? (
          <dl class="board-totals">
            <dt>Total</dt>
            <dd data-total="raw">
              <MoneyTotals totals={column.totals} kind="raw" />
            </dd>
            <dt>Weighted</dt>
            <dd data-total="weighted">
              <MoneyTotals totals={column.totals} kind="weighted" />
            </dd>
          </dl>
        ) : null}
      </header>
      <ol class="board-cards">
        {column.cards.map((card) => (
          <Card card={card} column={column} view={view} />
        ))}
      </ol>
      {hidden > 0 ? (
        <p class="muted">
          <a href={`/opportunities?stage=${column.stage.id}&status=open&sort=closeDate`}>{hidden} more</a>
        </p>
      ) : null}
    </section>
  )
}

// What a drag gets back: every column, so counts and totals on both sides stay right.
export function BoardColumns(view: BoardView) {
  return (
    <div id="board-columns" class="board">
      {view.board.columns.map((column) => (
        <Column column={column} view={view} />
      ))}
    </div>
  )
}

function PipelineSwitcher({ board }: { board: Board }) {
  if (board.pipelines.length < 2) return null
  return (
    <form method="get" action="/opportunities/board" class="inline-form">
      <label for="board-pipeline">Pipeline</label>
      <select id="board-pipeline" name="pipeline">
        {board.pipelines.map((p) => (
          <option value={p.id} selected={p.id === board.pipeline.id}>
            {p.name}
          </option>
        ))}
      </select>
      <button type="submit" class="secondary">
        Show
      </button>
    </form>
  )
}

export function BoardPage(view: BoardView) {
  const { board } = view
  return (
    <>
      <PipelineStyles />
      <div class="page-header">
        <h1>{board.pipeline.name} pipeline</h1>
        <div class="record-actions">
          <PipelineSwitcher board={board} />
          <a class="button secondary" href="/opportunities">
            List
          </a>
          {view.canConfigure ? (
            <a class="button secondary" href="/settings/pipelines">
              Edit stages
            </a>
          ) : null}
        </div>
      </div>
      <p class="muted board-summary">
        {board.count} open {board.count === 1 ? 'deal' : 'deals'}
        {view.showAmounts ? (
          <>
            {' · '}
            <MoneyTotals totals={board.totals} kind="raw" /> total · <MoneyTotals totals={board.totals} kind="weighted" /> weighted
          </>
        ) : null}
      </p>
      <BoardColumns {...view} />
      {view.canMove ? <script src="/js/board.js" defer></script> : null}
    </>
  )
}
