// Starts Swagger UI on /api/docs (loaded only there, after /vendor/swagger-ui/swagger-ui-bundle.js).
// The document's address comes from the page, so it is named in one place (OPENAPI_PATH).
(function () {
  var root = document.getElementById('swagger-ui')
  if (!root || typeof SwaggerUIBundle !== 'function') return
  SwaggerUIBundle({
    url: root.getAttribute('data-openapi-url'),
    domNode: root,
    // BaseLayout without the standalone preset's top bar, whose logo is an inline <style>.
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    deepLinking: true,
    filter: true,
    displayOperationId: true,
    // Off: the default is a badge image from swagger.io, which our CSP (rightly) refuses.
    validatorUrl: null,
  })
})()
