// Runs the whole test suite (unit, route, CLI, repository on both engines, browser) and ends
// with one line "N passed, N failed" built from vitest's own JSON report.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'

const report = 'test-artefacts/vitest.json'
mkdirSync('test-artefacts', { recursive: true })
rmSync(report, { force: true })

const build = spawnSync(process.execPath, ['scripts/build-assets.mjs', '--if-missing'], { stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)

const vitest = spawnSync(
  process.execPath,
  [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
)

let passed = 0
let failed = 0
let skipped = 0
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'))
  passed = r.numPassedTests
  failed = r.numFailedTests + (r.numRuntimeErrorTests ?? 0)
  skipped = r.numPendingTests + r.numTodoTests
  // A file that failed to load counts as a failure even when it ran no test.
  failed += r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length
} else {
  failed = 1
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(vitest.status === 0 && failed === 0 ? 0 : 1)
