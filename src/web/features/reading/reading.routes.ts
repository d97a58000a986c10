import { readFileSync } from 'node:fs'
import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { fromRoot } from '../../../root.ts'
import { z } from 'zod'
import {
  CaseInputError,
  DECISION_KINDS,
  ENFORCEMENT_ACTIONS,
  NotFound,
  type EvidenceRecord,
} from '../../../domain/case/index.ts'
import type { Suggestion, SuggestionField } from '../../../domain/reading/suggest.ts'
import { SEARCH_KINDS, type SearchKind } from '../../../domain/reading/search.ts'
import type { ConfirmedField, ReadingState } from '../../../services/reading.service.ts'
import type { FeatureOptions } from '../feature.ts'
import { translate } from '../../i18n.ts'
import { message } from '../../../domain/shared/message.ts'
import { navigation } from '../../navigation.ts'
import { paths } from '../../paths.ts'
import { WEB_ACTOR, caseOf, fill, loadCaseFirst, withNav } from '../case/case-page.ts'
import { DECISION_DATES, readDecision } from '../case/case.schema.ts'
import {
  dateValues,
  formView,
  one,
  readPosted,
  toErrors,
  type FieldError,
  type Posted,
} from '../case/form.ts'
import { present } from '../case/present.ts'
import { dateInput, readUkDate } from '../../forms/index.ts'
import { addressParams } from '../../params.ts'

const copy = (key: string, params: Record<string, string | number> = {}): string =>
  String(translate(key, params))

const ids = z.object({ caseId: z.string().uuid(), id: z.string().uuid() })
const caseIds = z.object({ caseId: z.string().uuid() })
const isoDate = /^\d{4}-\d{2}-\d{2}$/
/** Search results shown on one page. */
const RESULTS_PER_PAGE = 20

/** Which decision-form field each suggested fact fills. */
const FORM_FIELD: Partial<Record<SuggestionField, string>> = {
  letterDate: 'letterDate',
  effectiveDate: 'effectiveDate',
  weeklyAmount: 'weeklyAmount',
  grossWeeklyIncome: 'weeklyIncome',
  nightsPerYear: 'nights',
  relevantOtherChildren: 'otherChildren',
  decisionKind: 'kind',
}

/**
 * A date from the three boxes of a date input (the forms module's one date parser), as ISO; parts
 * that are all there but not a date are passed on as typed for the case file to refuse; '' if any
 * is missing.
 */
const postedDate = (p: Posted, id: string): string => {
  const input = dateInput(p, id)
  const read = readUkDate(input)
  if (read.ok) return read.iso
  if (read.problem === 'blank' || read.problem === 'missing') return ''
  return `${input.year.padStart(4, '0')}-${input.month.padStart(2, '0')}-${input.day.padStart(2, '0')}`
}

/**
 * Reading the paperwork: the text Redress read from each piece of evidence (page by page, with
 * progress while it reads), the facts suggested from a CMS letter, a decision added from those
 * facts once the parent has checked each one, and search across a case or every case.
 */
export const readingRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { services }) => {
  const svc = services.caseFile
  if (!svc) return
  const who = WEB_ACTOR
  const script = readFileSync(fromRoot('src/web/features/reading/reading.js'), 'utf8')
  const styles = readFileSync(fromRoot('src/web/features/reading/reading.css'), 'utf8')
  app.get(paths.readingScript, (request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(script),
  )
  app.get(paths.readingStyles, (request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(styles),
  )

  const render = (
    reply: FastifyReply,
    template: string,
    title: string,
    context: Record<string, unknown> = {},
    status = 200,
  ) =>
    reply.code(status).view(`reading/${template}`, {
      pageTitle: title,
      navigation: navigation(paths.cases),
      fmt: present,
      paths,
      ...context,
    })

  // The case and its side navigation, loaded once before each handler (as on the case pages).
  loadCaseFirst(app, svc, 'evidence')

  const orNotFound = async <T>(reply: FastifyReply, fn: () => Promise<T>): Promise<T | null> => {
    try {
      return await fn()
    } catch (error) {
      if (error instanceof NotFound || error instanceof CaseInputError) {
        reply.callNotFound()
        return null
      }
      throw error
    }
  }

  const suggestionView = (s: Suggestion) => ({
    ...s,
    label: copy(`reading.fields.${s.field}`),
    shown:
      s.field === 'decisionKind'
        ? copy(`reading.kinds.${String(s.value)}`)
        : s.field === 'letterDate' || s.field === 'effectiveDate'
          ? present.longDate(String(s.value))
          : s.field === 'weeklyAmount' || s.field === 'grossWeeklyIncome'
            ? `£${String(s.value)}`
            : s.field === 'cmsReference'
              ? present.reference(String(s.value))
              : String(s.value),
    percent: Math.round(s.confidence * 100),
    notes: (s.notes ?? []).map((n) => copy(n)),
  })

  /** Where reading stands, in words (the same sentence on the page and in the progress answer). */
  const statusOf = (state: ReadingState) => {
    const working = state.state === 'queued' || state.state === 'running'
    const progress =
      working && state.total ? copy('reading.text.progress', { done: state.done, total: state.total }) : ''
    return {
      working,
      done: working ? state.done : null,
      total: working ? state.total : null,
      statusText: working
        ? [copy('reading.text.working'), copy(`reading.steps.${state.step ?? 'waiting'}`), progress]
            .filter(Boolean)
            .join(' ')
        : state.state === 'done'
          ? copy('reading.text.finished')
          : state.state === 'failed'
            ? copy(`reading.failed.${state.reason}`)
            : copy('reading.text.notRead'),
    }
  }

  // How far reading has got, for the page's script (the page itself works without it).
  app.get(paths.caseEvidenceReading, async (request, reply) => {
    const { caseId, id } = addressParams(ids, request)
    const e = await orNotFound(reply, () => svc.evidence.get(who, caseId, id))
    if (!e) return reply
    const state = await svc.reading.state(id)
    return reply
      .header('cache-control', 'no-store')
      .type('application/json; charset=utf-8')
      .send({ state: state.state, ...statusOf(state) })
  })

  // The text read from a piece of evidence, and the facts suggested from it.
  app.get(paths.caseEvidenceText, async (request, reply) => {
    const { caseId, id } = addressParams(ids, request)
    const s = caseOf(request)
    const e = await orNotFound(reply, () => svc.evidence.get(who, caseId, id))
    if (!e) return reply
    const state = await svc.reading.state(id)
    const [pages, suggestions] =
      state.state === 'done'
        ? await Promise.all([svc.reading.pages(id), svc.reading.suggestions(who, caseId, id)])
        : [[], []]
    const status = statusOf(state)
    return render(reply, 'evidence-text.njk', copy('reading.text.title', { title: e.title }), {
      ...s,
      evidence: e,
      state,
      working: status.working,
      statusText: status.statusText,
      // While it reads, the page's script asks here how far it has got; without JavaScript the page
      // has a link to look again (no automatic refresh: WCAG 2.2.1, and axe's meta-refresh rule).
      progressHref: fill(paths.caseEvidenceReading, { caseId, id }),
      textHref: fill(paths.caseEvidenceText, { caseId, id }),
      failure: state.state === 'failed' ? copy(`reading.failed.${state.reason}`) : '',
      pages: pages.map((p) => ({ ...p, methodText: copy(`reading.methods.${p.method}`) })),
      suggestions: suggestions.map(suggestionView),
      fileHref: fill(paths.caseEvidenceFile, { caseId, id }),
      decisionHref: fill(paths.caseEvidenceDecision, { caseId, id }),
      readAgainHref: fill(paths.caseEvidenceRead, { caseId, id }),
      isPdf: e.mediaType === 'application/pdf',
      languages: ['eng', 'cym', 'eng+cym'].map((v) => ({
        value: v,
        text: copy(`reading.languages.${v.replace('+', '-')}`),
      })),
    })
  })

  // Read again (for example in Welsh, or after a failure).
  app.post(paths.caseEvidenceRead, async (request, reply) => {
    const { caseId, id } = addressParams(ids, request)
    const e = await orNotFound(reply, () => svc.evidence.get(who, caseId, id))
    if (!e) return reply
    const posted = readPosted(request.body)
    const lang = one(posted, 'language')
    await svc.reading.queue(who, e, {
      languages: ['eng', 'cym', 'eng+cym'].includes(lang) ? lang : 'eng',
      again: true,
    })
    return reply.redirect(fill(paths.caseEvidenceText, { caseId, id }), 303)
  })

  // Add a decision from this letter: the decision form, filled in with what was read, for the parent to check.
  const decisionView = async (
    caseId: string,
    e: EvidenceRecord,
    values: Posted,
    read: Partial<Record<SuggestionField, Suggestion>>,
    errors: FieldError[] = [],
  ) => {
    const readFrom: Record<string, string> = {}
    for (const [field, formField] of Object.entries(FORM_FIELD)) {
      const s = read[field as SuggestionField]
      if (s)
        readFrom[formField] = copy('reading.decision.readFrom', {
          page: s.page,
          text: s.text,
          percent: Math.round(s.confidence * 100),
        })
    }
    const option = (group: string, list: readonly string[], selected: string | undefined) =>
      list.map((v) => ({
        value: v,
        text: copy(`case.labels.${group}.${v}`),
        selected: v === selected,
        checked: v === selected,
      }))
    const evidence = await svc.evidence.choices(who, caseId)
    return {
      form: formView(values, errors),
      errors,
      kinds: option('decisionKind', DECISION_KINDS, values.kind as string | undefined),
      enforcementActions: [
        { value: '', text: copy('case.decisions.form.enforcementNone') },
        ...option('enforcementAction', ENFORCEMENT_ACTIONS, values.enforcementAction as string | undefined),
      ],
      evidenceChoices: [
        { value: '', text: copy('case.form.none') },
        ...evidence.map((x) => ({ value: x.id, text: x.title, selected: x.id === values.letterEvidenceId })),
      ],
      fromEvidence: e,
      readFrom,
      alsoRead: (['cmsReference', 'qualifyingChildren'] as const)
        .map((f) => read[f])
        .filter((s): s is Suggestion => s !== undefined)
        .map(suggestionView),
    }
  }

  /** The form's values from the best suggestion for each field. */
  const prefilled = (e: EvidenceRecord, read: Partial<Record<SuggestionField, Suggestion>>): Posted => {
    const kind = read.decisionKind?.value as string | undefined
    const v: Record<string, string> = { letterEvidenceId: e.id }
    if (kind === 'deduction-order')
      Object.assign(v, { kind: 'enforcement', enforcementAction: 'deduction-order' })
    else if (kind && (DECISION_KINDS as readonly string[]).includes(kind)) v.kind = kind
    for (const f of ['letterDate', 'effectiveDate'] as const) {
      const s = read[f]
      if (s && isoDate.test(String(s.value))) Object.assign(v, dateValues(f, String(s.value)))
    }
    if (read.weeklyAmount) v.weeklyAmount = String(read.weeklyAmount.value)
    if (read.grossWeeklyIncome) v.weeklyIncome = String(read.grossWeeklyIncome.value)
    if (read.nightsPerYear) v.nights = String(read.nightsPerYear.value)
    if (read.relevantOtherChildren) v.otherChildren = String(read.relevantOtherChildren.value)
    return v as Posted
  }

  app.get(paths.caseEvidenceDecision, async (request, reply) => {
    const { caseId, id } = addressParams(ids, request)
    const s = withNav(caseOf(request), 'decisions')
    const e = await orNotFound(reply, () => svc.evidence.get(who, caseId, id))
    if (!e) return reply
    const read = await svc.reading.prefill(who, caseId, id)
    return reply.code(200).view('case/decision-form.njk', {
      pageTitle: copy('reading.decision.title'),
      navigation: navigation(paths.cases),
      fmt: present,
      paths,
      ...s,
      ...(await decisionView(caseId, e, prefilled(e, read), read)),
    })
  })

  app.post(paths.caseEvidenceDecision, async (request, reply) => {
    const { caseId, id } = addressParams(ids, request)
    const s = withNav(caseOf(request), 'decisions')
    const e = await orNotFound(reply, () => svc.evidence.get(who, caseId, id))
    if (!e) return reply
    const read = await svc.reading.prefill(who, caseId, id)
    const posted = readPosted(request.body)
    const input = readDecision(posted)
    try {
      if (one(posted, 'checked') !== 'yes')
        throw new CaseInputError([{ field: 'checked', problem: message('reading.decision.checkFirst') }])
      const saved = await svc.cases.addDecision(who, caseId, input.input)
      const kind =
        one(posted, 'kind') === 'enforcement' && one(posted, 'enforcementAction') === 'deduction-order'
          ? 'deduction-order'
          : one(posted, 'kind')
      const confirmed: ConfirmedField[] = [
        { field: 'decisionKind', suggested: read.decisionKind?.value ?? null, confirmed: kind || null },
        {
          field: 'letterDate',
          suggested: read.letterDate?.value ?? null,
          confirmed: postedDate(posted, 'letterDate') || null,
        },
        {
          field: 'effectiveDate',
          suggested: read.effectiveDate?.value ?? null,
          confirmed: postedDate(posted, 'effectiveDate') || null,
        },
        {
          field: 'weeklyAmount',
          suggested: read.weeklyAmount?.value ?? null,
          confirmed: one(posted, 'weeklyAmount') || null,
        },
        {
          field: 'grossWeeklyIncome',
          suggested: read.grossWeeklyIncome?.value ?? null,
          confirmed: one(posted, 'weeklyIncome') || null,
        },
        {
          field: 'nightsPerYear',
          suggested: read.nightsPerYear?.value ?? null,
          confirmed: one(posted, 'nights') || null,
        },
        {
          field: 'relevantOtherChildren',
          suggested: read.relevantOtherChildren?.value ?? null,
          confirmed: one(posted, 'otherChildren') || null,
        },
      ]
      await svc.reading.recordConfirmation(who, caseId, saved.record.id, id, confirmed)
      return reply.redirect(`${fill(paths.caseDecision, { caseId, id: saved.record.id })}?saved=1`, 303)
    } catch (error) {
      if (!(error instanceof CaseInputError)) throw error
      const errors = toErrors(error.problems, DECISION_DATES, input.dateProblems)
      return reply.code(400).view('case/decision-form.njk', {
        pageTitle: copy('reading.decision.title'),
        navigation: navigation(paths.cases),
        fmt: present,
        paths,
        ...s,
        ...(await decisionView(caseId, e, posted, read, errors)),
      })
    }
  })

  // Search: one case, or every case.
  const searchQuery = (q: Record<string, unknown>) => {
    const text = typeof q.q === 'string' ? q.q.slice(0, 200) : ''
    const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String)
    const kinds = list(q.kind).filter((k): k is SearchKind => (SEARCH_KINDS as readonly string[]).includes(k))
    const errors: FieldError[] = []
    const date = (name: 'from' | 'to') => {
      const v = typeof q[name] === 'string' ? (q[name] as string).trim() : ''
      if (v && !isoDate.test(v)) {
        errors.push({ text: copy('reading.search.badDate'), href: `#${name}` })
        return null
      }
      return v || null
    }
    return { text, kinds, from: date('from'), to: date('to'), errors }
  }

  const hitView = (h: Awaited<ReturnType<typeof svc.reading.search>>[number]) => ({
    ...h,
    kindText: copy(`reading.search.kinds.${h.kind}`),
    href:
      h.kind === 'evidence'
        ? `${fill(paths.caseEvidenceText, { caseId: h.caseId, id: h.id })}#page-${h.page ?? 1}`
        : h.kind === 'decision'
          ? fill(paths.caseDecision, { caseId: h.caseId, id: h.id })
          : fill(paths.caseEvent, { caseId: h.caseId, id: h.id }),
    title: h.kind === 'decision' ? copy(`case.labels.decisionKind.${h.title}`) : h.title,
  })

  const searchPage = async (
    reply: FastifyReply,
    q: Record<string, unknown>,
    caseId: string | null,
    action: string,
  ) => {
    const query = searchQuery(q)
    // Results a page at a time: snippets are made only for the page shown (one more is asked
    // for, to know whether there is a next page).
    const page = Math.min(Math.max(Number.parseInt(String(q.page ?? '1'), 10) || 1, 1), 50)
    const found =
      query.text && query.errors.length === 0
        ? await svc.reading.search(who, {
            caseId,
            text: query.text,
            kinds: query.kinds,
            from: query.from,
            to: query.to,
            limit: RESULTS_PER_PAGE + 1,
            offset: (page - 1) * RESULTS_PER_PAGE,
          })
        : []
    const hits = found.slice(0, RESULTS_PER_PAGE)
    const pageHref = (n: number) => {
      const params = new URLSearchParams({ q: query.text })
      for (const k of query.kinds) params.append('kind', k)
      if (query.from) params.set('from', query.from)
      if (query.to) params.set('to', query.to)
      if (n > 1) params.set('page', String(n))
      return `${action}?${params.toString()}#results`
    }
    const pagination =
      page > 1 || found.length > RESULTS_PER_PAGE
        ? {
            previous:
              page > 1 ? { href: pageHref(page - 1), text: copy('reading.search.previous') } : undefined,
            next:
              found.length > RESULTS_PER_PAGE
                ? { href: pageHref(page + 1), text: copy('reading.search.next') }
                : undefined,
          }
        : null
    return {
      query,
      searched: Boolean(query.text) && query.errors.length === 0,
      hits: hits.map(hitView),
      first: (page - 1) * RESULTS_PER_PAGE + 1,
      pagination,
      errors: query.errors,
      kindItems: SEARCH_KINDS.map((k) => ({
        value: k,
        text: copy(`reading.search.kinds.${k}`),
        checked: query.kinds.includes(k),
      })),
    }
  }

  app.get(paths.caseSearch, async (request, reply) => {
    const { caseId } = addressParams(caseIds, request)
    const s = withNav(caseOf(request), 'search')
    const action = fill(paths.caseSearch, { caseId })
    const view = await searchPage(reply, request.query as Record<string, unknown>, caseId, action)
    return render(
      reply,
      'search.njk',
      copy('reading.search.caseTitle'),
      { ...s, ...view, action },
      view.errors.length ? 400 : 200,
    )
  })

  app.get(paths.search, async (request, reply) => {
    const view = await searchPage(reply, request.query as Record<string, unknown>, null, paths.search)
    return render(
      reply,
      'search-all.njk',
      copy('reading.search.allTitle'),
      { ...view, action: paths.search, allCases: true },
      view.errors.length ? 400 : 200,
    )
  })
}
