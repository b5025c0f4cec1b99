import { and, eq } from 'drizzle-orm'
import { createPipeline } from '../../src/db/queries/pipelines'
import { customerStatusHistory } from '../../src/db/schema'
import { testDb } from '../helpers/app'
import type { Browser } from '../helpers/auth'
import { api, created } from '../helpers/records'

// Shared set-up for the opportunity tests: a workspace's pipelines as the API lists them, and deals.

const db = testDb()

export type Stage = { id: string; name: string; position: number; probability: number; rottingDays: number | null }
export type Pipeline = { id: string; name: string; stages: Stage[] }
export type Deal = {
  id: string
  name: string
  accountId: string | null
  contactId: string | null
  amount: string | null
  currency: string
  pipelineId: string
  stage: string
  stageName: string
  probability: number
  closeDate: string | null
  ownerId: string | null
  status: string
  lostReason: string | null
  tags: string[]
}

export async function pipelinesOf(who: Browser): Promise<Pipeline[]> {
  const res = await api<{ data: Pipeline[] }>(who, 'GET', '/pipelines')
  if (res.status !== 200) throw new Error(`GET /pipelines failed with ${res.status}`)
  return res.body.data
}

// The default "Sales" pipeline, and its stages by name.
export async function salesPipeline(who: Browser) {
  const [sales] = await pipelinesOf(who)
  if (!sales) throw new Error('the workspace has no pipeline')
  const stage = (name: string): Stage => {
    const found = sales.stages.find((s) => s.name === name)
    if (!found) throw new Error(`no stage ${name}`)
    return found
  }
  return { ...sales, stage }
}

// A second pipeline, made the way the settings page makes one.
export async function addPipeline(who: Browser, tenantId: string, name: string): Promise<Pipeline> {
  await createPipeline(db, tenantId, name)
  const found = (await pipelinesOf(who)).find((p) => p.name === name)
  if (!found) throw new Error('pipeline not created')
  return found
}

export const deal = (who: Browser, body: Record<string, unknown>) => created<Deal>(who, '/opportunities', body)

export const historyOf = (tenantId: string, dealId: string) =>
  db
    .select()
    .from(customerStatusHistory)
    .where(and(eq(customerStatusHistory.tenantId, tenantId), eq(customerStatusHistory.entityId, dealId)))
    .orderBy(customerStatusHistory.changedAt, customerStatusHistory.id)
