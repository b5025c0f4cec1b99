import { Fragment, jsx } from '../jsx'
import { LazySection } from './entry-list'

// Drop-in for a record page: its notes and its activities, each loaded lazily and refreshed
// after every quick action.
export function RecordEntries({ relatedType, relatedId }: { relatedType: string; relatedId: string }) {
  const qs = `relatedType=${encodeURIComponent(relatedType)}&relatedId=${encodeURIComponent(relatedId)}`
  return (
    <>
      <LazySection id="record-notes" heading="Notes" url={`/notes?${qs}`} />
      <LazySection id="record-activities" heading="Activities" url={`/activities?${qs}`} />
    </>
  )
}
