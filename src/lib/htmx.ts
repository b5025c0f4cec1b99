import type { Context } from 'hono'

// True when the request wants a fragment rather than a whole page. A history-restore request
// comes from htmx but replaces the whole page, so it gets the full document. Handlers that branch
// on this must also send `Vary: HX-Request` (use `renderPageOrFragment`).
export function isFragment(c: Context): boolean {
  return c.req.header('HX-Request') === 'true' && c.req.header('HX-History-Restore-Request') !== 'true'
}

export function varyOnHtmx(c: Context): void {
  c.header('Vary', 'HX-Request', { append: true })
}

// After a successful POST: a plain form gets 303 See Other; htmx gets HX-Redirect so the whole
// page navigates instead of swapping the next page into a fragment target.
export function redirectAfterPost(c: Context, location: string): Response {
  if (c.req.header('HX-Request') === 'true') {
    c.header('HX-Redirect', location)
    return c.body(null, 204)
  }
  return c.redirect(location, 303)
}
