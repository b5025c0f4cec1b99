// The workspace's tags and which records carry them, chosen to make sense: big accounts are
// "Enterprise", high-scoring leads are "Hot", subscribers get the "Newsletter".
import type { DemoRows } from '../../../src/db/queries/demo-seed.ts'
import type { RelatedType } from '../../../src/domain/records/vocab.ts'
import { relatedColumns } from '../../../src/domain/related/related.ts'
import type { Companies } from './companies.ts'
import { workspaceStart, type SeedContext } from './context.ts'
import type { Deals } from './deals.ts'
import type { Leads } from './leads.ts'
import { TAGS } from './names.ts'

type TagName = (typeof TAGS)[number]['name']

export function buildTags(ctx: SeedContext, companies: Companies, leads: Leads, deals: Deals): Pick<DemoRows, 'tags' | 'recordTags'> {
  const { rng } = ctx
  const createdAt = workspaceStart(ctx)
  const tags = TAGS.map((t) => ({ tenantId: ctx.tenantId, id: ctx.idAt(createdAt), name: t.name, colour: t.colour, createdAt, updatedAt: createdAt }))
  const ids = new Map(tags.map((t) => [t.name, t.id]))
  const recordTags: DemoRows['recordTags'] = []
  const tag = (name: TagName, type: RelatedType, record: { id: string; createdAt: Date }) =>
    recordTags.push({ tenantId: ctx.tenantId, id: ctx.idAt(record.createdAt), tagId: ids.get(name) ?? '', ...relatedColumns({ type, id: record.id }), createdAt: record.createdAt })

  for (const account of companies.accounts) {
    if (account.size === '1001-5000' || account.size === '5000+') tag('Enterprise', 'account', account)
    else if (account.size === '1-10' || account.size === '11-50') tag('SMB', 'account', account)
    if (account.status === 'customer' && rng.chance(0.3)) tag(rng.chance(0.5) ? 'VIP' : 'Renewal due', 'account', account)
    if (account.status === 'customer' && rng.chance(0.1)) tag('At risk', 'account', account)
    if (rng.chance(0.08)) tag('Partner', 'account', account)
  }
  for (const contact of companies.contacts) {
    if (contact.status === 'subscriber') tag('Newsletter', 'contact', contact)
    else if (rng.chance(0.06)) tag('VIP', 'contact', contact)
  }
  for (const lead of leads.leads) {
    if (lead.status !== 'converted' && lead.status !== 'unqualified' && (lead.score ?? 0) >= 80) tag('Hot', 'lead', lead)
  }
  for (const deal of deals.opportunities) {
    if (deal.status === 'open' && rng.chance(0.15)) tag('Hot', 'opportunity', deal)
    if (deal.status === 'open' && rng.chance(0.08)) tag('At risk', 'opportunity', deal)
  }
  return { tags, recordTags }
}
