import { describe, expect, it } from 'vitest'
import { taskReminderEmail } from '../../src/views/email/task-reminder'

const XSS = '<script>alert(1)</script>'
const ATTR_XSS = '"><img src=x onerror=alert(1)>'

describe('taskReminderEmail', () => {
  const email = taskReminderEmail({
    name: XSS,
    workspaceName: ATTR_XSS,
    title: `Call ${XSS}`,
    dueAt: new Date(Date.UTC(2026, 0, 2, 15, 30)),
    timeZone: 'Europe/Berlin',
    taskUrl: 'http://localhost/tasks/t1',
    related: { label: 'Account', name: ATTR_XSS, url: 'http://localhost/accounts/a1?x=1&y=2' },
    actionUrl: 'http://localhost/t/abc.def',
  })

  it('links to the task and its record in both versions, with the due time in the assignee’s zone', () => {
    expect(email.subject).toBe(`Reminder: Call ${XSS}`)
    expect(email.html).toContain('href="http://localhost/tasks/t1"')
    expect(email.html).toContain('href="http://localhost/accounts/a1?x=1&amp;y=2"')
    expect(email.text).toContain('http://localhost/tasks/t1')
    expect(email.text).toContain('http://localhost/accounts/a1?x=1&y=2')
    expect(email.text).toContain('Due 2 Jan 2026, 16:30 (Europe/Berlin).')
    expect(email.html).toContain('Due 2 Jan 2026, 16:30 (Europe/Berlin).')
  })

  it('offers snooze 1 hour, snooze 1 day and mark done as links to the signed page, in both versions', () => {
    for (const action of ['snooze-1h', 'snooze-1d', 'done']) {
      expect(email.html).toContain(`href="http://localhost/t/abc.def?action=${action}"`)
    }
    expect(email.text).toContain('Snooze 1 hour: http://localhost/t/abc.def?action=snooze-1h')
    expect(email.text).toContain('Snooze 1 day: http://localhost/t/abc.def?action=snooze-1d')
    expect(email.text).toContain('Mark done: http://localhost/t/abc.def?action=done')
  })

  it('escapes every user-supplied value in the HTML and keeps the text literal', () => {
    expect(email.html).not.toContain('<script>')
    expect(email.html).not.toContain('<img')
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(email.text).toContain(`Account: ${ATTR_XSS}`)
  })

  it('leaves out the due line, the record and the snooze links when it has none of them', () => {
    const bare = taskReminderEmail({ name: 'Ada', workspaceName: 'Acme', title: 'Plan', dueAt: null, timeZone: 'UTC', taskUrl: 'http://localhost/tasks/t2', related: null, actionUrl: null })
    expect(bare.text).not.toContain('Due ')
    expect(bare.html).not.toContain('/accounts/')
    expect(bare.html).not.toContain('Snooze')
    expect(bare.text).not.toContain('Snooze')
  })

  it('refuses a link that is not http(s)', () => {
    expect(() => taskReminderEmail({ name: 'Ada', workspaceName: 'Acme', title: 'Plan', dueAt: null, timeZone: 'UTC', taskUrl: 'http://localhost/tasks/t3', related: { label: 'Lead', name: 'x', url: 'javascript:alert(1)' }, actionUrl: null })).toThrow()
  })
})
