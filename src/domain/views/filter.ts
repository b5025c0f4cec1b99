import * as z from 'zod'
import { AppError } from '../../lib/errors'
import { toFieldErrors } from '../../lib/validation'
import { CATALOGUE, fieldOf, opsFor, PERIODS, type FieldDef, type Op, type ViewEntity } from './catalogue'

// The filter language of saved views and of the lists' `filter=` parameter: a JSON document of
// conditions {field, op, value} combined by {and: [...]}, {or: [...]} and {not: {...}}. The
// document is validated against the list's field catalogue here; the compiler trusts the result.

export type FilterLeaf = { field: string; op: Op; value?: unknown }
export type FilterNode = FilterLeaf | { and: FilterNode[] } | { or: FilterNode[] } | { not: FilterNode }

// Enough for any filter a person builds by hand, small enough that no document makes a query
// the planner chokes on.
export const MAX_DEPTH = 4
export const MAX_CONDITIONS = 50
const MAX_LIST = 50

const Text = z.string('Use text.').trim().min(1, 'Enter some text.').max(200, 'Use at most 200 characters.')
const Num = z.number('Use a number.').min(-1e12).max(1e12)

function equalsValue(f: FieldDef): z.ZodType {
  switch (f.type) {
    case 'enum':
      return z.enum(f.values as [string, ...string[]], `Use one of: ${f.values?.join(', ')}.`)
    case 'number':
      return Num
    case 'owner':
      return z.union([z.literal('me'), z.uuid()], 'Use "me" or a member’s id.')
    case 'ref':
    case 'tag':
      return z.uuid('Use an id.')
    case 'boolean':
      return z.boolean('Use true or false.')
    default:
      return Text
  }
}

function valueSchema(f: FieldDef, op: Op): z.ZodType {
  switch (op) {
    case 'equals':
      return equalsValue(f)
    case 'in':
      return z.array(equalsValue(f), 'Use a list of values.').min(1, 'List at least one value.').max(MAX_LIST, `List at most ${MAX_LIST} values.`)
    case 'contains':
      return Text
    case 'before':
    case 'after':
      return z.iso.date('Use a date as YYYY-MM-DD.')
    case 'withinLastDays':
      return z.number('Use a number of days.').int('Use a whole number of days.').min(1, 'Use at least 1 day.').max(3650, 'Use at most 3650 days.')
    case 'inPeriod':
      return z.enum(PERIODS, `Use one of: ${PERIODS.join(', ')}.`)
    case 'greaterThan':
    case 'lessThan':
      return Num
    case 'empty':
    case 'notEmpty':
      return z.undefined(`${op} takes no value.`)
  }
}

type Path = (string | number)[]
type Issue = { path: Path; message: string }

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const SHAPE = 'Use a condition {field, op, value} or a group {and: [...]}, {or: [...]} or {not: {...}}.'

function checkLeaf(entity: ViewEntity, node: Record<string, unknown>, path: Path, issues: Issue[]): FilterLeaf | null {
  for (const key of Object.keys(node)) if (!['field', 'op', 'value'].includes(key)) issues.push({ path: [...path, key], message: `${key} is not part of a condition.` })
  const field = typeof node.field === 'string' ? fieldOf(entity, node.field) : undefined
  if (!field) {
    issues.push({ path: [...path, 'field'], message: `Use one of the fields of ${entity}: ${Object.keys(CATALOGUE[entity]).join(', ')}.` })
    return null
  }
  const ops = opsFor(field)
  const op = ops.find((o) => o === node.op)
  if (!op) {
    issues.push({ path: [...path, 'op'], message: `${field.label} takes ${ops.join(', ')}.` })
    return null
  }
  const value = valueSchema(field, op).safeParse(node.value)
  if (!value.success) {
    for (const e of value.error.issues) issues.push({ path: [...path, 'value', ...(e.path as Path)], message: e.message })
    return null
  }
  return value.data === undefined ? { field: node.field as string, op } : { field: node.field as string, op, value: value.data }
}

// Walks the document, collecting every problem with its path, and returns it normalised
// (trimmed text) when there are none.
function check(entity: ViewEntity, node: unknown, path: Path, depth: number, issues: Issue[], leaves: { n: number }): FilterNode | null {
  if (!isObject(node)) {
    issues.push({ path, message: SHAPE })
    return null
  }
  const group = (['and', 'or', 'not'] as const).find((k) => k in node)
  if (!group) {
    leaves.n++
    return checkLeaf(entity, node, path, issues)
  }
  if (Object.keys(node).length !== 1) {
    issues.push({ path, message: `A group has only its "${group}" key. ${SHAPE}` })
    return null
  }
  if (depth >= MAX_DEPTH) {
    issues.push({ path, message: `Groups nest at most ${MAX_DEPTH} deep.` })
    return null
  }
  if (group === 'not') {
    const inner = check(entity, node.not, [...path, 'not'], depth + 1, issues, leaves)
    return inner && { not: inner }
  }
  const items = node[group]
  if (!Array.isArray(items) || (group === 'or' && items.length === 0)) {
    issues.push({ path: [...path, group], message: group === 'or' ? 'List at least one condition.' : 'List the conditions.' })
    return null
  }
  const checked = items.map((item, i) => check(entity, item, [...path, group, i], depth + 1, issues, leaves))
  return checked.every((c) => c !== null) ? ({ [group]: checked } as FilterNode) : null
}

// The zod schema of a list's filter documents, so invalid ones fail like any other input: a 422
// with the path of each problem ("and.0.value").
export function filterDocument(entity: ViewEntity) {
  return z.unknown().transform((input, ctx): FilterNode => {
    const issues: Issue[] = []
    const leaves = { n: 0 }
    const doc = check(entity, input, [], 0, issues, leaves)
    if (leaves.n > MAX_CONDITIONS) issues.push({ path: [], message: `A filter has at most ${MAX_CONDITIONS} conditions.` })
    for (const issue of issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path })
    return issues.length || !doc ? z.NEVER : doc
  })
}

// Field errors as the surrounding input names them: "filter.and.0.value".
export const underFilter = (error: z.ZodError) => toFieldErrors(error).map((e) => ({ ...e, path: e.path ? `filter.${e.path}` : 'filter' }))

export function parseFilter(entity: ViewEntity, input: unknown): FilterNode {
  const result = filterDocument(entity).safeParse(input)
  if (!result.success) throw new AppError('VALIDATION', 'The filter is not valid.', underFilter(result.error))
  return result.data
}

// A list's `filter=<json>` query parameter: 400 when it is not JSON, 422 when it is not a filter.
export function parseFilterParam(entity: ViewEntity, raw: string): FilterNode {
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    throw new AppError('BAD_REQUEST', 'The filter parameter is not valid JSON.')
  }
  return parseFilter(entity, json)
}

export const isLeaf = (node: FilterNode): node is FilterLeaf => 'field' in node

// The document with each condition's keys in reading order (field, op, value): jsonb stores keys
// shortest first, which reads backwards when a person edits the JSON.
export function readable(node: FilterNode): FilterNode {
  if (isLeaf(node)) return 'value' in node ? { field: node.field, op: node.op, value: node.value } : { field: node.field, op: node.op }
  if ('not' in node) return { not: readable(node.not) }
  return 'and' in node ? { and: node.and.map(readable) } : { or: node.or.map(readable) }
}

export function leavesOf(node: FilterNode): FilterLeaf[] {
  if (isLeaf(node)) return [node]
  if ('not' in node) return leavesOf(node.not)
  return ('and' in node ? node.and : node.or).flatMap(leavesOf)
}

// Every condition of each document must hold. Top-level "and"s are merged rather than nested,
// so saving a filtered view as a new one does not use up the nesting depth.
export function allOf(nodes: FilterNode[]): FilterNode {
  return { and: nodes.flatMap((n) => ('and' in n ? n.and : [n])) }
}

// Whether a document filters on deal amounts, which some roles may not see.
export const usesAmounts = (entity: ViewEntity, node: FilterNode): boolean => leavesOf(node).some((l) => fieldOf(entity, l.field)?.amounts)
