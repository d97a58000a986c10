import { pence, toDecimal, type Pence } from '../shared/pence.ts'
import { compareDates, isAfter, parseDate, type PlainDate } from '../shared/plain-date.ts'
import { findDates, type FoundDate } from './dates.ts'

/** The facts Redress suggests from a CMS letter (the `field` of each suggestion). */
export const SUGGESTION_FIELDS = [
  'letterDate',
  'decisionKind',
  'effectiveDate',
  'weeklyAmount',
  'grossWeeklyIncome',
  'nightsPerYear',
  'relevantOtherChildren',
  'qualifyingChildren',
  'cmsReference',
] as const
export type SuggestionField = (typeof SUGGESTION_FIELDS)[number]

/** The kinds of CMS letter Redress recognises. `deduction-order` is recorded as an enforcement decision. */
export const LETTER_KINDS = [
  'calculation',
  'annual-review',
  'revision',
  'supersession',
  'variation',
  'mandatory-reconsideration-notice',
  'arrears-notice',
  'deduction-order',
] as const
export type LetterKind = (typeof LETTER_KINDS)[number]

export interface Suggestion {
  readonly field: SuggestionField
  /** ISO date, money as "45.20", a count, a letter kind, or 12 digits. */
  readonly value: string | number
  readonly page: number
  /** The words it was read from. */
  readonly text: string
  /** 0 to 1: how sure Redress is (the words around it, how it was written, the OCR's confidence). */
  readonly confidence: number
  /** Why the confidence was raised or lowered against what the case knows (message keys). */
  readonly notes?: readonly string[]
}

export interface PageInput {
  readonly page: number
  readonly text: string
  /** OCR confidence 0-100, or null for text that was in the file. */
  readonly confidence: number | null
}

/** What the case already knows, to rank suggestions against. */
export interface CaseKnowledge {
  readonly cmsReference?: string | null
  /** Letter dates of decisions already recorded. */
  readonly decisionLetterDates?: readonly string[]
  /** Today, for "a letter cannot be dated in the future" (given, never read from a clock). */
  readonly today?: PlainDate
}

interface Candidate {
  field: SuggestionField
  value: string | number
  page: number
  text: string
  score: number
  notes?: string[]
}

/** Lower-cased text with OCR's usual look-alikes tidied for matching labels (not values). */
const norm = (s: string): string => s.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ')

/** The line of `text` containing `index`, and the line before it. */
function around(
  text: string,
  index: number,
  length: number,
): { line: string; before: string; after: string } {
  const start = text.lastIndexOf('\n', index - 1) + 1
  const endRaw = text.indexOf('\n', index + length)
  const end = endRaw === -1 ? text.length : endRaw
  const prevStart = start > 1 ? text.lastIndexOf('\n', start - 2) + 1 : start
  const nextEndRaw = end < text.length ? text.indexOf('\n', end + 1) : -1
  return {
    line: text.slice(start, end),
    before: text.slice(prevStart, start) + text.slice(start, index),
    after:
      text.slice(index + length, end) +
      (end < text.length ? text.slice(end, nextEndRaw === -1 ? text.length : nextEndRaw) : ''),
  }
}

/* Labels, in English and Welsh. */
const LETTER_DATE =
  /(date of (this )?letter|letter date|^\s*date\s*:?|\bdated\b|dyddiad y llythyr|^\s*dyddiad\s*:?|date issued|issue date)/
const NOT_EFFECTIVE =
  /(received|application|applied|phoned|called|born|date of birth|dyddiad geni|cais|paid on|payment due on|by \d|within|before)/
const WEEKLY =
  /(each week|per week|a week|every week|weekly (amount|payment|child maintenance|rate|figure)|bob wythnos|yr wythnos|swm wythnosol)/
const INCOME = /(gross weekly income|weekly gross income|gross income|income|incwm)/
const NOT_WEEKLY = /(arrears|owe|outstanding|fee|charge|lump sum|total|balance|ôl-ddyledion|debt|collection)/
const REFERENCE = /(reference|ref\b|ref\.|our ref|your ref|cyfeirnod|case number|scheme client)/

/** Pounds and pence written in a letter ("£45.20", "£1,234", "£ 45.20") to integer pence, without floats. */
const MONEY = /£\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{2}))?(?!\d)/g

const moneyToPence = (whole: string, fraction: string | undefined): Pence =>
  pence(Number(whole.replace(/,/g, '')) * 100 + Number(fraction ?? '0'))

const WORD_NUMBERS: Record<string, number> = {
  no: 0,
  none: 0,
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  un: 1,
  dau: 2,
  dwy: 2,
  tri: 3,
  tair: 3,
  pedwar: 4,
  pedair: 4,
}
const COUNT = `(\\d{1,2}|${Object.keys(WORD_NUMBERS).join('|')})`
const count = (s: string): number => (/^\d+$/.test(s) ? Number(s) : WORD_NUMBERS[s.toLowerCase()]!)

/** Kind of letter: phrases, strongest first. A heading counts three times; "if you disagree" text does not count. */
const KIND_PHRASES: ReadonlyArray<readonly [LetterKind, RegExp]> = [
  [
    'deduction-order',
    /(deduction (from earnings )?order|regular deduction|lump sum deduction|gorchymyn didynnu)/,
  ],
  [
    'mandatory-reconsideration-notice',
    /(mandatory reconsideration notice|we have (now )?looked again at|result of (your|the) mandatory reconsideration|hysbysiad ailystyried gorfodol|rydym wedi edrych eto)/,
  ],
  [
    'arrears-notice',
    /(arrears (notice|schedule|statement)|you (now )?owe|missed payments|payments you have missed|ôl-ddyledion|unpaid child maintenance)/,
  ],
  ['variation', /(variation (decision|application)|\bvariation\b|amrywiad)/],
  ['annual-review', /(annual review|adolygiad blynyddol|yearly review)/],
  [
    'revision',
    /(we have revised|revised (our|the|your) (decision|calculation)|\brevision\b|adolygu'r penderfyniad|diwygio)/,
  ],
  [
    'supersession',
    /(change (in|of) circumstances|supersession|superseded|we have changed your (child maintenance|calculation)|newid mewn amgylchiadau)/,
  ],
  [
    'calculation',
    /(maintenance calculation|child maintenance calculation|your calculation|we have worked out|cyfrifiad cynhaliaeth)/,
  ],
]
const APPEAL_TEXT =
  /(if you (think|disagree)|ask us to (look again|reconsider)|you can ask|appeal|apply for a mandatory|os ydych yn anghytuno|gofyn i ni)/

function ocrFactor(confidence: number | null): number {
  if (confidence === null) return 1
  // A clear scan reads at 90+; a poor photo at 60-80. Never certain from OCR alone.
  return Math.max(0.4, Math.min(0.98, 0.55 + (confidence / 100) * 0.45))
}

function dateCandidates(page: PageInput, out: Candidate[]): void {
  const dates = findDates(page.text)
  const firstLines = page.text.split('\n').slice(0, 12).join('\n').length
  dates.forEach((d: FoundDate, i) => {
    const { line, before, after } = around(page.text, d.index, d.text.length)
    const lead = norm(before).slice(-60)
    const written = d.words ? 1 : 0.92
    // The date of the letter: labelled, or standing alone near the top of the first page.
    let letter = 0
    if (
      LETTER_DATE.test(lead.split('\n').pop() ?? '') ||
      LETTER_DATE.test(norm(line).slice(0, norm(line).indexOf(norm(d.text)) + 1))
    )
      letter = 0.95
    else if (page.page === 1 && d.index < firstLines && norm(line).trim() === norm(d.text).trim())
      letter = 0.8
    else if (page.page === 1 && i === 0 && !NOT_EFFECTIVE.test(lead)) letter = 0.45
    if (letter)
      out.push({
        field: 'letterDate',
        value: d.date.toString(),
        page: page.page,
        text: d.text,
        score: letter * written,
      })
    // The date the decision takes effect.
    const near = norm(lead.slice(-40) + ' ' + d.text)
    let effective = 0
    if (
      /(effective date|dyddiad effeithiol)/.test(norm(before).slice(-50)) ||
      /(effective date|dyddiad effeithiol)/.test(norm(line))
    )
      effective = 0.95
    else if (/(takes? effect|with effect from|starts? (on|from)|applies from|yn dechrau|o'r)/.test(near))
      effective = 0.85
    else if (/\b(from|o)\s*$/.test(norm(before).trimEnd() + ' ') || /\b(from|o)\s+$/.test(norm(before)))
      effective = 0.75
    if (effective && !letter && !NOT_EFFECTIVE.test(norm(before).slice(-30)))
      out.push({
        field: 'effectiveDate',
        value: d.date.toString(),
        page: page.page,
        text: d.text,
        score: effective * written,
      })
    void after
  })
}

function moneyCandidates(page: PageInput, out: Candidate[]): void {
  for (const m of page.text.matchAll(MONEY)) {
    const amount = moneyToPence(m[1]!, m[2])
    const { line, before, after } = around(page.text, m.index, m[0].length)
    const context = norm(line)
    const lead = norm(before).slice(-70)
    const tail = norm(after).slice(0, 40)
    const value = toDecimal(amount)
    if (INCOME.test(lead) || INCOME.test(context.slice(0, context.indexOf(norm(m[0]))))) {
      const score = /gross weekly income|weekly gross income|incwm wythnosol gros/.test(context + lead)
        ? 0.95
        : 0.7
      out.push({ field: 'grossWeeklyIncome', value, page: page.page, text: m[0], score })
      continue
    }
    // Arrears, fees and totals are not the weekly amount: judged on the amount's own line only.
    const lineLead = norm(before.split('\n').pop() ?? '')
    if (NOT_WEEKLY.test(lineLead.slice(-40)) || NOT_WEEKLY.test(tail.slice(0, 20))) continue
    if (WEEKLY.test(tail) || WEEKLY.test(lead.slice(-45))) {
      const labelled = /(weekly amount|weekly child maintenance|swm wythnosol)/.test(lead + context)
      out.push({ field: 'weeklyAmount', value, page: page.page, text: m[0], score: labelled ? 0.95 : 0.88 })
    }
  }
}

function countCandidates(page: PageInput, out: Candidate[]): void {
  const t = page.text
  const add = (field: SuggestionField, re: RegExp, score: number, max: number): void => {
    for (const m of t.matchAll(re)) {
      const raw = m.groups!.n!
      const n = count(raw)
      if (n > max) continue
      out.push({ field, value: n, page: page.page, text: m[0].trim(), score })
    }
  }
  add(
    'nightsPerYear',
    /(?<n>\d{1,3})\s+(?:nights|noson|noswaith)\b[^\n]{0,30}?\b(?:a|per|each|every|y)\s+(?:year|flwyddyn)/gi,
    0.92,
    365,
  )
  add(
    'nightsPerYear',
    /(?:nights (?:a|per|each) year|shared care|gofal a rennir)[^\n\d]{0,40}(?<n>\d{1,3})\b/gi,
    0.88,
    365,
  )
  add(
    'qualifyingChildren',
    new RegExp(`(?:number of )?qualifying child(?:ren)?[^\\n\\d]{0,30}?(?<n>\\d{1,2})\\b`, 'gi'),
    0.92,
    20,
  )
  add('qualifyingChildren', new RegExp(`\\b(?<n>${COUNT})\\s+qualifying child`, 'gi'), 0.88, 20)
  add('qualifyingChildren', /plant cymhwysol[^\n\d]{0,30}?(?<n>\d{1,2})\b/gi, 0.9, 20)
  add('relevantOtherChildren', /relevant other child(?:ren)?[^\n\d]{0,30}?(?<n>\d{1,2})\b/gi, 0.92, 20)
  // copy: not user-facing (a pattern that finds the words in a CMS letter)
  add('relevantOtherChildren', new RegExp(`\\b(?<n>${COUNT})\\s+relevant other child`, 'gi'), 0.88, 20)
  add('relevantOtherChildren', /plant perthnasol eraill[^\n\d]{0,30}?(?<n>\d{1,2})\b/gi, 0.9, 20)
}

function referenceCandidates(page: PageInput, out: Candidate[]): void {
  // 12 digits beginning 121, perhaps spaced in groups; O and l read for 0 and 1 by OCR are put right.
  const re = /(?<![\dA-Za-z])(1\s?[2Z]\s?[1lI](?:\s?[\dOolI]){9})(?![\dA-Za-z])/g
  for (const m of page.text.matchAll(re)) {
    const digits = m[1]!.replace(/\s/g, '').replace(/[Oo]/g, '0').replace(/[lI]/g, '1').replace(/Z/g, '2')
    if (!/^121\d{9}$/.test(digits)) continue
    const { before, line } = around(page.text, m.index, m[0].length)
    const labelled = REFERENCE.test(norm(before).slice(-50)) || REFERENCE.test(norm(line))
    const clean = m[1] === digits || /^\d{4} \d{4} \d{4}$/.test(m[1]!)
    out.push({
      field: 'cmsReference',
      value: digits,
      page: page.page,
      text: m[1]!,
      score: (labelled ? 0.95 : 0.7) * (clean ? 1 : 0.85),
    })
  }
}

function kindCandidates(pages: readonly PageInput[], out: Candidate[]): void {
  const scores = new Map<LetterKind, { score: number; page: number; text: string }>()
  for (const p of pages) {
    const lines = p.text.split('\n')
    let seen = 0
    lines.forEach((raw) => {
      const line = norm(raw)
      if (!line.trim()) return
      seen++
      if (APPEAL_TEXT.test(line)) return
      const weight = p.page === 1 && seen <= 10 ? 3 : 1
      for (const [kind, re] of KIND_PHRASES) {
        const m = re.exec(line)
        if (!m) continue
        const s = scores.get(kind) ?? { score: 0, page: p.page, text: raw.trim().slice(0, 120) }
        if (s.score === 0 || weight === 3) Object.assign(s, { page: p.page, text: raw.trim().slice(0, 120) })
        s.score += weight
        scores.set(kind, s)
      }
    })
  }
  // A calculation letter names "calculation"; so do most others: it is the answer only when nothing more specific is found.
  const ranked = [...scores.entries()].sort(
    (a, b) =>
      b[1].score - (b[0] === 'calculation' ? 1.5 : 0) - (a[1].score - (a[0] === 'calculation' ? 1.5 : 0)) ||
      LETTER_KINDS.indexOf(a[0]) - LETTER_KINDS.indexOf(b[0]),
  )
  const total = ranked.reduce((n, [, s]) => n + s.score, 0)
  ranked.slice(0, 3).forEach(([kind, s], i) => {
    const share = s.score / total
    const score = Math.min(0.95, (i === 0 ? 0.55 : 0.25) + share * 0.4 + Math.min(s.score, 6) * 0.02)
    out.push({ field: 'decisionKind', value: kind, page: s.page, text: s.text, score })
  })
}

/** Adjusts candidates against what the case knows; returns notes (message keys) saying why. */
function rank(c: Candidate, known: CaseKnowledge): Candidate {
  const notes: string[] = []
  let score = c.score
  if (c.field === 'cmsReference' && known.cmsReference) {
    if (known.cmsReference.replace(/\s/g, '') === c.value) {
      score = Math.max(score, 0.97)
      notes.push('reading.note.matchesCase')
    } else {
      score *= 0.8
      notes.push('reading.note.differsFromCase')
    }
  }
  if ((c.field === 'letterDate' || c.field === 'effectiveDate') && known.today) {
    const d = c.value as string
    if (isAfter(Temporal_from(d), known.today) && c.field === 'letterDate') {
      score *= 0.3
      notes.push('reading.note.future')
    }
  }
  if (c.field === 'letterDate' && known.decisionLetterDates?.includes(c.value as string))
    notes.push('reading.note.alreadyRecorded')
  return { ...c, score, ...(notes.length ? { notes } : {}) }
}

const Temporal_from = (iso: string): PlainDate => parseDate(iso, 'date')

/**
 * Suggests the facts of a CMS letter from its pages. Every suggestion carries its page, the words it
 * was read from and a confidence; several for one field are listed highest first (the same value
 * found twice is listed once, at its best). Nothing here is a fact until the parent confirms it.
 */
export function suggestFacts(pages: readonly PageInput[], known: CaseKnowledge = {}): Suggestion[] {
  const raw: Candidate[] = []
  for (const p of pages) {
    const before = raw.length
    dateCandidates(p, raw)
    moneyCandidates(p, raw)
    countCandidates(p, raw)
    referenceCandidates(p, raw)
    for (let i = before; i < raw.length; i++) raw[i]!.score *= ocrFactor(p.confidence)
  }
  const kinds: Candidate[] = []
  kindCandidates(pages, kinds)
  const factor = (page: number) => ocrFactor(pages.find((p) => p.page === page)?.confidence ?? null)
  for (const k of kinds) raw.push({ ...k, score: k.score * factor(k.page) })

  // The effective date is never before the letter's own date in these letters by more than a year; a
  // date far away from the letter's is less likely to be the effective date.
  const best = new Map<string, Candidate>()
  for (const c of raw.map((c) => rank(c, known))) {
    const key = `${c.field}\u0000${String(c.value)}`
    const prev = best.get(key)
    if (!prev) best.set(key, c)
    else if (c.score > prev.score) best.set(key, { ...c, score: Math.min(0.99, c.score + 0.02) })
    else prev.score = Math.min(0.99, prev.score + 0.02) // seen again: a little more likely
  }
  const list = [...best.values()]
  const letterDates = list.filter((c) => c.field === 'letterDate').sort((a, b) => b.score - a.score)
  const letter = letterDates[0]
  if (letter)
    for (const c of list)
      if (
        c.field === 'effectiveDate' &&
        compareDates(Temporal_from(c.value as string), Temporal_from(letter.value as string)) === 0
      )
        c.score *= 0.7
  return list
    .sort(
      (a, b) =>
        SUGGESTION_FIELDS.indexOf(a.field) - SUGGESTION_FIELDS.indexOf(b.field) ||
        b.score - a.score ||
        a.page - b.page,
    )
    .map((c) => ({
      field: c.field,
      value: c.value,
      page: c.page,
      text: c.text,
      confidence: Math.round(Math.min(0.99, c.score) * 100) / 100,
      ...(c.notes ? { notes: c.notes } : {}),
    }))
}

/** The best suggestion for each field (what a form is pre-filled with), if any. */
export function bestByField(
  suggestions: readonly Suggestion[],
): Partial<Record<SuggestionField, Suggestion>> {
  const out: Partial<Record<SuggestionField, Suggestion>> = {}
  for (const s of suggestions) if (!out[s.field] || out[s.field]!.confidence < s.confidence) out[s.field] = s
  return out
}
