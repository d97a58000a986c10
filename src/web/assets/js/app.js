// Progressive enhancement only: every page works without this file.
import { initAll } from './govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()

// Privacy (docs/adr/0005-safe-mode.md). A page restored from the back-forward cache is fetched
// again, so after Exit the server's blank page shows instead of the page as it was.
window.addEventListener('pageshow', (event) => {
  if (event.persisted) window.location.reload()
})
// In safe mode, a page left open goes to the unlock page once the idle lock has locked Redress.
const idleLock = Number(document.body.dataset.idleLock || 0)
if (idleLock > 0) window.setTimeout(() => window.location.replace('/unlock'), (idleLock + 5) * 1000)
