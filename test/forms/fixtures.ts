import { and, eq } from 'drizzle-orm'
import { formSubmissions, forms } from '../../src/db/schema'
import type { SubmissionOutcome } from '../../src/domain/forms/submissions'
import { newId } from '../../src/lib/ids'
import { testDb } from '../helpers/app'
import type { Browser } from '../helpers/auth'
import { created } from '../helpers/records'

// Shared by the forms tests: a valid form as the API takes it, and what a person sees on a page.

export type FormJson = { id: string; key: string; name: string; allowedOrigins: string[]; archivedAt: string | null; hasTurnstileSecret: boolean; embedUrl: string } & Record<string, unknown>

export const SITE = 'https://www.example.com'

export const contactForm = (extra: Record<string, unknown> = {}) => ({
  name: 'Contact us',
  fields: [
    { name: 'email', label: 'Email', type: 'email', required: true, maps: 'email' },
    { name: 'firstName', label: 'First name', type: 'text', maps: 'firstName' },
    { name: 'size', label: 'Company size', type: 'select', maps: 'companySize', options: ['1-10', '11-50'] },
  ],
  allowedOrigins: [SITE],
  ...extra,
})

export const createForm = (who: Browser, extra: Record<string, unknown> = {}) => created<FormJson>(who, '/forms', contactForm(extra))

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

// The value kept in the input with this id, the text in a textarea, and the message under a field.
export const inputById = (html: string, id: string) => new RegExp(`<input[^>]*\\bid="${escape(id)}"[^>]*>`).exec(html)?.[0].match(/\bvalue="([^"]*)"/)?.[1] ?? null
export const textareaById = (html: string, id: string) => new RegExp(`<textarea[^>]*\\bid="${escape(id)}"[^>]*>([^<]*)</textarea>`).exec(html)?.[1] ?? null
export const errorUnder = (html: string, id: string) => new RegExp(`<p class="field-error" id="${escape(id)}-error">([^<]*)</p>`).exec(html)?.[1] ?? null
export const selected = (html: string, id: string) => new RegExp(`<select[^>]*\\bid="${escape(id)}"[^>]*>[\\s\\S]*?<option value="([^"]*)" selected=""`).exec(html)?.[1] ?? null

// Submission rows as the public endpoint stores them, written directly: these tests are about the
// forms pages, not about how a post is judged.
export async function addSubmissions(tenantId: string, formId: string, outcomes: SubmissionOutcome[], opts: { from?: number; leadId?: string } = {}) {
  const from = opts.from ?? Date.now() - 60_000
  const db = testDb()
  const rows = outcomes.map((outcome, i) => ({
    tenantId,
    id: newId(),
    formId,
    receivedAt: new Date(from + i * 1000),
    payload: { email: `visitor${i}@example.com` },
    origin: SITE,
    verdict: outcome === 'quarantined' ? ('spam' as const) : ('clean' as const),
    spamReasons: outcome === 'quarantined' ? ['honeypot'] : [],
    outcome,
    leadId: opts.leadId ?? null,
  }))
  await db.insert(formSubmissions).values(rows)
  return rows.map((r) => r.id)
}

export const storedSecret = async (tenantId: string, id: string) => (await testDb().select({ s: forms.turnstileSecret }).from(forms).where(and(eq(forms.tenantId, tenantId), eq(forms.id, id))))[0]?.s
