import type { FormField, FormFieldType } from './fields'

// The public face of a form: its addresses, and the two embeds that are one line each (the plain
// HTML embed is rendered from the hosted form's own markup, src/views/forms/form-body.tsx).

// The hosted page, where submissions are posted too; `path` is "/thanks" or "/definition.json".
export const formUrl = (appUrl: string, key: string, path = ''): string => new URL(`/f/${key}${path}`, appUrl).toString()

export const scriptEmbed = (appUrl: string, key: string): string => `<div data-crm-form="${key}"></div>\n<script src="${new URL('/embed.js', appUrl).toString()}" async></script>`

// The title names the frame for screen readers; the name is escaped, the key is url-safe.
export const iframeEmbed = (appUrl: string, key: string, title: string): string =>
  `<iframe src="${formUrl(appUrl, key)}" title="${title.replace(/[&"<>]/g, (ch) => `&#${ch.charCodeAt(0)};`)}" width="100%" height="600" style="border:0" loading="lazy"></iframe>`

// What browsers may autofill, by the lead field an input fills.
const AUTOCOMPLETE: Record<string, string> = {
  firstName: 'given-name',
  lastName: 'family-name',
  email: 'email',
  phone: 'tel',
  title: 'organization-title',
  companyName: 'organization',
  website: 'url',
  country: 'country',
}
export const autocompleteFor = (f: FormField): string | undefined => AUTOCOMPLETE[f.maps]

export const INPUT_TYPES: Partial<Record<FormFieldType, 'text' | 'email' | 'tel'>> = { text: 'text', email: 'email', phone: 'tel' }

export const TURNSTILE_ORIGIN = 'https://challenges.cloudflare.com'
export const TURNSTILE_SCRIPT = `${TURNSTILE_ORIGIN}/turnstile/v0/api.js`
