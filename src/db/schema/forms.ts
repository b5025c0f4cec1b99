import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import type { FormField } from '../../domain/forms/fields'
import { newId } from '../../lib/ids'
import { recordColumns } from './columns'
import { memberKey } from './keys'
import { tenants } from './tenants'

// A lead capture form a marketing site embeds. `key` is the public name in /f/:key: the public
// endpoint has no session, so the key alone finds the form (and with it, the workspace).
export const forms = pgTable(
  'forms',
  {
    tenantId: uuid().notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid().notNull().$defaultFn(newId),
    key: text().notNull(),
    name: text().notNull(),
    // Each field's label, type, required flag and the lead (or custom) field it fills; validated
    // by the zod schema of src/domain/forms/fields.ts on every write.
    fields: jsonb().$type<FormField[]>().notNull(),
    // Shown next to the consent checkbox and stored with each submission. Null: no checkbox.
    consentText: text(),
    // Exact origins ("https://www.example.com") allowed to embed and post to the form.
    allowedOrigins: text().array().notNull().default(sql`'{}'::text[]`),
    thankYouMessage: text(),
    redirectUrl: text(),
    defaultSource: text(),
    // Null: the workspace's routing rules choose the owner.
    ownerId: uuid(),
    turnstileSiteKey: text(),
    // Never returned by the API or rendered; only sent to Cloudflare's siteverify.
    turnstileSecret: text(),
    // The shortest believable time between rendering the form and submitting it.
    minFillSeconds: integer().notNull().default(3),
    // A plain HTML embed cannot carry a fresh signed timestamp; when false, a submission without
    // one is quarantined.
    acceptWithoutTimestamp: boolean().notNull().default(true),
    // Submissions per minute for the whole form, and per IP address for it.
    maxPerMinute: integer().notNull().default(600),
    maxPerIpPerMinute: integer().notNull().default(10),
    ...recordColumns(),
  },
  globalThis.WORKER_BUNDLE ? undefined : (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('forms_key_key').on(t.key),
    memberKey('forms_owner_fk', t.tenantId, t.ownerId),
    memberKey('forms_created_by_fk', t.tenantId, t.createdBy),
    index('forms_tenant_idx').on(t.tenantId, t.createdAt),
    check('forms_min_fill_valid', sql`${t.minFillSeconds} between 0 and 600`),
    check('forms_limits_valid', sql`${t.maxPerMinute} > 0 and ${t.maxPerIpPerMinute} > 0`),
  ],
)
