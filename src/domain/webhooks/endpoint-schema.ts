import * as z from 'zod'
import { MAX_CURSOR_LENGTH } from '../../lib/cursor'
import { WEBHOOK_EVENT_TYPES } from './catalogue'

// A webhook endpoint as the settings page and /api/v1/webhooks accept it: one schema for both.
// The URL rules here are the cheap, obvious ones, so a typo is caught when it is typed; the full
// SSRF check (DNS, private ranges, redirects) runs at every delivery.

export const MAX_URL_LENGTH = 2000

// The families of the catalogue ("lead", "contact", ...), in catalogue order.
export const WEBHOOK_FAMILIES = [...new Set(Object.keys(WEBHOOK_EVENT_TYPES).map((t) => t.slice(0, t.indexOf('.'))))]

const familyOf = (type: string) => type.slice(0, type.indexOf('.'))
const isCatalogueType = (t: string): t is keyof typeof WEBHOOK_EVENT_TYPES => Object.hasOwn(WEBHOOK_EVENT_TYPES, t)
const isFamilyWildcard = (t: string) => t.endsWith('.*') && WEBHOOK_FAMILIES.includes(t.slice(0, -2))

// WEBHOOK_ALLOW_HOSTS ("127.0.0.1:9999, localhost:8787": host and port) as a list; unset: none.
export function parseAllowHosts(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean)
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/
const LOCAL_NAMES = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/

// Why a URL cannot be an endpoint, or null when it can. A "host:port" on the allow list (local
// development and tests only) may be anything, http included, as src/lib/webhooks/ssrf.ts allows.
export function webhookUrlProblem(raw: string, allowHosts: readonly string[]): string | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return 'Give a full https address, like https://example.com/webhooks.'
  }
  if (url.username || url.password) return 'Leave the user name and password out of the address: our signature tells you the request is ours.'
  const port = url.port || (url.protocol === 'https:' ? '443' : '80')
  const isHttp = url.protocol === 'https:' || url.protocol === 'http:'
  if (isHttp && allowHosts.includes(`${url.hostname.toLowerCase()}:${port}`)) return null
  if (url.protocol !== 'https:') return 'Use an https address: webhooks are only sent over https.'
  if (url.port) return 'Use the default https port: remove the port from the address.'
  // The URL parser has already turned odd IPv4 forms (2130706433, 0x7f.1) into dotted quads.
  const host = url.hostname.toLowerCase().replace(/\.$/, '')
  if (host.startsWith('[') || IPV4.test(host)) return 'Use a host name, not an IP address.'
  if (!host.includes('.') || LOCAL_NAMES.test(host)) return 'Use a public host name: this one only exists inside a private network.'
  return null
}

// Each type once; a type also covered by its family's wildcard is dropped.
function normaliseTypes(types: string[]): string[] {
  const unique = [...new Set(types)]
  const wildcards = new Set(unique.filter((t) => t.endsWith('.*')).map((t) => t.slice(0, -2)))
  return unique.filter((t) => t.endsWith('.*') || !wildcards.has(familyOf(t)))
}

export const WebhookEventTypes = z
  .array(
    z.string().refine((t) => isCatalogueType(t) || isFamilyWildcard(t), {
      error: (issue) => `“${String(issue.input)}” is not an event type: choose from GET /api/v1/webhooks/event-types, or a whole family like “lead.*”.`,
    }),
  )
  .min(1, 'Choose at least one event type.')
  .max(100, 'Choose at most 100 event types.')
  .transform(normaliseTypes)

const fields = {
  url: z.string().trim().min(1, 'Give the address to send events to.').max(MAX_URL_LENGTH, 'Keep the address under 2,000 characters.'),
  description: z
    .string()
    .trim()
    .max(500, 'Keep the description under 500 characters.')
    .nullish()
    .transform((v) => (v ? v : null)),
  eventTypes: WebhookEventTypes,
  enabled: z.boolean(),
}

// The shapes, without the URL rules that depend on the allow list: these document the API.
export const WebhookEndpointInput = z.object({ ...fields, enabled: fields.enabled.default(true) }).strict()
export type WebhookEndpointInput = z.infer<typeof WebhookEndpointInput>
export const WebhookEndpointPatch = z.object(fields).partial().strict()
export type WebhookEndpointPatch = z.infer<typeof WebhookEndpointPatch>

// The same schemas with the URL rules of this deployment (its WEBHOOK_ALLOW_HOSTS).
export function endpointSchemas(allowHosts: readonly string[]) {
  const urlRule = (v: { url?: string }, ctx: z.RefinementCtx) => {
    const problem = v.url === undefined ? null : webhookUrlProblem(v.url, allowHosts)
    if (problem) ctx.addIssue({ code: 'custom', path: ['url'], message: problem })
  }
  // Also when other fields failed, so a form that comes back lists every problem at once.
  const when = { when: (p: { value: unknown }) => typeof p.value === 'object' && p.value !== null && typeof (p.value as { url?: unknown }).url === 'string' }
  return { input: WebhookEndpointInput.superRefine(urlRule, when), patch: WebhookEndpointPatch.superRefine(urlRule, when) }
}

export const DeliveryListQuery = z
  .object({ cursor: z.string().max(MAX_CURSOR_LENGTH).optional(), limit: z.coerce.number().int().min(1).max(100).default(25) })
  .strict()
export type DeliveryListFilters = z.infer<typeof DeliveryListQuery>

export const EndpointListQuery = z
  .object({ cursor: z.string().max(MAX_CURSOR_LENGTH).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) })
  .strict()
export type EndpointListFilters = z.infer<typeof EndpointListQuery>
