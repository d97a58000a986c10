import { execFileSync } from 'node:child_process'

/**
 * The web tests read the compiled styles: build them if they are missing or stale. The server
 * bundle that `npm start` runs is rebuilt too, so the browser tests run exactly that.
 */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-assets.mjs', '--if-missing'], { stdio: 'inherit' })
  execFileSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' })
}
