import { describe, expect, it } from 'vitest'
import { invitationEmail } from '../../src/views/email/invitation'
import { checkLink } from '../../src/views/email/layout'
import { passwordResetEmail } from '../../src/views/email/password-reset'

const XSS = '<script>alert(1)</script>'
const ATTR_XSS = '"><img src=x onerror=alert(1)>'

describe('passwordResetEmail', () => {
  const email = passwordResetEmail({ name: XSS, resetUrl: 'http://localhost/reset/abc?x=1&y=2', expiresMinutes: 30 })

  it('carries the reset link in both versions', () => {
    expect(email.subject).toBe('Reset your Edge CRM password')
    expect(email.html).toContain('href="http://localhost/reset/abc?x=1&amp;y=2"')
    expect(email.text).toContain('http://localhost/reset/abc?x=1&y=2')
    expect(email.text).toContain('expires in 30 minutes')
    expect(email.html.startsWith('<!doctype html>')).toBe(true)
  })

  it('escapes a malicious name in the HTML and leaves the text version literal', () => {
    expect(email.html).not.toContain('<script>')
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(email.text).toContain(`Hi ${XSS},`)
  })
})

describe('invitationEmail', () => {
  const email = invitationEmail({ inviterName: XSS, workspaceName: ATTR_XSS, role: 'rep', acceptUrl: 'https://crm.example.com/invite/t0k', expiresDays: 1 })

  it('names the inviter, the workspace and the role, and carries the link', () => {
    expect(email.subject).toBe(`${XSS} invited you to ${ATTR_XSS} on Edge CRM`)
    expect(email.text).toContain('Your role there: Sales rep.')
    expect(email.text).toContain('expires in 1 day.')
    expect(email.html).toContain('href="https://crm.example.com/invite/t0k"')
  })

  it('escapes a malicious inviter and workspace everywhere in the HTML, title included', () => {
    expect(email.html).not.toContain('<script>')
    expect(email.html).not.toContain('<img')
    expect(email.html).toContain('<title>&lt;script&gt;')
  })

  it('takes line breaks out of the subject, so a name cannot add a mail header', () => {
    const sneaky = invitationEmail({ inviterName: 'Eve\r\nBcc: all@example.com', workspaceName: 'Acme', role: 'admin', acceptUrl: 'https://x.example/i', expiresDays: 7 })
    expect(sneaky.subject).toBe('Eve Bcc: all@example.com invited you to Acme on Edge CRM')
  })
})

describe('checkLink', () => {
  it('refuses links that are not http(s)', () => {
    expect(() => checkLink('javascript:alert(1)')).toThrow()
    expect(() => checkLink('data:text/html,hi')).toThrow()
    expect(checkLink('https://ok.example/')).toBe('https://ok.example/')
  })
})
