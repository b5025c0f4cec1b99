import { jsx } from '../jsx'
import type { Child } from 'hono/jsx'
import type { JSX } from 'hono/jsx/jsx-runtime'
import { TURNSTILE_SCRIPT } from '../../domain/forms/embed'

// The standalone pages a visitor sees at /f/:key: no app layout, no session, no app script; only
// a small stylesheet of their own, and Turnstile's script on a form that uses it.

export function PublicPage({ title, turnstile, children }: { title: string; turnstile?: boolean; children?: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{title}</title>
        <link rel="stylesheet" href="/css/hosted-form.css" />
        {turnstile ? <script src={TURNSTILE_SCRIPT} async defer></script> : null}
      </head>
      <body>
        <main class="hosted">{children}</main>
      </body>
    </html>
  )
}

export function ThanksPage({ title, message }: { title: string; message: string | null }) {
  return (
    <PublicPage title={title}>
      <h1 class="visually-hidden">{title}</h1>
      <p class="thanks" role="status">
        {message ?? 'Thank you. We have received your details.'}
      </p>
    </PublicPage>
  )
}

export function PublicNotFound() {
  return (
    <PublicPage title="Form not found">
      <h1>Form not found</h1>
      <p>This form does not exist or is no longer accepting submissions.</p>
    </PublicPage>
  )
}

// A whole document as a string. Views are never async, so a Promise here is a mistake in a view.
export function renderDocument(node: JSX.Element): string {
  const html: unknown = node instanceof Promise ? node : node.toString()
  if (typeof html !== 'string') throw new Error('public pages must render synchronously')
  return `<!doctype html>${html}`
}
