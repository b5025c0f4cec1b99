import * as z from 'zod'

// Lead facts a routing condition can test: core lead fields, the form it came through, and any
// custom field as "custom.<key>".
export const ROUTING_FIELDS = ['country', 'source', 'companySize', 'industry', 'formId', 'utmSource', 'utmCampaign'] as const

export const RuleCondition = z.discriminatedUnion('op', [
  z.object({ field: z.string(), op: z.literal('equals'), value: z.string().max(200) }).strict(),
  z.object({ field: z.string(), op: z.literal('in'), value: z.array(z.string().max(200)).min(1).max(100) }).strict(),
  z.object({ field: z.string(), op: z.literal('contains'), value: z.string().min(1).max(200) }).strict(),
  z.object({ field: z.string(), op: z.literal('between'), min: z.number().nullable(), max: z.number().nullable() }).strict(),
])
export type RuleCondition = z.infer<typeof RuleCondition>

// A user the rule can assign to; weight counts turns in a round-robin cycle (2 = twice as many
// leads as weight 1).
export const Assignee = z.object({ userId: z.uuid(), weight: z.number().int().min(1).max(10).default(1) }).strict()
export type Assignee = z.infer<typeof Assignee>
