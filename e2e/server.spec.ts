import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../src/store/db.ts'
import { DrizzleMetaRepository } from '../src/store/meta.repository.ts'
import { removeDir, startServer } from './support/server.ts'

const dirs: string[] = []
afterAll(() => dirs.forEach(removeDir))

describe('npm start', () => {
  it('keeps data across a restart, refuses a second process and stops cleanly', async () => {
    const first = await startServer()
    dirs.push(first.dataDir)
    const health = (await (await fetch(`${first.url}/health`)).json()) as { engine: string }
    expect(health.engine).toBe('pglite')

    const second = startServer({ dataDir: first.dataDir })
    await expect(second).rejects.toThrow(/already using the data folder/)

    expect(await first.stop()).toBe(0)
    expect(first.output()).toContain('Your data is saved')
    expect(existsSync(join(first.dataDir, 'redress.lock'))).toBe(false)

    const db = await openDatabase({ dataDir: first.dataDir })
    const installedAt = await new DrizzleMetaRepository(db.db).get('installed-at')
    await db.close()
    expect(installedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/)

    const again = await startServer({ dataDir: first.dataDir })
    expect(again.output()).not.toContain('Creating the embedded database')
    expect((await fetch(`${again.url}/health`)).status).toBe(200)
    expect(await again.stop()).toBe(0)

    const reopened = await openDatabase({ dataDir: first.dataDir })
    expect(await new DrizzleMetaRepository(reopened.db).get('installed-at')).toBe(installedAt)
    await reopened.close()
  })
})
