import type { Child } from 'hono/jsx'
import { jsxRenderer } from 'hono/jsx-renderer'

export type PageProps = { title: string }

declare module 'hono' {
  interface ContextRenderer {
    (content: string | Promise<string>, props: PageProps): Response | Promise<Response>
  }
}

// htmx 4 config. 4xx/5xx responses are swapped by default in htmx 4, which is what 422 form
// re-renders need; we only turn off the injected indicator stylesheet (app.css carries it).
const HTMX_CONFIG = JSON.stringify({ includeIndicatorCSS: false, defaultTimeout: 30000 })

const NAV: { href: string; label: string }[] = [{ href: '/', label: 'Home' }]

export function Layout({ title, children }: PageProps & { children?: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <title>{`${title} · Edge CRM`}</title>
        <link rel="icon" href="/icons/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/css/app.css" />
        <script src="/vendor/htmx.min.js" defer></script>
        <script src="/js/app.js" defer></script>
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to content</a>
        <header class="app-header">
          <a class="brand" href="/">Edge CRM</a>
          <nav aria-label="Main">
            <ul>
              {NAV.map((item) => (
                <li>
                  <a href={item.href}>{item.label}</a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <div id="flash" class="flash-region" role="status" aria-live="polite"></div>
        <main id="main" tabindex={-1}>
          {children}
        </main>
      </body>
    </html>
  )
}

export const renderer = jsxRenderer(({ children, title }) => <Layout title={title}>{children}</Layout>, {
  docType: true,
})
