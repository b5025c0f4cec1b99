import { Fragment, jsx } from '../jsx'
// The signed-in start page: where to begin the day, and whether the system is healthy.
export function HomePage({ name, workspace }: { name: string; workspace: string }) {
  return (
    <>
      <h1>Welcome, {name}</h1>
      <p class="lead">You are working in {workspace}.</p>
      <p>
        <a class="button" href="/my-work">
          Open My work
        </a>
      </p>
      <h2>System status</h2>
      <div id="system-status" hx-get="/status" hx-trigger="load" hx-swap="outerHTML" aria-busy="true">
        Checking…
      </div>
    </>
  )
}
