import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Temporal } from '../../src/domain/shared/plain-date.ts'
import { DECISION_KINDS, EVENT_TYPES, decisionName, eventName } from '../../src/domain/case/index.ts'
import { text as words } from '../../src/copy/translate.ts'
import { LETTER_KINDS, type Letter, type LetterKind } from '../../src/documents/index.ts'
import { LetterNeedsMore, type LetterChoices } from '../../src/services/letter.service.ts'
import { testPglite, type TestDatabase } from '../helpers/pglite.ts'
import { amira, chris, jordan, priya, services, WHO } from './personas.ts'
import { jordanEnforcementAndComplaint } from '../../src/services/demo.service.ts'

/**
 * The consistency test of issue #11: every kind of letter, for every persona Redress can write it
 * for, with ordinary and awkward words from the parent (commas, quotes, line breaks, long text, no
 * closing full stop, a lower-case start), then the chronology. It fails on the parent's text altered
 * or split, double full stops, "you" meaning the parent in a first-person letter, a sentence starting
 * in lower case, raw machine forms (ISO dates, "/wk", ids, "undefined"), a stray capitalised kind
 * name mid-sentence, and a word or sentence repeated.
 */

let db: TestDatabase
let s: ReturnType<typeof services> // every service (createServices)
const personas: { name: string; caseId: string }[] = []

beforeAll(async () => {
  db = await testPglite()
  s = services(db, db.dataDir)
  const a = await amira(s)
  const p = await priya(s)
  // Priya's complaint was answered (before the final response), so she can escalate it.
  await s.caseFile.cases.addEvent(WHO, p.c.id, {
    type: 'letter-received',
    occurredOn: '2025-04-07',
    title: 'Reply to my complaint, which did not deal with the lost documents',
    letter: { subject: 'complaint-response', method: 'first-class', letterDate: '2025-04-04' },
  })
  const j = await jordan(s)
  await jordanEnforcementAndComplaint(s.caseFile.cases, WHO, j.c.id)
  const c = await chris(s)
  personas.push(
    { name: 'Amira', caseId: a.c.id },
    { name: 'Priya', caseId: p.c.id },
    { name: 'Jordan', caseId: j.c.id },
    { name: 'Chris', caseId: c.c.id },
  )
}, 120_000)
afterAll(() => db.destroy())

/** The parent's words, one set a variant: ordinary, then awkward. */
const VARIANTS: readonly Readonly<Record<string, string>>[] = [
  {
    grounds: 'Dan started a new job in November 2024 at £45,000 a year.',
    outcomeSought: 'The calculation should use Dan’s current income.',
    lateReason: 'I was in hospital from 20 February to 28 March 2025.',
    details: 'The CMS used Dan’s income for the wrong tax year.',
    change: 'Our older child left school in June 2025.',
    whatFollows: 'She should no longer be counted from the date she left.',
    source: 'Rent from a flat he lets out',
    howIKnow: 'He told me himself, and the flat is advertised online.',
    howDiverted: 'He is paid through his partner’s company.',
    arrangement: 'I collect the children every other weekend.',
    impact: 'It has caused us real hardship.',
    whyUnsatisfactory: 'The reply did not deal with the lost documents.',
    summary: 'The CMS has not acted on missed payments for nine months.',
    helpWanted: 'Please ask the CMS to deal with my complaint.',
    mpName: 'Jane Example MP',
  },
  {
    // Commas the old letters split at, quotes, a line break between two points, and no full stops.
    grounds:
      'He earns more than the decision says, about £863.01 a week, and he told me so himself\n' +
      'The decision said “no change”, but his payslips show a pay rise in November',
    outcomeSought: 'the amount should be worked out on his current income, not on 2022-23’s figure',
    lateReason: 'my daughter was ill, on and off, from February until the end of March',
    details: 'They used the wrong figure, £31,200, instead of £36,000',
    change: 'our son, Sami, moved in with his dad on 1 June',
    whatFollows: 'Sami should not be counted, from 1 June',
    source: 'rent, from two flats',
    howIKnow: '"He said so", in a text message',
    howDiverted: 'through a company, in his partner’s name',
    arrangement: 'every other weekend, plus half the holidays',
    impact: 'we have struggled, badly, since March',
    whyUnsatisfactory: 'it ignored my main point\nit gave no apology',
    summary: 'the CMS lost my papers, twice',
    helpWanted: 'ask the CMS, in writing, to answer my complaint',
    mpName: 'Jane Example MP',
  },
  {
    // Long text: one paragraph of about a thousand characters, kept whole.
    grounds: Array.from(
      { length: 12 },
      (_, i) =>
        `Point ${i + 1}: the decision overlooks, yet again, what I told the CMS on the phone and in writing`,
    ).join('; '),
    outcomeSought:
      'Please change the decision: use his current income (£863.01 a week), from 3 February 2025!',
    lateReason:
      'Between February and April I cared for my mother, who was very ill; I could not deal with post, calls or forms.',
    details: 'It’s wrong. “Official error”, as I see it.',
    change: 'I moved house on 1 May, to a flat with a spare room.',
    whatFollows: 'Please update my address.',
    source: 'Shares, and a rented garage',
    howIKnow: 'I have seen the statements.',
    howDiverted: 'Dividends are paid to his brother.',
    arrangement: 'Two nights a week, at my home.',
    impact: 'My children have gone without.',
    whyUnsatisfactory: 'It was late.\nIt was wrong.\nIt was rude.',
    summary: 'My case has been stuck for a year.',
    helpWanted: 'Please write to the CMS for me.',
    mpName: 'Jane Example MP',
  },
]

/** Words any letter may need that are not about the case (NI number, phone, date of birth). */
const EVERY = {
  senderPhone: '07700 900123',
  nationalInsuranceNumber: 'QQ123456C',
  dateOfBirth: '1988-04-12',
  attendHearing: 'yes',
  changeDate: '2025-06-27',
  since: '2024-11-01',
  estimatedAnnualAmount: '6000',
  remedies: 'apology, explanation, put-right',
}

/** The parent's own paragraphs in these words (the text that must come through untouched). */
const PARENT_FIELDS = [
  'grounds',
  'outcomeSought',
  'lateReason',
  'details',
  'change',
  'whatFollows',
  'howIKnow',
  'howDiverted',
  'arrangement',
  'impact',
  'whyUnsatisfactory',
  'summary',
  'helpWanted',
]

const own = (words: Record<string, string>): string[] =>
  PARENT_FIELDS.flatMap((f) => (words[f] ?? '').split('\n'))
    .map((l) => l.trim())
    .filter(Boolean)

interface Written {
  readonly persona: string
  readonly kind: LetterKind
  readonly variant: number
  readonly letter: Letter
  readonly words: Record<string, string>
}

/** Every string in a letter that Redress prints, in reading order. */
function texts(l: Letter): string[] {
  const blocks = (bs: Letter['paragraphs']) =>
    bs.flatMap((b) =>
      typeof b === 'string'
        ? [b]
        : b.kind === 'heading'
          ? [b.text]
          : [...(b.caption ? [b.caption] : []), ...b.rows.flat(), ...(b.totals ?? []).flat()],
    )
  return [
    l.title,
    l.subject,
    l.salutation,
    ...l.details.map((d) => `${d.label}: ${d.value}`),
    ...blocks(l.paragraphs),
    l.closing,
    ...l.enclosures,
    ...l.appendices.flatMap((a) => [a.title, ...blocks(a.paragraphs)]),
  ]
}

const KIND_NAMES = [
  ...DECISION_KINDS.map((k) => words(decisionName(k))),
  ...EVENT_TYPES.map((t) => words(eventName(t))),
]
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * The defects a careful parent would never write, in text with the parent's own words taken out
 * (each replaced by "Parentwords", so the sentence around it still reads as a sentence).
 */
export function defects(text: string, parent: readonly string[] = [], o: { page?: boolean } = {}): string[] {
  let t = text
  for (const p of [...parent].sort((a, b) => b.length - a.length)) t = t.split(p).join('Parentwords')
  const out: string[] = []
  const find = (re: RegExp, what: string) => {
    const m = re.exec(t)
    if (m) out.push(`${what}: "${t.slice(Math.max(0, m.index - 30), m.index + m[0].length + 30)}"`)
  }
  find(/\.\s*\.(?!\.)/, 'double full stop')
  // A page speaks to the parent ("you"), and its labels and tags are not sentences: these two are
  // checked in letters only.
  if (!o.page) {
    find(/\b(you say|you said|you told|you asked|you sent|you's|your own words)\b/i, '"you" for the parent')
    find(/(?:^|[.!?]\s+)[a-z][a-z]/, 'sentence starting in lower case')
  } else find(/\byou's\b/i, '"you\'s"')
  find(/\b\d{4}-\d{2}-\d{2}\b/, 'ISO date')
  find(/\/wk\b|\bpw\b/, 'machine form of "a week"')
  find(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i, 'an id')
  find(/\b(undefined|null|NaN)\b|\[object/, 'a machine value')
  find(new RegExp(`[a-z,;] (?:${KIND_NAMES.map(escape).join('|')})\\b`), 'capitalised kind name mid-sentence')
  find(/\b(\w{2,})\s+\1\b/i, 'word repeated')
  find(/\b([A-Z][^.!?]{3,}[.!?])\s+\1/, 'sentence repeated')
  return out
}

/**
 * Figures in tables, which the command line takes as JSON (`--input`): the variation grounds whose
 * costs, debts or payments are itemised.
 */
const JSON_INPUT: Partial<Record<LetterKind, Record<string, unknown>>> = {
  'variation-contact-costs': {
    costs: [{ description: 'Fuel, for each round trip', amount: '8.50', per: 'journey' }],
  },
  'variation-relevant-other-child-illness': {
    childName: 'Kai',
    condition: 'Kai has type 1 diabetes, diagnosed in 2023',
    costs: [{ description: 'Specialist food and travel to clinic', amount: '25.00', per: 'week' }],
  },
  'variation-prior-debts': {
    debts: [
      {
        lender: 'Example Bank',
        purpose: 'Loan for the family car',
        takenOut: '2021-05-01',
        monthlyPayment: '180.00',
      },
    ],
  },
  'variation-boarding-school-fees': {
    childName: 'Morgan',
    school: 'Example School',
    boardingFees: { description: 'Boarding', amount: '3000.00', per: 'term' },
  },
  'variation-former-home-payments': {
    payments: [{ kind: 'mortgage', lender: 'Example Building Society', monthlyAmount: '450.00' }],
  },
  'variation-assets': { assets: [{ description: 'A second flat in Harrogate', estimatedValue: '180000' }] },
}

const written: Written[] = []
const refused: string[] = []

async function write(persona: { name: string; caseId: string }, kind: LetterKind, variant: number) {
  const words = { ...EVERY, ...VARIANTS[variant]! }
  // Amira's and Jordan's decisions carry the CMS's figures: the first variant compares the parent's.
  const figures =
    variant === 0 && ['Amira', 'Jordan'].includes(persona.name)
      ? persona.name === 'Amira'
        ? { weeklyIncome: '863.01' }
        : { nights: '104' }
      : null
  const ch: LetterChoices = {
    date: Temporal.PlainDate.from('2025-09-20'),
    words,
    ...(figures ? { figures } : {}),
    ...(JSON_INPUT[kind] ? { input: JSON_INPUT[kind] } : {}),
  }
  try {
    const { letter } = await s.letters.draft(WHO, persona.caseId, kind, ch)
    written.push({ persona: persona.name, kind, variant, letter, words })
  } catch (error) {
    if (error instanceof LetterNeedsMore) refused.push(`${persona.name} ${kind}: ${error.message}`)
    else throw error
  }
}

describe('the letters read as a careful parent would write them', () => {
  beforeAll(async () => {
    for (const p of personas)
      for (const kind of LETTER_KINDS) for (let v = 0; v < VARIANTS.length; v++) await write(p, kind, v)
  }, 300_000)

  it('writes at least 40 letters, covering every kind', () => {
    if (process.env.SHOW_LETTERS)
      for (const w of written.filter((x) => x.variant === Number(process.env.SHOW_LETTERS)))
        console.log(`\n== ${w.persona} ${w.kind}\n${texts(w.letter).join('\n')}`)
    expect(written.length).toBeGreaterThanOrEqual(40)
    const kinds = new Set(written.map((w) => w.kind))
    expect(LETTER_KINDS.filter((k) => !kinds.has(k))).toEqual([])
    expect(new Set(written.map((w) => w.persona))).toEqual(new Set(['Amira', 'Priya', 'Jordan', 'Chris']))
  })

  it('keeps the parent’s words whole and untouched, one paragraph each', () => {
    const problems: string[] = []
    for (const w of written) {
      const paragraphs = texts(w.letter)
      const body = paragraphs.join('\n')
      for (const p of own(w.words)) {
        if (!body.includes(p)) continue // this kind does not use that field
        // A paragraph of the parent's is a paragraph of its own, or a whole answer, never a fragment.
        const whole = paragraphs.some(
          (x) => x === p || x === `${p}.` || x.endsWith(`: ${p}`) || x.endsWith(`: ${p}.`),
        )
        if (!whole)
          problems.push(
            `${w.persona} ${w.kind} #${w.variant}: "${p.slice(0, 50)}" is not a paragraph of its own`,
          )
      }
      // Never split at its commas into fragments (the old defect: "5. but his current income…").
      for (const x of paragraphs)
        if (/^(but|and|about|then|plus|in|from)\b/.test(x))
          problems.push(`${w.persona} ${w.kind} #${w.variant}: a fragment "${x.slice(0, 50)}"`)
    }
    expect(problems).toEqual([])
  })

  it('puts each ground the parent typed in the letter when the kind takes grounds', () => {
    const grounds = written.filter((w) =>
      ['mandatory-reconsideration', 'appeal-grounds', 'ni-appeal'].includes(w.kind),
    )
    expect(grounds.length).toBeGreaterThan(0)
    for (const w of grounds) {
      const body = texts(w.letter)
      for (const g of w.words.grounds!.split('\n'))
        expect(body).toContainEqual(expect.stringContaining(g.trim()))
    }
  })

  it('has none of the defects, in any letter', () => {
    const problems = written.flatMap((w) =>
      texts(w.letter).flatMap((t) =>
        defects(t, own(w.words)).map((d) => `${w.persona} ${w.kind} #${w.variant}: ${d}`),
      ),
    )
    expect(problems).toEqual([])
  })

  it('never says the reconsideration was asked for by phone unless a call records it', () => {
    for (const w of written.filter((x) => x.kind === 'mandatory-reconsideration'))
      expect(texts(w.letter).join(' ')).not.toContain('by phone')
  })

  it('names decisions by their kind in plain words', () => {
    const amira = written.find((w) => w.persona === 'Amira' && w.kind === 'mandatory-reconsideration')!
    expect(texts(amira.letter).join(' ')).toContain('the annual review decision dated 3 February 2025')
  })
})

describe('the chronology reads well too', () => {
  it('has none of the defects in any row', async () => {
    const problems: string[] = []
    for (const p of personas) {
      const rows = await s.caseFile.chronology.rows(WHO, p.caseId)
      const c = await s.caseFile.cases.getCase(WHO, p.caseId)
      const [events, decisions] = await Promise.all([
        s.caseFile.cases.list(WHO, p.caseId, 'event'),
        s.caseFile.cases.list(WHO, p.caseId, 'decision'),
      ])
      const parent = [
        ...events.flatMap((e) => [e.title, e.details ?? '', e.call?.theySaid ?? '', e.call?.iSaid ?? '']),
        ...decisions.map((d) => d.summary ?? ''),
        c.title,
      ].filter(Boolean)
      for (const r of rows)
        for (const d of [...defects(r.what, parent), ...defects(r.detail, parent)])
          problems.push(`${p.name} ${r.date}: ${d}`)
    }
    expect(problems).toEqual([])
  })
})

describe('the case pages read well too', () => {
  it('has none of the defects on any persona’s case pages', async () => {
    const { buildApp } = await import('../../src/web/app.ts')
    const { TEST_CSRF_KEY } = await import('../helpers/app.ts')
    const app = await buildApp(s, { csrfKey: TEST_CSRF_KEY })
    await app.ready()
    const problems: string[] = []
    try {
      for (const p of personas) {
        const [events, decisions] = await Promise.all([
          s.caseFile.cases.list(WHO, p.caseId, 'event'),
          s.caseFile.cases.list(WHO, p.caseId, 'decision'),
        ])
        const c = await s.caseFile.cases.getCase(WHO, p.caseId)
        const parent = [
          ...events.flatMap((e) => [e.title, e.details ?? '', e.call?.theySaid ?? '', e.call?.iSaid ?? '']),
          ...decisions.map((d) => d.summary ?? ''),
          c.title,
        ].filter(Boolean)
        for (const page of ['', '/timeline', '/decisions', '/deadlines', '/write']) {
          const r = await app.inject(`/cases/${p.caseId}${page}`)
          expect(r.statusCode).toBe(200)
          const main = r.body.slice(r.body.indexOf('<main'), r.body.indexOf('</main>'))
          // Each element's text on its own: a label, a cell or a paragraph is checked as it reads.
          const texts = main
            .replace(/<(script|style)[\s\S]*?<\/\1>/g, '')
            .split(
              /<\/?(?:p|li|td|th|h[1-6]|dt|dd|label|legend|span|a|strong|div|caption|option|button)\b[^>]*>/,
            )
            .map((x) =>
              x
                .replace(/<[^>]+>/g, ' ')
                .replace(/&[a-z#0-9]+;/g, ' ')
                .replace(/\s+/g, ' ')
                .trim(),
            )
            .filter((x) => x.length > 0)
          for (const t of texts)
            for (const d of defects(t, parent, { page: true }))
              problems.push(`${p.name} ${page || '/'}: ${d}`)
        }
      }
    } finally {
      await app.close()
    }
    expect([...new Set(problems)]).toEqual([])
  })
})

describe('the defect finder itself', () => {
  it('finds each defect the issue lists', () => {
    expect(defects('Please look again.. Thank you.')).toHaveLength(1)
    expect(defects('The CMS used £598.36 a week; you say £863.01 a week.')).toHaveLength(1)
    expect(defects('It was wrong. but it was late.')).toHaveLength(1)
    expect(defects('The decision dated 2025-02-03 was wrong.')).toHaveLength(1)
    expect(defects('He earns £863.01/wk now.')).toHaveLength(1)
    expect(defects('A letter about Annual review arrived.')).toHaveLength(1)
    expect(defects('Annual review. Annual review.')).toHaveLength(1)
    expect(defects('I ask ask you to look again.')).toHaveLength(1)
    expect(
      defects('I am asking you to look again at the annual review decision dated 3 February 2025.'),
    ).toEqual([])
  })
})
