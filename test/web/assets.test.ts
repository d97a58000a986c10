/** The committed stylesheet is the one its Sass sources compile to (ADR 0006), so start-up never needs sass. */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

describe('the compiled stylesheet', () => {
  it('is current with src/web/assets/scss (run npm run build:assets after changing a .scss file)', () => {
    const r = spawnSync(process.execPath, ['scripts/build-assets.mjs', '--check'], { encoding: 'utf8' })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  })

  it('is what the pages are served', () => {
    const committed = readFileSync('src/web/assets/app.css', 'utf8')
    expect(readFileSync('public/app.css', 'utf8')).toBe(committed)
  })
})
