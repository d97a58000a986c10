import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { runCli, runInProcess } from '../helpers/cli.ts'
import { buildProgram, requestedCommand } from '../../src/cli/program.ts'
import { commands } from '../../src/cli/commands/index.ts'

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
    const r = await runInProcess(['rules', '--json'])
    expect(r.code).toBe(0)
    const list = JSON.parse(r.stdout) as Array<{ id: string; url: string; confidence: string }>
    for (const rule of list) {
      expect(rule.url).toMatch(/^https:\/\//)
      expect(['verified', 'secondary', 'unverified']).toContain(rule.confidence)
    }
  })

  it('registers each lazily loaded command under the name --help lists', async () => {
    const program = await buildProgram()
    expect(program.commands.map((c) => c.name())).toEqual(commands.map((c) => c.name))
    for (const c of program.commands) expect(c.description()).not.toBe('')
  })

  it('loads only the command the arguments name', async () => {
    expect(requestedCommand(['calc', '--json'])).toBe('calc')
    expect(requestedCommand(['--help'])).toBeUndefined()
    expect(requestedCommand(['help', 'deadline'])).toBe('deadline')
    const program = await buildProgram(['calc', '--json'])
    const calc = program.commands.find((c) => c.name() === 'calc')!
    const rules = program.commands.find((c) => c.name() === 'rules')!
    expect(calc.options.map((o) => o.long)).toContain('--batch')
    expect(rules.options).toEqual([]) // listed by name only, never loaded
  })

  it('help for one command shows its options', async () => {
    const r = await runCli(['calc', '--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('--ndjson')
    expect(r.stdout).toContain('--no-steps')
  })
})
