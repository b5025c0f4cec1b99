import * as fc from 'fast-check'
import { jsx } from 'hono/jsx'
import { describe, expect, it } from 'vitest'
import { LinkedText } from '../../src/views/components/linked-text'

// Test files are .ts, so components are called through jsx() rather than written as tags.
const render = async (text: string): Promise<string> => String(await jsx(LinkedText, { text }).toString())
const hrefs = (html: string): string[] => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1] ?? '')
const EXTERNAL = 'rel="noopener noreferrer nofollow" target="_blank"'

describe('LinkedText', () => {
  it('keeps line breaks as <br> and escapes everything else', async () => {
    expect(await render('one\ntwo\r\nthree & <b>four</b>')).toBe('one<br/>two<br/>three &amp; &lt;b&gt;four&lt;/b&gt;')
  })

  it.each([
    ['an https URL', 'see https://example.com/a?b=1&c=2 now', 'https://example.com/a?b=1&amp;c=2', 'https://example.com/a?b=1&amp;c=2'],
    ['an http URL', 'http://example.com', 'http://example.com', 'http://example.com'],
    ['a www. URL, given https', 'visit www.example.com today', 'https://www.example.com', 'www.example.com'],
    ['an upper-case scheme', 'HTTPS://EXAMPLE.COM/X', 'HTTPS://EXAMPLE.COM/X', 'HTTPS://EXAMPLE.COM/X'],
    ['a URL with balanced parentheses', 'https://en.wikipedia.org/wiki/Mercury_(planet)', 'https://en.wikipedia.org/wiki/Mercury_(planet)', 'https://en.wikipedia.org/wiki/Mercury_(planet)'],
  ])('links %s', async (_label, text, href, shown) => {
    const html = await render(text)
    expect(html).toContain(`<a href="${href}" ${EXTERNAL}>${shown}</a>`)
  })

  it.each([
    ['full stop', 'Go to https://example.com/x.', 'https://example.com/x', '.'],
    ['comma', 'https://example.com, then', 'https://example.com', ', then'],
    ['closing parenthesis', '(see https://example.com/page)', 'https://example.com/page', ')'],
    ['run of marks', 'Really? www.example.com!?)', 'https://www.example.com', '!?)'],
    ['quote', '"https://example.com/q"', 'https://example.com/q', '"'],
  ])('leaves out a trailing %s', async (_label, text, href, after) => {
    const html = await render(text)
    expect(hrefs(html)).toEqual([href])
    expect(html).toContain(`</a>${after.replaceAll('"', '&quot;')}`)
  })

  it('links email addresses with mailto', async () => {
    const html = await render('Write to Bob.Smith+crm@example.co.uk.')
    expect(html).toBe('Write to <a href="mailto:Bob.Smith+crm@example.co.uk">Bob.Smith+crm@example.co.uk</a>.')
  })

  it('links several things on several lines', async () => {
    const html = await render('a https://a.example.com b\nbob@example.com www.b.example.org')
    expect(hrefs(html)).toEqual(['https://a.example.com', 'mailto:bob@example.com', 'https://www.b.example.org'])
  })

  it.each([
    ['javascript: URLs', 'javascript:alert(1)'],
    ['data: URLs', 'data:text/html,<script>alert(1)</script>'],
    ['vbscript: URLs', 'vbscript:msgbox(1)'],
    ['a www. inside a word', 'xwww.example.com'],
    ['a scheme with nothing after it', 'https://'],
    ['a URL with an invalid host', 'https://exa%zzmple.com'],
    ['a URL with an unclosed IPv6 host', 'http://[::1'],
    ['a bare domain', 'example.com'],
  ])('does not link %s', async (_label, text) => {
    const html = await render(text)
    expect(html).not.toContain('<a ')
  })

  it('never lets arbitrary text produce a script tag or a link outside http, https and mailto', async () => {
    const pieces = fc.constantFrom('<script>', '</script>', '<SCRIPT src=x>', 'javascript:', 'JaVaScRiPt:alert(1)', '"', "'", '>', '<', '&', 'https://', 'http://', 'www.', '@', 'mailto:', '.com', ' ', '\n', '(', ')', 'onerror=', 'x')
    const text = fc.oneof(fc.string({ unit: 'grapheme' }), fc.array(fc.oneof(pieces, fc.string()), { maxLength: 12 }).map((parts) => parts.join('')))
    await fc.assert(
      fc.asyncProperty(text, async (input) => {
        const html = await render(input)
        expect(html.toLowerCase()).not.toContain('<script')
        for (const href of hrefs(html)) {
          expect(href).toMatch(/^(https?:\/\/|mailto:)/)
          expect(href.toLowerCase()).not.toMatch(/^\s*javascript:/)
        }
        // The only tags are the ones the component writes.
        for (const tag of html.match(/<[^>]*>/g) ?? []) expect(tag).toMatch(/^(<br\/>|<a href="[^"]*"( rel="noopener noreferrer nofollow" target="_blank")?>|<\/a>)$/)
      }),
      { numRuns: 300 },
    )
  })
})
