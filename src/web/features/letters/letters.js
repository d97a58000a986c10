// Progressive enhancement: polls the bundle's status and reloads when it is finished.
;(function () {
  var el = document.getElementById('bundle-status')
  if (!el || !window.fetch) return
  var url = el.getAttribute('data-status-url')
  var stage = document.getElementById('bundle-stage')
  function poll() {
    fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) {
        return r.json()
      })
      .then(function (s) {
        if (s.state !== 'running') {
          window.location.reload()
          return
        }
        if (stage) stage.textContent = 'Stage: ' + s.stage + ' (' + s.done + ' of ' + s.total + ')'
        setTimeout(poll, 1000)
      })
      .catch(function () {
        setTimeout(poll, 3000)
      })
  }
  setTimeout(poll, 1000)
})()
