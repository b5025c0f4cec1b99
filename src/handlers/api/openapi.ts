import { OpenAPIHono, z } from '@hono/zod-openapi'
import type { AuthedEnv } from '../../env'
import { AppError } from '../../lib/errors'
import { toFieldErrors } from '../../lib/validation'

// Every API module builds its router with this, so invalid input becomes the same 422
// problem+json (via AppError and the app's one error renderer) everywhere.
export function apiRouter() {
  return new OpenAPIHono<AuthedEnv>({
    defaultHook: (result) => {
      if (!result.success) throw new AppError('VALIDATION', 'The request has invalid fields.', toFieldErrors(result.error))
    },
  })
}

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem')

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: Problem } } })

// The error responses every authenticated route can give, for the OpenAPI document.
export const COMMON_ERRORS = {
  401: problem('No valid API token or session.'),
  403: problem('Your role does not allow this.'),
  415: problem('The body is not JSON.'),
  422: problem('Invalid or unknown fields.'),
} as const

export const NOT_FOUND = { 404: problem('Not found in this workspace.') } as const
