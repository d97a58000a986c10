import type { Letter, LetterBlock } from '../letters/model.ts'

/** Contact details that must not appear in what is shared (usually the other parent's). */
export interface RedactionTarget {
  /** Whose details these are, in words: "the other parent". */
  readonly whose: string
  /**
   * Address lines that identify the home: house and street, area, postcode. Each line given is
   * removed wherever it appears, so give a town on its own line only if it should go everywhere.
   */
  readonly addressLines?: readonly string[]
  readonly postcode?: string
  readonly phones?: readonly string[]
  readonly emails?: readonly string[]
  /** Anything else to hide (a name, a reference, a school), matched whole-word, case and spacing ignored. */
  readonly texts?: readonly string[]
}

export type RedactionKind = 'address' | 'postcode' | 'phone' | 'email' | 'text'

/** "the other parent" -> "the other parent’s"; "you" -> "your". */
export function possessive(whose: string): string {
  return whose === 'you' ? 'your' : `${whose}’s`
}

/** A place in a text (start inclusive, end exclusive) to remove, and what it is. */
export interface Range {
  readonly kind: RedactionKind
  readonly whose: string
  readonly start: number
  readonly end: number
}

export interface Match {
  readonly kind: RedactionKind
  readonly whose: string
  readonly index: number
  readonly length: number
}

export const REMOVED = '[removed]'

interface Pattern {
  readonly kind: RedactionKind
  readonly whose: string
  readonly re: RegExp
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{N}])'
const NOT_WORD_AFTER = '(?![\\p{L}\\p{N}])'

/** A line of an address matched case-insensitively, with any spacing or commas between its words. */
function addressPattern(line: string): RegExp | null {
  const words = line
    .split(/[\s,]+/)
    .filter((w) => w !== '')
    .map((w) => escape(w).replace(/['’]/g, "['’]"))
  if (words.join('').length < 3) return null
  return new RegExp(NOT_WORD_BEFORE + words.join('[\\s,]+') + NOT_WORD_AFTER, 'giu')
}

function postcodePattern(postcode: string): RegExp | null {
  const compact = postcode.replace(/\s+/g, '').toUpperCase()
  if (compact.length < 5) return null
  const outward = compact.slice(0, -3)
  const inward = compact.slice(-3)
  return new RegExp(`${NOT_WORD_BEFORE}${escape(outward)}\\s*${escape(inward)}${NOT_WORD_AFTER}`, 'giu')
}

/** A UK phone number in any common spacing, with 0, +44 or 0044 in front. */
function phonePattern(phone: string): RegExp | null {
  let digits = phone.replace(/\D/g, '')
  if (digits.startsWith('0044')) digits = digits.slice(4)
  else if (digits.startsWith('44') && phone.trim().startsWith('+')) digits = digits.slice(2)
  else if (digits.startsWith('0')) digits = digits.slice(1)
  if (digits.length < 6) return null
  const sep = '[\\s\\-.()]*'
  const prefix = `(?:\\+${sep}44${sep}(?:\\(${sep}0${sep}\\)${sep})?|0044${sep}|0${sep})`
  return new RegExp(`(?<!\\d)${prefix}${[...digits].join(sep)}(?!\\d)`, 'g')
}

function emailPattern(email: string): RegExp | null {
  const e = email.trim()
  if (!e.includes('@')) return null
  return new RegExp(`(?<![\\w.+-])${escape(e)}(?![\\w-])`, 'gi')
}

/**
 * What the loose search ignores: spacing and commas, and hyphens of every kind (soft, hard,
 * non-breaking), so a detail broken across lines by a hyphen ("Quar-" then "ry Mews"), or a
 * hyphenated name broken at its hyphen, is still found. Ignoring more only ever finds more.
 */
const LOOSE_GAP = /[\s,\u00ad\u2010\u2011-]/
const compact = (s: string): string => s.replace(/[\s,\u00ad\u2010\u2011-]+/g, '')

/** Finds and removes the targets' contact details in text. */
export class Redactor {
  private readonly patterns: Pattern[] = []
  /** The same details with all spacing and hyphens taken out, for text whose spacing cannot be trusted. */
  private readonly loose: Pattern[] = []

  constructor(readonly targets: readonly RedactionTarget[]) {
    for (const t of targets) {
      const add = (kind: RedactionKind, re: RegExp | null): void => {
        if (re) this.patterns.push({ kind, whose: t.whose, re })
      }
      for (const e of t.emails ?? []) add('email', emailPattern(e))
      for (const p of t.phones ?? []) add('phone', phonePattern(p))
      if (t.postcode) add('postcode', postcodePattern(t.postcode))
      for (const l of t.addressLines ?? []) add('address', addressPattern(l))
      for (const x of t.texts ?? []) add('text', addressPattern(x))
      const addLoose = (kind: RedactionKind, value: string, min: number): void => {
        const c = compact(value)
        if (c.length >= min) this.loose.push({ kind, whose: t.whose, re: new RegExp(escape(c), 'gi') })
      }
      for (const e of t.emails ?? []) addLoose('email', e, 6)
      if (t.postcode) addLoose('postcode', t.postcode, 5)
      for (const l of t.addressLines ?? []) addLoose('address', l, 6)
      for (const x of t.texts ?? []) addLoose('text', x, 6)
    }
  }

  get active(): boolean {
    return this.patterns.length > 0
  }

  /** Every place a target appears (overlaps included). Whitespace runs in `text` may be anything. */
  find(text: string): Match[] {
    const out: Match[] = []
    for (const p of this.patterns) {
      p.re.lastIndex = 0
      for (const m of text.matchAll(p.re))
        out.push({ kind: p.kind, whose: p.whose, index: m.index, length: m[0].length })
    }
    return out.sort((a, b) => a.index - b.index)
  }

  /**
   * Like `find`, and also finds details whose letters are there but spaced oddly, as in text read
   * back from a PDF that places each letter separately. Positions refer to the spacing-free text.
   */
  findLoose(text: string): Match[] {
    const out = this.find(text)
    const squeezed = compact(text)
    for (const p of this.loose) {
      p.re.lastIndex = 0
      for (const m of squeezed.matchAll(p.re))
        out.push({ kind: p.kind, whose: p.whose, index: m.index, length: m[0].length })
    }
    return out
  }

  /**
   * Whether `text` holds any target, exactly or with its spacing ignored: the same answer as
   * `locate(text).length > 0`, without working out where (most pages of a bundle hold none).
   */
  has(text: string): boolean {
    const hit = (re: RegExp, s: string): boolean => {
      re.lastIndex = 0
      const found = re.test(s)
      re.lastIndex = 0
      return found
    }
    if (this.patterns.some((p) => hit(p.re, text))) return true
    if (this.loose.length === 0) return false
    const squeezed = compact(text)
    return this.loose.some((p) => hit(p.re, squeezed))
  }

  /**
   * Every place in `text` to remove, as ranges of `text` itself: the exact matches, and details
   * whose letters are there with odd spacing (each range then runs from the first letter to the last).
   */
  locate(text: string): Range[] {
    const out: Range[] = this.find(text).map((m) => ({
      kind: m.kind,
      whose: m.whose,
      start: m.index,
      end: m.index + m.length,
    }))
    if (this.loose.length === 0) return out
    const at: number[] = []
    let squeezed = ''
    for (let i = 0; i < text.length; i++)
      if (!LOOSE_GAP.test(text[i]!)) {
        squeezed += text[i]
        at.push(i)
      }
    for (const p of this.loose) {
      p.re.lastIndex = 0
      for (const m of squeezed.matchAll(p.re))
        out.push({
          kind: p.kind,
          whose: p.whose,
          start: at[m.index]!,
          end: at[m.index + m[0].length - 1]! + 1,
        })
    }
    return out.sort((a, b) => a.start - b.start)
  }

  /** Replaces each target with "[removed]", most specific first, counting what went. */
  redact(text: string): { text: string; removed: Match[] } {
    const removed: Match[] = []
    let out = text
    for (const p of this.patterns) {
      p.re.lastIndex = 0
      out = out.replace(p.re, (m: string, index: number) => {
        removed.push({ kind: p.kind, whose: p.whose, index, length: m.length })
        return REMOVED
      })
    }
    return { text: out, removed }
  }
}

function redactBlock(b: LetterBlock, r: (s: string) => string): LetterBlock {
  if (typeof b === 'string') return r(b)
  if (b.kind === 'heading') return { ...b, text: r(b.text) }
  return {
    ...b,
    ...(b.caption ? { caption: r(b.caption) } : {}),
    columns: b.columns.map((c) => ({ ...c, header: r(c.header) })),
    rows: b.rows.map((row) => row.map(r)),
    ...(b.totals ? { totals: b.totals.map((row) => row.map(r)) } : {}),
  }
}

/** A copy of the letter with the targets' details removed from every piece of text in it. */
export function redactLetter(letter: Letter, redactor: Redactor): { letter: Letter; removed: Match[] } {
  const removed: Match[] = []
  const r = (s: string): string => {
    const out = redactor.redact(s)
    removed.push(...out.removed)
    return out.text
  }
  const opt = (s: string | undefined): string | undefined => (s === undefined ? undefined : r(s))
  const phone = opt(letter.sender.phone)
  const email = opt(letter.sender.email)
  const attention = opt(letter.recipient.attention)
  const copy: Letter = {
    ...letter,
    title: r(letter.title),
    sender: {
      name: r(letter.sender.name),
      addressLines: letter.sender.addressLines.map(r),
      ...(phone !== undefined ? { phone } : {}),
      ...(email !== undefined ? { email } : {}),
    },
    recipient: {
      organisation: r(letter.recipient.organisation),
      addressLines: letter.recipient.addressLines.map(r),
      ...(attention !== undefined ? { attention } : {}),
    },
    subject: r(letter.subject),
    details: letter.details.map((d) => ({ label: r(d.label), value: r(d.value) })),
    salutation: r(letter.salutation),
    paragraphs: letter.paragraphs.map((b) => redactBlock(b, r)),
    closing: r(letter.closing),
    enclosures: letter.enclosures.map(r),
    appendices: letter.appendices.map((a) => ({
      title: r(a.title),
      paragraphs: a.paragraphs.map((b) => redactBlock(b, r)),
    })),
    notes: letter.notes.map(r),
  }
  return { letter: copy, removed }
}
