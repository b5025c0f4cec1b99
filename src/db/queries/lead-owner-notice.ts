import { and, desc, eq, isNull } from 'drizzle-orm'
import type { Db } from '../client'
import { formSubmissions, forms, leads, memberships, tenants, users } from '../schema'

// What the "new lead for you" email says, in one batch: the lead, its owner's address (only while
// they are an active member), the workspace's name and the form the lead last came through.
export async function leadOwnerNotice(db: Db, tenantId: string, leadId: string, ownerId: string) {
  const [[lead], [owner], [tenant], [form]] = await db.batch([
    db
      .select({ firstName: leads.firstName, lastName: leads.lastName, companyName: leads.companyName, email: leads.email, source: leads.source })
      .from(leads)
      .where(and(eq(leads.tenantId, tenantId), eq(leads.id, leadId), eq(leads.ownerId, ownerId))),
    db
      .select({ email: users.email, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, ownerId), isNull(memberships.deactivatedAt))),
    db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId)),
    db
      .select({ name: forms.name })
      .from(formSubmissions)
      .innerJoin(forms, and(eq(forms.tenantId, formSubmissions.tenantId), eq(forms.id, formSubmissions.formId)))
      .where(and(eq(formSubmissions.tenantId, tenantId), eq(formSubmissions.leadId, leadId)))
      .orderBy(desc(formSubmissions.receivedAt))
      .limit(1),
  ])
  if (!lead || !owner || !tenant) return null
  return { lead, owner, workspaceName: tenant.name, formName: form?.name ?? null }
}
