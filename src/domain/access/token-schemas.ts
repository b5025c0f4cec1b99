import * as z from 'zod'

// The JSON shapes of personal API tokens. The secret appears only in the create response.
export const ApiTokenSummary = z.object({
  id: z.string(),
  name: z.string(),
  tokenPrefix: z.string(),
  scopes: z.array(z.string()),
  owner: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
})

export const CreatedApiToken = z.object({ id: z.string(), name: z.string(), scopes: z.array(z.string()), expiresAt: z.string().nullable(), token: z.string() })
