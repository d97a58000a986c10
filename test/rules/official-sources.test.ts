import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { CONTACTS_FILE } from '../../src/services/contacts.ts'
import { RECIPIENTS_FILE } from '../../src/services/recipients.ts'

/**
 * Both files grade a fact `verified` only when it was seen in an official or primary source; an
 * advice charity's page makes it `secondary`. This walks every graded fact in rules/contacts.yaml and
 * rules/recipients.yaml and checks that a `verified` one cites at least one official page.
 */

/** Government and parliament sites, and the bodies' own sites for their own addresses. */
const OFFICIAL_HOST = /(^|\.)(gov\.uk|parliament\.uk|nipso\.org\.uk|courtsni\.gov\.uk)$/

/**
 * Facts whose primary source is not a government page, by the fact's path: that these numbers are
 * paid call-connection services is shown by the operators' own pages.
 */
const PRIMARY_ELSEWHERE = new Set(['paid-number-warning'])

interface Graded {
  readonly path: string
  readonly confidence: string
  readonly hosts: readonly string[]
}

function graded(node: unknown, path: string[] = []): Graded[] {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return []
  const o = node as Record<string, unknown>
  if (typeof o.confidence === 'string') {
    const sources = (o.sources ?? []) as { url: string }[]
    return [
      { path: path.join('.'), confidence: o.confidence, hosts: sources.map((s) => new URL(s.url).hostname) },
    ]
  }
  return Object.entries(o).flatMap(([k, v]) => graded(v, [...path, k]))
}

describe.each([
  ['contacts.yaml', CONTACTS_FILE],
  ['recipients.yaml', RECIPIENTS_FILE],
])('%s', (_name, file) => {
  const facts = graded(parse(readFileSync(file, 'utf8')))

  it('grades facts (the walk finds them)', () => {
    expect(facts.length).toBeGreaterThan(5)
  })

  it('calls a fact verified only when an official page is among its sources', () => {
    const weak = facts
      .filter((f) => f.confidence === 'verified' && !PRIMARY_ELSEWHERE.has(f.path))
      .filter((f) => !f.hosts.some((h) => OFFICIAL_HOST.test(h)))
      .map((f) => `${f.path}: ${f.hosts.join(', ')}`)
    expect(weak, 'verified, but only advice charities or other secondary pages are cited').toEqual([])
  })
})
