import { listInWords } from '../letters/common.ts'
import { bundleText } from './copy.ts'
import { possessive, type RedactionKind } from './redact.ts'
import type {
  BundleEntry,
  BundleInput,
  BundleReport,
  BundleStage,
  FoundDetail,
  PageToCheck,
} from './types.ts'

const kindWords = (k: RedactionKind): string => bundleText(`findings.kinds.${k}`)

const STAGE_KEYS: Record<BundleStage, string> = {
  'making pages': 'makingPages',
  'reading and redacting': 'readingAndRedacting',
  assembling: 'assembling',
  saving: 'saving',
}

/** A stage of building a bundle in words, for a progress bar or the page that waits for the bundle. */
export const stageInWords = (stage: BundleStage): string => bundleText(`stages.${STAGE_KEYS[stage]}`)

/** "3", "3–5", "3–5, 9" */
export function pageList(pages: readonly number[]): string {
  const sorted = [...new Set(pages)].sort((a, b) => a - b)
  const runs: string[] = []
  let start = sorted[0]
  let prev = start
  for (const p of [...sorted.slice(1), Number.NaN]) {
    if (start === undefined || prev === undefined) break
    if (p === prev + 1) {
      prev = p
      continue
    }
    runs.push(start === prev ? `${start}` : `${start}–${prev}`)
    start = p
    prev = p
  }
  return runs.join(', ')
}

const groupBy = <T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> => {
  const m = new Map<string, T[]>()
  for (const i of items) m.set(key(i), [...(m.get(key(i)) ?? []), i])
  return m
}

const many = (n: number, one: string, more: string): string => bundleText(`findings.${n === 1 ? one : more}`)

/** The core documents a tribunal expects in an appeal bundle, and which are missing. */
export function missingCoreDocuments(input: BundleInput, entries: readonly BundleEntry[]): string[] {
  if (input.purpose === 'other') return []
  const present = new Set(entries.map((e) => e.id))
  const has = (role: 'decision' | 'reconsideration-notice'): boolean =>
    input.documents.some((d) => d.role === role && present.has(d.id))
  const out: string[] = []
  if (!has('reconsideration-notice')) out.push(bundleText('findings.noNotice'))
  if (!has('decision') && !entries.some((e) => e.section === 'decision'))
    out.push(bundleText('findings.noDecision'))
  return out
}

/** The report's findings in plain English, the ones needing action first. */
export function describeFindings(report: Omit<BundleReport, 'messages'>, redacting: boolean): string[] {
  const out: string[] = [...report.warnings, ...report.problems.map((p) => p.message)]
  for (const [, list] of groupBy<FoundDetail>(report.redaction.found, (f) => `${f.id}|${f.whose}`)) {
    const f = list[0]!
    const kinds = listInWords([...new Set(list.map((x) => kindWords(x.kind)))])
    const pages = new Set(list.map((x) => x.page))
    out.push(
      bundleText('findings.stillShows', {
        title: f.title,
        fileName: f.fileName,
        whose: possessive(f.whose),
        kinds,
        pageWord: many(pages.size, 'page', 'pages'),
        pages: pageList([...pages]),
        them: many(list.length, 'it', 'them'),
      }),
    )
  }
  for (const [, list] of groupBy<PageToCheck>(report.redaction.pagesToCheck, (p) => p.id)) {
    const p = list[0]!
    const key = `${list.length === 1 ? 'pictureOne' : 'pictureMany'}${redacting ? 'Redacting' : ''}`
    out.push(bundleText(`findings.${key}`, { pages: pageList(list.map((x) => x.page)), title: p.title }))
  }
  for (const [, list] of groupBy<PageToCheck>(report.redaction.notesLeftOut, (p) => p.id)) {
    const p = list[0]!
    out.push(
      bundleText(list.length === 1 ? 'findings.notesOne' : 'findings.notesMany', {
        pages: pageList(list.map((x) => x.page)),
        title: p.title,
        fileName: p.fileName,
      }),
    )
  }
  for (const [, list] of groupBy(report.redaction.removed, (r) => r.whose)) {
    const total = list.reduce((a, r) => a + r.count, 0)
    out.push(
      bundleText(total === 1 ? 'findings.removedOne' : 'findings.removedMany', {
        whose: possessive(list[0]!.whose),
        count: total,
      }),
    )
  }
  return out
}
