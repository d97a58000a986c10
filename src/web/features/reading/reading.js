// While a file is being read, look again every few seconds (the page works without this: it has a link).
;(function () {
  var state = document.getElementById('reading-state')
  if (state && state.getAttribute('data-reading-working') === 'true') {
    setTimeout(function () {
      window.location.reload()
    }, 3000)
  }
})()
