import { and, asc, eq, gte } from 'drizzle-orm'
import { historyStartDay } from '../../domain/scoring/history'
import type { Db } from '../client'
import { leadScoreHistory } from '../schema'

// A lead's daily scores in the window, oldest first, unawaited for the page's batch. The caller
// has the lead read in the same batch and answers 404 for a lead the viewer may not see.
export const scoreHistoryQuery = (db: Db, tenantId: string, leadId: string, today: Date) =>
  db
    .select({ day: leadScoreHistory.day, score: leadScoreHistory.score })
    .from(leadScoreHistory)
    .where(and(eq(leadScoreHistory.tenantId, tenantId), eq(leadScoreHistory.leadId, leadId), gte(leadScoreHistory.day, historyStartDay(today))))
    .orderBy(asc(leadScoreHistory.day))
