import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

/**
 * Two workers at least, also on a two-core machine (vitest's default there is one): most test files
 * spend much of their time waiting for a child process, Chromium, the server or PostgreSQL.
 */
const workers = Math.max(2, availableParallelism())

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
