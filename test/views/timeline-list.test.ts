import { jsx } from 'hono/jsx'
import { describe, expect, it } from 'vitest'
import { Timeline, TimelineItems, type TimelineEventView, type TimelineProps } from '../../src/views/timeline/timeline-list'

const AT = new Date('2026-03-01T09:30:00Z')
const labels = { status: 'Status', closeDate: 'Close date', amount: 'Amount', constructor: 'Constructor field' }

const event = (eventType: string, payload: Record<string, unknown>, actorName: string | null = 'Maria'): TimelineEventView => ({ id: `e-${eventType}`, eventType, occurredAt: AT, actorName, payload })

// Test files are .ts, so components are called through jsx() rather than written as tags.
const html = async (component: typeof Timeline | typeof TimelineItems, props: Partial<TimelineProps>): Promise<string> =>
  String(await jsx(component, { events: [], next: null, labels, ...props }).toString())
// The words a person reads: tags dropped, entities decoded.
const words = (markup: string): string =>
  markup
    .replace(/<[^>]*>/g, ' ')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ')
    .trim()
const one = async (e: TimelineEventView): Promise<string> => words(await html(TimelineItems, { events: [e] }))

describe('Timeline', () => {
  it('shows an empty state when there is no history', async () => {
    const markup = await html(Timeline, {})
    expect(markup).toContain('No history yet.')
    expect(markup).not.toContain('<ol')
  })

  it('wraps events in an ordered list, one <li class="timeline-event"> each, with a <time>', async () => {
    const markup = await html(Timeline, { events: [event('created', { name: 'Acme' }), event('archived', {})] })
    expect(markup.startsWith('<ol class="timeline">')).toBe(true)
    expect(markup.match(/<li class="timeline-event"/g)).toHaveLength(2)
    expect(markup).toContain('<time datetime="2026-03-01T09:30:00.000Z">2026-03-01 09:30 UTC</time>')
    expect(markup).not.toContain('No history yet.')
  })
})

describe('TimelineItems', () => {
  it.each([
    ['created', event('created', { name: 'Acme Ltd' }), 'Maria created Acme Ltd'],
    ['created without a name', event('created', {}), 'Maria created this record'],
    ['status_changed', event('status_changed', { from: 'new', to: 'qualified' }), 'Maria changed Status from New to Qualified'],
    ['status_changed from nothing', event('status_changed', { field: 'status', from: null, to: 'closed_won' }), 'Maria changed Status from — to Closed won'],
    ['stage_changed with stage objects', event('stage_changed', { from: { id: 's1', name: 'Discovery' }, to: { id: 's2', name: 'Proposal' } }), 'Maria changed Stage from Discovery to Proposal'],
    ['owner_changed', event('owner_changed', { from: { id: 'u1', name: 'Ana' }, to: { id: 'u2', name: 'Ben' } }), 'Maria changed the owner from Ana to Ben'],
    ['owner_changed from nobody', event('owner_changed', { from: null, to: { id: 'u2', name: 'Ben' } }), 'Maria set the owner to Ben'],
    ['owner_changed to nobody', event('owner_changed', { from: { id: 'u1', name: 'Ana' }, to: null }), 'Maria removed Ana as owner'],
    ['note_added', event('note_added', { noteId: 'n1', excerpt: 'Called about renewal' }), 'Maria added a note Called about renewal'],
    ['activity_logged', event('activity_logged', { activityId: 'a1', type: 'call', outcome: 'left_voicemail', subject: 'Intro' }), 'Maria logged a call: Intro (left voicemail)'],
    ['activity_logged email', event('activity_logged', { activityId: 'a1', type: 'email', outcome: null, subject: null }), 'Maria logged an email'],
    ['task_completed', event('task_completed', { taskId: 't1', title: 'Send quote' }), 'Maria completed the task “Send quote”'],
    ['converted', event('converted', { contactId: 'c1', accountId: 'a1', opportunityId: 'o1' }), 'Maria converted this lead into a contact, an account and an opportunity'],
    ['archived by nobody known', event('archived', {}, null), 'Someone archived this record'],
    ['restored', event('restored', {}), 'Maria restored this record'],
  ])('describes %s', async (_label, e, sentence) => {
    expect(await one(e)).toContain(sentence)
  })

  it('lists each changed field of an update as "Label: old → new", with — for empty values', async () => {
    const changes = { status: { from: 'open', to: 'won' }, amount: { from: null, to: 1200 }, closeDate: { from: '2026-01-01T00:00:00.000Z', to: '2026-02-15T14:05:00.000Z' }, website: { from: 'a.com', to: '' } }
    const markup = await html(TimelineItems, { events: [event('updated', { changes })] })
    expect(markup).toContain('<dl class="diff">')
    const text = words(markup)
    expect(text).toContain('Maria changed 4 fields')
    expect(text).toContain('Status open → won')
    expect(text).toContain('Amount — → 1200')
    expect(text).toContain('Close date 2026-01-01 → 2026-02-15 14:05 UTC')
    // A field without a label gets one made from its name.
    expect(text).toContain('Website a.com → —')
  })

  it('labels a field named after an Object.prototype key from the labels only when given', async () => {
    const text = await one(event('updated', { changes: { constructor: { from: 1, to: 2 }, toString: { from: 'a', to: 'b' } } }))
    expect(text).toContain('Constructor field 1 → 2')
    expect(text).toContain('To string a → b')
  })

  it('renders unknown values and event types as short escaped JSON', async () => {
    const long = 'x'.repeat(500)
    const markup = await html(TimelineItems, {
      events: [event('updated', { changes: { custom: { from: { tier: '<b>gold</b>' }, to: [long] } } }), event('merged_into', { otherId: 'r2', note: '<script>alert(1)</script>' })],
    })
    expect(markup).not.toContain('<script')
    expect(markup).not.toContain('<b>')
    const text = words(markup)
    expect(text).toContain('Custom {"tier":"<b>gold</b>"} →')
    expect(text).not.toContain(long)
    expect(text).toContain('Maria: Merged into')
    expect(text).toContain('{"otherId":"r2","note":"<script>alert(1)</script>"}')
  })

  it('survives payloads that do not have the expected shape', async () => {
    const odd = [event('updated', { changes: 'oops' }), event('updated', { changes: { a: 5 } }), event('owner_changed', {}), event('status_changed', { from: 7, to: ['x'] }), event('activity_logged', {})]
    const text = words(await html(TimelineItems, { events: odd }))
    expect(text).toContain('Maria updated this record')
    expect(text).toContain('Maria changed the owner')
    expect(text).toContain('Maria changed Status from 7 to ["x"]')
    expect(text).toContain('Maria logged an activity')
  })

  it('ends with a "Load older" button that swaps itself for the next page, only when there is one', async () => {
    const withNext = await html(TimelineItems, { events: [event('archived', {})], next: '/contacts/c1/timeline?before=abc&x=1' })
    expect(withNext).toMatch(/<li class="timeline-more"><button type="button" class="secondary" hx-get="\/contacts\/c1\/timeline\?before=abc&amp;x=1" hx-target="closest li" hx-swap="outerHTML">Load older/)
    expect(withNext).toContain('<a href="/contacts/c1/timeline?before=abc&amp;x=1">')
    const withoutNext = await html(TimelineItems, { events: [event('archived', {})] })
    expect(withoutNext).not.toContain('Load older')
    expect(withoutNext).not.toContain('hx-get')
  })

  it('renders only the load-more item for a page of no events that still has a next link', async () => {
    const markup = await html(Timeline, { next: '/t?before=x' })
    expect(markup).toContain('Load older')
    expect(markup).not.toContain('No history yet.')
  })
})
