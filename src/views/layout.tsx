import { Fragment, jsx } from './jsx'
import type { Child } from 'hono/jsx'
import type { MiddlewareHandler } from 'hono'
import { html } from 'hono/html'
import { can } from '../domain/access/permissions'
import { canSeeLeads, viewerOf } from '../domain/records/viewer'
import type { AppEnv, AuthContext } from '../env'
import { SearchBox } from './search/search-box'

export type PageProps = { title: string }

declare module 'hono' {
  interface ContextRenderer {
    (content: string | Promise<string>, props: PageProps): Response | Promise<Response>
  }
}

// htmx 4 config. 4xx/5xx responses are swapped by default in htmx 4, which is what 422 form
// re-renders need; we only turn off the injected indicator stylesheet (app.css carries it).
const HTMX_CONFIG = JSON.stringify({ includeIndicatorCSS: false, defaultTimeout: 30000 })

type NavItem = { href: string; label: string; show?: (auth: AuthContext) => boolean }

// Main navigation for signed-in people. An item a role cannot use is hidden (the server still
// refuses it; hiding is only courtesy).
const NAV: NavItem[] = [
  { href: '/my-work', label: 'My work' },
  { href: '/leads', label: 'Leads', show: (a) => canSeeLeads(viewerOf(a)) },
  { href: '/contacts', label: 'Contacts' },
  { href: '/accounts', label: 'Accounts' },
  { href: '/opportunities', label: 'Deals' },
  { href: '/tasks', label: 'Tasks' },
  { href: '/forms', label: 'Forms', show: (a) => can(a.role, 'forms.manage') },
  { href: '/duplicates', label: 'Duplicates', show: (a) => can(a.role, 'records.merge') },
  { href: '/imports', label: 'Imports', show: (a) => can(a.role, 'records.import') },
  { href: '/settings/users', label: 'Users', show: (a) => can(a.role, 'users.manage') },
  { href: '/settings/workspace', label: 'Settings', show: (a) => can(a.role, 'settings.manage') },
  { href: '/settings/emails', label: 'Email log', show: (a) => can(a.role, 'settings.manage') },
  { href: '/settings/jobs', label: 'Jobs', show: (a) => can(a.role, 'settings.manage') },
  { href: '/settings/scoring', label: 'Lead scoring', show: (a) => can(a.role, 'settings.manage') },
  { href: '/settings/routing', label: 'Lead routing', show: (a) => can(a.role, 'routing.manage') },
  { href: '/settings/webhooks', label: 'Webhooks', show: (a) => can(a.role, 'webhooks.manage') },
  { href: '/settings/tokens', label: 'API tokens', show: (a) => can(a.role, 'tokens.own') },
]

function UserMenu({ auth }: { auth: AuthContext }) {
  return (
    <div class="user-menu">
      <a href="/workspaces" class="workspace-switcher" title="Switch workspace">
        <span class="visually-hidden">Workspace: </span>
        {auth.tenantName}
      </a>
      <a href="/settings/account">{auth.userName}</a>
      <form method="post" action="/logout">
        <button type="submit" class="link-button">Sign out</button>
      </form>
    </div>
  )
}

export function Layout({ title, auth, path, children }: PageProps & { auth: AuthContext | null; path: string; children?: Child }) {
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
          {auth ? (
            <>
              <nav aria-label="Main">
                <ul>
                  {NAV.filter((item) => !item.show || item.show(auth)).map((item) => (
                    <li>
                      <a href={item.href} aria-current={path === item.href || (item.href !== '/' && path.startsWith(`${item.href}/`)) ? 'page' : undefined}>
                        {item.label}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
              <SearchBox />
              <UserMenu auth={auth} />
            </>
          ) : null}
        </header>
        <div id="flash" class="flash-region" role="status" aria-live="polite"></div>
        <main id="main" tabindex={-1}>
          {children}
        </main>
      </body>
    </html>
  )
}

// c.render(page, { title }): the page inside the layout, as hono/jsx-renderer would render it. Not
// that middleware itself: it imports all of hono/jsx (client-side DOM rendering, hooks, streaming),
// ~18 KB of the worker bundle for features no page uses.
export const renderer: MiddlewareHandler<AppEnv> = (c, next) => {
  c.setRenderer((content, { title }) =>
    c.html(
      html`<!DOCTYPE html>${(
        <Layout title={title} auth={c.var.auth ?? null} path={c.req.path}>
          {content}
        </Layout>
      )}`,
    ),
  )
  return next()
}
