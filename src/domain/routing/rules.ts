import * as z from 'zod'

// Lead facts a routing condition can test: core lead fields, the form it came through, and any
// custom field as "custom.<key>".
export const ROUTING_FIELDS = ['country', 'source', 'companySize', 'industry', 'formId', 'utmSource', 'utmCampaign'] as const

// Custom field keys as forms map them (src/domain/forms/fields.ts).
const CUSTOM_KEY = /^[a-z][a-z0-9_]{0,39}$/
export const isRoutingField = (field: string) => (ROUTING_FIELDS as readonly string[]).includes(field) || (field.startsWith('custom.') && CUSTOM_KEY.test(field.slice(7)))

const Field = z.string().trim().refine(isRoutingField, 'Choose a lead field, or custom.<key> for a custom field.')
const Text = z.string().trim().min(1, 'Enter a value.').max(200, 'Keep values under 200 characters.')
const Bound = z.number('Enter a number.').finite().nullable()

export const RuleCondition = z.discriminatedUnion(
  'op',
  [
    z.object({ field: Field, op: z.literal('equals'), value: Text }).strict(),
    z.object({ field: Field, op: z.literal('in'), value: z.array(Text).min(1, 'Enter at least one value.').max(100, 'At most 100 values.') }).strict(),
    z.object({ field: Field, op: z.literal('contains'), value: Text }).strict(),
    z
      .object({ field: Field, op: z.literal('between'), min: Bound, max: Bound })
      .strict()
      .refine((c) => c.min !== null || c.max !== null, { message: 'Enter a lowest value, a highest value, or both.', path: ['min'] })
      .refine((c) => c.min === null || c.max === null || c.min <= c.max, { message: 'The lowest value must not be above the highest.', path: ['max'] }),
  ],
  'Choose equals, is one of, contains or between.',
)
export type RuleCondition = z.infer<typeof RuleCondition>

// A user the rule can assign to; weight counts turns in a round-robin cycle (2 = twice as many
// leads as weight 1).
export const Assignee = z
  .object({ userId: z.uuid('Choose a person from the list.'), weight: z.number('Enter a weight from 1 to 10.').int('Enter a weight from 1 to 10.').min(1, 'Enter a weight from 1 to 10.').max(10, 'Enter a weight from 1 to 10.').default(1) })
  .strict()
export type Assignee = z.infer<typeof Assignee>

export const ROUTING_ACTIONS = ['assign', 'round_robin'] as const
export type RoutingAction = (typeof ROUTING_ACTIONS)[number]

// A routing rule as the settings form and /api/v1/routing-rules accept it. An 'assign' rule names
// one person; a round-robin rule takes turns among one or more. Whether the people are members of
// the workspace is checked when saving (src/handlers/settings/save-routing-rule.ts).
export const RoutingRuleInput = z
  .strictObject({
    name: z.string().trim().min(1, 'Give the rule a name.').max(100, 'Keep the name under 100 characters.'),
    conditions: z.array(RuleCondition).max(20, 'At most 20 conditions.').default([]),
    action: z.enum(ROUTING_ACTIONS, 'Choose assign or round robin.'),
    assignees: z.array(Assignee).min(1, 'Choose at least one person.').max(50, 'At most 50 people.'),
    enabled: z.boolean().default(true),
  })
  .superRefine((r, ctx) => {
    if (r.action === 'assign' && r.assignees.length > 1) ctx.addIssue({ code: 'custom', path: ['assignees'], message: 'Assign to one person, or choose round robin.' })
    r.assignees.forEach((a, i) => {
      if (r.assignees.findIndex((b) => b.userId === a.userId) < i) ctx.addIssue({ code: 'custom', path: ['assignees', i, 'userId'], message: 'Each person can appear once.' })
    })
  })
export type RoutingRuleInput = z.infer<typeof RoutingRuleInput>
export type RoutingRule = RoutingRuleInput & { id: string; position: number }

export const DefaultOwnerInput = z.strictObject({ userId: z.uuid('Choose a person from the list.').nullable() })

// A sample lead for the "test against a sample lead" preview: the facts routing reads, custom
// fields by key.
const Fact = z.string().trim().max(200, 'Keep values under 200 characters.').nullable().optional()
export const SampleLead = z.strictObject({
  country: Fact,
  source: Fact,
  companySize: Fact,
  industry: Fact,
  formId: Fact,
  utmSource: Fact,
  utmCampaign: Fact,
  custom: z
    .record(z.string(), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]))
    .refine((custom) => Object.keys(custom).every((k) => CUSTOM_KEY.test(k)), 'Custom field keys use a-z, 0-9 and _, starting with a letter.')
    .optional(),
})
export type SampleLead = z.infer<typeof SampleLead>
