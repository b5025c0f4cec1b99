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

  // The header search box (src/views/search/search-box.tsx): htmx fills the dropdown; ↑/↓ move
  // through its options, Enter opens the chosen one (with none chosen, the form goes to the
  // results page). A new result list starts unchosen.
  var input = document.getElementById('header-search-input')
  var box = document.getElementById('header-search-results')
  if (!input || !box) return
  var active = -1
  var options = function () { return box.querySelectorAll('[role="option"]') }
  var choose = function (i) {
    var opts = options()
    active = i
    for (var k = 0; k < opts.length; k++) opts[k].setAttribute('aria-selected', k === i ? 'true' : 'false')
    if (opts[i]) { input.setAttribute('aria-activedescendant', opts[i].id); opts[i].scrollIntoView({ block: 'nearest' }) } else input.removeAttribute('aria-activedescendant')
  }
  new MutationObserver(function () {
    choose(-1)
    input.setAttribute('aria-expanded', box.firstElementChild ? 'true' : 'false')
  }).observe(box, { childList: true })
  input.addEventListener('keydown', function (evt) {
    var n = options().length
    // Escape closes an open dropdown and keeps the text; with none open, the browser clears it.
    if (evt.key === 'Escape' && box.firstElementChild) { evt.preventDefault(); box.textContent = ''; return }
    if (!n) return
    if (evt.key === 'ArrowDown' || evt.key === 'ArrowUp') {
      evt.preventDefault()
      choose(evt.key === 'ArrowDown' ? (active + 1) % n : (active <= 0 ? n : active) - 1)
    } else if (evt.key === 'Enter' && active >= 0) {
      evt.preventDefault()
      window.location.assign(options()[active].querySelector('a').href)
    }
  })
  // Leaving the box closes the dropdown. A press on a result keeps the focus in the box (no blur),
  // so the click that follows still lands on the link.
  box.addEventListener('mousedown', function (evt) { evt.preventDefault() })
  input.addEventListener('blur', function () { box.textContent = '' })
})()
