import { describe, expect, it } from 'vitest'
import { addMember, signUp } from '../helpers/auth'
import { api, created } from '../helpers/records'
import { daysFromNow } from '../tasks/fixtures'

type Task = { id: string }
const section = (html: string, id: string) => new RegExp(`<section class="card my-work-section" id="${id}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? ''
const thisMonth = (day: number) => {
  const now = new Date()
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), day)).toISOString().slice(0, 10)
}

describe('GET /my-work', () => {
  it("shows my overdue, today's and upcoming tasks, my open leads and my deals closing this month", async () => {
    const admin = await signUp()
    const rep = await addMember(admin, 'rep')
    const overdue = await created<Task>(rep, '/tasks', { title: 'Overdue call', dueAt: daysFromNow(-2) })
    const today = new Date()
    today.setUTCHours(23, 59, 0, 0)
    await created(rep, '/tasks', { title: 'Due today', dueAt: today.toISOString() })
    await created(rep, '/tasks', { title: 'Due in three days', dueAt: daysFromNow(3) })
    await created(rep, '/tasks', { title: 'Far future', dueAt: daysFromNow(30) })
    await created(rep, '/tasks', { title: 'Undated' })
    await created(admin, '/tasks', { title: 'Someone else', dueAt: daysFromNow(1) })
    const done = await created<Task>(rep, '/tasks', { title: 'Already done', dueAt: daysFromNow(-1) })
    await api(rep, 'POST', `/tasks/${done.id}/complete`)

    await created(rep, '/leads', { firstName: 'Quinn', lastName: 'Qualified', status: 'qualified' })
    await created(rep, '/leads', { firstName: 'Ursula', status: 'unqualified' })
    await created(admin, '/leads', { firstName: 'Other', lastName: 'Owner' })
    await created(rep, '/opportunities', { name: 'Big renewal', closeDate: thisMonth(28) })
    await created(rep, '/opportunities', { name: 'Next month deal', closeDate: thisMonth(40) })
    await created(rep, '/opportunities', { name: 'Lost deal', closeDate: thisMonth(2), status: 'lost', lostReason: 'Budget' })

    const res = await rep.get('/my-work')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(section(html, 'overdue')).toContain('Overdue call')
    expect(section(html, 'overdue')).toContain(`/tasks/${overdue.id}/complete?back=%2Fmy-work`)
    expect(section(html, 'today')).toContain('Due today')
    expect(section(html, 'upcoming')).toContain('Due in three days')
    for (const hidden of ['Far future', 'Undated', 'Someone else', 'Already done', 'Ursula', 'Other Owner', 'Next month deal', 'Lost deal']) expect(html).not.toContain(hidden)
    expect(section(html, 'my-leads')).toContain('Quinn Qualified')
    expect(section(html, 'my-deals')).toContain('Big renewal')
    // "My work" leads the navigation.
    expect(/<nav aria-label="Main">\s*<ul>\s*<li>\s*<a href="([^"]+)"/.exec(html)?.[1]).toBe('/my-work')
  })

  it('has an empty state for every section, and hides leads from support', async () => {
    const admin = await signUp()
    const html = await (await admin.get('/my-work')).text()
    for (const text of ['Nothing overdue.', 'Nothing due today.', 'Nothing due in the next 7 days.', 'No open leads.', 'No open deals of yours close this month.']) expect(html).toContain(text)
    const support = await addMember(admin, 'support')
    const supportView = await (await support.get('/my-work')).text()
    expect(supportView).not.toContain('My open leads')
    expect(supportView).toContain('Nothing overdue.')
  })

  it('sends a signed-out visitor to sign in', async () => {
    const { request } = await import('../helpers/app')
    const res = await request('/my-work', { redirect: 'manual' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/login?next=%2Fmy-work')
  })
})
