import { jsx } from '../jsx'
// The whole-page error view: the status and a human sentence, never a stack trace.
export function ErrorPage({ status, title, detail }: { status: number; title: string; detail?: string }) {
  return (
    <section class="error-page">
      <p class="error-status">{status}</p>
      <h1>{title}</h1>
      {detail ? <p>{detail}</p> : null}
      <p>
        <a href="/">Back to the start page</a>
      </p>
    </section>
  )
}
