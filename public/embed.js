// The script embed of a lead capture form, for any site:
//   <div data-crm-form="KEY"></div><script src="https://crm.example/embed.js" async></script>
// It fetches the form's definition from the origin it was loaded from, renders an accessible form
// in place of the div, and posts it as JSON. No dependencies, no globals, no inline styles (a
// host page's CSP may forbid them; styles set through the CSSOM are allowed).
(() => {
  const script = document.currentScript || document.querySelector('script[src$="/embed.js"]')
  const base = new URL(script ? script.src : location.href).origin
  const TURNSTILE = 'https://challenges.cloudflare.com/turnstile/v0/api.js'
  const TYPES = { email: 'email', phone: 'tel', checkbox: 'checkbox' }
  let forms = 0

  const el = (tag, attrs = {}, text) => {
    const e = document.createElement(tag)
    for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v === true ? '' : v)
    if (text) e.textContent = text
    return e
  }

  function render(host, def) {
    const prefix = `crm-form-${++forms}-`
    const form = el('form', { method: 'post', action: def.action, class: 'crm-form' })
    const status = el('div', { role: 'alert', class: 'crm-form-status' })
    const controls = {}
    form.append(status)

    const field = (name, label, control) => {
      const wrap = el('div', { class: 'crm-field' })
      control.id = prefix + name
      const err = el('p', { id: `${control.id}-error`, class: 'crm-field-error', hidden: true })
      const lab = el('label', { for: control.id }, label)
      if (control.type === 'checkbox') wrap.append(control, ' ', lab, err)
      else wrap.append(lab, control, err)
      controls[name] = { control, err }
      form.append(wrap)
    }

    for (const f of def.fields) {
      if (f.type === 'hidden') {
        form.append(el('input', { type: 'hidden', name: f.name, value: f.options[0] || '' }))
        continue
      }
      let c
      if (f.type === 'textarea') c = el('textarea', { name: f.name, rows: 4, maxlength: 5000 })
      else if (f.type === 'select') {
        c = el('select', { name: f.name })
        c.append(el('option', { value: '' }, 'Choose…'))
        for (const o of f.options) c.append(el('option', { value: o }, o))
      } else c = el('input', { name: f.name, type: TYPES[f.type] || 'text', autocomplete: f.autocomplete, maxlength: f.type === 'checkbox' ? null : 500 })
      c.required = f.required
      field(f.name, f.label, c)
    }
    if (def.consentText) field('_consent', def.consentText, el('input', { type: 'checkbox', name: '_consent' }))

    // The honeypot: off-screen, out of the tab order and hidden from screen readers.
    const hp = el('div', { 'aria-hidden': 'true' })
    Object.assign(hp.style, { position: 'absolute', left: '-10000px', width: '1px', height: '1px', overflow: 'hidden' })
    hp.append(el('label', { for: `${prefix}_hp` }, 'Leave this field empty'), el('input', { type: 'text', id: `${prefix}_hp`, name: '_hp', tabindex: '-1', autocomplete: 'off' }))
    form.append(hp)
    if (def.timestamp) form.append(el('input', { type: 'hidden', name: '_ts', value: def.timestamp }))
    if (def.turnstileSiteKey) {
      form.append(el('div', { class: 'cf-turnstile', 'data-sitekey': def.turnstileSiteKey }))
      if (!document.querySelector(`script[src="${TURNSTILE}"]`)) document.head.append(el('script', { src: TURNSTILE, async: true, defer: true }))
    }
    const button = el('button', { type: 'submit' }, 'Send')
    form.append(button)

    const clear = () => {
      status.textContent = ''
      for (const { control, err } of Object.values(controls)) {
        err.hidden = true
        err.textContent = ''
        control.removeAttribute('aria-invalid')
        control.removeAttribute('aria-describedby')
      }
    }

    // Field errors go under their fields (and the first one takes the focus); the rest above.
    const showErrors = (out) => {
      let first = null
      const general = []
      for (const e of out.errors || []) {
        const target = controls[e.path]
        if (!target) { general.push(e.message); continue }
        target.err.textContent = e.message
        target.err.hidden = false
        target.control.setAttribute('aria-invalid', 'true')
        target.control.setAttribute('aria-describedby', target.err.id)
        first = first || target.control
      }
      status.textContent = general.join(' ') || out.message || (first ? 'Please check the highlighted fields.' : 'Something went wrong. Please try again.')
      if (first) first.focus()
    }

    form.addEventListener('submit', async (evt) => {
      evt.preventDefault()
      clear()
      button.disabled = true
      const body = {}
      for (const [k, v] of new FormData(form)) body[k] = v
      try {
        const res = await fetch(def.action, { method: 'POST', mode: 'cors', credentials: 'omit', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) })
        const out = await res.json().catch(() => ({}))
        if (res.ok && out.ok) {
          if (def.redirectUrl) return location.assign(def.redirectUrl)
          const thanks = el('p', { role: 'status', class: 'crm-form-thanks', tabindex: '-1' }, def.thankYouMessage || 'Thank you. We have received your details.')
          form.replaceWith(thanks)
          return thanks.focus()
        }
        showErrors(out)
      } catch {
        status.textContent = 'The form could not be sent. Please check your connection and try again.'
      } finally {
        button.disabled = false
        // A Turnstile token is single use: a form sent again needs a new one.
        if (def.turnstileSiteKey && window.turnstile) window.turnstile.reset(form.querySelector('.cf-turnstile'))
      }
    })
    host.replaceChildren(form)
  }

  async function mount(host) {
    if (host.hasAttribute('data-crm-mounted')) return
    host.setAttribute('data-crm-mounted', '')
    try {
      const res = await fetch(`${base}/f/${encodeURIComponent(host.getAttribute('data-crm-form'))}/definition.json`, { mode: 'cors', credentials: 'omit' })
      if (!res.ok) throw new Error(String(res.status))
      render(host, await res.json())
    } catch {
      host.textContent = 'This form could not be loaded.'
    }
  }

  document.querySelectorAll('[data-crm-form]').forEach(mount)
})()
