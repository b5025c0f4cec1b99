import type { CountryCode } from 'libphonenumber-js/min'
import * as z from 'zod'
import { normalisePhone } from '../records/normalise'

// Global search: what can be searched, the request, and how a typed query turns into the index
// lookups of src/db/queries/search.ts.

export const RECORD_SEARCH_TYPES = ['account', 'contact', 'lead', 'opportunity'] as const
export const SEARCH_TYPES = [...RECORD_SEARCH_TYPES, 'note'] as const
export type SearchType = (typeof SEARCH_TYPES)[number]

export const MAX_QUERY_LENGTH = 200
export const MAX_SEARCH_LIMIT = 50

// `types` is a comma-separated list ("contact,account"); records only by default, because notes
// are a tab of their own in the UI. `limit` caps each type, not the whole answer.
export const SearchQuery = z
  .object({
    q: z.string().trim().min(1, 'Type something to search for.').max(MAX_QUERY_LENGTH, `Keep the search to ${MAX_QUERY_LENGTH} characters or fewer.`),
    types: z
      .string()
      .optional()
      .transform((s, ctx) => {
        if (s === undefined || s.trim() === '') return [...RECORD_SEARCH_TYPES] as SearchType[]
        const types = [...new Set(s.split(',').map((t) => t.trim()))]
        const unknown = types.filter((t) => !(SEARCH_TYPES as readonly string[]).includes(t))
        if (unknown.length) ctx.addIssue({ code: 'custom', message: `Unknown type ${unknown.join(', ')}; use ${SEARCH_TYPES.join(', ')}.` })
        return types as SearchType[]
      }),
    limit: z.coerce.number().int().min(1).max(MAX_SEARCH_LIMIT).default(10),
  })
  .strict()

// The results page and the header box's fragment: a blank query is an empty page, not an error.
export const SearchPageQuery = z.object({
  q: z.string().trim().max(MAX_QUERY_LENGTH, `Keep the search to ${MAX_QUERY_LENGTH} characters or fewer.`).default(''),
  tab: z.enum(['records', 'notes']).catch('records'),
})

// How a query is looked up. Every field is an index lookup of its own; the query module runs the
// ones that are set and merges their hits by score.
export type SearchPlan = {
  // The query as typed (trimmed), for trigram similarity.
  text: string
  // Lower-cased words (letters and digits), highlighted in results.
  words: string[]
  // How the words are matched, each word as the start of a word of the record:
  // - 'starts': a short query (one word of up to 3 characters, or words all under 3) is the start
  //   of a name, read in order from a btree index, so the page is found without reading the
  //   tens of thousands of names that "j" or "mar" starts (nor their trigrams, which match nearly
  //   everything at that length). Any further words are checked on the rows found.
  // - 'words': the words of 3+ characters, with their typo corrections, are looked up in the
  //   tsvector index; shorter ones ("john s") are checked on the rows found (checkShort).
  // - 'none': a phone number or an email prefix, or no words at all.
  match: 'none' | 'starts' | 'words'
  checkShort: boolean
  // E.164 digits of a query that reads as a phone number in the workspace's default country.
  phoneDigits: string | null
  // An exact prefix of an email address (the query contains "@", or is one dotted token such as
  // "ada.lovelace") and of a domain ("acme.co").
  emailPrefix: string | null
  domainPrefix: string | null
}

const PHONE_CHARS = /^[+\d\s().\-/]+$/
const WORD = /[\p{L}\p{N}]+/gu
const MAX_WORDS = 8
// Words shorter than this are never looked up in the tsvector index: a one- or two-letter prefix
// expands to a large part of a workspace's vocabulary, and of its rows.
export const INDEXED_WORD = 3

export function planSearch(query: string, country: CountryCode): SearchPlan {
  const text = query.trim().normalize('NFC')
  const lower = text.toLowerCase()
  const none: SearchPlan = { text, words: [], match: 'none', checkShort: false, phoneDigits: null, emailPrefix: null, domainPrefix: null }
  const digits = text.replace(/\D/g, '')
  // "+1 (415) 555-0100", "415-555-0100" and "4155550100" are one number: a query that is all
  // phone characters, with enough digits to be a valid number, is looked up as that number only.
  const phone = PHONE_CHARS.test(text) && digits.length >= 7 ? normalisePhone(text, country) : null
  if (phone) return { ...none, words: [digits], phoneDigits: phone.digits }
  const words = [...new Set(lower.match(WORD) ?? [])].slice(0, MAX_WORDS)
  const oneToken = !/\s/.test(lower)
  if (oneToken && lower.includes('@')) return { ...none, words, emailPrefix: lower }
  const dotted = oneToken && lower.includes('.') && words.length > 0
  const indexed = words.filter((w) => w.length >= INDEXED_WORD).length
  const starts = words.length === 1 ? (words[0]?.length ?? 0) <= INDEXED_WORD : indexed === 0
  return {
    ...none,
    words,
    match: words.length === 0 ? 'none' : starts ? 'starts' : 'words',
    checkShort: !starts && indexed < words.length,
    emailPrefix: dotted ? lower : null,
    domainPrefix: dotted ? lower : null,
  }
}
