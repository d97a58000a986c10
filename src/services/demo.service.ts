import type { Actor } from '../domain/case/index.ts'
import type { CaseService, EventForm } from './case.service.ts'
import { parseDate, type PlainDate } from '../domain/shared/plain-date.ts'
import { DEFAULT_LOCALE, text, type Locale } from '../copy/translate.ts'

/**
 * How a story is told: its dates (as written, or moved), its case titles and its words (the
 * parents' notes and titles are copy, in `demoCases` in src/web/locales/<locale>/demo-cases.json).
 */
export interface Demo {
  readonly date: (iso: string) => string
  readonly title: (title: string) => string
  /** The story's words in the demonstration's language: `text('amira.title')`. */
  readonly text: (key: string) => string
}

const storyText =
  (locale: Locale) =>
  (key: string): string =>
    text(`demoCases.${key}`, {}, locale)

/** The stories exactly as written, in English (the letter and bundle tests use these). */
export const AS_WRITTEN: Demo = { date: (iso) => iso, title: (t) => t, text: storyText(DEFAULT_LOCALE) }

/**
 * Demonstration case files for the four parents in the project's personas (Amira, Priya, Jordan,
 * Chris), built through the real case service so their deadlines come from the engine. They fill
 * an empty install for a tour (`redress demo`) and are the case files the letter and bundle tests
 * use. Names, addresses and numbers are invented (phone numbers from Ofcom's drama ranges).
 */

export async function amira(cases: CaseService, who: Actor, demo: Demo = AS_WRITTEN) {
  const c = await cases.createCase(who, {
    title: demo.title(demo.text('amira.title')),
    nation: 'england',
    role: 'receiving',
    cmsReference: '1212 3456 7890',
    yourName: 'Amira Haddad',
    yourAddress: '14 Ash Grove\nLeeds\nLS6 2AB',
    otherParent: {
      name: 'Dan Walker',
      address: '8 Elm Street, Bradford',
      postcode: 'BD1 4XY',
      phone: '07700 900456',
      email: 'dan@example.com',
    },
    children: [{ name: 'Sami' }, { name: 'Lina' }],
  })
  const decision = await cases.addDecision(who, c.id, {
    kind: 'annual-review',
    letterDate: demo.date('2025-02-03'),
    summary: demo.text('amira.decisionSummary'),
    weeklyAmount: '82.06',
    weeklyIncome: '598.36',
    nights: '52',
    otherChildren: '0',
  })
  const call = await cases.addEvent(who, c.id, {
    type: 'call',
    occurredOn: demo.date('2025-02-10'),
    occurredTime: '10:15',
    title: demo.text('amira.callTitle'),
    call: {
      personName: 'Kelly',
      personRole: 'adviser',
      iSaid: demo.text('amira.callISaid'),
      theySaid: demo.text('amira.callTheySaid'),
    },
  })
  return { c, decision: decision.record, call: call.record }
}

export async function priya(cases: CaseService, who: Actor, demo: Demo = AS_WRITTEN) {
  const c = await cases.createCase(who, {
    title: demo.title(demo.text('priya.title')),
    nation: 'wales',
    role: 'receiving',
    cmsReference: '121098765432',
    yourName: 'Priya Sharma',
    yourAddress: 'Flat 5, 22 Cathedral Road\nCardiff\nCF11 9LJ',
    otherParent: {
      name: 'Rob',
      address: '9 Heol y Deri\nRhiwbina',
      postcode: 'CF14 6HA',
      phone: '07700 900789',
      email: 'rob@example.org',
    },
    children: [{ name: 'Asha' }],
  })
  const add = (e: EventForm) => cases.addEvent(who, c.id, e)
  await add({
    type: 'note',
    occurredOn: demo.date('2024-06-03'),
    title: demo.text('priya.recordsLost'),
    tags: ['complaint'],
  })
  await add({
    type: 'note',
    occurredOn: demo.date('2024-09-10'),
    title: demo.text('priya.documentsLostAgain'),
    tags: ['complaint', 'distress'],
  })
  await add({
    type: 'note',
    occurredOn: demo.date('2025-03-01'),
    title: demo.text('priya.notActed'),
    tags: ['complaint', 'delay'],
  })
  await add({
    type: 'letter-sent',
    occurredOn: demo.date('2025-03-10'),
    title: demo.text('priya.complaint'),
    letter: { subject: 'complaint', method: 'first-class' },
  })
  await add({
    type: 'payment',
    occurredOn: demo.date('2025-01-15'),
    title: demo.text('priya.callCosts'),
    amount: '38.40',
    tags: ['cost', 'calls'],
  })
  await add({
    type: 'payment',
    occurredOn: demo.date('2025-02-03'),
    title: demo.text('priya.bankCharge'),
    amount: '12.00',
    tags: ['cost', 'bank-charges'],
  })
  const final = await add({
    type: 'letter-received',
    occurredOn: demo.date('2025-09-02'),
    title: demo.text('priya.finalResponse'),
    letter: {
      subject: 'complaint-final-response',
      method: 'first-class',
      letterDate: demo.date('2025-09-02'),
    },
  })
  return { c, final: final.record }
}

export async function jordan(cases: CaseService, who: Actor, demo: Demo = AS_WRITTEN) {
  const c = await cases.createCase(who, {
    title: demo.title(demo.text('jordan.title')),
    nation: 'scotland',
    role: 'paying',
    cmsReference: '121555666777',
    yourName: 'Jordan Mackay',
    yourAddress: '3/2 12 Byres Road\nGlasgow\nG11 5RD',
    otherParent: {
      name: 'Morgan Reid',
      address: '41 Dumbarton Road\nPartick',
      postcode: 'G11 6AA',
      phone: '0141 496 0555',
      email: 'morgan.reid@example.net',
    },
    children: [{ name: 'Alex' }],
  })
  const calc = await cases.addDecision(who, c.id, {
    kind: 'calculation',
    letterDate: demo.date('2024-12-02'),
    summary: demo.text('jordan.calculationSummary'),
    weeklyAmount: '49.16',
    weeklyIncome: '536.99',
    nights: '78',
    otherChildren: '1',
  })
  const mrn = await cases.addDecision(who, c.id, {
    kind: 'mandatory-reconsideration-notice',
    letterDate: demo.date('2025-03-14'),
    summary: demo.text('jordan.reconsiderationSummary'),
    weeklyAmount: '49.16',
    weeklyIncome: '536.99',
    nights: '78',
    otherChildren: '1',
  })
  return { c, calc: calc.record, mrn: mrn.record }
}

export async function chris(cases: CaseService, who: Actor, demo: Demo = AS_WRITTEN) {
  const c = await cases.createCase(who, {
    title: demo.title(demo.text('chris.title')),
    nation: 'northern-ireland',
    role: 'paying',
    cmsReference: '121444555666',
    yourName: 'Chris O’Neill',
    yourAddress: '7 Lisburn Road\nBelfast\nBT9 6AA',
    otherParent: { name: 'Lee' },
    children: [{ name: 'Erin' }, { name: 'Ryan' }],
  })
  const mrn = await cases.addDecision(who, c.id, {
    kind: 'mandatory-reconsideration-notice',
    letterDate: demo.date('2025-05-08'),
    summary: demo.text('chris.reconsiderationSummary'),
  })
  return { c, mrn: mrn.record }
}

/** Jordan's earnings order and his complaint about the arrears, which the demo adds to his case. */
export async function jordanEnforcementAndComplaint(
  cases: CaseService,
  who: Actor,
  caseId: string,
  demo: Demo = AS_WRITTEN,
) {
  const order = await cases.addDecision(who, caseId, {
    kind: 'enforcement',
    letterDate: demo.date('2025-03-03'),
    summary: demo.text('jordan.orderSummary'),
    enforcementAction: 'deduction-from-earnings-order',
  })
  const complaint = await cases.addEvent(who, caseId, {
    type: 'letter-sent',
    occurredOn: demo.date('2025-03-17'),
    title: demo.text('jordan.complaint'),
    letter: { subject: 'complaint', method: 'first-class' },
    tags: ['complaint', 'disputed'],
  })
  return { order: order.record, complaint: complaint.record }
}

export interface DemoCase {
  readonly id: string
  readonly title: string
}

/** The label the demonstration cases carry, so nobody takes them for a real case. */
export const demoLabel = (locale: Locale = DEFAULT_LOCALE): string => text('demoCases.label', {}, locale)

/** Dates of the most recent thing in each story: the story is moved so this falls in the past week. */
const LAST_EVENT = { amira: '2025-02-10', priya: '2025-09-02', jordan: '2025-03-17', chris: '2025-05-08' }

/**
 * The stories moved to `today`, each by whole weeks (so weekdays stay the same) until its most
 * recent event falls in the week before today: their deadlines are then live, not long past. A
 * `today` before a story leaves it as written.
 */
export function demoFor(
  today: PlainDate,
  story: keyof typeof LAST_EVENT,
  locale: Locale = DEFAULT_LOCALE,
): Demo {
  const days = parseDate(LAST_EVENT[story]).until(today, { largestUnit: 'days' }).days
  const weeks = Math.max(0, Math.floor(days / 7))
  return {
    date: (iso) =>
      parseDate(iso)
        .add({ days: weeks * 7 })
        .toString(),
    title: (title) => text('demoCases.labelled', { label: demoLabel(locale), title }, locale),
    text: storyText(locale),
  }
}

export interface DemoCase {
  readonly id: string
  readonly title: string
  /** False when the case was already there (the demonstration is only added once). */
  readonly created: boolean
}

/**
 * Adds the four demonstration cases, labelled "Example" and dated relative to `today`. Running it
 * again adds nothing: a demonstration case already in the case file (live, not binned) is kept.
 */
export async function seedDemoCases(
  cases: CaseService,
  who: Actor,
  today: PlainDate,
  locale: Locale = DEFAULT_LOCALE,
): Promise<DemoCase[]> {
  const existing = new Map((await cases.listCases(who, 'live')).map((c) => [c.title, c.id]))
  const out: DemoCase[] = []
  const add = async (
    story: keyof typeof LAST_EVENT,
    make: (demo: Demo) => Promise<{ id: string; title: string }>,
  ): Promise<void> => {
    const demo = demoFor(today, story, locale)
    const title = demo.text(`${story}.title`)
    const id = existing.get(demo.title(title))
    if (id !== undefined) out.push({ id, title: demo.title(title), created: false })
    else out.push({ ...(await make(demo)), created: true })
  }
  await add('amira', async (d) => (await amira(cases, who, d)).c)
  await add('priya', async (d) => (await priya(cases, who, d)).c)
  await add('jordan', async (d) => {
    const j = await jordan(cases, who, d)
    await jordanEnforcementAndComplaint(cases, who, j.c.id, d)
    return j.c
  })
  await add('chris', async (d) => (await chris(cases, who, d)).c)
  return out.map(({ id, title, created }) => ({ id, title, created }))
}
