import { InvalidInput, OutsideRuleCoverage, domainProblem } from '../shared/errors.ts'
import { formatDate, formatLongDate, isAfter, isBefore, type PlainDate } from '../shared/plain-date.ts'
import type { RuleBook } from '../shared/rule-book.ts'
import { message, type Message } from '../shared/message.ts'
import { step, type Citation, type Confidence, type Source, type Step } from '../shared/traced.ts'
import {
  describeSkippedDay,
  nationName,
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
import { addCalendarMonths, addDays, periodWords, type Period } from './date-arithmetic.ts'
import { ruleIdFor } from './kinds.ts'
import { deadlineValueParser, type CitableSource, type DeadlineRuleValue } from './rule-value.ts'
import type { DeadlineReading, DeadlineRequest, DeadlineResult, Nation } from './types.ts'

const M = (key: string, params?: Parameters<typeof message>[1]): Message =>
  message(`deadlinesDomain.${key}`, params)

type DeadlineStep = Step<Message>

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
    const note = v.notCovered[nation]
    throw new InvalidInput(
      'nation',
      // A rule's own note (data, in the rule file) says why; else the rule's title and the nation.
      note !== undefined
        ? domainProblem('worded', { words: note })
        : domainProblem('deadlineInput.notInNation', { title: at.rule.title, nation: nationName(nation) }),
    )
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
  readonly steps: DeadlineStep[]
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
): { date: PlainDate; step: DeadlineStep; use: CalendarUse | null } {
  const cite = countingCite(book, period, start)
  const extra = (date: PlainDate) => (cite ? { date, cite } : { date })
  switch (period.unit) {
    case 'days': {
      const date = addDays(start, period.count)
      const text = M('count.days', {
        period: periodWords(period),
        start: formatLongDate(start),
        date: formatLongDate(date),
      })
      return { date, step: step('count', text, extra(date)), use: null }
    }
    case 'months': {
      const { date, clamped } = addCalendarMonths(start, period.count)
      const text = M(clamped ? 'count.monthsClamped' : 'count.months', {
        period: periodWords(period),
        start: formatLongDate(start),
        day: start.day,
        monthYear: MONTH_YEAR(date),
        date: formatLongDate(date),
      })
      return { date, step: step('count', text, extra(date)), use: null }
    }
    case 'working days': {
      const moved = addWorkingDays(start, period.count, calendar)
      const holidays = moved.skipped.filter((s) => s.holiday !== null)
      const text = M(holidays.length > 0 ? 'count.workingDaysWithHolidays' : 'count.workingDays', {
        period: periodWords(period),
        start: formatLongDate(start),
        nation: nationName(calendar.nation),
        date: formatLongDate(moved.date),
        holidays: describeDays(holidays),
      })
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

function periodStepText(v: DeadlineRuleValue, period: Period, request: DeadlineRequest): Message {
  const abroad = Boolean(request.residentAbroad && v.residentAbroadPeriod)
  switch (v.nature) {
    case 'target':
    case 'review-date':
    case 'tracking':
      return M(`period-step.${v.nature}`, { period: periodWords(period) })
    default:
      return M(abroad ? 'period-step.deadlineAbroad' : 'period-step.deadline', {
        period: periodWords(period),
        usual: periodWords(v.period),
      })
  }
}

/** The start of the period and its end before any roll-forward. */
function count(book: RuleBook, calendars: Calendars, request: DeadlineRequest, rule: LoadedRule): Counted {
  const v = rule.value
  const own = calendars[request.nation]
  const steps: DeadlineStep[] = []
  const uses: CalendarUse[] = []
  let start = request.from
  if (v.after) {
    const base = count(book, calendars, request, loadRule(book, v.after.rule, request.from, request.nation))
    steps.push(...base.steps)
    start = base.raw
    steps.push(
      step(
        'start',
        M('countedFrom', { trigger: capitalise(v.trigger), date: formatLongDate(start), title: rule.title }),
        {
          date: start,
          cite: rule.cite(),
        },
      ),
    )
    uses.push(...base.uses)
  } else {
    steps.push(
      step('trigger', M('trigger', { trigger: capitalise(v.trigger), date: formatLongDate(start) }), {
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
  const steps: DeadlineStep[] = [...counted.steps]
  const uses: CalendarUse[] = [...counted.uses]
  const assumptions: Message[] = v.assumptions.map((a) => M('fromRules', { text: a }))
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
            M('rollForward', {
              date: formatLongDate(raw),
              provision: rf.provision,
              days: describeDays(moved.skipped),
              moved: formatLongDate(moved.date),
            }),
            { date: moved.date, cite: rfCite },
          ),
        )
      } else {
        const text = M('rollForwardUncertain', {
          date: formatLongDate(raw),
          days: describeDays(moved.skipped),
          moved: formatLongDate(moved.date),
          nation: nationName(request.nation),
        })
        steps.push(step('roll-forward-uncertain', text, { date: moved.date, cite: rfCite }))
        later.push({
          key: 'roll-forward',
          date: moved.date,
          status: 'may-not-be-accepted',
          text,
          cite: rfCite,
        })
        assumptions.push(M('rollForwardNotConfirmed', { nation: nationName(request.nation) }))
      }
    }
    if (rf.applies === 'yes' && rf.alsoShowOwnNation && rollCalendar.nation !== own.nation) {
      const alt = nextWorkingDayOnOrAfter(raw, own)
      if (isAfter(alt.date, deadline)) {
        uses.push({ calendar: own, from: raw, to: alt.date, decisive: false })
        const text = M('rollForwardOwnNation', {
          nation: nationName(own.nation),
          days: describeDays(alt.skipped),
          date: formatLongDate(alt.date),
        })
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
    text: M('legal', { title: rule.title, date: formatLongDate(deadline) }),
    cite: rule.cite(),
  })

  // 2. What must happen by when.
  if (v.timeOfDay) {
    steps.push(
      step('time-of-day', M('timeOfDay', { time: formatTime(v.timeOfDay.time) }), {
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
    const text = M(isEarlier ? 'readingEarlier' : 'readingLater', {
      reading: capitalise(o.text),
      period: periodWords(o.period),
      start: formatLongDate(counted.start),
      date: formatLongDate(applied.date),
    })
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
          M('outerLimit', {
            title: lowerFirst(outer.title),
            date: formatLongDate(outer.deadline),
            confidence: outer.confidence,
          }),
          {
            date: outer.deadline,
            cite: { ruleId: outer.rule, ...outer.source, confidence: outer.confidence },
          },
        ),
      )
      for (const a of outer.assumptions) if (!assumptions.some((b) => sameMessage(a, b))) assumptions.push(a)
    } catch (error) {
      if (!(error instanceof OutsideRuleCoverage)) throw error
      assumptions.push(M('noOuterLimit', { reason: error.detail }))
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
  steps: DeadlineStep[],
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
): Message {
  const date = formatLongDate(actBy)
  const holiday = skipped.find((s) => s.date.equals(target) && s.holiday !== null)?.holiday
  const closed = skipped.length > 0
  const before = holiday
    ? M('actBy.beforeHoliday', { date: formatLongDate(target), holiday: holiday.name })
    : M('actBy.before', { date: formatLongDate(target) })
  const params = { date, before, deadline: formatLongDate(deadline) }
  if (isBefore(target, raw)) return M(closed ? 'actBy.earliestClosed' : 'actBy.earliest', params)
  if (isAfter(deadline, raw)) return M(closed ? 'actBy.laterClosed' : 'actBy.later', params)
  return M(closed ? 'actBy.lastClosed' : 'actBy.last', params)
}

function notForYouText(v: DeadlineRuleValue, by: string, date: PlainDate): Message {
  const nature = v.nature === 'target' || v.nature === 'review-date' ? v.nature : 'tracking'
  return M(`notForYou.${nature}`, { by, date: formatLongDate(date) })
}

function mustBeText(v: DeadlineRuleValue, by: string, date: PlainDate): Message {
  const key = v.mustBe === 'none' && v.nature === 'review-date' ? 'review-date' : v.mustBe
  return M(`mustBe.${key}`, { by, date: formatLongDate(date) })
}

/** One step per calendar whose bank holidays changed or explained a date, citing GOV.UK's list. */
function holidaySources(uses: readonly CalendarUse[]): DeadlineStep[] {
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
      M('holidaysFromGovUk', { nation: nationName(calendar.nation) }),
      { cite: citeCalendar(calendar, from, to) },
    ),
  )
}

function computedYearNotes(uses: readonly CalendarUse[]): Message[] {
  const notes = new Map<string, Message>()
  for (const u of uses) {
    for (const year of computedYears(u.calendar, u.from, u.to)) {
      notes.set(
        `${u.calendar.nation} ${year}`,
        M('holidaysComputed', { nation: nationName(u.calendar.nation), year }),
      )
    }
  }
  return [...notes.values()]
}

const describeDays = (days: readonly SkippedDay[]): Message[] => days.map(describeSkippedDay)

/** Two messages say the same thing: the same key and the same parameters. */
const sameMessage = (a: Message, b: Message): boolean => JSON.stringify(a) === JSON.stringify(b)

function formatTime(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number]
  const suffix = h >= 12 ? 'pm' : 'am'
  const hour = h % 12 === 0 ? 12 : h % 12
  return m === 0 ? `${hour}${suffix}` : `${hour}.${String(m).padStart(2, '0')}${suffix}`
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)
const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1)
