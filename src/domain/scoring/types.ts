import type { EngagementSignal, FitField } from './rules'

// What the scoring engine (engine.ts) reads and returns. Queries build these; the engine is pure.

// The lead's fields fit rules can test, by name (emailDomain already derived from the email).
export type ScoringLead = Record<FitField, string | null>

export type EngagementEvent = { signal: EngagementSignal; at: Date }

// One line of "why this score": a rule that contributed, and how many points (one decimal).
// count is how many events an engagement rule matched.
export type ScoreLine = { ruleId: string; name: string; kind: 'fit' | 'engagement'; points: number; count?: number }

export type ScoreResult = { score: number; breakdown: ScoreLine[] }
