import type { Context } from 'hono'

// True when the request wants a fragment rather than a whole page. A history-restore request
// comes from htmx but replaces the whole page, so it gets the full document. Handlers that branch
// on this must also send `Vary: HX-Request`.
export function isFragment(c: Context): boolean {
  return c.req.header('HX-Request') === 'true' && c.req.header('HX-History-Restore-Request') !== 'true'
}


// Tells the record page to reload its history and lists (they listen for timeline-changed on
// body). Aimed at body explicitly: htmx fires a plain HX-Trigger on the element that made the
// request, and a swap that replaced that element (outerHTML) would leave the event on a detached
// node, where htmx falls back to document and a `from:body` listener never hears it.
export const TIMELINE_CHANGED = JSON.stringify({ 'timeline-changed': { target: 'body' } })
