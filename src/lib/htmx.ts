import type { Context } from 'hono'

// True when the request wants a fragment rather than a whole page. A history-restore request
// comes from htmx but replaces the whole page, so it gets the full document. Handlers that branch
// on this must also send `Vary: HX-Request`.
export function isFragment(c: Context): boolean {
  return c.req.header('HX-Request') === 'true' && c.req.header('HX-History-Restore-Request') !== 'true'
}

