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
    taskUrl: 'http://localhost/tasks/t1',
    related: { label: 'Account', name: ATTR_XSS, url: 'http://localhost/accounts/a1?x=1&y=2' },
  })

  it('links to the task and its record in both versions, with the due time in UTC', () => {
    expect(email.subject).toBe(`Reminder: Call ${XSS}`)
    expect(email.html).toContain('href="http://localhost/tasks/t1"')
    expect(email.html).toContain('href="http://localhost/accounts/a1?x=1&amp;y=2"')
    expect(email.text).toContain('http://localhost/tasks/t1')
    expect(email.text).toContain('http://localhost/accounts/a1?x=1&y=2')
    expect(email.text).toContain('Due 2 Jan 2026, 15:30 UTC.')
    expect(email.html).toContain('Due 2 Jan 2026, 15:30 UTC.')
  })

  it('escapes every user-supplied value in the HTML and keeps the text literal', () => {
    expect(email.html).not.toContain('<script>')
    expect(email.html).not.toContain('<img')
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(email.text).toContain(`Account: ${ATTR_XSS}`)
  })

  it('leaves out the due line and the record when the task has neither', () => {
    const bare = taskReminderEmail({ name: 'Ada', workspaceName: 'Acme', title: 'Plan', dueAt: null, taskUrl: 'http://localhost/tasks/t2', related: null })
    expect(bare.text).not.toContain('Due ')
    expect(bare.html).not.toContain('/accounts/')
  })

  it('refuses a link that is not http(s)', () => {
    expect(() => taskReminderEmail({ name: 'Ada', workspaceName: 'Acme', title: 'Plan', dueAt: null, taskUrl: 'http://localhost/tasks/t3', related: { label: 'Lead', name: 'x', url: 'javascript:alert(1)' } })).toThrow()
  })
})
