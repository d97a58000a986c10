'use strict'
// The OCR worker thread: tesseract.js's own worker script, with the network switched off first.
// Redress gives it trained data from a local folder (copied out of node_modules); if anything
// ever tried to fetch, it fails here instead of reaching the internet.
globalThis.fetch = () => Promise.reject(new Error('Redress never uses the network for OCR'))
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('tesseract.js/src/worker-script/node/index.js')
