// The start page. Until sign-in lands (access issue) it introduces the CRM and shows live status.
export function HomePage() {
  return (
    <>
      <h1>Edge CRM</h1>
      <p class="lead">Leads, contacts, deals and follow-ups for sales and support teams, served from the edge.</p>
      <h2>System status</h2>
      <div id="system-status" hx-get="/status" hx-trigger="load" hx-swap="outerHTML" aria-busy="true">
        Checking…
      </div>
    </>
  )
}
