import * as z from 'zod'
import { AppError, type FieldError } from '../../lib/errors'
import { ACCOUNT_SORTS } from '../accounts/schemas'
import { CONTACT_SORTS } from '../contacts/schemas'
import { LEAD_SORTS } from '../leads/schemas'
import { OPPORTUNITY_SORTS } from '../opportunities/schemas'
import { TASK_SORTS } from '../tasks/schemas'
import { VIEW_ENTITIES, type ViewEntity } from './catalogue'
import { filterDocument, underFilter, type FilterNode } from './filter'

// Saved views as the API and the forms take them. The filter is checked against the view's own
// list (its entity), so a POST reports a bad condition at "filter.and.0.value".

export const VIEW_VISIBILITIES = ['personal', 'team', 'workspace'] as const
export type ViewVisibility = (typeof VIEW_VISIBILITIES)[number]

export const VISIBILITY_LABELS: Record<ViewVisibility, string> = { personal: 'Only me', team: 'My team (anyone can edit)', workspace: 'Whole workspace (managers edit)' }

const SORTS: Record<ViewEntity, readonly string[]> = { accounts: ACCOUNT_SORTS, contacts: CONTACT_SORTS, leads: LEAD_SORTS, opportunities: OPPORTUNITY_SORTS, tasks: TASK_SORTS }

// A view's sort is the list's sort key, optionally with a direction: "closeDate" or "name:desc".
export function parseSort(entity: ViewEntity, sort: string | null | undefined): { sort?: string; dir?: 'asc' | 'desc' } {
  const [key, dir] = (sort ?? '').split(':')
  if (!key || !SORTS[entity].includes(key)) return {}
  return { sort: key, dir: dir === 'asc' || dir === 'desc' ? dir : undefined }
}

function sortIssue(entity: ViewEntity, sort: string | null | undefined): string | null {
  if (!sort) return null
  if (!/^[a-zA-Z]+(:(asc|desc))?$/.test(sort)) return 'Use a sort like "name" or "name:desc".'
  return parseSort(entity, sort).sort ? null : `Sort ${entity} by one of: ${SORTS[entity].join(', ')}.`
}

export const ViewName = z.string('Give the view a name.').trim().min(1, 'Give the view a name.').max(80, 'Use at most 80 characters.')
const Visibility = z.enum(VIEW_VISIBILITIES, 'Choose personal, team or workspace.')
const Sort = z.string().max(40).nullable().optional()

// Checks the filter and sort against the entity's list, reporting each problem under its key.
function checked<T extends { filter: unknown; sort?: string | null }>(entity: ViewEntity, v: T, ctx: z.RefinementCtx): (T & { filter: FilterNode }) | typeof z.NEVER {
  const filter = filterDocument(entity).safeParse(v.filter)
  if (!filter.success) for (const issue of filter.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: ['filter', ...issue.path] })
  const sort = sortIssue(entity, v.sort)
  if (sort) ctx.addIssue({ code: 'custom', message: sort, path: ['sort'] })
  return filter.success && !sort ? { ...v, filter: filter.data } : z.NEVER
}

export const ViewInput = z
  .object({ entity: z.enum(VIEW_ENTITIES, `Choose one of: ${VIEW_ENTITIES.join(', ')}.`), name: ViewName, visibility: Visibility.default('personal'), filter: z.unknown(), sort: Sort, locked: z.boolean().optional() })
  .strict()
  .transform((v, ctx) => checked(v.entity, v, ctx))
export type ViewInput = z.output<typeof ViewInput>

// A change names only what changes; the filter is checked against the stored view's entity.
export const ViewPatch = z.object({ name: ViewName.optional(), visibility: Visibility.optional(), filter: z.unknown().optional(), sort: Sort, locked: z.boolean().optional() }).strict()
export type ViewPatch = z.infer<typeof ViewPatch>

// The patch with its filter checked against the stored view's entity; a 422 naming each problem.
export function checkPatch(entity: ViewEntity, patch: ViewPatch): Omit<ViewPatch, 'filter'> & { filter?: FilterNode } {
  const errors: FieldError[] = []
  const filter = patch.filter === undefined ? undefined : filterDocument(entity).safeParse(patch.filter)
  if (filter && !filter.success) errors.push(...underFilter(filter.error))
  const sort = sortIssue(entity, patch.sort)
  if (sort) errors.push({ path: 'sort', message: sort })
  if (errors.length) throw new AppError('VALIDATION', 'Some fields need attention.', errors)
  return { ...patch, filter: filter?.data }
}

export const ViewJson = z.object({
  id: z.string(),
  entity: z.enum(VIEW_ENTITIES),
  name: z.string(),
  visibility: z.enum(VIEW_VISIBILITIES),
  ownerId: z.string(),
  filter: z.record(z.string(), z.unknown()),
  sort: z.string().nullable(),
  locked: z.boolean(),
  builtinKey: z.string().nullable(),
  canEdit: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
