// The pipeline board's drag and drop (loaded only on /opportunities/board). Native HTML5 drag
// events, delegated from the document so they survive the columns being swapped. A drop moves
// the card at once, posts the stage change as htmx would, and swaps in the columns the server
// sends back. Each card's stage picker remains the keyboard path.
(function () {
  var dragged = null

  function columnOf(target) {
    return target && target.closest ? target.closest('[data-drop-stage]') : null
  }

  function clearHighlight() {
    var over = document.querySelectorAll('.board-column.drop-target')
    for (var i = 0; i < over.length; i++) over[i].classList.remove('drop-target')
  }

  document.addEventListener('dragstart', function (evt) {
    var card = evt.target && evt.target.closest ? evt.target.closest('[data-deal-id]') : null
    if (!card || !columnOf(card)) return
    dragged = card
    evt.dataTransfer.effectAllowed = 'move'
    evt.dataTransfer.setData('text/plain', card.getAttribute('data-deal-id'))
    card.classList.add('dragging')
  })

  document.addEventListener('dragend', function () {
    if (dragged) dragged.classList.remove('dragging')
    dragged = null
    clearHighlight()
  })

  document.addEventListener('dragover', function (evt) {
    var column = columnOf(evt.target)
    if (!column || !dragged) return
    evt.preventDefault()
    evt.dataTransfer.dropEffect = 'move'
    if (!column.classList.contains('drop-target')) {
      clearHighlight()
      column.classList.add('drop-target')
    }
  })

  document.addEventListener('drop', function (evt) {
    var column = columnOf(evt.target)
    var card = dragged
    if (!column || !card) return
    evt.preventDefault()
    clearHighlight()
    var stageId = column.getAttribute('data-drop-stage')
    if (stageId === card.getAttribute('data-stage-id')) return
    // Move the card at once; put it back where it was if the server refuses.
    var from = card.parentNode
    var next = card.nextSibling
    var putBack = function () {
      from.insertBefore(card, next)
    }
    column.querySelector('.board-cards').appendChild(card)
    var body = new URLSearchParams({ stageId: stageId, back: 'board' })
    fetch('/opportunities/' + encodeURIComponent(card.getAttribute('data-deal-id')) + '/stage', {
      method: 'POST',
      body: body,
      credentials: 'same-origin',
      headers: { 'HX-Request': 'true', 'X-Requested-With': 'htmx' },
    })
      .then(function (res) {
        return res.text().then(function (html) {
          // Success: the fresh columns, counts and totals included. Failure: the server's message.
          var target = document.getElementById(res.ok ? 'board-columns' : 'flash')
          if (!res.ok) putBack()
          if (target && res.ok) target.outerHTML = html
          else if (target) target.innerHTML = html
        })
      })
      .catch(putBack)
  })
})()
