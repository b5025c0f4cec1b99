// What a merge changed, so that undoing it puts everything back: the winner's values before the
// chosen ones were written, and the ids of the rows that moved from the loser to the winner.
// Tags the winner already had are not moved (a tag is on a record once); the loser's copies are
// removed and listed in droppedTagIds to be restored.
export type MergeUndo = {
  winnerBefore: Record<string, unknown>
  moved: { notes: string[]; tasks: string[]; activities: string[]; tags: string[]; submissions: string[] }
  droppedTagIds: string[]
}
