import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { EVENT_TYPES, type EventRecord, type EventType } from '../../../domain/case/index.ts'
import { DomainError } from '../../../domain/shared/errors.ts'
import { wordsOf } from '../../../copy/worded-error.ts'
import { parseDate } from '../../../domain/shared/plain-date.ts'
import { paths } from '../../paths.ts'
import { timelineQuery } from './case.schema.ts'
import { formView, readDate, readPosted, type FieldError } from './form.ts'
import {
  PAGE_SIZE,
  caseOf,
  caseRenderer,
  copy,
  fill,
  loadCaseFirst,
  option,
  pageNumber,
  pagination,
  showing,
  type CaseRoutesDeps,
} from './case-page.ts'

/** The timeline of a case, with its filters. */
export const timelineRoutes: FastifyPluginAsync<CaseRoutesDeps> = async (app, { svc, who }) => {
  loadCaseFirst(app, svc, 'timeline')
  const page = caseRenderer('case')

  // The filter form posts its words rather than putting them in the address, so what a parent
  // searched for does not end up in the browser's history; the query string works too.
  const timelinePage = async (request: FastifyRequest, reply: FastifyReply) => {
    const caseId = caseOf(request).c.id
    const source = request.method === 'POST' ? request.body : request.query
    const q = timelineQuery.parse(source ?? {})
    const query = readPosted(source)
    const from = readDate(query, 'from')
    const to = readDate(query, 'to')
    const errors: FieldError[] = []
    const real = (text: string) => {
      try {
        parseDate(text)
        return true
      } catch {
        return false
      }
    }
    if (from.problem || (from.text && !real(from.text)))
      errors.push({ text: copy('case.timeline.badFrom'), href: '#from-day' })
    if (to.problem || (to.text && !real(to.text)))
      errors.push({ text: copy('case.timeline.badTo'), href: '#to-day' })
    const filter = {
      types: q.type,
      ...(q.tag ? { tag: q.tag.toLowerCase() } : {}),
      ...(q.q ? { text: q.q } : {}),
      ...(from.text && !errors.some((e) => e.href === '#from-day') ? { from: from.text } : {}),
      ...(to.text && !errors.some((e) => e.href === '#to-day') ? { to: to.text } : {}),
    }
    const wanted = pageNumber(source)
    let events: EventRecord[] = []
    let matching = 0
    let current = wanted
    try {
      const first = await svc.cases.timelinePage(who, caseId, filter, {
        limit: PAGE_SIZE,
        offset: (wanted - 1) * PAGE_SIZE,
      })
      ;({ events, matching } = first)
      // Past the last page (the list got shorter): show the last page.
      const last = Math.max(1, Math.ceil(matching / PAGE_SIZE))
      if (wanted > last) {
        current = last
        events = (
          await svc.cases.timelinePage(who, caseId, filter, {
            limit: PAGE_SIZE,
            offset: (last - 1) * PAGE_SIZE,
          })
        ).events
      }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      errors.push({ text: wordsOf(error), href: '#from-day' })
    }
    const filtered = q.type.length > 0 || !!q.tag || !!q.q || !!from.text || !!to.text
    // Unfiltered, every event matches: no need to count them twice.
    const [total, tags] = await Promise.all([
      filtered || errors.length > 0 ? svc.cases.count(who, caseId, 'event') : matching,
      svc.cases.eventTags(who, caseId),
    ])
    // The filters again, for the other pages. Words typed in the form were posted so they stay out
    // of the browser's history: their pages are posted too (buttons), the others are links.
    const kept: [string, string][] = [
      ...q.type.map((t): [string, string] => ['type', t]),
      ...(['tag', 'from-day', 'from-month', 'from-year', 'to-day', 'to-month', 'to-year'] as const)
        .filter((k) => query[k])
        .map((k): [string, string] => [k, query[k]!]),
    ]
    const postPages = request.method === 'POST' && !!q.q
    if (q.q && !postPages) kept.push(['q', q.q])
    const href = (n: number) => {
      const search = new URLSearchParams([
        ...kept,
        ...(n > 1 ? [['page', String(n)] as [string, string]] : []),
      ]).toString()
      return `${fill(paths.caseTimeline, { caseId })}${search ? `?${search}` : ''}#results`
    }
    const pages = Math.max(1, Math.ceil(matching / PAGE_SIZE))
    return page(request, reply, 'timeline.njk', copy('case.timeline.title'), {
      events,
      filtered,
      matching,
      total,
      showing: showing(current, matching),
      pagination: postPages ? null : pagination(current, matching, href),
      postPages:
        postPages && pages > 1
          ? {
              fields: [...kept, ['q', q.q]].map(([name, value]) => ({ name, value })),
              previous: current > 1 ? current - 1 : null,
              next: current < pages ? current + 1 : null,
              pageOf: copy('casePages.pagination.pageOf', { page: current, pages }),
            }
          : null,
      form: formView(query, errors),
      errors,
      typeItems: option('eventType', EVENT_TYPES, null).map((i) => ({
        ...i,
        checked: q.type.includes(i.value as EventType),
      })),
      tagItems: [
        { value: '', text: copy('case.timeline.anyTag') },
        ...tags.map((t) => ({ value: t, text: t, selected: t === q.tag })),
      ],
    })
  }
  app.get(paths.caseTimeline, timelinePage)
  app.post(paths.caseTimeline, timelinePage)
}
