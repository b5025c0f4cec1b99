import { Fragment, jsx } from '../jsx'
import type { SearchHit } from '../../db/queries/search'
import { relatedPath, RELATED_LABELS } from '../../domain/related/related'
import type { SearchType } from '../../domain/search/query'
import { excerptAround, Highlight } from './highlight'

export type SearchTab = 'records' | 'notes'

// Results come ranked from the query; the UI groups them by type in this order, keeping the rank
// inside each group.
const GROUPS: { type: SearchType; label: string }[] = [
  { type: 'contact', label: 'Contacts' },
  { type: 'account', label: 'Accounts' },
  { type: 'lead', label: 'Leads' },
  { type: 'opportunity', label: 'Deals' },
  { type: 'note', label: 'Notes' },
]

export const hitHref = (hit: SearchHit): string =>
  hit.type === 'note' ? relatedPath({ type: hit.relatedType ?? 'contact', id: hit.relatedId ?? '' }) : relatedPath({ type: hit.type, id: hit.id })

const groupsOf = (hits: SearchHit[]) => GROUPS.map((g) => ({ ...g, hits: hits.filter((h) => h.type === g.type) })).filter((g) => g.hits.length)

export const searchUrl = (q: string, tab: SearchTab = 'records') => `/search?${new URLSearchParams(tab === 'notes' ? { q, tab } : { q })}`

function HitText({ hit, words }: { hit: SearchHit; words: string[] }) {
  const subtitle = hit.type === 'note' ? excerptAround(hit.subtitle, words) : hit.subtitle
  return (
    <>
      <span class="search-hit-title">
        {hit.type === 'note' ? `${RELATED_LABELS[hit.relatedType ?? 'contact']}: ` : null}
        <Highlight text={hit.title} words={words} />
      </span>
      {subtitle ? (
        <span class="search-hit-subtitle">
          <Highlight text={subtitle} words={words} />
        </span>
      ) : null}
    </>
  )
}

// The header box's dropdown, a listbox the keyboard moves through (public/js/app.js): each option
// is a link to the record, so a click or Enter opens it.
export function SearchSuggestions({ q, hits, words }: { q: string; hits: SearchHit[]; words: string[] }) {
  if (q === '') return <></>
  let n = 0
  return (
    <div role="listbox" aria-label={`Results for ${q}`} class="search-suggestions">
      {hits.length === 0 ? <p class="empty">No records match “{q}”.</p> : null}
      {groupsOf(hits).map((g) => (
        <ul role="group" aria-label={g.label}>
          <li role="presentation" class="search-group-label">
            {g.label}
          </li>
          {g.hits.map((hit) => (
            <li role="option" id={`search-option-${n++}`} aria-selected="false">
              <a href={hitHref(hit)} tabindex={-1}>
                <HitText hit={hit} words={words} />
              </a>
            </li>
          ))}
        </ul>
      ))}
      <a class="search-all" href={searchUrl(q)}>
        All results for “{q}”
      </a>
    </div>
  )
}

function Tabs({ q, tab }: { q: string; tab: SearchTab }) {
  return (
    <nav class="search-tabs" aria-label="Search in">
      <a href={searchUrl(q)} aria-current={tab === 'records' ? 'page' : undefined}>
        Records
      </a>
      <a href={searchUrl(q, 'notes')} aria-current={tab === 'notes' ? 'page' : undefined}>
        Notes
      </a>
    </nav>
  )
}

// The full results page: what Enter in the header box opens, and what a browser without
// JavaScript gets. A plain GET form; the tabs are links.
export function SearchPage({ q, tab, hits, words }: { q: string; tab: SearchTab; hits: SearchHit[]; words: string[] }) {
  const groups = groupsOf(hits)
  return (
    <>
      <h1>Search</h1>
      <form class="search-form" method="get" action="/search" role="search">
        <label for="search-q">Search accounts, contacts, leads, deals and notes</label>
        <div class="search-form-row">
          <input id="search-q" type="search" name="q" value={q} maxlength={200} autocomplete="off" />
          {tab === 'notes' ? <input type="hidden" name="tab" value="notes" /> : null}
          <button type="submit">Search</button>
        </div>
        <p class="field-hint">Names, emails and domains by their start, phone numbers in any format; small typos are forgiven.</p>
      </form>
      {q === '' ? null : (
        <>
          <Tabs q={q} tab={tab} />
          {groups.length === 0 ? <p class="empty">{tab === 'notes' ? `No notes match “${q}”.` : `No records match “${q}”.`}</p> : null}
          {groups.map((g) => (
            <section class="search-group" aria-labelledby={`search-group-${g.type}`}>
              <h2 id={`search-group-${g.type}`}>{g.label}</h2>
              <ul class="search-hits">
                {g.hits.map((hit) => (
                  <li>
                    <a href={hitHref(hit)}>
                      <HitText hit={hit} words={words} />
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </>
  )
}
