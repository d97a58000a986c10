import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { z } from 'zod'
import { RULES_DIR } from '../../src/rules/load.ts'
import { advise, book, dates, route } from './support.ts'

/**
 * Runs every worked case in rules/remedies/*.cases.yaml through the route advisor (with the real deadline
 * engine), and checks the remedies rules' health: each rule has worked cases, is used by the code, and
 * every remedies rule the code names exists.
 */

const DIR = join(RULES_DIR, 'remedies')
const SRC = join(RULES_DIR, '..', 'src', 'domain', 'remedies')

const routeExpectation = z.strictObject({
  id: z.string(),
  letterKind: z.string().optional(),
  deadline: z.string().optional(),
  actBy: z.string().optional(),
  effect: z.string().optional(),
  backdated: z.boolean().optional(),
  noAppeal: z.string().optional(),
  says: z.string().optional(),
  cites: z.string().optional(),
})

const caseSchema = z.strictObject({
  name: z.string(),
  today: z.string(),
  input: z.record(z.string(), z.unknown()),
  expected: z.strictObject({
    first: z.string().optional(),
    includes: z.array(z.string()).optional(),
    excludes: z.array(z.string()).optional(),
    route: routeExpectation.optional(),
  }),
  source: z.string().min(3),
})

const ruleFiles = readdirSync(DIR).filter((f) => f.endsWith('.yaml') && !f.endsWith('.cases.yaml'))
const caseFiles = readdirSync(DIR).filter((f) => f.endsWith('.cases.yaml'))
const cases = caseFiles.flatMap((file) =>
  z
    .array(caseSchema)
    .parse(parse(readFileSync(join(DIR, file), 'utf8')))
    .map((c) => ({ file, ...c })),
)

describe('remedies worked cases', () => {
  it.each(cases.map((c) => [`${c.file}: ${c.name}`, c] as const))('%s', (_, c) => {
    const a = advise(c.today, c.input)
    const got = a.routes.map((r) => r.id as string)
    if (c.expected.first) expect(got[0]).toBe(c.expected.first)
    for (const id of c.expected.includes ?? []) expect(got).toContain(id)
    for (const id of c.expected.excludes ?? []) expect(got).not.toContain(id)
    const e = c.expected.route
    if (!e) return
    const r = route(a, e.id as Parameters<typeof route>[1])
    if (e.letterKind) expect(r.letterKind).toBe(e.letterKind)
    if (e.deadline) expect(dates(r).deadline).toBe(e.deadline)
    if (e.actBy) expect(dates(r).actBy).toBe(e.actBy)
    if (e.effect) expect(r.effect?.rule).toBe(e.effect)
    if (e.backdated !== undefined) expect(r.effect?.backdated).toBe(e.backdated)
    if (e.noAppeal) expect(r.noAppeal).toContain(e.noAppeal)
    if (e.says) expect([r.title, r.whyItFits, ...r.howToSend, ...r.cautions].join(' ')).toContain(e.says)
    if (e.cites) expect(r.citations.map((x) => x.ruleId)).toContain(e.cites)
  })
})

describe('remedies rule health', () => {
  const ids = book.ids().filter((id) => id.startsWith('remedies.'))
  const code = (function read(dir: string): string {
    return readdirSync(dir, { withFileTypes: true })
      .map((d) =>
        d.isDirectory()
          ? read(join(dir, d.name))
          : d.name.endsWith('.ts')
            ? readFileSync(join(dir, d.name), 'utf8')
            : '',
      )
      .join('\n')
  })(SRC)

  it('has a worked-case file for every rule file', () => {
    for (const f of ruleFiles) expect(caseFiles).toContain(f.replace(/\.yaml$/, '.cases.yaml'))
  })

  it('uses every remedies rule in the code, and names no rule that does not exist', () => {
    for (const id of ids) expect(code).toContain(`'${id}'`)
    for (const m of code.matchAll(/'(remedies\.[a-z0-9-]+)'/g)) expect(ids).toContain(m[1])
  })

  it('gives every period a source URL and a confidence', () => {
    for (const id of ids)
      for (const p of book.rule(id).periods) {
        expect(p.source.url).toMatch(/^https:\/\//)
        expect(['verified', 'secondary', 'unverified']).toContain(p.confidence)
      }
  })
})
