import { secureHeaders } from 'hono/secure-headers'

// No inline script or style anywhere: htmx is configured by a <meta> tag and our own behaviour
// lives in /js/app.js. frame-ancestors 'none' applies to every page; the embeddable form page
// (lead-capture issue) will be the only exception.
export const securityHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    objectSrc: ["'none'"],
  },
  strictTransportSecurity: 'max-age=31536000; includeSubDomains',
  referrerPolicy: 'strict-origin-when-cross-origin',
  xFrameOptions: 'DENY',
  crossOriginEmbedderPolicy: false,
  // A route that sets its own policy (the dev mailbox's message frame, the embeddable form page)
  // keeps it; every other response gets the defaults above.
  overwrite: false,
})
