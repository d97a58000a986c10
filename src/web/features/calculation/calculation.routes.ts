import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { translate } from '../../i18n.ts'
import { wordsOf } from '../../../copy/worded-error.ts'
import { navigation } from '../../navigation.ts'
import { paths } from '../../paths.ts'
import type { FeatureOptions } from '../feature.ts'
import { EMPTY, SESSION_KEY, withoutParent, type Answers } from './answers.ts'
import {
  formValues,
  journeyQuery,
  MAX_RECEIVING_PARENTS,
  parentRows,
  type FieldError,
  type FormValues,
} from './calculation.schema.ts'
import { backPath, firstIncomplete, nextPath, PAGES, reachable, type Context, type Page } from './journey.ts'
import { toDecimal } from '../../../domain/shared/pence.ts'
import { DomainError } from '../../../domain/shared/errors.ts'
import { WEB_ACTOR, fill } from '../case/case.routes.ts'
import { errorFor, readBody, type Posted } from '../deadlines/form.ts'
import { LETTER_NATIONS, letterDateItems, readLetterForm, reconsiderationView } from './reconsideration.ts'
import { buildResult } from './result.ts'
import { KeptPages } from '../../../services/kept-pages.ts'
import { isoDate } from './calculation.schema.ts'
import { cmsRows, summaryListRows, yourRows } from './summary.ts'
import { summaryLines, workingsDocument } from './workings-document.ts'

const t = (key: string, params: Record<string, string | number> = {}): string =>
  String(translate(`calculation.${key}`, params))

const HTML = 'text/html; charset=utf-8'

/**
 * "Check a child maintenance calculation": one question a page, check your answers, the result
 * with its workings and sources, the comparison with the CMS's figures, and the workings as a
 * PDF. Answers live in the session (server-side); every form posts back and redirects (PRG).
 */
export const calculationRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { services, sessions }) => {
  const context = (): Context => ({ book: services.rules, today: services.clock.today() })
  const load = (request: FastifyRequest): Answers => sessions.read<Answers>(request, SESSION_KEY) ?? EMPTY
  const save = (request: FastifyRequest, reply: FastifyReply, a: Answers): void =>
    sessions.write(request, reply, SESSION_KEY, a)
  const nav = (request: FastifyRequest) => navigation(request.routeOptions.url ?? paths.calculation)

  app.get(paths.calculation, (request, reply) =>
    reply.view('calculation/start.njk', {
      pageTitle: t('start.title'),
      navigation: nav(request),
      started: sessions.read<Answers>(request, SESSION_KEY) !== undefined,
    }),
  )

  app.post(paths.calculationRestart, (request, reply) => {
    sessions.delete(request, SESSION_KEY)
    return reply.redirect(paths.calculationWho, 303)
  })

  /** Renders a question page, with the values shown and any errors. */
  const renderPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    page: Page,
    a: Answers,
    ctx: Context,
    values: FormValues,
    errors: readonly FieldError[] = [],
    parts: readonly string[] = [],
  ) => {
    const fromCheck = journeyQuery.parse(request.query).from === 'check'
    const key = `calculation.${page.copy}`
    return reply.code(errors.length > 0 ? 400 : 200).view(page.template, {
      pageTitle: String(translate(`${key}.heading`)),
      navigation: nav(request),
      k: key,
      side: page.side ?? 'yours',
      caption: t(`caption.${page.side ?? 'yours'}`),
      action: fromCheck ? `${page.path}?from=check` : page.path,
      backHref: backPath(a, page, fromCheck),
      values,
      errors,
      fieldErrors: Object.fromEntries(errors.map((e) => [e.href.slice(1), { text: e.text }])),
      errorParts: parts,
      ...(page.view?.(a, ctx, values) ?? {}),
    })
  }

  for (const page of PAGES) {
    app.get(page.path, (request, reply) => {
      const a = load(request)
      const ctx = context()
      const gap = reachable(a, page, ctx)
      if (gap) return reply.redirect(gap.path, 303)
      if (!page.applies(a)) return reply.redirect(nextPath(a, page, false, ctx), 303)
      return renderPage(request, reply, page, a, ctx, page.values(a, ctx))
    })

    app.post(page.path, (request, reply) => {
      const a = load(request)
      const ctx = context()
      const values = formValues.parse(request.body)
      const fromCheck = journeyQuery.parse(request.query).from === 'check'
      const here = fromCheck ? `${page.path}?from=check` : page.path

      if (page.id === 'children') {
        // Adding or removing a receiving parent keeps what was typed and comes back to this page.
        const rows = parentRows(values)
        const action = values['action'] ?? ''
        const remove = /^remove-(\d+)$/.exec(action)
        const keep = (next: Answers) => ({
          ...next,
          yours: { ...next.yours, children: next.parents?.map((r) => r.children) },
        })
        if (action === 'add' && rows.length < MAX_RECEIVING_PARENTS) {
          save(request, reply, keep({ ...a, parents: [...rows, { name: '', children: '' }] }))
          return reply.redirect(`${here}#parent-${rows.length}-name`, 303)
        }
        if (remove && rows.length > 1) {
          save(request, reply, keep(withoutParent({ ...a, parents: rows }, Number(remove[1]))))
          return reply.redirect(here, 303)
        }
      }

      const checked = page.check(values, a, ctx)
      if (!checked.ok) return renderPage(request, reply, page, a, ctx, values, checked.errors, checked.parts)
      const next = checked.value(a)
      save(request, reply, next)
      return reply.redirect(nextPath(next, page, fromCheck, ctx), 303)
    })
  }

  app.get(paths.calculationCheck, (request, reply) => {
    const a = load(request)
    const ctx = context()
    const gap = firstIncomplete(a, ctx)
    if (gap) return reply.redirect(gap.path, 303)
    return reply.view('calculation/check-answers.njk', {
      pageTitle: t('check.heading'),
      navigation: nav(request),
      backHref: backPath(a, PAGES[PAGES.length - 1]!, false),
      yours: summaryListRows(yourRows(a, ctx)),
      cms: a.compare === 'yes' ? summaryListRows(cmsRows(a, ctx), 'cms') : undefined,
    })
  })

  /**
   * The result of a set of answers on a day, kept for the next requests with the same answers (a
   * parent reloads, prints, comes back from the workings): four calculations and the checks of
   * every answer are done once, not on every request. A hundred are kept in memory (as the answers themselves are, in the session), the oldest dropped.
   */
  const kept = new Map<
    string,
    { gap: ReturnType<typeof firstIncomplete>; result?: ReturnType<typeof buildResult> }
  >()
  const keptFor = (a: Answers, ctx: Context) => {
    const key = `${ctx.today.toString()}|${JSON.stringify(a)}`
    let entry = kept.get(key)
    if (!entry) {
      entry = { gap: firstIncomplete(a, ctx) }
      if (kept.size >= 100) kept.delete(kept.keys().next().value!)
      kept.set(key, entry)
    }
    return entry
  }
  const resultOf = (a: Answers, ctx: Context) => {
    const entry = keptFor(a, ctx)
    entry.result ??= buildResult(a, ctx)
    return entry.result
  }

  /**
   * Result pages kept as rendered (issue #10, point 4), in the case file's store of kept pages (so
   * they go when safe mode locks) or, without a case file, in one of their own. A result page is a
   * function of the answers, the day, the address and the values every page shares (neutral mode,
   * safe mode); the cross-site token is added to its forms as it is sent, and a page that prints
   * the token itself is never kept. Where the page lists your cases (a letter date was given), it
   * is kept under the version of all your cases, so any change to them renders it afresh.
   */
  const ownKept = new KeptPages(4 * 1024 * 1024, 100)

  /** The result page, with the reconsideration deadline (or the form asking for the letter's date). */
  const resultPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    a: Answers,
    ctx: Context,
    form: { values: Posted; errors: readonly { text: string; href: string }[] } = { values: {}, errors: [] },
  ) => {
    const r = a.reconsideration
    const caseFile = services.caseFile
    let slot: { kept: KeptPages; scope: string; version: string; key: string } | undefined
    if (form.errors.length === 0 && request.method === 'GET') {
      const kept = caseFile?.kept ?? ownKept
      const listsCases = !!r && caseFile !== undefined
      const scope = listsCases ? `calculation-cases:${WEB_ACTOR.ownerId}` : 'calculation'
      const version = listsCases ? await caseFile.cases.casesVersion(WEB_ACTOR) : '-'
      const { csrfToken: _token, ...locals } = ((reply as { locals?: Record<string, unknown> | null })
        .locals ?? {}) as Record<string, unknown>
      const key = `${ctx.today.toString()}\u0000${request.url}\u0000${JSON.stringify(locals)}\u0000${JSON.stringify(a)}`
      const html = kept.get(scope, version, key)
      if (html !== undefined) return reply.code(200).type(HTML).send(html)
      slot = { kept, scope, version, key }
    }
    const result = resultOf(a, ctx)
    const cases = r && caseFile ? await caseFile.cases.listCases(WEB_ACTOR) : []
    const status = form.errors.length > 0 ? 400 : 200
    const html = await reply.viewAsync('calculation/result.njk', {
      pageTitle: t('result.title'),
      navigation: nav(request),
      backHref: paths.calculationCheck,
      result,
      summary: summaryLines(result),
      reconsideration: r ? reconsiderationView(ctx.book, r) : null,
      letterForm: {
        errors: form.errors,
        items: letterDateItems(form.values, form.errors),
        dateError: errorFor(form.errors, 'letterDate'),
        nationError: errorFor(form.errors, 'nation'),
        nations: LETTER_NATIONS.map((n) => ({
          value: n,
          text: String(translate(`law.reconsideration.nations.${n}`)),
          checked: (typeof form.values['nation'] === 'string' ? form.values['nation'] : r?.nation) === n,
        })),
      },
      cases: cases.map((c) => ({ value: c.id, text: c.title })),
      caseFile: caseFile !== undefined,
    })
    if (slot && !html.includes(request.csrfToken)) slot.kept.set(slot.scope, slot.version, slot.key, html)
    return reply.code(status).type(HTML).send(html)
  }

  app.get(paths.calculationResult, (request, reply) => {
    const a = load(request)
    const ctx = context()
    const { gap } = keptFor(a, ctx)
    if (gap) return reply.redirect(gap.path, 303)
    return resultPage(request, reply, a, ctx)
  })

  app.post(paths.calculationLetterDate, (request, reply) => {
    const a = load(request)
    const ctx = context()
    const gap = firstIncomplete(a, ctx)
    if (gap) return reply.redirect(gap.path, 303)
    const posted = readBody(request.body)
    const read = readLetterForm(posted, ctx.today)
    if (!read.ok) return resultPage(request, reply, a, ctx, { values: posted, errors: read.errors })
    save(request, reply, { ...a, reconsideration: read.value })
    return reply.redirect(`${paths.calculationResult}#reconsideration`, 303)
  })

  app.post(paths.calculationAddToCase, async (request, reply) => {
    const a = load(request)
    const ctx = context()
    const gap = firstIncomplete(a, ctx)
    if (gap) return reply.redirect(gap.path, 303)
    const r = a.reconsideration
    const caseFile = services.caseFile
    if (!r || !caseFile || !a.date) return reply.redirect(`${paths.calculationResult}#reconsideration`, 303)
    const posted = readBody(request.body)
    const caseId = typeof posted['caseId'] === 'string' ? posted['caseId'] : ''
    const problem = (text: string) =>
      resultPage(request, reply, a, ctx, { values: posted, errors: [{ text, href: '#caseId' }] })
    if (!caseId) return problem(String(translate('law.reconsideration.chooseCase')))
    const result = buildResult(a, ctx)
    try {
      const saved = await caseFile.cases.addDecision(WEB_ACTOR, caseId, {
        kind: 'calculation',
        letterDate: r.letterDate,
        effectiveDate: isoDate(a.date),
        weeklyAmount: toDecimal(result.totalPence),
      })
      return reply.redirect(`${fill(paths.caseDecision, { caseId, id: saved.record.id })}?saved=1`, 303)
    } catch (e) {
      if (!(e instanceof DomainError)) throw e
      return problem(wordsOf(e))
    }
  })

  app.get(paths.calculationPdf, async (request, reply) => {
    const a = load(request)
    const ctx = context()
    const gap = firstIncomplete(a, ctx)
    if (gap) return reply.redirect(gap.path, 303)
    const result = buildResult(a, ctx)
    // The PDF library loads on first use, not at start-up.
    const { renderWorkingsPdf } = await import('../../../documents/workings/render-workings.ts')
    const pdf = await renderWorkingsPdf(workingsDocument(a, result, ctx, ctx.today))
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="workings-${result.effectiveDate.toString()}.pdf"`)
      .send(Buffer.from(pdf))
  })
}
