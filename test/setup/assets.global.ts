import { execFileSync } from 'node:child_process'

/**
 * The web tests read the compiled styles: build them if they are missing or stale. The server
 * bundle that `npm start` runs is rebuilt when stale, so the browser tests run exactly that.
 */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-assets.mjs', '--if-missing'], { stdio: 'inherit' })
  execFileSync(process.execPath, ['scripts/build-server.mjs', '--if-stale'], { stdio: 'inherit' })
  // The CLI tests spawn bin/redress.js, which runs the CLI bundle: build it once here rather than
  // in the first of many processes that would each find it stale.
  execFileSync(process.execPath, ['scripts/build-cli.mjs', '--if-stale'], { stdio: 'inherit' })
}
