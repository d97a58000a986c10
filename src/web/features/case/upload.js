// Progress bar for uploads (progressive enhancement: without JavaScript the form posts as usual).
// Sends the form with XMLHttpRequest so the upload's progress can be shown, then follows the
// server's answer: a redirect goes to the new page; a page with errors replaces this one.
for (const form of document.querySelectorAll('form[data-rd-upload]')) {
  const box = form.querySelector('.rd-upload-progress')
  const bar = form.querySelector('progress')
  const status = form.querySelector('[data-rd-upload-status]')
  form.addEventListener('submit', (event) => {
    if (!window.FormData || !box || !bar) return
    event.preventDefault()
    const button = form.querySelector('button[type="submit"], button:not([type])')
    if (button) button.disabled = true
    box.hidden = false
    const xhr = new XMLHttpRequest()
    xhr.open('POST', form.action || window.location.href)
    xhr.upload.addEventListener('progress', (e) => {
      if (!e.lengthComputable) return
      const pct = Math.round((e.loaded / e.total) * 100)
      bar.value = pct
      if (status) status.textContent = pct < 100 ? `${pct}% sent` : 'Sent. Checking the file…'
    })
    xhr.addEventListener('load', () => {
      const redirected = xhr.responseURL && xhr.responseURL !== (form.action || window.location.href)
      if (redirected && xhr.status < 400) {
        window.location.assign(xhr.responseURL)
        return
      }
      document.open()
      document.write(xhr.responseText)
      document.close()
    })
    xhr.addEventListener('error', () => {
      if (status)
        status.textContent = 'The upload failed. Nothing was saved. Check your connection and try again.'
      if (button) button.disabled = false
    })
    xhr.send(new FormData(form))
  })
}
