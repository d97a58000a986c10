import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { runCli } from '../helpers/cli.ts'

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string
}

describe('redress CLI', () => {
  it('--help lists the commands and says it is not legal advice', async () => {
    const r = await runCli(['--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Usage: redress')
    expect(r.stdout).toMatch(/^\s+rules\b/m)
    expect(r.stdout).toContain('Not legal advice')
  })

  it('--version prints the package version', async () => {
    const r = await runCli(['--version'])
    expect(r.code).toBe(0)
    expect(r.stdout.trim()).toBe(pkg.version)
  })

  it('a bad option exits 2 with a clear message on stderr', async () => {
    const r = await runCli(['--no-such-option'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("unknown option '--no-such-option'")
    expect(r.stdout).toBe('')
  })

  it('an unknown command exits 2', async () => {
    const r = await runCli(['frobnicate'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('frobnicate')
  })

  it('rules --json lists every rule with a source and confidence', async () => {
    const r = await runCli(['rules', '--json'])
    expect(r.code).toBe(0)
    const list = JSON.parse(r.stdout) as Array<{ id: string; url: string; confidence: string }>
    for (const rule of list) {
      expect(rule.url).toMatch(/^https:\/\//)
      expect(['verified', 'secondary', 'unverified']).toContain(rule.confidence)
    }
  })
})
