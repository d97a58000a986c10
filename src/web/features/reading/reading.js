// While a file is being read, ask the server how far it has got and say so in the page's live
// region, without reloading it. Progressive enhancement: without JavaScript the page has a link to
// look again. Same origin only; nothing else is fetched.
;(function () {
  var box = document.querySelector('[data-reading-progress]')
  if (!box || !window.fetch) return
  var url = box.getAttribute('data-reading-progress')
  var status = box.querySelector('[data-reading-status]')
  var bar = box.querySelector('[data-reading-bar]')
  var refresh = box.querySelector('[data-reading-refresh]')
  var result = box.querySelector('[data-reading-result]')
  var delay = 1500
  if (refresh) refresh.hidden = true

  function show(p) {
    if (status && status.textContent !== p.statusText) status.textContent = p.statusText
    if (bar) {
      if (p.working && p.total) {
        bar.max = p.total
        bar.value = p.done
        bar.hidden = false
      } else bar.hidden = true
    }
  }

  function poll() {
    fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (r) {
        if (!r.ok) throw new Error(String(r.status))
        return r.json()
      })
      .then(function (p) {
        show(p)
        delay = 1500
        if (p.working) setTimeout(poll, delay)
        else if (result) result.hidden = false
      })
      .catch(function () {
        // The server may be busy or restarting: look again later, less often, and offer the link.
        if (refresh) refresh.hidden = false
        delay = Math.min(delay * 2, 15000)
        setTimeout(poll, delay)
      })
  }
  setTimeout(poll, delay)
})()
