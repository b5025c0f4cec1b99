// The signed-in start page. "My work" (tasks, leads, deals) arrives with the core records.
export function HomePage({ name, workspace }: { name: string; workspace: string }) {
  return (
    <>
      <h1>Welcome, {name}</h1>
      <p class="lead">You are working in {workspace}.</p>
      <h2>System status</h2>
      <div id="system-status" hx-get="/status" hx-trigger="load" hx-swap="outerHTML" aria-busy="true">
        Checking…
      </div>
    </>
  )
}
