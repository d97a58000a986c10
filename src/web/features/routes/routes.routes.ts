import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { DeadlineResult } from '../../../domain/deadlines/types.ts'
import { formatDate, parseDate } from '../../../domain/shared/plain-date.ts'
import { contacts as projectContacts } from '../../../services/contacts.ts'
import { adviseOnInput, routeInputSchema, type RouteAnswer } from '../../../services/route.service.ts'
import type { FeatureOptions } from '../feature.ts'
import type { SessionStore } from '../../session.ts'
import type { Services } from '../../app.ts'
import { translate } from '../../i18n.ts'
import { navigation } from '../../navigation.ts'
import { paths } from '../../paths.ts'
import { sendCalendar } from '../deadlines/calendar.ts'
import { nowFor, todayFor } from '../deadlines/clock.ts'
import {
  dateItems,
  errorFor,
  maybeCopy,
  one,
  partsOf,
  readBody,
  type FieldError,
  type Posted,
} from '../deadlines/form.ts'
import { presentOptions } from './present.ts'
import {
  PROBLEM_KINDS,
  canAsk,
  firstUnanswered,
  list,
  nextQuestion,
  previousQuestion,
  questionById,
  toRouteInput,
  visibleQuestions,
  type Answers,
  type Question,
} from './questions.ts'
import { FIELD, parseAnswer } from './routes.schema.ts'

/**
 * "What can I do?": a few questions, one per page (answers kept server-side in the session), a check-your-answers
 * page, then every route that fits, ranked, with its dates; each date downloadable as a calendar file.
 */

export const ANSWERS_KEY = 'routes.answers'

const copy = (key: string, params: Record<string, string | number> = {}): string =>
  String(translate(key, params))

const questionHref = (q: Question, returning = false): string =>
  `${paths.routes}/${q.id}${returning ? '?return=check' : ''}`

/** Saved answers, read by other features too (the duties checklist reuses where you live and your role). */
export const readAnswers = (sessions: SessionStore, request: FastifyRequest): Answers =>
  sessions.read<Answers>(request, ANSWERS_KEY) ?? {}

/** Where to send someone who arrives at a page before answering what it needs. */
const resume = (a: Answers): string => {
  const q = firstUnanswered(a)
  return q ? questionHref(q) : paths.routesCheck
}

const optionItems = (q: Question & { options: readonly string[] }, chosen: readonly string[]) =>
  q.options.map((o) => {
    const hint = maybeCopy(`routes.q.${q.id}.options.${o}.hint`)
    return {
      value: o,
      text: copy(`routes.q.${q.id}.options.${o}.text`),
      ...(hint ? { hint: { text: hint } } : {}),
      checked: chosen.includes(o),
    }
  })

/** What to show in a question's fields: what was just posted, or else the saved answer. */
function fieldValues(q: Question, saved: Answers, posted: Posted | null) {
  if (posted) {
    return {
      chosen: q.type === 'checkboxes' ? list(posted as Answers, FIELD.choice) : [one(posted, FIELD.choice)],
      date: {
        day: one(posted, 'date-day'),
        month: one(posted, 'date-month'),
        year: one(posted, 'date-year'),
      },
      unknown: one(posted, FIELD.unknown) === 'yes',
      amount: one(posted, FIELD.amount),
    }
  }
  const answer = saved[q.id]
  const isDate = typeof answer === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(answer)
  return {
    chosen: q.type === 'date' || answer === undefined ? [] : typeof answer === 'string' ? [answer] : answer,
    date: partsOf(isDate ? answer : undefined),
    unknown: q.type === 'date' && answer === 'unknown',
    amount: q.type === 'money' && typeof answer === 'string' ? answer : '',
  }
}

function renderQuestion(
  reply: FastifyReply,
  q: Question,
  a: Answers,
  returning: boolean,
  posted: Posted | null,
  errors: FieldError[],
): FastifyReply {
  const values = fieldValues(q, a, posted)
  const previous = previousQuestion(q, a)
  const back = returning ? paths.routesCheck : previous ? questionHref(previous) : paths.routes
  const hint = maybeCopy(`routes.q.${q.id}.hint`)
  const view = {
    id: q.id,
    type: q.type,
    title: copy(`routes.q.${q.id}.title`),
    hint,
    items: q.type === 'radios' || q.type === 'checkboxes' ? optionItems(q, values.chosen) : [],
    dateItems: dateItems(FIELD.date, values.date, errors),
    unknown: q.type === 'date' ? { text: copy(`routes.q.${q.id}.unknown`), checked: values.unknown } : null,
    amount: values.amount,
    error: {
      choice: errorFor(errors, FIELD.choice),
      date: errorFor(errors, FIELD.date),
      amount: errorFor(errors, FIELD.amount),
    },
  }
  return reply.code(errors.length ? 400 : 200).view('routes/question.njk', {
    pageTitle: view.title,
    navigation: navigation(paths.routes),
    errors,
    question: view,
    action: questionHref(q, returning),
    back,
  })
}

/** A saved answer in words, for check your answers. */
function answerText(q: Question, answer: Answers[string] | undefined): string[] {
  if (answer === undefined) return [copy('routes.check.notAnswered')]
  if (q.type === 'money') return [answer ? `£${String(answer)}` : copy('routes.check.notKnown')]
  if (q.type === 'date') {
    const v = String(answer)
    return [/^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(parseDate(v)) : copy('routes.check.notKnown')]
  }
  const chosen = typeof answer === 'string' ? [answer] : answer
  return chosen.map((o) => copy(`routes.q.${q.id}.options.${o}.text`))
}

function advise(services: Services, a: Answers): RouteAnswer {
  const today = todayFor(services)
  const input = routeInputSchema.parse(toRouteInput(a, today))
  return adviseOnInput(input, { book: services.rules, today })
}

/** The journey is complete when every question asked has an answer. */
const complete = (a: Answers): boolean => firstUnanswered(a) === null && a['problems'] !== undefined

export const routesRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { services, sessions }) => {
  const contacts = projectContacts()

  app.get(paths.routes, (request, reply) => {
    const a = readAnswers(sessions, request)
    const started = Object.keys(a).length > 0
    return reply.view('routes/start.njk', {
      pageTitle: copy('routes.start.title'),
      navigation: navigation(paths.routes),
      startHref: questionHref(visibleQuestions({})[0]!),
      continueHref: started ? resume(a) : null,
    })
  })

  app.post(paths.routesStartAgain, (request, reply) => {
    sessions.delete(request, ANSWERS_KEY)
    return reply.redirect(questionHref(visibleQuestions({})[0]!), 303)
  })

  app.get<{ Params: { question: string }; Querystring: { return?: string } }>(
    paths.routesQuestion,
    (request, reply) => {
      const q = questionById(request.params.question)
      if (!q) return reply.callNotFound()
      const a = readAnswers(sessions, request)
      if (!canAsk(q, a)) return reply.redirect(resume(a), 303)
      return renderQuestion(reply, q, a, request.query.return === 'check', null, [])
    },
  )

  app.post<{ Params: { question: string }; Querystring: { return?: string } }>(
    paths.routesQuestion,
    (request, reply) => {
      const q = questionById(request.params.question)
      if (!q) return reply.callNotFound()
      const a = readAnswers(sessions, request)
      if (!canAsk(q, a)) return reply.redirect(resume(a), 303)
      const returning = request.query.return === 'check'
      const posted = readBody(request.body)
      const parsed = parseAnswer(q, posted, todayFor(services))
      if (!parsed.ok) return renderQuestion(reply, q, a, returning, posted, parsed.errors)
      const updated: Answers = { ...a, [q.id]: parsed.answer }
      sessions.write(request, reply, ANSWERS_KEY, updated)
      if (returning) {
        const missing = firstUnanswered(updated)
        return reply.redirect(missing ? questionHref(missing, true) : paths.routesCheck, 303)
      }
      const next = nextQuestion(q, updated)
      return reply.redirect(next ? questionHref(next) : paths.routesCheck, 303)
    },
  )

  app.get(paths.routesCheck, (request, reply) => {
    const a = readAnswers(sessions, request)
    if (!complete(a)) return reply.redirect(resume(a), 303)
    const shown = visibleQuestions(a)
    const rows = shown.map((q) => ({
      key: { text: copy(`routes.q.${q.id}.short`) },
      value: { html: answerText(q, a[q.id]).map(escapeHtml).join('<br>') },
      actions: {
        items: [
          {
            href: questionHref(q, true),
            text: copy('routes.check.change'),
            visuallyHiddenText: lowerFirst(copy(`routes.q.${q.id}.short`)),
          },
        ],
      },
    }))
    return reply.view('routes/check.njk', {
      pageTitle: copy('routes.check.title'),
      navigation: navigation(paths.routes),
      rows,
      back: questionHref(shown[shown.length - 1]!),
    })
  })

  app.get(paths.routesOptions, (request, reply) => {
    const a = readAnswers(sessions, request)
    if (!complete(a)) return reply.redirect(resume(a), 303)
    const answer = advise(services, a)
    const nation = String(a['where-you-live'])
    const problems = PROBLEM_KINDS.filter((k) => list(a, 'problems').includes(k))
    return reply.view('routes/options.njk', {
      pageTitle: copy('routes.options.title'),
      navigation: navigation(paths.routes),
      options: presentOptions(answer, nation, problems, contacts),
    })
  })

  app.get(paths.routesCalendar, (request, reply) => {
    const a = readAnswers(sessions, request)
    if (!complete(a)) return reply.redirect(resume(a), 303)
    const results: DeadlineResult[] = []
    const seen = new Set<string>()
    for (const r of advise(services, a).routes) {
      for (const d of r.deadlines) {
        if (!d.result) continue
        const key = `${d.result.rule}|${d.result.kind}|${d.result.from.toString()}`
        if (seen.has(key)) continue
        seen.add(key)
        results.push(d.result)
      }
    }
    if (results.length === 0) return reply.callNotFound()
    return sendCalendar(reply, results, 'redress-deadlines.ics', nowFor(services))
  })

  app.get<{ Params: { route: string; deadline: string } }>(paths.routesCalendarItem, (request, reply) => {
    const a = readAnswers(sessions, request)
    if (!complete(a)) return reply.redirect(resume(a), 303)
    const rank = Number(request.params.route)
    const index = Number(request.params.deadline) - 1
    const route = advise(services, a).routes.find((r) => r.rank === rank)
    const result = Number.isInteger(index) ? route?.deadlines[index]?.result : undefined
    if (!route || !result) return reply.callNotFound()
    return sendCalendar(reply, [result], `redress-${route.id}.ics`, nowFor(services))
  })
}

/** "Where you live" → "where you live", but "CMS …" stays as it is. */
const lowerFirst = (s: string): string => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s)

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
