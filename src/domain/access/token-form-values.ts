import type { FieldError } from '../../lib/errors'
import type { TokenInput } from './schemas'

// The token form's inputs. Each scope is its own checkbox named "scope:<scope>", so the form
// reads back as plain fields (a form keeps only one value per name).

export type TokenFormValues = { name: string; scopes: string[]; expiresInDays: string }
export const NEW_TOKEN_VALUES: TokenFormValues = { name: '', scopes: [], expiresInDays: '90' }

export const SCOPE_PREFIX = 'scope:'

// What the posted form says, unvalidated (a 422 shows it again as typed).
export function tokenFormValues(form: Record<string, string>): TokenFormValues {
  const scopes = Object.keys(form)
    .filter((k) => k.startsWith(SCOPE_PREFIX))
    .map((k) => k.slice(SCOPE_PREFIX.length))
  return { name: form.name ?? '', scopes, expiresInDays: form.expiresInDays ?? '' }
}

// No box ticked is the API's "no scopes given"; an empty expiry is "never".
export const tokenFormToInput = (v: TokenFormValues): Record<keyof TokenInput, unknown> => ({
  name: v.name,
  scopes: v.scopes.length ? v.scopes : undefined,
  expiresInDays: v.expiresInDays === '' ? null : Number(v.expiresInDays),
})

// "scopes.2" is about one box, but the boxes share one error line.
export const tokenFormErrors = (errors: FieldError[]): FieldError[] => errors.map((e) => (e.path.startsWith('scopes') ? { ...e, path: 'scopes' } : e))
