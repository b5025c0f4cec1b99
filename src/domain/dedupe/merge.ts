// What a merge changed, so that undoing it puts everything back: the winner's values before the
// chosen ones were written, and the ids of the rows that moved from the loser to the winner.
// Tags the winner already had are not moved (a tag is on a record once); the loser's copies are
// removed and listed in droppedTagIds to be restored. candidateIds are the duplicate candidates
// of the pair the merge resolved, reopened by an undo; loserArchivedAt is when the loser had been
// archived before the merge archived it (null: it was live).
export type MergeUndo = {
  winnerBefore: Record<string, unknown>
  loserArchivedAt: string | null
  moved: { notes: string[]; tasks: string[]; activities: string[]; tags: string[]; submissions: string[]; opportunities: string[] }
  droppedTagIds: string[]
  candidateIds: string[]
}

export type MovedKind = keyof MergeUndo['moved']

// How long a merge can be undone. Later, too much may have happened on the survivor.
export const UNDO_DAYS = 30
