import { describe, expect, it } from 'vitest'
import { excerptAround, splitMatches } from '../../src/views/search/highlight'

describe('search highlighting', () => {
  it('marks the query words where a word of the text starts with them, whatever the case', () => {
    expect(splitMatches('John Johnson-Smith', ['john', 'smi'])).toEqual([
      { text: 'John', match: true },
      { text: ' ', match: false },
      { text: 'John', match: true },
      { text: 'son-', match: false },
      { text: 'Smi', match: true },
      { text: 'th', match: false },
    ])
    // Inside a word is not a match: search matches words by their start.
    expect(splitMatches('Benjamin', ['jam'])).toEqual([{ text: 'Benjamin', match: false }])
    expect(splitMatches('Zoë Ålund', ['zoë', 'ålu']).filter((p) => p.match).map((p) => p.text)).toEqual(['Zoë', 'Ålu'])
  })

  it('prefers the longer of two words that start at the same place, and treats regex characters as text', () => {
    expect(splitMatches('Smithson', ['smith', 'smithson']).filter((p) => p.match).map((p) => p.text)).toEqual(['Smithson'])
    expect(splitMatches('a+b (c)', ['a+b', '(c'])).toEqual([
      { text: 'a+b', match: true },
      { text: ' ', match: false },
      { text: '(c', match: true },
      { text: ')', match: false },
    ])
    expect(splitMatches('', ['x'])).toEqual([])
    expect(splitMatches('text', [])).toEqual([{ text: 'text', match: false }])
  })

  it('cuts a long note around its first match, on one line', () => {
    const body = `${'Intro words. '.repeat(30)}The budget\nwas approved by the board. ${'More words. '.repeat(30)}`
    const cut = excerptAround(body, ['budget'])
    expect(cut.length).toBeLessThanOrEqual(182)
    expect(cut).toMatch(/^….*The budget was approved by the board\..*…$/)
    expect(excerptAround('Short note\nhere.', ['note'])).toBe('Short note here.')
  })
})
