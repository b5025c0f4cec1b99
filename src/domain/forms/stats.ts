import { SUBMISSION_OUTCOMES, type SubmissionOutcome } from './submissions'

// A form's numbers as the forms list shows them. Every outcome but quarantined put a person in
// the CRM (released spam was judged a real person after all), so those count as converted.
export type OutcomeCounts = Partial<Record<SubmissionOutcome, number>>

const CONVERTED: SubmissionOutcome[] = ['created', 'attached', 'flagged', 'released']

export const totalSubmissions = (c: OutcomeCounts): number => SUBMISSION_OUTCOMES.reduce((sum, o) => sum + (c[o] ?? 0), 0)

// The share of submissions that became or reached a lead or contact, or null with none yet.
export function conversionRate(c: OutcomeCounts): number | null {
  const all = totalSubmissions(c)
  return all ? CONVERTED.reduce((sum, o) => sum + (c[o] ?? 0), 0) / all : null
}
