import { and, eq } from 'drizzle-orm'
import { expect } from 'vitest'
import { activityEvents, tenants } from '../../src/db/schema'
import type { RecordVisibility } from '../../src/domain/records/vocab'
import { testDb } from './app'
import type { Browser } from './auth'

const db = testDb()

export type Problem = { status: number; detail: string; errors?: { path: string; message: string }[] }

// A JSON API call from a signed-in browser session, parsed.
export async function api<T = unknown>(who: Browser, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await who.json(method, `/api/v1${path}`, body)
  const text = await res.text()
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T }
}

export async function created<T extends { id: string }>(who: Browser, path: string, body: unknown): Promise<T> {
  const res = await api<T>(who, 'POST', path, body)
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body
}

// Walks a list endpoint page by page and returns every id in order.
export async function allPages(who: Browser, path: string, limit: number): Promise<string[]> {
  const ids: string[] = []
  let cursor: string | null = null
  for (let guard = 0; guard < 100; guard++) {
    const sep = path.includes('?') ? '&' : '?'
    const res: { status: number; body: { data: { id: string }[]; nextCursor: string | null } } = await api(who, 'GET', `${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
    expect(res.status).toBe(200)
    ids.push(...res.body.data.map((r) => r.id))
    cursor = res.body.nextCursor
    if (!cursor) return ids
  }
  throw new Error('pagination did not end')
}

export const eventsOf = (tenantId: string, entityId: string) =>
  db.select().from(activityEvents).where(and(eq(activityEvents.tenantId, tenantId), eq(activityEvents.entityId, entityId))).orderBy(activityEvents.occurredAt, activityEvents.id)

export const setVisibility = (tenantId: string, visibility: RecordVisibility) => db.update(tenants).set({ recordVisibility: visibility }).where(eq(tenants.id, tenantId))
