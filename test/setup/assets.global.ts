import { execFileSync } from 'node:child_process'

/** The web tests read the compiled styles: build them if they are missing or stale. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-assets.mjs', '--if-missing'], { stdio: 'inherit' })
}
