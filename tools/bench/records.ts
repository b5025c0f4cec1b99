// How each generated record is made, as SQL expressions of its row number: name, ids, owner,
// dates. Everything another table needs (a contact's account, an account's domain and owner, a
// record's id) is a pure function of that number, so tables can be filled in any order with plain
// INSERT ... SELECT FROM generate_series and no lookups.
import { below, digits, draw, v7, type Binder } from './sql.ts'
import type { BenchPlan, BenchWorkspace } from './plan.ts'
import { AREA_CODES, ascii, CITIES, FIRST, FREEMAIL, KINDS, LANDMARKS, LAST, PREFIXES, PRODUCTS, STREETS, SUFFIXES, TLDS } from './words.ts'

export type Entity = 'accounts' | 'contacts' | 'leads' | 'opportunities'

const FIRST_ASCII = FIRST.map(ascii)
const LAST_ASCII = LAST.map(ascii)
const PREFIX_SLUGS = PREFIXES.map(ascii)
const LANDMARK_SLUGS = LANDMARKS.map(ascii)
const KIND_WORDS = KINDS.map((k) => k.word)
const KIND_SLUGS = KINDS.map((k) => ascii(k.word))
const INDUSTRIES = KINDS.map((k) => k.industry)
const SUFFIX_SLUGS = SUFFIXES.map(ascii)
// Distinct company names before a suffix is needed ("... Group"); the multiplier is a prime larger
// than that, so consecutive accounts get unrelated names.
export const COMPANY_NAMES = PREFIXES.length * LANDMARKS.length * KINDS.length
const SPREAD = 1_000_003

// FNV-1a: one independent hash stream per (seed, workspace, purpose).
function saltOf(text: string): bigint {
  let h = 0xcbf29ce484222325n
  for (const ch of text) h = ((h ^ BigInt(ch.codePointAt(0) ?? 0)) * 0x100000001b3n) & 0xffffffffffffffffn
  // 62 bits, so that salt + 1 (the second half of a v7 id) stays an int8 too.
  return h & 0x3fffffffffffffffn
}

export type Records = ReturnType<typeof recordsOf>

// A LATERAL step computing `columns` once per row. OFFSET 0 keeps the planner from folding it into
// the outer query, which would copy every expression into each place that uses it.
export const lateral = (alias: string, columns: Record<string, string>): string =>
  `CROSS JOIN LATERAL (SELECT ${Object.entries(columns).map(([name, expr]) => `${expr} AS ${name}`).join(', ')} OFFSET 0) ${alias}`

export function recordsOf(plan: BenchPlan, ws: BenchWorkspace, b: Binder) {
  const n = ws.sizes
  const anchor = plan.anchor.getTime()
  const salts = new Map<string, bigint>()
  const salt = (name: string) => {
    let s = salts.get(name)
    if (s === undefined) salts.set(name, (s = saltOf(`${plan.seed}/${ws.index}/${name}`)))
    return s
  }
  const members = ws.members.map((m) => m.id)
  const r = (name: string, i: string) => draw(salt(name), i)
  const num = (name: string, i: string, count: number | string) => below(salt(name), i, count)
  const pick = (list: readonly unknown[], name: string, i: string, type = 'text') => b.pick(list, type, num(name, i, list.length))
  // CASE over cumulative weights: weighted('x', i, [['a', 3], ['b', 1]]) is 'a' three times in four.
  const weighted = (name: string, i: string, choices: [string, number][]) => {
    const total = choices.reduce((s, [, w]) => s + w, 0)
    let sum = 0
    const arms = choices.slice(0, -1).map(([v, w]) => `WHEN ${r(name, i)} < ${(sum += w) / total} THEN ${v}`)
    return `CASE ${arms.join(' ')} ELSE ${choices[choices.length - 1]?.[0]} END`
  }

  // Rows are numbered in creation order over the three years, as an app fills its tables.
  const created = (e: Entity, i: string) => `(${plan.start} + floor(((${i}) + ${r(`${e}.time`, i)}) * ${(anchor - plan.start) / n[e]}))::int8`
  const id = (e: Entity, i: string) => v7(created(e, i), salt(`${e}.id`), i)
  // The id of a row of another table (an event, a tag link), numbered `i` in its own stream.
  const idOf = (stream: string, ms: string, i: string) => v7(ms, salt(`${stream}.id`), i)
  // A moment between `ms` and the anchor day.
  const later = (name: string, i: string, ms: string) => `((${ms}) + floor(${r(name, i)} * (${anchor} - (${ms}))))::int8`
  const member = (name: string, i: string) => pick(members, name, i, 'uuid')
  const accountOwner = (a: string) => member('accounts.owner', a)

  // A contact works at an account created before them (older accounts gather more people), or
  // at none; null when the contact is among the very first.
  const accountOfContact = (c: string) => {
    const older = `((${c})::int8 * ${n.accounts} / ${n.contacts})`
    return `CASE WHEN ${r('contacts.employed', c)} < 0.9 AND ${older} >= 1 THEN ${num('contacts.account', c, older)} END`
  }

  // "Harbor Ridge Logistics", harborridgelogistics.com; past the distinct names, "... Group".
  const company = (x: string) => {
    const c = `((${x})::int8 * ${SPREAD} % ${COMPANY_NAMES})`
    const gen = `((${x})::int8 / ${COMPANY_NAMES})`
    const p = `(${c} % ${PREFIXES.length})`
    const l = `(${c} / ${PREFIXES.length} % ${LANDMARKS.length})`
    const k = `(${c} / ${PREFIXES.length * LANDMARKS.length})`
    const s = `(${gen} % ${SUFFIXES.length})`
    const more = `CASE WHEN ${gen} >= ${SUFFIXES.length} THEN (${gen} / ${SUFFIXES.length})::text END`
    return {
      get name() {
        return `concat_ws(' ', ${b.pick(PREFIXES, 'text', p)}, ${b.pick(LANDMARKS, 'text', l)}, ${b.pick(KIND_WORDS, 'text', k)}, nullif(${b.pick(SUFFIXES, 'text', s)}, ''), ${more})`
      },
      get domain() {
        return `${b.pick(PREFIX_SLUGS, 'text', p)} || ${b.pick(LANDMARK_SLUGS, 'text', l)} || ${b.pick(KIND_SLUGS, 'text', k)} || ${b.pick(SUFFIX_SLUGS, 'text', s)} || coalesce(${more}, '') || '.' || ${b.pick(TLDS, 'text', `${c} % ${TLDS.length}`)}`
      },
      get industry() {
        return b.pick(INDUSTRIES, 'text', k)
      },
    }
  }

  const address = (name: string, i: string) => `(10 + ${num(`${name}.no`, i, 2390)})::text || ' ' || ${pick(STREETS, `${name}.street`, i)} || ', ' || ${pick(CITIES, `${name}.city`, i)}`

  // A person: names, an email at `domain` (a free mailbox when that is NULL), a phone in one of
  // the ways people type them, with the normalised columns as the app fills them. The parts are
  // computed once per row in LATERAL steps (`from`), which the fields then refer to by name.
  // `unique` (leads: one live lead per email and per phone in a workspace, by unique index) numbers
  // the email's local part and draws the phone's exchange and line from the row number instead.
  const person = (tag: string, i: string, domain: string, country = `'US'`, unique = false) => {
    const c = (name: string) => `${tag}_${name}`
    // 792 exchanges (200-999 without the N11 codes) × 10,000 lines: distinct up to 7.9M rows.
    const k = `((${i}) / 10000 % 792)`
    const exchange = unique ? `(2 + ${k} / 99) * 100 + ${k} % 99 + CASE WHEN ${k} % 99 >= 11 THEN 1 ELSE 0 END` : `200 + ${num(`${tag}.exchange`, i, 800)}`
    const from = [
      lateral(`${tag}1`, {
        [c('fi')]: num(`${tag}.first`, i, FIRST.length),
        [c('li')]: num(`${tag}.last`, i, LAST.length),
        [c('style')]: r(`${tag}.local`, i),
        [c('at')]: `coalesce('@' || ${domain}, ((${i}) % 1000)::text || '@' || ${pick(FREEMAIL, `${tag}.mailbox`, i)})`,
        [c('caps')]: `${r(`${tag}.caps`, i)} < 0.08`,
        [c('has')]: `${r(`${tag}.phone`, i)} < 0.85`,
        [c('area')]: pick(AREA_CODES, `${tag}.area`, i),
        [c('ex')]: exchange,
        [c('line')]: digits(unique ? `(${i}) % 10000` : num(`${tag}.line`, i, 10_000), 4),
        [c('uk')]: `'207' || ${digits(unique ? `(${i}) / 10000 % 1000` : num(`${tag}.uk`, i, 1000), 3)}`,
        [c('format')]: num(`${tag}.format`, i, 4),
        [c('gb')]: `${country} = 'GB'`,
      }),
      lateral(`${tag}2`, {
        [c('f')]: b.pick(FIRST_ASCII, 'text', c('fi')),
        [c('l')]: b.pick(LAST_ASCII, 'text', c('li')),
        // N11 codes (411, 911) are not exchanges.
        [c('exchange')]: `(CASE WHEN ${c('ex')} % 100 = 11 THEN ${c('ex')} + 1 ELSE ${c('ex')} END)::text`,
      }),
      lateral(`${tag}3`, {
        [c('email')]: `CASE WHEN ${c('style')} < 0.6 THEN ${c('f')} || '.' || ${c('l')} WHEN ${c('style')} < 0.9 THEN left(${c('f')}, 1) || ${c('l')} ELSE ${c('f')} || ${c('l')} END${unique ? ` || (${i})::text` : ''} || ${c('at')}`,
        [c('e164')]: `CASE WHEN ${c('has')} THEN CASE WHEN ${c('gb')} THEN '+44' || ${c('uk')} || ${c('line')} ELSE '+1' || ${c('area')} || ${c('exchange')} || ${c('line')} END END`,
      }),
    ].join('\n')
    const [area, ex, line] = [c('area'), c('exchange'), c('line')]
    return {
      from,
      first: b.pick(FIRST, 'text', c('fi')),
      last: b.pick(LAST, 'text', c('li')),
      // Some people type their address capitalised; the normalised column is lower case.
      email: `CASE WHEN ${c('caps')} THEN upper(left(${c('email')}, 1)) || substr(${c('email')}, 2) ELSE ${c('email')} END`,
      emailNormalized: c('email'),
      phone: `CASE WHEN NOT ${c('has')} THEN NULL WHEN ${c('gb')} THEN '+44 20 7' || right(${c('uk')}, 3) || ' ' || ${line} ELSE CASE ${c('format')}
        WHEN 0 THEN '(' || ${area} || ') ' || ${ex} || '-' || ${line}
        WHEN 1 THEN ${area} || '-' || ${ex} || '-' || ${line}
        WHEN 2 THEN '+1 ' || ${area} || ' ' || ${ex} || ' ' || ${line}
        ELSE ${area} || '.' || ${ex} || '.' || ${line} END END`,
      phoneE164: c('e164'),
      phoneDigits: `substr(${c('e164')}, 2)`,
    }
  }

  // The name person() gives the same row, without the rest.
  const personName = (tag: string, i: string) => `${pick(FIRST, `${tag}.first`, i)} || ' ' || ${pick(LAST, `${tag}.last`, i)}`

  const opportunityAccount = (j: string, contact: string) => `coalesce(${accountOfContact(contact)}, CASE WHEN ${r('opportunities.direct', j)} < 0.8 AND (${j})::int8 * ${n.accounts} / ${n.opportunities} >= 1 THEN ${num('opportunities.account', j, `(${j})::int8 * ${n.accounts} / ${n.opportunities}`)} END)`
  // A deal's primary contact: someone created before it, or none.
  const opportunityContact = (j: string) => {
    const older = `((${j})::int8 * ${n.contacts} / ${n.opportunities})`
    return `CASE WHEN ${r('opportunities.hasContact', j)} < 0.8 AND ${older} >= 1 THEN ${num('opportunities.contact', j, older)} END`
  }
  const opportunityName = (j: string, account: string) => `CASE WHEN ${account} IS NOT NULL THEN ${company(account).name} || ': ' ELSE '' END || ${pick(PRODUCTS, 'opportunities.product', j)}`

  return { n, anchor, r, num, pick, weighted, created, id, idOf, later, member, accountOwner, accountOfContact, company, address, person, personName, opportunityAccount, opportunityContact, opportunityName }
}
