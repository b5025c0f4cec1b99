import { API_RATE_LIMITS } from '../../domain/api/rate-limits'

// The prose of the OpenAPI document: its introduction (info.description, the top of /api/docs)
// and one line per tag. Only the document builder reads this (through openapi-conventions.ts), so
// none of it is in the worker bundle.

const { caller, workspace } = API_RATE_LIMITS

export const API_GUIDE = `The Edge CRM JSON API. Everything the UI does with records, capture and settings is here too,
validated by the same schemas. This reference is generated from the routes themselves.

## Authentication
Create a personal API token under **Settings → API tokens** (\`/settings/tokens\`) and send it as
\`Authorization: Bearer <token>\`. A token acts as its user, with that user's current role, in one
workspace. Its scopes can narrow it further: \`read\` and \`write\` cover the whole API,
\`<module>:read\` and \`<module>:write\` one module (\`leads:write\`), and write implies read. Each
operation names the narrowest scope it needs. A token can also expire. Same-origin requests from a
signed-in browser (this page's "Try it out") use the session instead.

## Pagination
List operations answer \`{ "data": [...], "nextCursor": "..." }\`. While \`nextCursor\` is not null,
send it back as \`cursor\`, with the same filters, for the next page; \`limit\` sets the page size.
Cursors are opaque and signed: one that was altered, or made for another list, gets 400. A few small
collections (pipelines, saved views, rules, tokens) answer \`{ "data": [...] }\` in one go.

## Filtering and sorting
Record lists take \`filter=<json>\`, the filter language of saved views: conditions
\`{ "field", "op", "value" }\` combined with \`{ "and": [...] }\`, \`{ "or": [...] }\` and
\`{ "not": {...} }\`. Each list's \`filter\` parameter names its fields and their operators.
\`sort\` and \`dir\` order the list.

## Errors
Every error is \`application/problem+json\`: \`{ "type", "title", "status", "detail", "requestId" }\`,
plus \`errors: [{ "path", "message" }]\` on 422, where unknown fields are named too.
- 400: malformed JSON, a bad cursor or a bad \`Idempotency-Key\`.
- 401: no valid token.
- 403: your role, or the token's scopes, do not allow it.
- 404: no such record in this workspace (another workspace's ids are not found either).
- 409: a conflicting change, or a repeat of an idempotent request still in progress.
- 413: the body is too large. 415: the body is not JSON.
- 422: invalid or unknown fields.
- 429: over the rate limit.
- 500: our fault; quote \`requestId\` to support.

## Idempotency
Every \`POST\` accepts an \`Idempotency-Key\` header (1 to 255 characters; a UUID does well). The first
answer to a key, status and body, is kept for 24 hours per workspace, operation and key, and a repeat
with the same parameters gets it again, marked \`Idempotent-Replayed: true\`. The same key with other
parameters gets 422; a repeat while the first is still running gets 409 with \`Retry-After\`. A 5xx
is not kept, so retrying it with the same key runs the request again.

## Rate limits
At most ${caller.limit} requests per ${caller.windowMs / 1000} seconds per token (or signed-in session), and
${workspace.limit} per ${workspace.windowMs / 1000} seconds per workspace, in fixed windows. Responses carry
\`RateLimit-Limit\`, \`RateLimit-Remaining\` and \`RateLimit-Reset\` (seconds until the window resets)
for the limit closest to running out; over it, 429 with \`Retry-After\` in seconds.

## Versioning
Everything lives under \`/api/v1\`. Within v1, changes only add: operations, optional parameters,
response fields and enum values, so clients must ignore fields they do not know. Anything that would
break a client comes as \`/api/v2\`. An operation or field due to go is first marked
\`deprecated\` here, and v1 keeps working for at least 12 months after its replacement ships.

## Webhooks
Changes can be pushed to you instead of polled: see the Webhooks operations.`

// Shown under each tag's heading. A tag missing here is still listed, without a description.
export const TAG_DESCRIPTIONS: Record<string, string> = {
  Access: 'Who the request acts as, and their digest settings.',
  Tokens: 'Personal API tokens. A token cannot create tokens: use a signed-in session.',
  Accounts: 'Companies you sell to.',
  Contacts: 'People, usually at an account.',
  Leads: 'People and companies not yet qualified; converting one creates a contact, an account and a deal.',
  Duplicates: 'Likely duplicate leads and contacts, merging them, and undoing a merge.',
  Opportunities: 'Deals, moving through the stages of a pipeline.',
  Tasks: 'To-dos with due dates, on a record or on their own.',
  Notes: 'Free text on a record.',
  Activities: 'Calls, emails and meetings logged on a record.',
  Emails: 'The outgoing email log, and retrying a failed email.',
  Search: 'Full-text search across records.',
  Views: 'Saved views: a named filter and sort over a list, and its records.',
  Exports: 'CSV exports of a list or a saved view.',
  Imports: 'CSV imports, with a dry run, and undoing an import.',
  'Lead scoring': 'Rules that score leads on their fields and engagement.',
  'Lead routing': 'Rules that assign new leads to owners.',
  Jobs: 'Background jobs that ran out of retries: retry or discard them.',
  Forms: 'Lead capture forms, their submissions, and submissions held as spam.',
  Webhooks: 'Endpoints that receive signed events (Standard Webhooks), and their deliveries.',
  OpenAPI: 'This document.',
}
