import { Fragment, jsx } from '../jsx'
import type { Child } from 'hono/jsx'

// The shape every note and activity list shares: newest first, with a "Load more" that fetches
// the next page of <li>s in place of itself (or, without JS, opens that page).
export function EntryList({ empty, count, children }: { empty: string; count: number; children: Child }) {
  return count === 0 ? <p class="empty">{empty}</p> : <ol class="timeline entries">{children}</ol>
}

export function LoadMore({ next }: { next: string | null }) {
  if (!next) return null
  return (
    <li class="timeline-more">
      <button type="button" class="secondary" hx-get={next} hx-target="closest li" hx-swap="outerHTML">
        Load more <span class="htmx-indicator" aria-hidden="true">…</span>
      </button>
      <noscript>
        <a href={next}>More</a>
      </noscript>
    </li>
  )
}

// A record page's notes or activities, loaded after the page and again whenever a quick action
// (or anything else that sends HX-Trigger: timeline-changed) changes the record.
export function LazySection({ id, heading, url }: { id: string; heading: string; url: string }) {
  return (
    <section class="record-entries" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      <div id={id} hx-get={url} hx-trigger="load, timeline-changed from:body" hx-swap="innerHTML">
        <a href={url}>Show {heading.toLowerCase()}</a>
      </div>
    </section>
  )
}

// The page behind a list's link when JS is off: the list, and the way back to its record.
export function EntryPage({ title, back, children }: { title: string; back: string; children: Child }) {
  return (
    <>
      <h1>{title}</h1>
      {children}
      <p>
        <a href={back}>Back to the record</a>
      </p>
    </>
  )
}
