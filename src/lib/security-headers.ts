import type { MiddlewareHandler } from 'hono'

// The headers hono/secure-headers sends by default (Cross-Origin-Embedder-Policy left off), with
// our policy, HSTS, referrer policy and frame options: written out rather than built by that
// middleware from options, which costs ~2.5 KB of the 1 MB worker bundle for a fixed list.
// No inline script or style anywhere: htmx is configured by a <meta> tag and our own behaviour
// lives in /js/app.js. frame-ancestors 'none' applies to every page but the hosted lead capture
// form (/f/:key), which sets its own policy (hostedFormCsp) naming the sites that may frame it.
const DEFAULTS: [string, string][] = [
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'DENY'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
  [
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
  ],
]

// X-Frame-Options cannot name origins, so a page whose own CSP lets some sites frame it drops the
// default DENY: browsers obey frame-ancestors over it anyway, and a DENY left beside it would
// contradict the policy for anything that reads only the old header.
const FRAMABLE = /(^|;)\s*frame-ancestors\s+(?!'none')/

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next()
  // A route that sets its own header (the dev mailbox's message frame, the embeddable form page)
  // keeps it; every other response gets the default.
  for (const [name, value] of DEFAULTS) if (!c.res.headers.has(name)) c.res.headers.set(name, value)
  c.res.headers.delete('X-Powered-By')
  if (FRAMABLE.test(c.res.headers.get('Content-Security-Policy') ?? '') && c.res.headers.get('X-Frame-Options') === 'DENY') c.res.headers.delete('X-Frame-Options')
}

// The hosted form's policy: the defaults, but framed only by the form's allowed origins ('none'
// without any), Turnstile's script and frame when the form uses it, and form posts that may end
// in a redirect to the form's thank-you page elsewhere (browsers check form-action on redirects).
export function hostedFormCsp(p: { frameAncestors: readonly string[]; turnstileOrigin: string | null; formTargets: readonly string[] }): string {
  const extra = (list: readonly (string | null)[]) => list.filter(Boolean).map((s) => ` ${s}`).join('')
  return [
    "default-src 'self'",
    `script-src 'self'${extra([p.turnstileOrigin])}`,
    `frame-src ${p.turnstileOrigin ?? "'none'"}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    `form-action 'self'${extra(p.formTargets)}`,
    `frame-ancestors ${p.frameAncestors.length ? p.frameAncestors.join(' ') : "'none'"}`,
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ')
}
