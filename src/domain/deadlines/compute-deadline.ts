import { InvalidInput, OutsideRuleCoverage } from '../shared/errors.ts'
import { formatDate, formatLongDate, isAfter, isBefore, type PlainDate } from '../shared/plain-date.ts'
import type { RuleBook } from '../shared/rule-book.ts'
import { step, type Citation, type Confidence, type Source, type Step } from '../shared/traced.ts'
import {
  NATION_NAMES,
  addWorkingDays,
  citeCalendar,
  computedYears,
  lastWorkingDayOnOrBefore,
  lowerConfidence,
  nextWorkingDayOnOrAfter,
  type Calendar,
  type Calendars,
  type SkippedDay,
} from './calendar.ts'
import { addCalendarMonths, addDays, formatPeriod, type Period } from './date-arithmetic.ts'
import { ruleIdFor } from './kinds.ts'
import { deadlineValueParser, type CitableSource, type DeadlineRuleValue } from './rule-value.ts'
import type { DeadlineReading, DeadlineRequest, DeadlineResult, Nation } from './types.ts'

const COUNTING_RULE = {
  days: 'deadlines.counting-days',
  months: 'deadlines.counting-months',
  'working days': 'deadlines.counting-working-days',
} as const

/**
 * Works out a deadline: the legal date (after any roll-forward the rule allows), the date to act by (the
 * earliest reading, on a working day), the outer limit for a late application, and the steps that got there.
 * Throws InvalidInput (field "nation") where the kind does not apply in the nation, and OutsideRuleCoverage
 * where no rule or calendar covers the dates.
 */
export function computeDeadline(
  book: RuleBook,
  calendars: Calendars,
  request: DeadlineRequest,
): DeadlineResult {
  return computeForRule(book, calendars, request, ruleIdFor(request.kind, request.nation))
}

/** A rule read for one request: its value, the source to cite for the nation, and how sure we are. */
interface LoadedRule {
  readonly id: string
  readonly title: string
  readonly value: DeadlineRuleValue
  readonly source: Source
  readonly confidence: Confidence
  readonly by: string
  cite(provision?: string): Citation
}

function loadRule(book: RuleBook, id: string, on: PlainDate, nation: Nation): LoadedRule {
  const at = book.at(id, on, deadlineValueParser(id))
  const v = at.value
  if (!v.nations.includes(nation)) {
    const why = v.notCovered[nation] ?? `${at.rule.title} does not apply in ${NATION_NAMES[nation]}.`
    throw new InvalidInput('nation', why)
  }
  const nationSource = v.nationSources[nation]
  const source: Source = nationSource
    ? { instrument: nationSource.instrument, provision: nationSource.provision, url: nationSource.url }
    : at.period.source
  const confidence = nationSource
    ? lowerConfidence(at.period.confidence, nationSource.confidence)
    : at.period.confidence
  return {
    id,
    title: at.rule.title,
    value: v,
    source,
    confidence,
    by: nationSource?.by ?? v.by,
    cite: (provision?: string) => ({
      ruleId: id,
      ...source,
      provision: provision ?? source.provision,
      confidence,
    }),
  }
}

const citeSource = (ruleId: string, s: CitableSource): Citation => ({
  ruleId,
  instrument: s.instrument,
  provision: s.provision,
  url: s.url,
  confidence: s.confidence,
})

/** The dates a calendar was consulted over, so we can say which years' holidays the answer relied on. */
interface CalendarUse {
  readonly calendar: Calendar
  readonly from: PlainDate
  readonly to: PlainDate
  /** True when the calendar changed a legal date (a working-day count or a roll-forward). */
  readonly decisive: boolean
}

interface Counted {
  readonly start: PlainDate
  readonly raw: PlainDate
  readonly steps: Step[]
  readonly uses: CalendarUse[]
}

function countingCite(book: RuleBook, period: Period, on: PlainDate): Citation | undefined {
  const id = COUNTING_RULE[period.unit]
  return book.has(id) ? book.at(id, on).cite() : undefined
}

const MONTH_YEAR = (d: PlainDate): string => formatDate(d).replace(/^\d+ /, '')

/** Applies a period to a start date, with the step that explains the counting. */
function applyPeriod(
  book: RuleBook,
  start: PlainDate,
  period: Period,
  calendar: Calendar,
): { date: PlainDate; step: Step; use: CalendarUse | null } {
  const cite = countingCite(book, period, start)
  const extra = (date: PlainDate) => (cite ? { date, cite } : { date })
  switch (period.unit) {
    case 'days': {
      const date = addDays(start, period.count)
      const text = `Counting ${formatPeriod(period)} from the day after ${formatLongDate(start)} (that day itself does not count) gives ${formatLongDate(date)}.`
      return { date, step: step('count', text, extra(date)), use: null }
    }
    case 'months': {
      const { date, clamped } = addCalendarMonths(start, period.count)
      const text = clamped
        ? `${formatPeriod(period)} after ${formatLongDate(start)} would be day ${start.day} of ${MONTH_YEAR(date)}, which has no such day, so the period ends on the last day of that month: ${formatLongDate(date)}.`
        : `${formatPeriod(period)} after ${formatLongDate(start)} ends on the same day of the month in ${MONTH_YEAR(date)}: ${formatLongDate(date)}.`
      return { date, step: step('count', capitalise(text), extra(date)), use: null }
    }
    case 'working days': {
      const moved = addWorkingDays(start, period.count, calendar)
      const holidays = moved.skipped.filter((s) => s.reason !== 'weekend')
      const left = holidays.length > 0 ? ` The bank holidays left out are ${describeDays(holidays)}.` : ''
      const text = `Counting ${formatPeriod(period)} after ${formatLongDate(start)} (not counting that day, and leaving out weekends and bank holidays in ${NATION_NAMES[calendar.nation]}) gives ${formatLongDate(moved.date)}.${left}`
      return {
        date: moved.date,
        step: step('count', text, extra(moved.date)),
        use: { calendar, from: start, to: moved.date, decisive: true },
      }
    }
  }
}

function periodFor(v: DeadlineRuleValue, request: DeadlineRequest): Period {
  return request.residentAbroad && v.residentAbroadPeriod ? v.residentAbroadPeriod : v.period
}

function periodStepText(v: DeadlineRuleValue, period: Period, request: DeadlineRequest): string {
  const abroad =
    request.residentAbroad && v.residentAbroadPeriod
      ? ` (instead of ${formatPeriod(v.period)}, because the paying parent lives outside the UK)`
      : ''
  switch (v.nature) {
    case 'target':
      return `The target is ${formatPeriod(period)} after that date.`
    case 'review-date':
      return `The review date falls ${formatPeriod(period)} after that date.`
    case 'tracking':
      return `The rule allows ${formatPeriod(period)} after that date.`
    default:
      return `The time limit is ${formatPeriod(period)} after that date${abroad}.`
  }
}

/** The start of the period and its end before any roll-forward. */
function count(book: RuleBook, calendars: Calendars, request: DeadlineRequest, rule: LoadedRule): Counted {
  const v = rule.value
  const own = calendars[request.nation]
  const steps: Step[] = []
  const uses: CalendarUse[] = []
  let start = request.from
  if (v.after) {
    const base = count(book, calendars, request, loadRule(book, v.after.rule, request.from, request.nation))
    steps.push(...base.steps)
    start = base.raw
    steps.push(
      step(
        'start',
        `${capitalise(v.trigger)}: ${formatLongDate(start)}. ${rule.title} is counted from that date.`,
        {
          date: start,
          cite: rule.cite(),
        },
      ),
    )
    uses.push(...base.uses)
  } else {
    steps.push(
      step('trigger', `${capitalise(v.trigger)}: ${formatLongDate(start)}.`, {
        date: start,
        cite: rule.cite(),
      }),
    )
  }
  const period = periodFor(v, request)
  steps.push(step('period', periodStepText(v, period, request), { cite: rule.cite() }))
  const applied = applyPeriod(book, start, period, own)
  steps.push(applied.step)
  if (applied.use) uses.push(applied.use)
  return { start, raw: applied.date, steps, uses }
}

function computeForRule(
  book: RuleBook,
  calendars: Calendars,
  request: DeadlineRequest,
  ruleId: string,
): DeadlineResult {
  const rule = loadRule(book, ruleId, request.from, request.nation)
  const v = rule.value
  const own = calendars[request.nation]
  const counted = count(book, calendars, request, rule)
  const { raw } = counted
  const steps: Step[] = [...counted.steps]
  const uses: CalendarUse[] = [...counted.uses]
  const assumptions: string[] = [...v.assumptions]
  const readings: DeadlineReading[] = []
  let confidence = rule.confidence
  let deadline = raw

  // 1. Roll-forward past non-working days, where the rule allows it (or may allow it).
  const rf = v.rollForward
  const rollCalendar = rf ? (rf.calendar === 'own-nation' ? own : calendars['england-and-wales']) : null
  const later: DeadlineReading[] = []
  if (rf && rollCalendar) {
    const moved = nextWorkingDayOnOrAfter(raw, rollCalendar)
    const rfCite = citeSource(ruleId, rf)
    if (moved.skipped.length > 0) {
      uses.push({ calendar: rollCalendar, from: raw, to: moved.date, decisive: rf.applies === 'yes' })
      if (rf.applies === 'yes') {
        deadline = moved.date
        confidence = lowerConfidence(confidence, rf.confidence)
        steps.push(
          step(
            'roll-forward',
            `${formatLongDate(raw)} is not a working day. The rule (${rf.provision}) lets it be done on the next working day instead. Passing over ${describeDays(moved.skipped)}, that is ${formatLongDate(moved.date)}.`,
            { date: moved.date, cite: rfCite },
          ),
        )
      } else {
        const text = `${formatLongDate(raw)} is not a working day. If a rule moved the deadline to the next working day, passing over ${describeDays(moved.skipped)}, it would be ${formatLongDate(moved.date)}. No such rule has been confirmed for ${NATION_NAMES[request.nation]}, so Redress does not rely on it.`
        steps.push(step('roll-forward-uncertain', text, { date: moved.date, cite: rfCite }))
        later.push({
          key: 'roll-forward',
          date: moved.date,
          status: 'may-not-be-accepted',
          text,
          cite: rfCite,
        })
        assumptions.push(
          `Whether a deadline ending at a weekend or on a bank holiday moves to the next working day in ${NATION_NAMES[request.nation]} is not confirmed; the deadline shown does not move.`,
        )
      }
    }
    if (rf.applies === 'yes' && rf.alsoShowOwnNation && rollCalendar.nation !== own.nation) {
      const alt = nextWorkingDayOnOrAfter(raw, own)
      if (isAfter(alt.date, deadline)) {
        uses.push({ calendar: own, from: raw, to: alt.date, decisive: false })
        const text = `Using bank holidays in ${NATION_NAMES[own.nation]} instead (${describeDays(alt.skipped)}), the last day would be ${formatLongDate(alt.date)}. The rules do not say whose bank holidays count, so that later date may not be accepted.`
        steps.push(step('roll-forward-own-nation', text, { date: alt.date, cite: rfCite }))
        later.push({
          key: `roll-forward-${own.nation}`,
          date: alt.date,
          status: 'may-not-be-accepted',
          text,
          cite: rfCite,
        })
      }
    }
  }
  readings.push({
    key: 'legal',
    date: deadline,
    status: 'legal',
    text: `${rule.title}: ${formatLongDate(deadline)}.`,
    cite: rule.cite(),
  })

  // 2. What must happen by when.
  if (v.timeOfDay) {
    steps.push(
      step('time-of-day', `It must arrive by ${formatTime(v.timeOfDay.time)} on that day.`, {
        cite: citeSource(ruleId, v.timeOfDay),
      }),
    )
  }
  steps.push(step('deadline', mustBeText(v, rule.by, deadline), { date: deadline, cite: rule.cite() }))

  // 3. Other readings: an earlier one is what we tell people to aim for; a later one is shown, never used.
  const earlier: PlainDate[] = []
  for (const o of v.otherReadings) {
    const applied = applyPeriod(book, counted.start, o.period, own)
    if (applied.use) uses.push({ ...applied.use, decisive: false })
    const isEarlier = isBefore(applied.date, raw)
    const text = isEarlier
      ? `${capitalise(o.text)}: ${formatPeriod(o.period)} after ${formatLongDate(counted.start)} is ${formatLongDate(applied.date)}. That is earlier than the legal date, so aim for it.`
      : `${capitalise(o.text)}: ${formatPeriod(o.period)} after ${formatLongDate(counted.start)} is ${formatLongDate(applied.date)}. That is not earlier than the legal date, so do not rely on it.`
    const cite = citeSource(ruleId, o)
    steps.push(step(`reading-${o.key}`, text, { date: applied.date, cite }))
    const reading: DeadlineReading = {
      key: o.key,
      date: applied.date,
      status: isEarlier ? 'conservative' : 'not-relied-on',
      text,
      cite,
    }
    if (isEarlier) {
      earlier.push(applied.date)
      readings.push(reading)
    } else later.push(reading)
  }
  readings.push(...later)

  // 4. The date to act by.
  const actBy = actByDate(
    v,
    rule.by,
    raw,
    deadline,
    earlier,
    [own, ...(rollCalendar ? [rollCalendar] : [])],
    steps,
    uses,
  )

  // 5. The outer limit for a late application.
  let outerLimit: PlainDate | null = null
  if (v.outerLimit) {
    try {
      const outer = computeForRule(book, calendars, request, v.outerLimit)
      outerLimit = outer.deadline
      steps.push(
        step(
          'outer-limit',
          `If this date is missed: ${lowerFirst(outer.title)} is ${formatLongDate(outer.deadline)} (${outer.confidence}).`,
          {
            date: outer.deadline,
            cite: { ruleId: outer.rule, ...outer.source, confidence: outer.confidence },
          },
        ),
      )
      for (const a of outer.assumptions) if (!assumptions.includes(a)) assumptions.push(a)
    } catch (error) {
      if (!(error instanceof OutsideRuleCoverage)) throw error
      assumptions.push(`No outer limit is shown: ${error.message}`)
    }
  }

  // 6. What the calendars contributed.
  for (const use of uses) {
    if (use.decisive)
      confidence = lowerConfidence(confidence, citeCalendar(use.calendar, use.from, use.to).confidence)
  }
  steps.push(...holidaySources(uses))
  assumptions.push(...computedYearNotes(uses))

  return {
    kind: request.kind,
    deadline,
    actBy,
    outerLimit,
    timeOfDay: v.timeOfDay?.time ?? null,
    rule: ruleId,
    title: rule.title,
    source: rule.source,
    confidence,
    steps,
    assumptions,
    from: request.from,
    nation: request.nation,
    nature: v.nature,
    mustBe: v.mustBe,
    by: rule.by,
    readings,
  }
}

const ACTS: ReadonlySet<string> = new Set(['deadline', 'outer-limit'])

function actByDate(
  v: DeadlineRuleValue,
  by: string,
  raw: PlainDate,
  deadline: PlainDate,
  earlier: readonly PlainDate[],
  calendarsToUse: readonly Calendar[],
  steps: Step[],
  uses: CalendarUse[],
): PlainDate {
  if (!ACTS.has(v.nature)) {
    steps.push(step('act-by', notForYouText(v, by, deadline), { date: deadline }))
    return deadline
  }
  const earliest = earlier.reduce((a, b) => (isBefore(b, a) ? b : a), raw)
  const unique = calendarsToUse.filter((c, i) => calendarsToUse.findIndex((d) => d.nation === c.nation) === i)
  const moved = lastWorkingDayOnOrBefore(earliest, ...unique)
  for (const c of unique) uses.push({ calendar: c, from: moved.date, to: earliest, decisive: false })
  steps.push(
    step('act-by', actByText(moved.date, moved.skipped, earliest, raw, deadline), { date: moved.date }),
  )
  return moved.date
}

/**
 * The act-by explanation: one sentence, whose only date to aim for is a working day. `target` is the
 * date aimed for (the earliest reading); `skipped` the closed days between it and the act-by date.
 */
export function actByText(
  actBy: PlainDate,
  skipped: readonly SkippedDay[],
  target: PlainDate,
  raw: PlainDate,
  deadline: PlainDate,
): string {
  const act = formatLongDate(actBy)
  const holiday = skipped.find((s) => s.date.equals(target) && s.reason !== 'weekend')
  const closed = skipped.length > 0
  const name = holiday?.reason.replace(/^bank holiday in [^:]+: /, '')
  const before = `the last working day before ${formatLongDate(target)}${name ? ` (${name})` : ''}`
  if (isBefore(target, raw))
    return closed
      ? `Act by ${act}, ${before}, the earliest date any reading of the rules gives.`
      : `Act by ${act}, the earliest date any reading of the rules gives.`
  if (isAfter(deadline, raw))
    return closed
      ? `Act by ${act}, ${before}: the rules may let it arrive on ${formatLongDate(deadline)}, but do not count on that.`
      : `Act by ${act}: the rules may let it arrive on ${formatLongDate(deadline)}, but do not count on that.`
  return closed ? `Act by ${act}, ${before}, when offices are closed.` : `Act by ${act}, the last day.`
}

function notForYouText(v: DeadlineRuleValue, by: string, date: PlainDate): string {
  switch (v.nature) {
    case 'target':
      return `This is a target for ${by}, not a deadline for you. If you have heard nothing by ${formatLongDate(date)}, chase it, and mention the missed target if you escalate.`
    case 'review-date':
      return `This is the date ${by} reviews the calculation; there is nothing for you to send by then.`
    default:
      return `This is for tracking: if nothing has happened by ${formatLongDate(date)}, ask ${by}.`
  }
}

function mustBeText(v: DeadlineRuleValue, by: string, date: PlainDate): string {
  const on = formatLongDate(date)
  switch (v.mustBe) {
    case 'received':
      return `So ${by} must receive it by ${on}.`
    case 'sent':
      return `So it must be sent by ${on}.`
    case 'made':
      return `So the application must be made to ${by} by ${on}.`
    case 'done':
      return `So it must be done by ${on}.`
    case 'none':
      return v.nature === 'review-date' ? `The review date is ${on}.` : `The target date is ${on}.`
  }
}

/** One step per calendar whose bank holidays changed or explained a date, citing GOV.UK's list. */
function holidaySources(uses: readonly CalendarUse[]): Step[] {
  const byNation = new Map<Nation, { calendar: Calendar; from: PlainDate; to: PlainDate }>()
  for (const u of uses) {
    const holidays = [...u.calendar.holidays.values()].filter(
      (h) => !isBefore(h.date, u.from) && !isAfter(h.date, u.to),
    )
    if (holidays.length === 0) continue
    const prev = byNation.get(u.calendar.nation)
    byNation.set(u.calendar.nation, {
      calendar: u.calendar,
      from: prev && isBefore(prev.from, u.from) ? prev.from : u.from,
      to: prev && isAfter(prev.to, u.to) ? prev.to : u.to,
    })
  }
  return [...byNation.values()].map(({ calendar, from, to }) =>
    step(
      `bank-holidays-${calendar.nation}`,
      `Bank holidays in ${NATION_NAMES[calendar.nation]} are taken from GOV.UK's published list.`,
      { cite: citeCalendar(calendar, from, to) },
    ),
  )
}

function computedYearNotes(uses: readonly CalendarUse[]): string[] {
  const notes = new Set<string>()
  for (const u of uses) {
    for (const year of computedYears(u.calendar, u.from, u.to)) {
      notes.add(
        `Bank holidays in ${NATION_NAMES[u.calendar.nation]} for ${year} are worked out from the usual pattern, not GOV.UK's published list; a proclamation could add or move a day.`,
      )
    }
  }
  return [...notes]
}

function describeDays(days: readonly SkippedDay[]): string {
  return days.map((d) => `${formatLongDate(d.date)} (${d.reason})`).join(', ')
}

function formatTime(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number]
  const suffix = h >= 12 ? 'pm' : 'am'
  const hour = h % 12 === 0 ? 12 : h % 12
  return m === 0 ? `${hour}${suffix}` : `${hour}.${String(m).padStart(2, '0')}${suffix}`
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)
const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1)
