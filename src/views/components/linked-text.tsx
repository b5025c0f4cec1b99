import { Fragment, jsx } from '../jsx'
import type { Child } from 'hono/jsx'

// Plain text a person typed (a note body, a description) with its line breaks kept and its URLs
// and email addresses made clickable. Every piece goes through JSX escaping; a link is only ever
// http, https or mailto, whatever the text says.

// Email first, so "www.bob@example.com" is an address rather than a www link with userinfo.
// The lookbehinds stop a match starting mid-word ("xwww.", "foo.bob@"), which also keeps a long
// run of address characters from being rescanned at every position.
const LINKABLE = /(?<![\w.%+-])[\w.%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?![\w-])|\bhttps?:\/\/[^\s<>"]+|(?<![\w./@-])www\.[^\s<>"]+/gi

// Punctuation that ends a sentence rather than a URL: "see https://a.com/x." or "(https://a.com)".
const TRAILING = new Set('.,;:!?\'"*_]}>)')

export function LinkedText({ text }: { text: string }) {
  const lines = text.split(/\r\n|\r|\n/)
  return (
    <>
      {lines.map((line, i) => (
        <>
          {i > 0 ? <br /> : null}
          {linkify(line)}
        </>
      ))}
    </>
  )
}

function linkify(line: string): Child[] {
  const parts: Child[] = []
  let last = 0
  for (const match of line.matchAll(LINKABLE)) {
    const start = match.index
    const found = trimTrailing(match[0])
    const link = toLink(found)
    if (!link) continue
    if (start > last) parts.push(line.slice(last, start))
    parts.push(link)
    last = start + found.length
  }
  if (last < line.length) parts.push(line.slice(last))
  return parts
}

// Drops trailing punctuation, but keeps a ")" that closes a "(" inside the URL, as in
// https://en.wikipedia.org/wiki/Mercury_(planet). Counts are kept as it trims, so a URL ending
// in thousands of ")" stays linear.
function trimTrailing(candidate: string): string {
  let end = candidate.length
  const open = candidate.split('(').length - 1
  let close = candidate.split(')').length - 1
  while (end > 0 && TRAILING.has(candidate.charAt(end - 1))) {
    const ch = candidate.charAt(end - 1)
    if (ch === ')') {
      if (open >= close) break
      close -= 1
    }
    end -= 1
  }
  return candidate.slice(0, end)
}

function toLink(found: string): Child | null {
  if (/^(?:https?:\/\/|www\.)/i.test(found)) {
    const href = /^www\./i.test(found) ? `https://${found}` : found
    // The URL API is the judge: an unparseable candidate stays plain text.
    if (!URL.canParse(href)) return null
    const { protocol } = new URL(href)
    if (protocol !== 'http:' && protocol !== 'https:') return null
    return (
      <a href={href} rel="noopener noreferrer nofollow" target="_blank">
        {found}
      </a>
    )
  }
  if (!found.includes('@')) return null
  return <a href={`mailto:${found}`}>{found}</a>
}
