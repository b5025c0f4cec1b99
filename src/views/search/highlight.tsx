import { Fragment, jsx } from '../jsx'
// Search results show what matched: the query's words, wherever a word of the text starts with
// one of them (search matches by word prefix), wrapped in <mark>. The text is split into plain
// strings and JSX elements, so the renderer escapes every part: "<b>" in a name stays text.

export type Piece = { text: string; match: boolean }

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function matcher(words: string[]): RegExp | null {
  const alternatives = [...new Set(words.filter((w) => w !== ''))].sort((a, b) => b.length - a.length).map(escapeRegExp)
  return alternatives.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})`, 'giu') : null
}

export function splitMatches(text: string, words: string[]): Piece[] {
  const re = matcher(words)
  if (!re || text === '') return text === '' ? [] : [{ text, match: false }]
  const pieces: Piece[] = []
  let at = 0
  for (const m of text.matchAll(re)) {
    if (m.index > at) pieces.push({ text: text.slice(at, m.index), match: false })
    pieces.push({ text: m[0], match: true })
    at = m.index + m[0].length
  }
  if (at < text.length) pieces.push({ text: text.slice(at), match: false })
  return pieces
}

// A note can be long: the part around its first match, on one line.
export function excerptAround(text: string, words: string[], max = 180): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= max) return flat
  const first = matcher(words)?.exec(flat)?.index ?? 0
  const start = Math.max(0, Math.min(first - 40, flat.length - max))
  return `${start > 0 ? '…' : ''}${flat.slice(start, start + max).trim()}${start + max < flat.length ? '…' : ''}`
}

export function Highlight({ text, words }: { text: string; words: string[] }) {
  return <>{splitMatches(text, words).map((p) => (p.match ? <mark>{p.text}</mark> : p.text))}</>
}
