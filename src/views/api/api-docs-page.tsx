import { Fragment, jsx } from '../jsx'

// The API reference: Swagger UI (served from /vendor, see scripts/copy-assets.ts) rendering the
// OpenAPI document, whose introduction covers tokens, paging and errors. Its stylesheet and
// scripts are linked here rather than in the layout, so no other page loads them.
export function ApiDocsPage({ documentUrl }: { documentUrl: string }) {
  return (
    <>
      <h1>API reference</h1>
      <link rel="stylesheet" href="/vendor/swagger-ui/swagger-ui.css" />
      <div id="swagger-ui" data-openapi-url={documentUrl}>
        <noscript>
          This reference needs JavaScript. The same content is in the <a href={documentUrl}>OpenAPI document</a>.
        </noscript>
      </div>
      <script src="/vendor/swagger-ui/swagger-ui-bundle.js" defer></script>
      <script src="/js/api-docs.js" defer></script>
    </>
  )
}
