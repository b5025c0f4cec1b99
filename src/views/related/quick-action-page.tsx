import { Fragment, jsx } from '../jsx'
import type { Child } from 'hono/jsx'

// Where a quick action lands without JS when its input needs fixing: the same panel, with the
// typed values and errors, and the way back to the record.
export function QuickActionPage({ back, children }: { back: string | null; children: Child }) {
  return (
    <>
      <h1>Some fields need attention</h1>
      {children}
      {back ? (
        <p>
          <a href={back}>Back to the record</a>
        </p>
      ) : null}
    </>
  )
}
