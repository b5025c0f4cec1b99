import * as z from 'zod'

// The JSON shapes of personal API tokens. The secret appears only in the create response.
export const ApiTokenSummary = z.object({
  id: z.string(),
  name: z.string(),
  tokenPrefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
})

export const CreatedApiToken = z.object({ id: z.string(), name: z.string(), token: z.string() })
