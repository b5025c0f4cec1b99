// The app's only script besides htmx. No inline handlers anywhere: behaviour is attached here.
(function () {
  // CSRF: htmx requests carry a header that a cross-site form cannot send. When the page has a
  // csrf-token meta tag (set once sessions exist), its value goes along too.
  document.addEventListener('htmx:config:request', function (evt) {
    var headers = evt.detail && evt.detail.ctx && evt.detail.ctx.request && evt.detail.ctx.request.headers
    if (!headers) return
    headers['X-Requested-With'] = 'htmx'
    var meta = document.querySelector('meta[name="csrf-token"]')
    if (meta) headers['X-CSRF-Token'] = meta.getAttribute('content')
  })
})()
