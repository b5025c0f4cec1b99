import { describe, expect, it } from 'vitest'
import { addMember, fieldError, inputValue, me, signUp } from '../helpers/auth'
import { api, created, eventsOf, setVisibility } from '../helpers/records'
import { daysFromNow, newAccount } from './fixtures'

type Task = { id: string; title: string; completedAt: string | null }
const htmx = { 'HX-Request': 'true' }
const textareaValue = (html: string, name: string) => new RegExp(`<textarea[^>]*name="${name}"[^>]*>([^<]*)</textarea>`).exec(html)?.[1] ?? null

describe('task pages', () => {
  it('lists open tasks by due date, and answers filter requests from htmx with the results alone', async () => {
    const admin = await signUp()
    const soon = await created<Task>(admin, '/tasks', { title: 'Soon & urgent', dueAt: daysFromNow(1) })
    const later = await created<Task>(admin, '/tasks', { title: 'Later', dueAt: daysFromNow(3) })
    const done = await created<Task>(admin, '/tasks', { title: 'Finished' })
    await api(admin, 'POST', `/tasks/${done.id}/complete`)

    const page = await admin.get('/tasks')
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Soon &amp; urgent')
    expect(html.indexOf(soon.id)).toBeLessThan(html.indexOf(later.id))
    expect(html).not.toContain('Finished')
    expect(html).toContain('<a href="/my-work"')
    expect(page.headers.get('vary')).toContain('HX-Request')

    const fragment = await (await admin.get('/tasks?status=done', htmx)).text()
    expect(fragment.startsWith('<section id="record-list"')).toBe(true)
    expect(fragment).toContain('Finished')
    expect(fragment).not.toContain('Later')
    expect((await admin.get('/tasks?status=nope')).status).toBe(422)
  })

  it('creates a task from the form, keeping what was typed on a 422', async () => {
    const admin = await signUp()
    const acme = await newAccount(admin)
    const form = await admin.get(`/tasks/new?relatedType=account&relatedId=${acme.id}`)
    expect(await form.text()).toContain('Acme Corp')

    const bad = await admin.post('/tasks', { title: 'Send <b>quote</b>', type: 'email', dueAt: '2030-01-02T10:00', remindAt: '2030-01-03T09:00', assigneeId: (await me(admin)).userId, description: 'Line one', relatedType: 'account', relatedId: acme.id })
    expect(bad.status).toBe(422)
    const html = await bad.text()
    expect(fieldError(html, 'remindAt')).toContain('before the due time')
    expect(inputValue(html, 'title')).toBe('Send &lt;b&gt;quote&lt;/b&gt;')
    expect(inputValue(html, 'dueAt')).toBe('2030-01-02T10:00')
    expect(textareaValue(html, 'description')).toBe('Line one')
    expect(inputValue(html, 'relatedId')).toBe(acme.id)

    const good = await admin.post('/tasks', { title: 'Send quote', type: 'email', dueAt: '2030-01-02T10:00', remindAt: '', assigneeId: '', description: '', relatedType: 'account', relatedId: acme.id })
    expect(good.status).toBe(303)
    const location = good.headers.get('location') ?? ''
    expect(location).toMatch(/^\/tasks\/[0-9a-f-]{36}$/)
    const detail = await (await admin.get(location)).text()
    expect(detail).toContain('Send quote')
    expect(detail).toContain('2030-01-02 10:00 UTC')
    expect(detail).toContain(`href="/accounts/${acme.id}"`)
  })

  it('edits a task with the same form, and re-renders a 422 with the values', async () => {
    const admin = await signUp()
    const task = await created<Task>(admin, '/tasks', { title: 'Draft', dueAt: '2030-05-01T08:30:00.000Z' })
    const edit = await (await admin.get(`/tasks/${task.id}/edit`)).text()
    expect(inputValue(edit, 'title')).toBe('Draft')
    expect(inputValue(edit, 'dueAt')).toBe('2030-05-01T08:30')

    const bad = await admin.post(`/tasks/${task.id}`, { title: '', type: 'call', dueAt: '2030-05-02T08:30', remindAt: '', assigneeId: '', description: 'Keep me', relatedType: '', relatedId: '' })
    expect(bad.status).toBe(422)
    const html = await bad.text()
    expect(fieldError(html, 'title')).toBeTruthy()
    expect(inputValue(html, 'dueAt')).toBe('2030-05-02T08:30')
    expect(textareaValue(html, 'description')).toBe('Keep me')

    const good = await admin.post(`/tasks/${task.id}`, { title: 'Final', type: 'call', dueAt: '2030-05-01T08:30', remindAt: '', assigneeId: (await me(admin)).userId, description: '', relatedType: '', relatedId: '' })
    expect(good.status).toBe(303)
    const events = await eventsOf((await me(admin)).workspace.id, task.id)
    expect(events.map((e) => [e.eventType, e.payload])).toEqual([
      ['created', { name: 'Draft' }],
      ['updated', { changes: { title: { from: 'Draft', to: 'Final' }, type: { from: 'todo', to: 'call' } } }],
    ])
  })

  it('completes inline: the checkbox for htmx, a redirect back for a plain post, never elsewhere', async () => {
    const admin = await signUp()
    const acme = await newAccount(admin)
    const task = await created<Task>(admin, '/tasks', { title: 'Tick me', relatedType: 'account', relatedId: acme.id })
    const ticked = await admin.post(`/tasks/${task.id}/complete?back=%2Ftasks`, {}, htmx)
    expect(ticked.status).toBe(200)
    expect(JSON.parse(ticked.headers.get('hx-trigger') ?? '{}')).toEqual({ 'timeline-changed': { target: 'body' } })
    const check = await ticked.text()
    expect(check).toMatch(/^<span class="task-check"><input type="checkbox"[^>]* checked/)
    expect(check).toContain(`/tasks/${task.id}/reopen`)

    const reopened = await admin.post(`/tasks/${task.id}/reopen?back=%2Fmy-work`, {})
    expect(reopened.status).toBe(303)
    expect(reopened.headers.get('location')).toBe('/my-work')
    const offsite = await admin.post(`/tasks/${task.id}/complete?back=%2F%2Fevil.example`, {})
    expect(offsite.headers.get('location')).toBe(`/tasks/${task.id}`)

    const { workspace } = await me(admin)
    expect((await eventsOf(workspace.id, acme.id)).filter((e) => e.eventType === 'task_completed')).toHaveLength(2)
    const history = await (await admin.get(`/tasks/${task.id}/timeline`, htmx)).text()
    expect(history).toContain('completed the task')
    expect((await admin.post(`/tasks/${task.id}/archive`, {})).headers.get('location')).toBe('/tasks')
  })

  it('adds a task from a record page: the panel for htmx, the record page without JS, values kept on 422', async () => {
    const admin = await signUp()
    const rep = await addMember(admin, 'rep')
    const repId = (await me(rep)).userId
    const acme = await newAccount(admin)
    const form = { title: 'Follow up', type: 'call', dueAt: '2030-03-04T09:00', assigneeId: repId, relatedType: 'account', relatedId: acme.id }
    const res = await admin.post('/tasks?from=record', form, htmx)
    expect(res.status).toBe(200)
    const panel = await res.text()
    expect(panel.startsWith('<section id="quick-actions"')).toBe(true)
    expect(panel).toContain('Task added.')
    const [task] = (await api<{ data: { title: string; assigneeId: string; relatedId: string; dueAt: string }[] }>(admin, 'GET', `/tasks?relatedType=account&relatedId=${acme.id}`)).body.data
    expect(task).toMatchObject({ title: 'Follow up', assigneeId: repId, relatedId: acme.id, dueAt: '2030-03-04T09:00:00.000Z' })

    const plain = await admin.post('/tasks?from=record', form)
    expect(plain.headers.get('location')).toBe(`/accounts/${acme.id}`)
    const bad = await admin.post('/tasks?from=record', { ...form, title: '', dueAt: '2030-03-05T10:30' }, htmx)
    expect(bad.status).toBe(422)
    const html = await bad.text()
    expect(fieldError(html, 'title')).toBeTruthy()
    expect(inputValue(html, 'dueAt')).toBe('2030-03-05T10:30')
    expect(html).toMatch(new RegExp(`<option value="${repId}" selected`))
    expect(html).toMatch(/<details class="quick-action" open=""><summary>Add a task/)
  })

  it("gives 404 for another workspace's task on every page and action", async () => {
    const admin = await signUp()
    const theirs = await created<Task>(await signUp(), '/tasks', { title: 'Private' })
    for (const path of [`/tasks/${theirs.id}`, `/tasks/${theirs.id}/edit`, `/tasks/${theirs.id}/timeline`]) expect((await admin.get(path)).status, path).toBe(404)
    for (const path of [`/tasks/${theirs.id}`, `/tasks/${theirs.id}/complete`, `/tasks/${theirs.id}/reopen`, `/tasks/${theirs.id}/archive`]) {
      expect((await admin.post(path, { title: 'Mine', type: 'todo' })).status, path).toBe(404)
    }
    expect((await admin.get('/tasks/not-a-uuid')).status).toBe(404)
  })

  it('keeps a rep in "own" mode to their own tasks in the UI too', async () => {
    const admin = await signUp()
    const rep = await addMember(admin, 'rep')
    const adminTask = await created<Task>(admin, '/tasks', { title: 'Admin only' })
    await setVisibility((await me(admin)).workspace.id, 'own')
    expect((await rep.get(`/tasks/${adminTask.id}`)).status).toBe(404)
    expect((await rep.post(`/tasks/${adminTask.id}/complete`, {})).status).toBe(404)
    expect(await (await rep.get('/tasks')).text()).not.toContain('Admin only')
  })
})
