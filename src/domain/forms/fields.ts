import * as z from 'zod'

// What a form field can fill on the lead it creates. Custom fields are named "custom.<key>".
export const FORM_LEAD_FIELDS = [
  'firstName', 'lastName', 'email', 'phone', 'title', 'companyName', 'website', 'industry', 'companySize', 'country',
] as const
export type FormLeadField = (typeof FORM_LEAD_FIELDS)[number]

export const FORM_FIELD_TYPES = ['text', 'email', 'phone', 'select', 'textarea', 'checkbox', 'hidden'] as const
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number]

// The field's `name` in the posted body; also what the lead field or custom field key is. Names
// starting with "_" are ours (the honeypot, the signed timestamp, Turnstile's token).
const FieldName = z.string().trim().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, 'Use letters, digits and _ only, starting with a letter (at most 40).')

// `maps` is a lead field ("email") or a custom field ("custom.budget").
export const FormField = z
  .object({
    name: FieldName,
    label: z.string().trim().min(1, 'Every field needs a label.').max(200),
    type: z.enum(FORM_FIELD_TYPES, 'Choose a field type from the list.'),
    required: z.boolean().default(false),
    maps: z.union([z.enum(FORM_LEAD_FIELDS), z.string().regex(/^custom\.[a-z][a-z0-9_]{0,39}$/, 'Map to a lead field or custom.<key>.')]),
    // Choices of a select; the fixed value of a hidden field is options[0].
    options: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
  })
  .strict()
export type FormField = z.infer<typeof FormField>
