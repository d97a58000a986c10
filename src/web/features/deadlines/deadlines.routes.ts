import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { deadlineNation } from '../../../domain/remedies/facts.ts'
import { DomainError, InvalidInput } from '../../../domain/shared/errors.ts'
import {
  computeDeadlineFromInput,
  deadlineRequestSchema,
  type DeadlineRequestInput,
} from '../../../services/deadline.service.ts'
import type { FeatureOptions } from '../feature.ts'
import { translate, type Params } from '../../i18n.ts'
import { wordsOf } from '../../../copy/worded-error.ts'
import type { Message } from '../../../domain/shared/message.ts'
import { navigation } from '../../navigation.ts'
import { paths } from '../../paths.ts'
import { sendCalendar } from './calendar.ts'
import { nowFor, todayFor } from './clock.ts'
import { dateItems, errorFor, maybeCopy, one, readBody, type FieldError, type Posted } from './form.ts'
import {
  ABOUT_UNITS,
  KIND_ORDER,
  NATION_OPTIONS,
  WHEN_OPTIONS,
  parseStep1,
  parseStep2,
  type DeadlineAsk,
  type DeadlineStep1,
} from './deadlines.schema.ts'
import { deadlineStatus, presentDeadline } from './present.ts'

/**
 * "Work out a deadline": what, where and how sure (step 1); when it started, exactly or roughly (step 2); the
 * answer with its rule, source and confidence; and the answer as a calendar file. Answers stay in the session.
 */

const KEY = 'deadlines.form'
/** How many of KIND_ORDER are listed before the "less common" divider. */
const COMMON_KINDS = 7

interface Saved {
  readonly posted1: Posted
  readonly step1: DeadlineStep1 | null
  readonly posted2: Posted
  readonly ask: DeadlineAsk | null
}

const EMPTY: Saved = { posted1: {}, step1: null, posted2: {}, ask: null }

const copy = (key: string | Message, params: Params = {}): string => String(translate(key, params))

function step1View(posted: Posted, errors: readonly FieldError[]) {
  const value = (k: string) => one(posted, k)
  return {
    kinds: KIND_ORDER.flatMap((k, i) => [
      ...(i === COMMON_KINDS ? [{ divider: copy('deadlines.form.kind.more') }] : []),
      {
        value: k,
        text: copy(`deadlines.kinds.${k}.text`),
        hint: { text: copy(`deadlines.kinds.${k}.hint`) },
        checked: value('kind') === k,
      },
    ]),
    nations: NATION_OPTIONS.map((n) => ({
      value: n,
      text: copy(`deadlines.nations.${n}`),
      checked: value('nation') === n,
    })),
    when: WHEN_OPTIONS.map((w) => ({
      value: w,
      text: copy(`deadlines.form.when.${w}`),
      ...(maybeCopy(`deadlines.form.when.${w}Hint`)
        ? { hint: { text: copy(`deadlines.form.when.${w}Hint`) } }
        : {}),
      checked: value('when') === w,
    })),
    error: {
      kind: errorFor(errors, 'kind'),
      nation: errorFor(errors, 'nation'),
      when: errorFor(errors, 'when'),
    },
  }
}

function step2View(step1: DeadlineStep1, posted: Posted, errors: readonly FieldError[]) {
  const value = (k: string) => one(posted, k)
  const parts = (id: string) => ({
    day: value(`${id}-day`),
    month: value(`${id}-month`),
    year: value(`${id}-year`),
  })
  return {
    when: step1.when,
    title: copy(`deadlines.date.${step1.when}.title`),
    countsFrom: copy(`deadlines.kinds.${step1.kind}.hint`),
    exact: dateItems('exact', parts('exact'), errors),
    inMonth: dateItems('inMonth', parts('inMonth'), errors, ['month', 'year']),
    from: dateItems('from', parts('from'), errors),
    to: dateItems('to', parts('to'), errors),
    aboutCount: value('aboutCount'),
    aboutUnits: ABOUT_UNITS.map((u) => ({
      value: u,
      text: copy(`deadlines.form.about.units.${u}`),
      selected: (value('aboutUnit') || 'weeks') === u,
    })),
    askAbroad: step1.kind === 'deoAppeal',
    residentAbroad: value('residentAbroad') === 'yes',
    error: {
      exact: errorFor(errors, 'exact'),
      inMonth: errorFor(errors, 'inMonth'),
      aboutCount: errorFor(errors, 'aboutCount'),
      aboutUnit: errorFor(errors, 'aboutUnit'),
      from: errorFor(errors, 'from'),
      to: errorFor(errors, 'to'),
      nation: errorFor(errors, 'nation'),
    },
  }
}

function renderStep1(reply: FastifyReply, posted: Posted, errors: FieldError[]): FastifyReply {
  return reply.code(errors.length ? 400 : 200).view('deadlines/form.njk', {
    pageTitle: copy('deadlines.form.title'),
    navigation: navigation(paths.deadlines),
    errors,
    form: step1View(posted, errors),
  })
}

function renderStep2(
  reply: FastifyReply,
  step1: DeadlineStep1,
  posted: Posted,
  errors: FieldError[],
): FastifyReply {
  const form = step2View(step1, posted, errors)
  return reply.code(errors.length ? 400 : 200).view('deadlines/date.njk', {
    pageTitle: form.title,
    navigation: navigation(paths.deadlines),
    errors,
    form,
  })
}

/** Where an error from the deadline service belongs: the nation (on step 1, linked from here) or the date. */
function serviceError(error: DomainError, step1: DeadlineStep1): FieldError {
  if (error instanceof InvalidInput && error.field === 'nation')
    return { text: copy('deadlines.form.notInNation', { why: error.problem }), href: '#nation-link' }
  const field = { exact: '#exact-day', month: '#inMonth-month', about: '#aboutCount', between: '#from-day' }[
    step1.when
  ]
  return { text: copy('deadlines.form.cannotWorkOut', { why: wordsOf(error) }), href: field }
}

const compute = (ask: DeadlineAsk) =>
  computeDeadlineFromInput(deadlineRequestSchema.parse(ask) as DeadlineRequestInput)

export const deadlinesRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { services, sessions }) => {
  const read = (request: Parameters<typeof sessions.read>[0]): Saved =>
    sessions.read<Saved>(request, KEY) ?? EMPTY

  app.get(paths.deadlines, (request, reply) => renderStep1(reply, read(request).posted1, []))

  app.post(paths.deadlines, (request, reply) => {
    const posted = readBody(request.body)
    const parsed = parseStep1(posted)
    if (!parsed.ok) return renderStep1(reply, posted, parsed.errors)
    // Some deadlines are not covered in every nation: say so here, where the nation is chosen.
    const today = todayFor(services).toString()
    try {
      compute({
        kind: parsed.step1.kind,
        nation: deadlineNation(parsed.step1.nation),
        from: today,
        residentAbroad: false,
        today,
      })
    } catch (error) {
      if (error instanceof InvalidInput && error.field === 'nation')
        return renderStep1(reply, posted, [
          { text: copy('deadlines.form.notInNation', { why: error.problem }), href: '#nation' },
        ])
      if (!(error instanceof DomainError)) throw error
    }
    const saved = read(request)
    const sameWhen = saved.step1?.when === parsed.step1.when
    sessions.write(request, reply, KEY, {
      posted1: posted,
      step1: parsed.step1,
      posted2: sameWhen ? saved.posted2 : {},
      ask: null,
    } satisfies Saved)
    return reply.redirect(paths.deadlinesDate, 303)
  })

  app.get(paths.deadlinesDate, (request, reply) => {
    const saved = read(request)
    if (!saved.step1) return reply.redirect(paths.deadlines, 303)
    return renderStep2(reply, saved.step1, saved.posted2, [])
  })

  app.post(paths.deadlinesDate, (request, reply) => {
    const saved = read(request)
    if (!saved.step1) return reply.redirect(paths.deadlines, 303)
    const posted = readBody(request.body)
    const parsed = parseStep2(posted, saved.step1, todayFor(services))
    if (!parsed.ok) return renderStep2(reply, saved.step1, posted, parsed.errors)
    try {
      compute(parsed.ask)
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      return renderStep2(reply, saved.step1, posted, [serviceError(error, saved.step1)])
    }
    sessions.write(request, reply, KEY, { ...saved, posted2: posted, ask: parsed.ask } satisfies Saved)
    return reply.redirect(paths.deadlinesResult, 303)
  })

  app.get(paths.deadlinesResult, (request, reply) => {
    const { ask } = read(request)
    if (!ask) return reply.redirect(paths.deadlines, 303)
    const result = compute(ask)
    return reply.view('deadlines/result.njk', {
      pageTitle: copy('deadlines.result.title'),
      navigation: navigation(paths.deadlines),
      deadline: presentDeadline(result),
      status: deadlineStatus(result, todayFor(services)),
      icsHref: paths.deadlinesCalendar,
    })
  })

  app.get(paths.deadlinesCalendar, (request, reply) => {
    const { ask } = read(request)
    if (!ask) return reply.redirect(paths.deadlines, 303)
    return sendCalendar(reply, [compute(ask)], 'redress-deadline.ics', nowFor(services))
  })
}
