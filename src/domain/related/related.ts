import * as z from 'zod'
import { RELATED_TYPES, type RelatedType } from '../records/vocab'

// Tasks, notes and activities hang off one record. Clients name it as relatedType + relatedId;
// the database keeps one nullable column per type, each with a composite foreign key.
export type RelatedRef = { type: RelatedType; id: string }

export type RelatedColumn = 'accountId' | 'contactId' | 'leadId' | 'opportunityId'

export const RELATED_COLUMN: Record<RelatedType, RelatedColumn> = { account: 'accountId', contact: 'contactId', lead: 'leadId', opportunity: 'opportunityId' }

// `when` for cross-field refinements: run them even when other fields failed, so one submit
// reports every problem, but only on an object. The OpenAPI generator probes schemas with null,
// and a check that assumed an object would throw there (GET /api/v1/openapi.json answered 500).
export const whenObject = (payload: { value: unknown }): boolean => typeof payload.value === 'object' && payload.value !== null

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v)

export const relatedTypeField = () => z.enum(RELATED_TYPES, 'Choose account, contact, lead or opportunity.')
export const relatedIdField = () => z.uuid('Choose a valid record.')

// For records where the link is optional (tasks): both blank, or both set.
export const optionalRelatedFields = () => ({
  relatedType: z.preprocess(blankToNull, relatedTypeField().nullable()).optional(),
  relatedId: z.preprocess(blankToNull, relatedIdField().nullable()).optional(),
})

export function relatedPairIssue(v: { relatedType?: RelatedType | null; relatedId?: string | null }): { path: string; message: string } | null {
  const hasType = v.relatedType !== undefined && v.relatedType !== null
  const hasId = v.relatedId !== undefined && v.relatedId !== null
  if (hasType === hasId) return null
  return hasType ? { path: 'relatedId', message: 'Choose the record this is about.' } : { path: 'relatedType', message: 'Say what kind of record relatedId is.' }
}

// The four columns for a link (or no link): the one that is set and nulls for the rest, so an
// update that moves a task to another record clears the old column.
export function relatedColumns(ref: RelatedRef | null): Record<RelatedColumn, string | null> {
  const values: Record<RelatedColumn, string | null> = { accountId: null, contactId: null, leadId: null, opportunityId: null }
  if (ref) values[RELATED_COLUMN[ref.type]] = ref.id
  return values
}

export function relatedRefOf(row: Record<RelatedColumn, string | null>): RelatedRef | null {
  for (const type of RELATED_TYPES) {
    const id = row[RELATED_COLUMN[type]]
    if (id) return { type, id }
  }
  return null
}

export const refFrom = (v: { relatedType?: RelatedType | null; relatedId?: string | null }): RelatedRef | null => (v.relatedType && v.relatedId ? { type: v.relatedType, id: v.relatedId } : null)

const PATHS: Record<RelatedType, string> = { account: '/accounts', contact: '/contacts', lead: '/leads', opportunity: '/opportunities' }

// The detail page a quick action returns to.
export const relatedPath = (ref: RelatedRef): string => `${PATHS[ref.type]}/${ref.id}`

export const RELATED_LABELS: Record<RelatedType, string> = { account: 'Account', contact: 'Contact', lead: 'Lead', opportunity: 'Opportunity' }

export const NO_SUCH_RECORD = { path: 'relatedId', message: 'No such record in this workspace.' }

// The first characters of a body, for timeline payloads and titles.
export function excerpt(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

// A link given in a query string (/tasks/new?relatedType=…&relatedId=…): both or neither.
export const OptionalRelated = z.object(optionalRelatedFields()).refine((v) => relatedPairIssue(v) === null, { path: ['relatedId'], message: 'Choose the record this is about.', when: whenObject })
