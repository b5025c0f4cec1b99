import * as z from 'zod'
import { Password } from './password-policy'
import { ROLES } from './roles'
import { SCOPES } from './scopes'

// One schema per input, shared by the HTML forms and the JSON API. strictObject rejects unknown
// fields by name, so mass assignment (e.g. posting tenantId or role) fails loudly.
export const Email = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .toLowerCase()
  .max(254, 'That email address is too long.')
  .pipe(z.email({ error: 'Enter a valid email address, like name@example.com.' }))

const Name = (what: string) => z.string({ error: `Enter ${what}.` }).trim().min(1, `Enter ${what}.`).max(120, `Keep ${what} under 120 characters.`)

export const SignupInput = z.strictObject({
  name: Name('your name'),
  email: Email,
  password: Password,
  workspace: Name('a workspace name'),
})
export type SignupInput = z.infer<typeof SignupInput>

export const LoginInput = z.strictObject({
  email: Email,
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(1024),
  next: z.string().max(2048).optional(),
})

export const ForgotPasswordInput = z.strictObject({ email: Email })

export const ResetPasswordInput = z.strictObject({ password: Password })

export const ChangePasswordInput = z.strictObject({
  currentPassword: z.string({ error: 'Enter your current password.' }).min(1, 'Enter your current password.').max(1024),
  password: Password,
})

export const WorkspaceInput = z.strictObject({ workspace: Name('a workspace name') })

export const SwitchWorkspaceInput = z.strictObject({ tenantId: z.uuid('Choose a workspace.') })

export const InviteInput = z.strictObject({
  email: Email,
  role: z.enum(ROLES, { error: 'Choose a role.' }),
})

export const RoleInput = z.strictObject({ role: z.enum(ROLES, { error: 'Choose a role.' }) })

export const AcceptInvitationInput = z.strictObject({ name: Name('your name'), password: Password })

// The expiries the token form offers; the API takes any number of days in range.
export const TOKEN_EXPIRY_DAYS = [30, 90, 365] as const
export const MAX_TOKEN_DAYS = 3650

// No scopes given means read and write (DEFAULT_SCOPES), as tokens had before scopes; no expiry
// (absent or null) means the token lasts until revoked.
export const TokenInput = z.strictObject({
  name: Name('a token name'),
  scopes: z.array(z.enum(SCOPES, { error: 'Choose scopes from the list.' }), { error: 'Give scopes as a list.' }).min(1, 'Choose at least one scope.').optional(),
  expiresInDays: z
    .number({ error: 'Choose when the token expires.' })
    .int('Give whole days.')
    .min(1, 'A token must last at least a day.')
    .max(MAX_TOKEN_DAYS, `Choose at most ${MAX_TOKEN_DAYS} days, or no expiry.`)
    .nullable()
    .optional(),
})
export type TokenInput = z.infer<typeof TokenInput>
