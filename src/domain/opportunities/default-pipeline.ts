// The pipeline every new workspace starts with, so a deal can be created on day one. Admins
// rename, reorder and re-weight these stages in settings; nothing refers to them by name.
export type StageTemplate = { name: string; probability: number; rottingDays: number | null }

export const DEFAULT_PIPELINE: { name: string; stages: StageTemplate[] } = {
  name: 'Sales',
  stages: [
    { name: 'Qualification', probability: 10, rottingDays: 14 },
    { name: 'Discovery', probability: 25, rottingDays: 14 },
    { name: 'Proposal', probability: 50, rottingDays: 10 },
    { name: 'Negotiation', probability: 75, rottingDays: 7 },
    { name: 'Closing', probability: 90, rottingDays: 7 },
  ],
}
