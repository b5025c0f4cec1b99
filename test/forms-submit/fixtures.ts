import { and, desc, eq } from 'drizzle-orm'
import { formSubmissions, leads, outbox } from '../../src/db/schema'
import { signFormTimestamp } from '../../src/lib/signed-links'
import { request, testDb, testEnv } from '../helpers/app'
import { me, signUp, uniqueEmail, uniqueIp, type Browser } from '../helpers/auth'
import { SITE, createForm, type FormJson } from '../forms/fixtures'

// Shared by the submission tests: a workspace with a form, posts as an embed on SITE sends them,
// and what got stored.

export { SITE }

// A form like a marketer makes: required email, a name, a company and a custom field.
export const LEAD_FORM = {
  fields: [
    { name: 'firstName', label: 'First name', type: 'text', maps: 'firstName' },
    { name: 'lastName', label: 'Last name', type: 'text', maps: 'lastName' },
    { name: 'email', label: 'Email', type: 'email', required: true, maps: 'email' },
    { name: 'company', label: 'Company', type: 'text', maps: 'companyName' },
    { name: 'budget', label: 'Budget', type: 'select', maps: 'custom.budget', options: ['small', 'large'] },
  ],
  redirectUrl: `${SITE}/thanks`,
  defaultSource: 'Website',
}

export type Workspace = { admin: Browser; tenantId: string; userId: string; form: FormJson }

export async function workspaceWithForm(extra: Record<string, unknown> = {}): Promise<Workspace> {
  const admin = await signUp()
  const who = await me(admin)
  const form = await createForm(admin, { ...LEAD_FORM, ...extra })
  return { admin, tenantId: who.workspace.id, userId: who.userId, form }
}

// A timestamp the form signed `secondsAgo` seconds ago, as its page would carry it.
export const shownAgo = (key: string, secondsAgo = 60) => signFormTimestamp(testEnv.LINK_SECRET ?? '', key, Date.now() - secondsAgo * 1000)

// A person's fields, filled in, with a timestamp a minute old.
export async function person(key: string, extra: Record<string, string> = {}): Promise<Record<string, string>> {
  return { firstName: 'Ada', lastName: 'Lovelace', email: uniqueEmail('ada'), company: 'Analytical Engines', _hp: '', _ts: await shownAgo(key), ...extra }
}

export type PostOptions = {
  as?: 'urlencoded' | 'multipart' | 'json'
  // Accept: application/json, as the script embed asks.
  json?: boolean
  // null: no Origin header at all.
  origin?: string | null
  referer?: string
  ip?: string
  headers?: Record<string, string>
}

function encode(fields: Record<string, string>, as: PostOptions['as']): { body: BodyInit; type?: string } {
  if (as === 'json') return { body: JSON.stringify(fields), type: 'application/json' }
  if (as === 'multipart') {
    const data = new FormData()
    for (const [k, v] of Object.entries(fields)) data.append(k, v)
    return { body: data }
  }
  return { body: new URLSearchParams(fields), type: 'application/x-www-form-urlencoded' }
}

// A post to /f/:key from a visitor's browser on SITE, from an address of its own.
export function post(key: string, fields: Record<string, string>, o: PostOptions = {}): Promise<Response> {
  const { body, type } = encode(fields, o.as)
  const headers: Record<string, string> = {
    'CF-Connecting-IP': o.ip ?? uniqueIp(),
    ...(type ? { 'Content-Type': type } : {}),
    ...(o.json ? { Accept: 'application/json' } : {}),
    ...(o.origin === null ? {} : { Origin: o.origin ?? SITE }),
    ...(o.referer ? { Referer: o.referer } : {}),
    ...o.headers,
  }
  return request(`/f/${key}`, { method: 'POST', body, headers, redirect: 'manual' })
}

export const submissionsOf = (tenantId: string, formId: string) =>
  testDb().select().from(formSubmissions).where(and(eq(formSubmissions.tenantId, tenantId), eq(formSubmissions.formId, formId))).orderBy(desc(formSubmissions.receivedAt))

export const leadsWithEmail = (tenantId: string, email: string) => testDb().select().from(leads).where(and(eq(leads.tenantId, tenantId), eq(leads.email, email)))

// Emails written to the outbox for an address (the invitation that brought a member in included).
export const emailsTo = (address: string) => testDb().select().from(outbox).where(eq(outbox.toAddress, address))
