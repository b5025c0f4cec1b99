import { jsx } from '../jsx'
// After asking for a large export: the file is being written by a job, and this page (also the
// emailed link) offers it once it is there.
export function ExportPendingPage({ email, noun, back }: { email: string; noun: string; back: string }) {
  return (
    <section class="export-pending">
      <h1>We are preparing your export</h1>
      <p>
        There are too many {noun} to download at once, so we are writing the file for you. We will email you a link at <strong>{email}</strong> when it is ready, usually within a few minutes.
      </p>
      <p>This page offers the file too once it is ready: reload it then. If no email arrives within an hour, export the list again.</p>
      <p>
        <a href={back}>Back to the list</a>
      </p>
    </section>
  )
}
