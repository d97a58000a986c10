/** The data folder is the same whatever the current directory, and both CLI and server say where it is. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { describeDataDir, findDataDir, loadConfig } from '../../src/config.ts'
import { fromRoot } from '../../src/root.ts'
import { runCli } from '../helpers/cli.ts'

const elsewhere = mkdtempSync(join(tmpdir(), 'redress-cwd-'))
afterAll(() => rmSync(elsewhere, { recursive: true, force: true }))

describe('the data folder', () => {
  it('is REDRESS_DATA_DIR when set (relative to where you are)', () => {
    expect(findDataDir({ REDRESS_DATA_DIR: '/srv/redress' })).toEqual({
      dir: '/srv/redress',
      source: 'setting',
    })
  })

  it("otherwise the install's own data/ folder if there is one, else the per-user folder, whatever the current directory", () => {
    const found = findDataDir({ HOME: '/home/sam', XDG_DATA_HOME: '/home/sam/.data' })
    if (found.source === 'install') expect(found.dir).toBe(fromRoot('data'))
    else expect(found).toEqual({ dir: '/home/sam/.data/redress', source: 'user' })
    const cwd = process.cwd()
    try {
      process.chdir(elsewhere)
      expect(findDataDir({ HOME: '/home/sam', XDG_DATA_HOME: '/home/sam/.data' })).toEqual(found)
    } finally {
      process.chdir(cwd)
    }
  })

  it('without XDG_DATA_HOME the per-user folder is ~/.local/share/redress', () => {
    const home = mkdtempSync(join(tmpdir(), 'redress-home-'))
    try {
      const found = findDataDir({ HOME: home })
      if (found.source === 'user') expect(found.dir).toBe(join(home, '.local', 'share', 'redress'))
    } finally {
      rmSync(home, { recursive: true, force: true })
    }
  })

  it('is described in one sentence that names the folder', () => {
    const config = loadConfig({ REDRESS_DATA_DIR: '/srv/redress' })
    expect(describeDataDir(config)).toBe('Your case file is kept in /srv/redress (set by REDRESS_DATA_DIR).')
  })

  it('redress case where says the same from any folder', async () => {
    const dir = join(elsewhere, 'data')
    mkdirSync(dir)
    const r = await runCli(['case', 'where', '--json'], undefined, { REDRESS_DATA_DIR: dir })
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual({ dataDir: dir, source: 'setting', database: 'embedded' })
  })
})
