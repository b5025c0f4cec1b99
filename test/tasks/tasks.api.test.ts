import { describe, expect, it } from 'vitest'
import { activitiesApi } from '../../src/handlers/activities/activities.api'
import { notesApi } from '../../src/handlers/notes/notes.api'
import { tasksApi } from '../../src/handlers/tasks/tasks.api'
import { addMember, me, signUp } from '../helpers/auth'
import { allPages, api, created, eventsOf, setVisibility, type Problem } from '../helpers/records'
import { daysFromNow, newAccount } from './fixtures'

type Task = { id: string; title: string; type: string; dueAt: string | null; remindAt: string | null; assigneeId: string | null; relatedType: string | null; relatedId: string | null; relatedName: string | null; completedAt: string | null; completedBy: string | null; archivedAt: string | null }

describe('tasks API', () => {
  it('creates, reads, updates, completes, reopens and archives a task, one event per change', async () => {
    const admin = await signUp({ workspace: 'Tasks API' })
    const who = await me(admin)
    const acme = await newAccount(admin)
    const task = await created<Task>(admin, '/tasks', { title: 'Call Acme', type: 'call', dueAt: daysFromNow(1), relatedType: 'account', relatedId: acme.id })
    expect(task).toMatchObject({ title: 'Call Acme', type: 'call', assigneeId: who.userId, relatedType: 'account', relatedId: acme.id, relatedName: 'Acme Corp', completedAt: null })
    expect((await api<Task>(admin, 'GET', `/tasks/${task.id}`)).body.title).toBe('Call Acme')

    const patched = await api<Task>(admin, 'PATCH', `/tasks/${task.id}`, { title: 'Call Acme back', remindAt: daysFromNow(0) })
    expect(patched.body).toMatchObject({ title: 'Call Acme back', remindAt: daysFromNow(0) })
    // The same values again change nothing and write nothing.
    expect((await api(admin, 'PATCH', `/tasks/${task.id}`, { title: 'Call Acme back' })).status).toBe(200)

    const done = await api<Task>(admin, 'POST', `/tasks/${task.id}/complete`)
    expect(done.body).toMatchObject({ completedBy: who.userId, completedAt: expect.any(String) })
    // Completing twice is one completion.
    expect((await api(admin, 'POST', `/tasks/${task.id}/complete`)).status).toBe(200)
    expect((await api<Task>(admin, 'POST', `/tasks/${task.id}/reopen`)).body.completedAt).toBeNull()
    expect((await api(admin, 'DELETE', `/tasks/${task.id}`)).status).toBe(204)
    expect((await api<Task>(admin, 'GET', `/tasks/${task.id}`)).body.archivedAt).not.toBeNull()

    const events = await eventsOf(who.workspace.id, task.id)
    expect(events.map((e) => e.eventType)).toEqual(['created', 'updated', 'task_completed', 'updated', 'archived'])
    expect(events[0]?.payload).toEqual({ name: 'Call Acme' })
    expect(events[1]?.payload).toEqual({ changes: { title: { from: 'Call Acme', to: 'Call Acme back' }, remindAt: { from: null, to: daysFromNow(0) } } })
    expect(events[2]?.payload).toEqual({ taskId: task.id, title: 'Call Acme back' })
    expect(events[3]?.payload).toEqual({ changes: { completedAt: { from: done.body.completedAt, to: null } } })
    // The completion also lands on the account's timeline, once.
    const onAccount = await eventsOf(who.workspace.id, acme.id)
    expect(onAccount.map((e) => e.eventType)).toEqual(['created', 'task_completed'])
    expect(onAccount[1]?.payload).toEqual({ taskId: task.id, title: 'Call Acme back' })
    const timeline = await api<{ data: { eventType: string }[] }>(admin, 'GET', `/tasks/${task.id}/timeline?limit=2`)
    expect(timeline.body.data.map((e) => e.eventType)).toEqual(['archived', 'updated'])
  })

  it('rejects unknown and read-only fields, a late reminder and half a link, naming the field', async () => {
    const admin = await signUp()
    const unknown = await api<Problem>(admin, 'POST', '/tasks', { title: 'X', completedAt: daysFromNow(0), tenantId: crypto.randomUUID() })
    expect(unknown.status).toBe(422)
    expect(unknown.body.errors?.map((e) => e.path).sort()).toEqual(['completedAt', 'tenantId'])
    const late = await api<Problem>(admin, 'POST', '/tasks', { title: 'X', dueAt: daysFromNow(1), remindAt: daysFromNow(2) })
    expect(late.body.errors).toEqual([{ path: 'remindAt', message: expect.any(String) }])
    const half = await api<Problem>(admin, 'POST', '/tasks', { title: ' ', relatedType: 'account' })
    expect(half.body.errors?.map((e) => e.path).sort()).toEqual(['relatedId', 'title'])
    const badType = await api<Problem>(admin, 'POST', '/tasks', { title: 'X', type: 'fax' })
    expect(badType.body.errors?.map((e) => e.path)).toEqual(['type'])

    // A PATCH is checked against the stored due time too.
    const task = await created<Task>(admin, '/tasks', { title: 'Due soon', dueAt: daysFromNow(1) })
    const patch = await api<Problem>(admin, 'PATCH', `/tasks/${task.id}`, { remindAt: daysFromNow(3) })
    expect(patch.status).toBe(422)
    expect(patch.body.errors?.[0]?.path).toBe('remindAt')
    expect((await api(admin, 'PATCH', `/tasks/${task.id}`, { completedAt: null })).status).toBe(422)
  })

  it("refuses a record or assignee from another workspace with 422 on the field, never 500", async () => {
    const admin = await signUp()
    const other = await signUp()
    const theirs = await newAccount(other, 'Theirs Inc')
    const stranger = await me(other)
    const linked = await api<Problem>(admin, 'POST', '/tasks', { title: 'X', relatedType: 'account', relatedId: theirs.id })
    expect(linked.status).toBe(422)
    expect(linked.body.errors).toEqual([{ path: 'relatedId', message: 'No such record in this workspace.' }])
    const wrongType = await api<Problem>(admin, 'POST', '/tasks', { title: 'X', relatedType: 'lead', relatedId: (await newAccount(admin)).id })
    expect(wrongType.body.errors?.[0]?.path).toBe('relatedId')
    const assignee = await api<Problem>(admin, 'POST', '/tasks', { title: 'X', assigneeId: stranger.userId })
    expect(assignee.status).toBe(422)
    expect(assignee.body.errors?.[0]?.path).toBe('assigneeId')
  })

  it('lets any task writer assign to an active member, but not to a deactivated one', async () => {
    const admin = await signUp()
    const support = await addMember(admin, 'support')
    const rep = await addMember(admin, 'rep')
    const repId = (await me(rep)).userId
    const task = await created<Task>(support, '/tasks', { title: 'For the rep', assigneeId: repId })
    expect(task.assigneeId).toBe(repId)
    expect((await admin.post(`/settings/users/${repId}/deactivate`, {})).status).toBe(303)
    const refused = await api<Problem>(admin, 'POST', '/tasks', { title: 'Too late', assigneeId: repId })
    expect(refused.body.errors?.[0]?.path).toBe('assigneeId')
  })

  it('pages by due date (undated last) and by creation, and filters, without duplicates or gaps', async () => {
    const admin = await signUp()
    const rep = await addMember(admin, 'rep')
    const repId = (await me(rep)).userId
    const acme = await newAccount(admin)
    const dues = [3, null, 1, 5, null, 2, 4]
    const made: Task[] = []
    for (const [i, due] of dues.entries()) {
      made.push(await created<Task>(admin, '/tasks', { title: `T${i}`, dueAt: due === null ? null : daysFromNow(due), assigneeId: i % 2 ? repId : undefined, ...(i < 3 ? { relatedType: 'account', relatedId: acme.id } : {}) }))
    }
    // Soonest first, undated last, ties by id (uuid v7: creation order).
    const byDue = [...made].sort((a, b) => Number(a.dueAt === null) - Number(b.dueAt === null) || (a.dueAt ?? '').localeCompare(b.dueAt ?? '') || a.id.localeCompare(b.id)).map((t) => t.id)
    expect(await allPages(admin, '/tasks', 2)).toEqual(byDue)
    expect(await allPages(admin, '/tasks?sort=created', 3)).toEqual([...made].reverse().map((t) => t.id))

    await api(admin, 'POST', `/tasks/${made[2]?.id}/complete`)
    const ids = (path: string) => allPages(admin, path, 50).then((list) => list.sort())
    const sorted = (list: (Task | undefined)[]) => list.map((t) => t?.id ?? '').sort()
    expect(await ids('/tasks?status=done')).toEqual(sorted([made[2]]))
    expect(await ids('/tasks?status=open')).toEqual(sorted(made.filter((_, i) => i !== 2)))
    expect(await ids(`/tasks?assigneeId=${repId}`)).toEqual(sorted(made.filter((_, i) => i % 2)))
    expect(await ids('/tasks?assigneeId=me')).toEqual(sorted(made.filter((_, i) => !(i % 2))))
    expect(await ids(`/tasks?dueFrom=${daysFromNow(2).slice(0, 10)}&dueTo=${daysFromNow(4).slice(0, 10)}`)).toEqual(sorted([made[0], made[5], made[6]]))
    expect(await ids(`/tasks?relatedType=account&relatedId=${acme.id}`)).toEqual(sorted(made.slice(0, 3)))
    expect((await api(admin, 'GET', `/tasks?relatedId=${acme.id}`)).status).toBe(422)
    expect((await api(admin, 'GET', '/tasks?cursor=garbage')).status).toBe(400)
    expect((await api(admin, 'GET', '/tasks?limit=201')).status).toBe(422)
  })

  it("gives 404 for another workspace's task, whatever the method", async () => {
    const admin = await signUp()
    const theirs = await created<Task>(await signUp(), '/tasks', { title: 'Private' })
    for (const [method, path, body] of [['GET', `/tasks/${theirs.id}`], ['PATCH', `/tasks/${theirs.id}`, { title: 'Mine now' }], ['DELETE', `/tasks/${theirs.id}`], ['POST', `/tasks/${theirs.id}/complete`], ['GET', `/tasks/${theirs.id}/timeline`]] as const) {
      expect((await api(admin, method, path, body)).status, `${method} ${path}`).toBe(404)
    }
  })

  it('limits a rep in "own" mode to tasks assigned to them (or handed over by them)', async () => {
    const admin = await signUp()
    const rep1 = await addMember(admin, 'rep')
    const rep2 = await addMember(admin, 'rep')
    const [id1, tenantId] = await me(rep1).then((m) => [m.userId, m.workspace.id])
    const theirs = await created<Task>(admin, '/tasks', { title: 'For rep 1', assigneeId: id1 })
    await setVisibility(tenantId as string, 'own')
    const mine = await created<Task>(rep2, '/tasks', { title: 'Rep 2 own' })
    expect(await allPages(rep2, '/tasks', 50)).toEqual([mine.id])
    for (const [method, path] of [['GET', `/tasks/${theirs.id}`], ['PATCH', `/tasks/${theirs.id}`], ['POST', `/tasks/${theirs.id}/complete`], ['DELETE', `/tasks/${theirs.id}`]] as const) {
      expect((await api(rep2, method, path, method === 'PATCH' ? { title: 'Taken' } : undefined)).status, `${method} ${path}`).toBe(404)
    }
    expect((await api<Task>(rep1, 'POST', `/tasks/${theirs.id}/complete`)).body.completedBy).toBe(id1)
    // A task handed to someone else stays in sight of whoever handed it over.
    const handed = await created<Task>(rep2, '/tasks', { title: 'For rep 1, from rep 2', assigneeId: id1 })
    expect((await allPages(rep2, '/tasks', 50)).sort()).toEqual([mine.id, handed.id].sort())
    expect(await allPages(admin, '/tasks', 50)).toHaveLength(3)
  })

  it('hides lead tasks from support unless they are theirs', async () => {
    const admin = await signUp()
    const support = await addMember(admin, 'support')
    const supportId = (await me(support)).userId
    const lead = await created<{ id: string }>(admin, '/leads', { firstName: 'Lena' })
    const leadTask = await created<Task>(admin, '/tasks', { title: 'Qualify Lena', relatedType: 'lead', relatedId: lead.id })
    const given = await created<Task>(admin, '/tasks', { title: 'Help with Lena', relatedType: 'lead', relatedId: lead.id, assigneeId: supportId })
    expect((await api(support, 'GET', `/tasks/${leadTask.id}`)).status).toBe(404)
    expect((await api<Task>(support, 'GET', `/tasks/${given.id}`)).body.relatedType).toBe('lead')
    expect((await api<Problem>(support, 'POST', '/tasks', { title: 'x', relatedType: 'lead', relatedId: lead.id })).body.errors?.[0]?.path).toBe('relatedId')
  })

  it('documents the task, note and activity routes in the OpenAPI document', () => {
    // Generating the document runs every schema against probe values (null among them).
    const ids = [tasksApi, notesApi, activitiesApi].flatMap((router) => Object.values(router.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'CRM', version: '1' } }).paths ?? {}).flatMap((p) => Object.values(p as Record<string, { operationId?: string }>).map((o) => o.operationId)))
    for (const id of ['listTasks', 'createTask', 'completeTask', 'reopenTask', 'taskTimeline', 'listNotes', 'createNote', 'createActivity', 'archiveActivity']) expect(ids).toContain(id)
  })
})
