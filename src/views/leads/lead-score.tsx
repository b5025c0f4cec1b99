import { Fragment, jsx } from '../jsx'
import { scoreLineText } from '../../domain/scoring/explain'
import { historyStartDay, SCORE_HISTORY_DAYS } from '../../domain/scoring/history'
import { MAX_SCORE, type ScoringRule } from '../../domain/scoring/rules'
import type { ScoreLine } from '../../domain/scoring/types'
import { DateTime } from '../components/date-time'

export type ScoreDay = { day: string; score: number }

const WIDTH = 120
const HEIGHT = 28
const DAY_MS = 86_400_000
const DAY_LABEL = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' })
const dayLabel = (day: string) => DAY_LABEL.format(new Date(`${day}T00:00:00Z`))

// The last 30 days of a lead's score as a small line, drawn on the server (no script). A day
// without a row kept the score of the day before (nothing recomputed it), so the line holds its
// level across gaps and runs on to today.
export function ScoreSparkline({ history, today }: { history: ScoreDay[]; today: Date }) {
  if (!history.length) return null
  const start = Date.parse(`${historyStartDay(today)}T00:00:00Z`)
  const x = (day: string) => (((Date.parse(`${day}T00:00:00Z`) - start) / DAY_MS) * WIDTH) / (SCORE_HISTORY_DAYS - 1)
  const y = (score: number) => HEIGHT - 2 - (score / MAX_SCORE) * (HEIGHT - 4)
  const points: string[] = []
  history.forEach((h, i) => {
    const prev = history[i - 1]
    if (prev) points.push(`${x(h.day).toFixed(1)},${y(prev.score).toFixed(1)}`)
    points.push(`${x(h.day).toFixed(1)},${y(h.score).toFixed(1)}`)
  })
  const last = history[history.length - 1] as ScoreDay
  points.push(`${WIDTH},${y(last.score).toFixed(1)}`)
  const scores = history.map((h) => h.score)
  const first = history[0] as ScoreDay
  const label =
    first === last
      ? `Score over the last ${SCORE_HISTORY_DAYS} days: ${last.score}, recorded on ${dayLabel(last.day)} only.`
      : `Score over the last ${SCORE_HISTORY_DAYS} days: ${first.score} on ${dayLabel(first.day)}, ${last.score} on ${dayLabel(last.day)}; lowest ${Math.min(...scores)}, highest ${Math.max(...scores)}.`
  return (
    <svg class="sparkline" role="img" aria-label={label} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT}>
      <title>{label}</title>
      <polyline points={points.join(' ')} fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" />
      <circle cx={WIDTH - 2} cy={y(last.score).toFixed(1)} r="2" fill="currentColor" />
    </svg>
  )
}

export function ScoreFact({ score, history, today }: { score: number; history: ScoreDay[]; today: Date }) {
  return (
    <span class="score">
      <strong>{String(score)}</strong> <ScoreSparkline history={history} today={today} />
    </span>
  )
}

// "Why this score": each rule that contributed and its points, largest first, as the scoring job
// stored them. `rules` are the workspace's current rules, to tell which engagement is fading.
export function ScoreExplanation({ lead, rules, canManage }: { lead: { score: number; scoreBreakdown: ScoreLine[]; scoredAt: Date | null }; rules: ScoringRule[]; canManage: boolean }) {
  const lines = lead.scoreBreakdown
  const total = Math.round(lines.reduce((sum, l) => sum + l.points, 0))
  const empty = !rules.length
    ? 'This workspace has no scoring rules yet, so every lead scores 0.'
    : !lead.scoredAt
      ? 'Not scored yet. The score appears a moment after the lead is saved.'
      : 'No scoring rule matches this lead yet, so it scores 0.'
  return (
    <section class="card score-why" aria-labelledby="score-why-heading">
      <h2 id="score-why-heading">Why this score</h2>
      {lines.length ? (
        <ul class="score-lines">
          {lines.map((line) => (
            <li data-kind={line.kind}>{scoreLineText(line, rules)}</li>
          ))}
        </ul>
      ) : (
        <p class="muted">{empty}</p>
      )}
      {lines.length && total !== lead.score ? <p class="muted">The points add up to {total}; scores run from 0 to {MAX_SCORE}.</p> : null}
      <p class="muted">
        {lead.scoredAt ? (
          <>
            Scored <DateTime value={lead.scoredAt} />.{' '}
          </>
        ) : null}
        {canManage ? <a href="/settings/scoring">Scoring rules</a> : null}
      </p>
    </section>
  )
}
