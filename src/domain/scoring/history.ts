// The window of daily scores the lead page's sparkline shows: 30 days, today included (UTC days,
// as lead_score_history stores them).
export const SCORE_HISTORY_DAYS = 30

// The window's first day (YYYY-MM-DD) for a window ending on `today`'s UTC day.
export const historyStartDay = (today: Date): string => new Date(today.getTime() - (SCORE_HISTORY_DAYS - 1) * 86_400_000).toISOString().slice(0, 10)
