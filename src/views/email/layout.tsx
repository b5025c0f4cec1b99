import { jsx } from '../jsx'
import type { Child } from 'hono/jsx'
import type { JSX } from 'hono/jsx/jsx-runtime'

// What every email template returns, and what the outbox stores.
export type RenderedEmail = { subject: string; html: string; text: string }

// Email clients ignore <style> blocks unevenly, so the few styles live inline on each element.
const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif"
const BUTTON = `${FONT};display:inline-block;padding:10px 18px;border-radius:6px;background:#2457c5;color:#ffffff;font-weight:600;text-decoration:none`

// Links in mail are built by our own code, but a javascript: or data: URL would still be a hole
// in every client that renders it, so refuse anything that is not http(s).
export function checkLink(url: string): string {
  const protocol = new URL(url).protocol
  if (protocol !== 'https:' && protocol !== 'http:') throw new Error(`refusing a ${protocol} link in an email`)
  return url
}

export const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`

export function EmailButton({ href, children }: { href: string; children?: Child }) {
  return (
    <a href={checkLink(href)} style={BUTTON}>
      {children}
    </a>
  )
}

// The text under the button: the same link spelled out, for clients that block buttons.
export function EmailLinkFallback({ href }: { href: string }) {
  return (
    <p style={`${FONT};font-size:13px;color:#555555;word-break:break-all`}>
      Or paste this link into your browser: <a href={checkLink(href)}>{href}</a>
    </p>
  )
}

export function EmailLayout({ title, children }: { title: string; children?: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
      </head>
      <body style={`margin:0;padding:24px;background:#f4f5f7;${FONT};color:#1f2328`}>
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0">
          <tr>
            <td align="center">
              <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:520px;background:#ffffff;border-radius:8px">
                <tr>
                  <td style={`padding:28px;${FONT};font-size:15px;line-height:1.5`}>
                    {children}
                    <p style={`${FONT};margin-top:28px;font-size:13px;color:#6b7280`}>Edge CRM</p>
                  </td>
                </tr>
              </table>
            </td>
          </tr>
        </table>
      </body>
    </html>
  )
}

// Renders a template to the stored strings. Every value inside `html` went through JSX escaping;
// `text` is plain text and never interpreted as markup. Line breaks are taken out of the subject
// because a name with CR/LF in it must not be able to add a mail header at the provider.
export function renderEmail({ subject, html, text }: { subject: string; html: JSX.Element; text: string[] }): RenderedEmail {
  // A JSX node renders to a Promise when any component in it is async. Views are never async, so
  // that would be a mistake in a template, caught here rather than stored as "[object Promise]".
  const rendered: unknown = html instanceof Promise ? html : html.toString()
  if (typeof rendered !== 'string') throw new Error('email templates must render synchronously')
  return { subject: subject.replace(/[\r\n]+/g, ' ').trim(), html: `<!doctype html>${rendered}`, text: `${text.join('\n')}\n` }
}
