import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

/**
 * Two workers at least, also on a two-core machine (vitest's default there is one): most test files
 * spend much of their time waiting for a child process, Chromium, the server or PostgreSQL.
 */
const workers = Math.max(2, availableParallelism())

/**
 * Unit and integration files share their worker's modules instead of each starting afresh
 * (vitest's `isolate`): most of them open an embedded database, and a worker that has already
 * compiled PGlite's WebAssembly opens the next in a quarter of the CPU; the source modules are
 * imported once a worker, not once a file. Measured on test/case and test/web (14 files) at load
 * 5-9: 142 s isolated, 67 s shared (CPU 102 s -> 61 s). A test file must therefore put back what
 * it changes in the process (process.env, timers, spies; test/helpers/cli.ts does for the CLI) and
 * close what it opens. The browser specs keep their own process each.
 */
const isolate = false

export default defineConfig({
  test: {
    maxWorkers: workers,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/*.integration.test.ts', '**/node_modules/**'],
          globalSetup: ['test/setup/assets.global.ts'],
          isolate,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['src/**/*.integration.test.ts', 'test/**/*.integration.test.ts'],
          globalSetup: ['test/setup/postgres.global.ts'],
          isolate,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.spec.ts'],
          globalSetup: ['test/setup/assets.global.ts'],
          // Spec files run two at a time: each starts its own server on its own port and data
          // folder, and its own Chromium.
          maxWorkers: 2,
          // Two specs share the machine's cores: a slow moment of one must not time out the other.
          testTimeout: 120_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 0 },
        },
      },
    ],
  },
})
