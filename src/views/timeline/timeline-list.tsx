import { Fragment, jsx } from '../jsx'
import type { Child } from 'hono/jsx'
import { EVENT_TYPES } from '../../domain/timeline/entities'
import { DateTime } from '../components/date-time'

// A record's history, newest first. Payloads are stored JSON written by many versions of the
// app, so every value is treated as unknown and rendered as short, escaped text.

export type TimelineEventView = { id: string; eventType: string; occurredAt: Date; actorName: string | null; payload: Record<string, unknown> }
// names: display names for ids that diffs store raw (owners, stages), resolved when rendering.
export type TimelineProps = { events: TimelineEventView[]; next: string | null; labels: Record<string, string>; names?: Record<string, string> }

const MAX_VALUE = 200
const EMPTY = '—'
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/

export function Timeline(props: TimelineProps) {
  if (props.events.length === 0 && !props.next) return <p class="empty">No history yet.</p>
  return (
    <ol class="timeline">
      <TimelineItems {...props} />
    </ol>
  )
}

// What the "Load older" request returns: the next page of <li>s, ending with its own load-more
// <li> when there is more, which replaces the button that asked for it.
export function TimelineItems({ events, next, labels, names = {} }: TimelineProps) {
  return (
    <>
      {events.map((raw) => withNames(raw, names)).map((event) => (
        <li class="timeline-event" id={`event-${event.id}`} data-event-type={event.eventType}>
          <p>{summary(event, labels)}</p>
          {details(event, labels)}
          <p class="timeline-time">
            <DateTime value={event.occurredAt} />
          </p>
        </li>
      ))}
      {next ? (
        <li class="timeline-more">
          <button type="button" class="secondary" hx-get={next} hx-target="closest li" hx-swap="outerHTML">
            Load older <span class="htmx-indicator" aria-hidden="true">…</span>
          </button>
          <noscript>
            <a href={next}>Older events</a>
          </noscript>
        </li>
      ) : null}
    </>
  )
}

function summary({ eventType, actorName, payload }: TimelineEventView, labels: Record<string, string>): string {
  // Lead scoring and routing act without a person: their events name the rule instead (routing's
  // null rule is the workspace's default owner).
  const rule = text(payload.scoringRule)
  const routed = 'routingRule' in payload ? `Lead routing (${text(payload.routingRule) ?? 'default owner'})` : null
  const who = actorName?.trim() || (rule ? `Lead scoring (${rule})` : (routed ?? 'Someone'))
  switch (eventType) {
    case 'created': {
      const name = text(payload.name)
      return name ? `${who} created ${name}` : `${who} created this record`
    }
    case 'updated': {
      const count = Object.keys(changesOf(payload)).length
      return count ? `${who} changed ${count === 1 ? '1 field' : `${count} fields`}` : `${who} updated this record`
    }
    case 'owner_changed':
    case 'status_changed':
    case 'stage_changed': {
      const [only] = Object.entries(changesOf(payload))
      if (only) return `${who} changed ${label(only[0], labels)} from ${choice(only[1].from)} to ${choice(only[1].to)}`
      if (eventType !== 'owner_changed') {
        const field = typeof payload.field === 'string' ? label(payload.field, labels) : eventType === 'status_changed' ? 'Status' : 'Stage'
        return `${who} changed ${field} from ${choice(payload.from)} to ${choice(payload.to)}`
      }
      const from = text(payload.from)
      const to = text(payload.to)
      if (from && to) return `${who} changed the owner from ${from} to ${to}`
      if (to) return `${who} set the owner to ${to}`
      return from ? `${who} removed ${from} as owner` : `${who} changed the owner`
    }
    case 'note_added':
      return `${who} added a note`
    case 'form_submitted': {
      const form = text(payload.form)
      return form ? `Submitted the form “${form}”` : 'Submitted a form'
    }
    case 'activity_logged': {
      const kind = humanise(text(payload.type) ?? 'activity').toLowerCase()
      const subject = text(payload.subject)
      const outcome = text(payload.outcome)
      return `${who} logged ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}${subject ? `: ${subject}` : ''}${outcome ? ` (${humanise(outcome).toLowerCase()})` : ''}`
    }
    case 'task_completed': {
      const title = text(payload.title)
      return title ? `${who} completed the task “${title}”` : `${who} completed a task`
    }
    case 'converted': {
      // On the records a lead became, the payload names the lead.
      if (typeof payload.leadId === 'string') return `${who} converted a lead into this record`
      const into = [payload.contactId ? 'a contact' : null, payload.accountId ? 'an account' : null, payload.opportunityId ? 'an opportunity' : null].filter((x) => x !== null)
      return into.length ? `${who} converted this lead into ${list(into)}` : `${who} converted this lead`
    }
    case 'merged': {
      const other = text(payload.name) ?? 'another record'
      if (payload.survived === false) return `${who} merged this record into ${other}`
      const taken = Array.isArray(payload.fields) ? payload.fields.filter((f): f is string => typeof f === 'string').map((f) => label(f, labels).toLowerCase()) : []
      return `${who} merged ${other} into this record${taken.length ? `, keeping its ${list(taken)}` : ''}`
    }
    case 'merge_undone':
      return `${who} undid the merge with ${text(payload.name) ?? 'another record'}`
    case 'imported': {
      // One event per record and import, whether the import created the record or updated it.
      const row = typeof payload.row === 'number' ? ` (row ${payload.row} of the file)` : ''
      return `${who} imported this record${row}`
    }
    case 'archived':
      return `${who} archived this record`
    case 'restored':
      // Capture restores an archived lead when the same person gets in touch again.
      return payload.reason === 'returned' ? 'Restored from the archive: the same person came back' : `${who} restored this record`
    default:
      return `${who}: ${humanise(eventType)}`
  }
}

function details({ eventType, payload }: TimelineEventView, labels: Record<string, string>): Child {
  if (eventType === 'updated' || eventType === 'converted') {
    const changes = Object.entries(changesOf(payload))
    if (!changes.length) return null
    return (
      <dl class="diff">
        {changes.map(([field, change]) => (
          <>
            <dt>{label(field, labels)}</dt>
            <dd>
              <Value value={change.from} /> → <Value value={change.to} />
            </dd>
          </>
        ))}
      </dl>
    )
  }
  if (eventType === 'form_submitted') return <Pairs entries={Object.entries(isRecord(payload.values) ? payload.values : {})} labels={labels} />
  if (eventType === 'note_added') {
    const excerpt = text(payload.excerpt)
    return excerpt ? <blockquote class="timeline-excerpt">{excerpt}</blockquote> : null
  }
  // An event type this version does not know: show its payload rather than hide it.
  if ((EVENT_TYPES as readonly string[]).includes(eventType)) return null
  return Object.keys(payload).length ? <p class="muted">{short(payload)}</p> : null
}

// Field/value pairs as submitted ("custom.budget" is the custom field budget).
function Pairs({ entries, labels }: { entries: [string, unknown][]; labels: Record<string, string> }) {
  if (!entries.length) return null
  return (
    <dl class="diff">
      {entries.map(([field, value]) => (
        <>
          <dt>{field.startsWith('custom.') ? humanise(field.slice(7)) : label(field, labels)}</dt>
          <dd>
            <Value value={value} />
          </dd>
        </>
      ))}
    </dl>
  )
}

// Diffs store owner and stage ids; show them as {id, name} when the page knows the name.
function withNames(event: TimelineEventView, names: Record<string, string>): TimelineEventView {
  const changes = changesOf(event.payload)
  if (!Object.keys(changes).length) return event
  const named = (v: unknown) => (typeof v === 'string' && Object.hasOwn(names, v) ? { id: v, name: names[v] } : v)
  const resolved = Object.fromEntries(Object.entries(changes).map(([field, c]) => [field, { from: named(c.from), to: named(c.to) }]))
  return { ...event, payload: { ...event.payload, changes: resolved } }
}

function changesOf(payload: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
  const changes = payload.changes
  if (!isRecord(changes)) return {}
  const valid: Record<string, { from: unknown; to: unknown }> = {}
  for (const [field, change] of Object.entries(changes)) {
    if (isRecord(change)) valid[field] = { from: change.from, to: change.to }
  }
  return valid
}

// Diffs carry dates as ISO strings (see domain/timeline/diff.ts); midnight UTC is a date field.
function Value({ value }: { value: unknown }) {
  if (typeof value === 'string' && ISO_INSTANT.test(value)) {
    const date = new Date(value)
    if (!Number.isNaN(date.getTime())) return <DateTime value={date} precision={value.includes('T00:00:00') ? 'day' : 'minute'} />
  }
  return <>{text(value) ?? EMPTY}</>
}

// A value as short text, or null when there is nothing to show. {id, name} objects show their name.
function text(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'string') return truncate(value)
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (isRecord(value) && typeof value.name === 'string' && value.name !== '') return truncate(value.name)
  if (Array.isArray(value) && value.length === 0) return null
  return short(value)
}

// Status codes are stored as identifiers ("closed_won"); stage names arrive as {id, name}.
function choice(value: unknown): string {
  const shown = text(value)
  if (!shown) return EMPTY
  return typeof value === 'string' && /^[a-z][a-z0-9_]*$/.test(value) ? humanise(value) : shown
}

function short(value: unknown): string {
  let json: string
  try {
    json = JSON.stringify(value) ?? String(value)
  } catch {
    json = String(value)
  }
  return truncate(json)
}

function truncate(value: string): string {
  return value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE - 1)}…` : value
}

// Object.hasOwn: a field called "constructor" must not pick up Object.prototype's.
function label(field: string, labels: Record<string, string>): string {
  const own = Object.hasOwn(labels, field) ? labels[field] : undefined
  return typeof own === 'string' ? own : humanise(field)
}

// "closeDate" or "close_date" → "Close date".
function humanise(identifier: string): string {
  const words = identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase()
  return truncate(words.charAt(0).toUpperCase() + words.slice(1))
}

function list(items: string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
