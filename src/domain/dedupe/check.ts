import * as z from 'zod'

// The inline duplicate check's query string: what the create form has so far. Lenient on purpose
// (a half-typed email is still worth normalising); overlong values are cut rather than refused.
const partial = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => v?.trim().slice(0, max) || undefined)

export const DuplicateCheckQuery = z.object({
  email: partial(254),
  phone: partial(50),
  firstName: partial(100),
  lastName: partial(100),
  companyName: partial(200),
  accountId: z.uuid().optional().catch(undefined),
})
export type DuplicateCheckQuery = z.infer<typeof DuplicateCheckQuery>
