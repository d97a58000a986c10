import multipart from '@fastify/multipart'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { parseCmsText, parseScheduleText } from '../../../domain/arrears/index.ts'
import {
  BUILT_IN_PROFILES,
  parseStatementMoney,
  type ColumnMapping,
} from '../../../domain/arrears/import/index.ts'
import { LOCAL_OWNER, type Actor } from '../../../domain/case/index.ts'
import { InvalidInput } from '../../../domain/shared/errors.ts'
import { message, type Message } from '../../../domain/shared/message.ts'
import { formatPounds, type Pence } from '../../../domain/shared/pence.ts'
import { formatDate, Temporal } from '../../../domain/shared/plain-date.ts'
import { NotFound, type CheckContents, type ImportOutcome } from '../../../services/arrears-check.service.ts'
import type { FeatureOptions } from '../feature.ts'
import { translate, type Params } from '../../i18n.ts'
import { dateInput, fieldError, readUkDate, type FieldError } from '../../forms/index.ts'
import { navigation } from '../../navigation.ts'
import { paths } from '../../paths.ts'
import {
  caseParams,
  checkParams,
  COLLECTIONS,
  columnsParams,
  formBody,
  letterParams,
  SCHEMES,
  type FormBody,
} from './arrears.schema.ts'
import {
  balanceChart,
  dateParts,
  discrepancyRows,
  isoToText,
  money,
  monthName,
  scheduleCsv,
} from './present.ts'
import { addressParams } from '../../params.ts'

/**
 * "Check your arrears": start a check (on its own or inside a case), upload a statement and map its
 * columns, pick the payments, enter the CMS's figures, confirm or reject proposed matches, and see
 * the ledger, the chart and the difference with its causes; download the discrepancy schedule and
 * the letters; add confirmed payments to the case timeline.
 */

const WHO: Actor = { ownerId: LOCAL_OWNER, name: 'you (web)' }
const copy = (key: string | Message, params: Params = {}): string => String(translate(key, params))
const fill = (pattern: string, values: Record<string, string>): string =>
  pattern.replace(/:([A-Za-z]+)/g, (_, k: string) => encodeURIComponent(values[k] ?? ''))

const err = fieldError
/** The message for exactly this field (these pages have fields whose ids begin like others'). */
const errorFor = (errors: readonly FieldError[], field: string) => {
  const e = errors.find((x) => x.href === `#${field}`)
  return e ? { text: e.text } : undefined
}

/** A date input read by the forms module's one date parser, in these pages' words. */
function readDate(f: FormBody, id: string): { iso: string | null; problem: string | null; typed: string } {
  const input = dateInput(f.one, id)
  const typed = `${input.year}-${input.month}-${input.day}`
  const read = readUkDate(input)
  if (read.ok) return { iso: read.iso, problem: null, typed }
  if (read.problem === 'blank') return { iso: null, problem: null, typed: '' }
  return {
    iso: null,
    problem: copy(read.problem === 'notReal' ? 'arrears.errors.dateReal' : 'arrears.errors.date'),
    typed,
  }
}

/** Signed money as typed on a form ("612.00", "-20", "£1,234.56"); null when blank. */
function readMoney(text: string, field: string): Pence | null {
  try {
    return parseStatementMoney(text, 1, field)
  } catch {
    throw new InvalidInput(field, message('arrears.errors.money'))
  }
}

export const arrearsRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { services }) => {
  const today = () => services.clock.today()
  const svc = services.arrears
  await app.register(multipart, {
    limits: { fileSize: 10 * 1024 * 1024 + 1, files: 1, fields: 20, fieldSize: 10_000 },
  })
  const render = (
    reply: FastifyReply,
    template: string,
    title: string,
    context: Record<string, unknown>,
    status = 200,
  ) =>
    reply.code(status).view(`arrears/${template}`, {
      pageTitle: title,
      navigation: navigation(paths.arrears),
      // Each form carries the cross-site token as its first field (a file upload in its address too).
      csrfToken: (reply.request as FastifyRequest & { csrfToken?: string }).csrfToken ?? '',
      ...context,
    })

  /** The reconciliation, with what was due under the case's decisions where the check is in a case. */
  const reconciled = async (contents: CheckContents) =>
    svc.reconcile(contents, await svc.liabilityFor(WHO, contents))

  /** What every page of a check shows: its title, where it sits (a case or on its own), the steps. */
  const shell = async (contents: CheckContents) => {
    const c = contents.check
    let caseTitle: string | null = null
    if (c.caseId && services.caseFile)
      caseTitle = (await services.caseFile.cases.getCase(WHO, c.caseId)).title
    const id = c.id
    return {
      check: c,
      caseTitle,
      caseLink: c.caseId ? fill(paths.case, { caseId: c.caseId }) : null,
      links: {
        check: fill(paths.arrearsCheck, { checkId: id }),
        statement: fill(paths.arrearsStatement, { checkId: id }),
        payments: fill(paths.arrearsPayments, { checkId: id }),
        cms: fill(paths.arrearsCms, { checkId: id }),
        matches: fill(paths.arrearsMatches, { checkId: id }),
        result: fill(paths.arrearsResult, { checkId: id }),
        csv: fill(paths.arrearsScheduleCsv, { checkId: id }),
        timeline: fill(paths.arrearsTimeline, { checkId: id }),
        saveLedger: fill(paths.arrearsSaveLedger, { checkId: id }),
        disputePdf: fill(paths.arrearsLetter, { checkId: id, letter: 'dispute', format: 'pdf' }),
        disputeDocx: fill(paths.arrearsLetter, { checkId: id, letter: 'dispute', format: 'docx' }),
        soaPdf: fill(paths.arrearsLetter, { checkId: id, letter: 'statement-of-account', format: 'pdf' }),
        soaDocx: fill(paths.arrearsLetter, { checkId: id, letter: 'statement-of-account', format: 'docx' }),
        delete: fill(paths.arrearsDelete, { checkId: id }),
      },
    }
  }

  // Start: the checks kept on this device (outside any case), and a new one.
  const startPage = async (reply: FastifyReply, caseId: string | null, deleted = false) => {
    let caseTitle: string | null = null
    if (caseId) {
      if (!services.caseFile) throw new NotFound()
      caseTitle = (await services.caseFile.cases.getCase(WHO, caseId)).title
    }
    const checks = await svc.list(WHO, caseId)
    return render(reply, 'start.njk', copy('arrears.start.title'), {
      caseTitle,
      caseLink: caseId ? fill(paths.case, { caseId }) : null,
      action: caseId ? fill(paths.arrearsInCase, { caseId }) : paths.arrears,
      deleted,
      checks: checks.map((c) => ({
        title: c.title,
        href: fill(paths.arrearsCheck, { checkId: c.id }),
        updated: formatDate(Temporal.PlainDate.from(c.updatedAt.toISOString().slice(0, 10))),
      })),
    })
  }
  /** Whether a check was just deleted (for the banner). */
  const justDeleted = (request: FastifyRequest): boolean =>
    (request.query as Record<string, unknown> | undefined)?.deleted === '1'
  app.get(paths.arrears, (request, reply) => startPage(reply, null, justDeleted(request)))
  app.get(paths.arrearsInCase, (request, reply) =>
    startPage(reply, addressParams(caseParams, request).caseId, justDeleted(request)),
  )
  const create = async (request: FastifyRequest, reply: FastifyReply, caseId: string | null) => {
    const f = formBody.parse(request.body)
    const c = await svc.create(WHO, caseId, (f.one.title ?? '').slice(0, 120))
    return reply.redirect(fill(paths.arrearsStatement, { checkId: c.id }), 303)
  }
  app.post(paths.arrears, (request, reply) => create(request, reply, null))
  app.post(paths.arrearsInCase, (request, reply) => {
    const { caseId } = addressParams(caseParams, request)
    if (!services.caseFile) throw new NotFound()
    return create(request, reply, caseId)
  })

  // The check: where each step stands.
  app.get(paths.arrearsCheck, async (request, reply) => {
    const contents = await svc.contents(WHO, addressParams(checkParams, request).checkId)
    const picked = contents.transactions.filter((t) => t.isPayment === 1).length
    return render(reply, 'check.njk', contents.check.title, {
      ...(await shell(contents)),
      counts: {
        statements: contents.statements.length,
        transactions: contents.transactions.length,
        picked,
        schedule: contents.schedule.length,
        cms: contents.cmsFigures.length,
        asOf: contents.check.asOf ? isoToText(contents.check.asOf) : null,
      },
    })
  })

  // Delete a check: a page that says what goes and what stays, then a button to confirm.
  app.get(paths.arrearsDelete, async (request, reply) => {
    const contents = await svc.contents(WHO, addressParams(checkParams, request).checkId)
    return render(reply, 'delete.njk', copy('arrears.delete.title'), {
      ...(await shell(contents)),
      action: fill(paths.arrearsDelete, { checkId: contents.check.id }),
      cancel: fill(paths.arrearsCheck, { checkId: contents.check.id }),
      counts: {
        statements: contents.statements.length,
        transactions: contents.transactions.length,
        schedule: contents.schedule.length,
        cms: contents.cmsFigures.length,
      },
      inCase: contents.check.caseId !== null,
    })
  })
  app.post(paths.arrearsDelete, async (request, reply) => {
    const f = formBody.parse(request.body)
    const { checkId } = addressParams(checkParams, request)
    // Only the confirm button deletes; anything else goes back to the question.
    if (f.one.confirm !== 'yes') return reply.redirect(fill(paths.arrearsDelete, { checkId }), 303)
    const gone = await svc.remove(WHO, checkId)
    const back = gone.caseId ? fill(paths.arrearsInCase, { caseId: gone.caseId }) : paths.arrears
    return reply.redirect(`${back}?deleted=1`, 303)
  })

  // Step 1: upload a statement.
  const statementPage = async (
    reply: FastifyReply,
    contents: CheckContents,
    errors: FieldError[] = [],
    profile = '',
  ) => {
    const saved = await svc.repo.profiles(WHO.ownerId)
    return render(
      reply,
      'statement.njk',
      copy('arrears.statement.title'),
      {
        ...(await shell(contents)),
        errors,
        error: { file: errorFor(errors, 'file'), profile: errorFor(errors, 'profile') },
        profiles: [
          { value: '', text: copy('arrears.statement.recognise'), selected: profile === '' },
          ...BUILT_IN_PROFILES.map((p) => ({
            value: p.name,
            text: String(translate(p.bank)),
            selected: profile === p.name,
          })),
          ...saved.map((p) => ({
            value: `saved:${p.id}`,
            text: copy('arrears.statement.saved', { name: p.name }),
            selected: profile === `saved:${p.id}`,
          })),
        ],
        statements: contents.statements.map((s) => ({
          name: s.fileName,
          profile: s.profile ?? copy('arrears.statement.notMapped'),
          lines: contents.transactions.filter((t) => t.statementId === s.id).length,
          mapLink: s.format
            ? null
            : fill(paths.arrearsColumns, { checkId: contents.check.id, statementId: s.id }),
        })),
      },
      errors.length ? 400 : 200,
    )
  }
  app.get(paths.arrearsStatement, async (request, reply) =>
    statementPage(reply, await svc.contents(WHO, addressParams(checkParams, request).checkId)),
  )
  app.post(paths.arrearsStatement, async (request, reply) => {
    const { checkId } = addressParams(checkParams, request)
    const contents = await svc.contents(WHO, checkId)
    const fields: Record<string, string> = {}
    let file: { name: string; bytes: Uint8Array } | null = null
    let tooBig = false
    if (request.isMultipart()) {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          const chunks: Buffer[] = []
          for await (const c of part.file) chunks.push(c as Buffer)
          if (part.file.truncated) tooBig = true
          if (part.filename) file = { name: part.filename, bytes: new Uint8Array(Buffer.concat(chunks)) }
        } else fields[part.fieldname] = String(part.value ?? '')
      }
    }
    const profile = (fields.profile ?? '').trim()
    if (tooBig) return statementPage(reply, contents, [err('file', copy('arrears.errors.tooBig'))], profile)
    if (!file || file.bytes.byteLength === 0)
      return statementPage(reply, contents, [err('file', copy('arrears.errors.chooseFile'))], profile)
    let how: { profile?: string; mapping?: ColumnMapping } = {}
    if (profile.startsWith('saved:')) {
      const saved = (await svc.repo.profiles(WHO.ownerId)).find((p) => `saved:${p.id}` === profile)
      if (!saved) return statementPage(reply, contents, [err('profile', copy('arrears.errors.profile'))], '')
      how = { mapping: saved.mapping }
    } else if (profile) {
      if (!BUILT_IN_PROFILES.some((p) => p.name === profile))
        return statementPage(reply, contents, [err('profile', copy('arrears.errors.profile'))], '')
      how = { profile }
    }
    let outcome: ImportOutcome
    try {
      outcome = await svc.importFile(WHO, checkId, { fileName: file.name, bytes: file.bytes, ...how })
    } catch (e) {
      if (e instanceof InvalidInput)
        return statementPage(
          reply,
          contents,
          [err('file', copy('arrears.errors.import', { problem: e.problem }))],
          profile,
        )
      throw e
    }
    if (outcome.kind === 'needs-mapping')
      return reply.redirect(fill(paths.arrearsColumns, { checkId, statementId: outcome.statementId }), 303)
    return reply.redirect(
      `${fill(paths.arrearsPayments, { checkId })}?imported=${outcome.added}&skipped=${outcome.skipped}`,
      303,
    )
  })

  // Step 1b: map the columns of a statement whose layout was not recognised.
  const columnsPage = async (
    reply: FastifyReply,
    checkId: string,
    statementId: string,
    posted: Record<string, string> = {},
    errors: FieldError[] = [],
  ) => {
    const contents = await svc.contents(WHO, checkId)
    const layout = await svc.statementLayout(WHO, checkId, statementId)
    const columns = layout.columns.map((c) => c.name)
    const options = (name: string, blank: boolean) => [
      ...(blank
        ? [{ value: '', text: copy('arrears.columns.none') }]
        : [{ value: '', text: copy('arrears.columns.choose') }]),
      ...layout.columns.map((c) => ({
        value: c.name,
        // A file with no header row: each column shown with what its first line holds.
        text: layout.headerless
          ? copy('arrears.columns.example', { name: c.name, example: c.example })
          : c.name,
        selected: posted[name] === c.name,
      })),
    ]
    return render(
      reply,
      'columns.njk',
      copy('arrears.columns.title'),
      {
        ...(await shell(contents)),
        action: fill(paths.arrearsColumns, { checkId, statementId }),
        columns: layout.headerless ? [] : columns,
        headerless: layout.headerless,
        outPositive: posted.outPositive === 'yes',
        errors,
        saveAs: posted.saveAs ?? '',
        selects: ['date', 'description', 'description2', 'amount', 'paidIn', 'paidOut', 'balance'].map(
          (name) => ({
            name,
            label: copy(`arrears.columns.${name}`),
            hint: copy(`arrears.columns.${name}Hint`),
            items: options(name, !['date', 'description'].includes(name)),
            error: errorFor(errors, name),
          }),
        ),
      },
      errors.length ? 400 : 200,
    )
  }
  app.get(paths.arrearsColumns, async (request, reply) => {
    const { checkId, statementId } = addressParams(columnsParams, request)
    return columnsPage(reply, checkId, statementId)
  })
  app.post(paths.arrearsColumns, async (request, reply) => {
    const { checkId, statementId } = addressParams(columnsParams, request)
    const f = formBody.parse(request.body).one
    const errors: FieldError[] = []
    if (!f.date) errors.push(err('date', copy('arrears.errors.columnDate')))
    if (!f.description) errors.push(err('description', copy('arrears.errors.columnDescription')))
    const hasAmount = Boolean(f.amount)
    const hasInOut = Boolean(f.paidIn && f.paidOut)
    if (!hasAmount && !hasInOut) errors.push(err('amount', copy('arrears.errors.columnAmount')))
    if (errors.length) return columnsPage(reply, checkId, statementId, f, errors)
    const mapping: ColumnMapping = {
      date: f.date!,
      description: [f.description!, ...(f.description2 ? [f.description2] : [])],
      ...(hasAmount ? { amount: f.amount! } : { paidIn: f.paidIn!, paidOut: f.paidOut! }),
      ...(f.balance ? { balance: f.balance } : {}),
      ...(hasAmount && f.outPositive === 'yes' ? { outPositive: true } : {}),
      ...(f.headerless === 'yes' ? { headerless: true } : {}),
    }
    try {
      const out = await svc.mapStatement(WHO, checkId, statementId, mapping, f.saveAs)
      return reply.redirect(
        `${fill(paths.arrearsPayments, { checkId })}?imported=${out.kind === 'imported' ? out.added : 0}`,
        303,
      )
    } catch (e) {
      if (e instanceof InvalidInput)
        return columnsPage(reply, checkId, statementId, f, [
          err('date', copy('arrears.errors.import', { problem: e.problem })),
        ])
      throw e
    }
  })

  // Step 2: pick the maintenance payments (a filter on payee or reference helps).
  app.get(paths.arrearsPayments, async (request, reply) => {
    const { checkId } = addressParams(checkParams, request)
    const q = formBody.parse(request.query).one
    const contents = await svc.contents(WHO, checkId)
    const filter = q.filter ?? contents.check.paymentFilter ?? ''
    const shown = svc.filter(contents, filter)
    return render(reply, 'payments.njk', copy('arrears.payments.title'), {
      ...(await shell(contents)),
      filter,
      imported: q.imported ?? null,
      skipped: q.skipped ?? null,
      total: contents.transactions.length,
      picked: contents.transactions.filter((t) => t.isPayment === 1).length,
      rows: shown.map((t) => ({
        id: t.id,
        date: isoToText(t.date),
        description: t.description,
        amount: money(t.amountPence),
        checked: t.isPayment === 1,
      })),
      hidden: contents.transactions.filter((t) => t.isPayment === 1 && !shown.includes(t)).map((t) => t.id),
    })
  })
  app.post(paths.arrearsPayments, async (request, reply) => {
    const { checkId } = addressParams(checkParams, request)
    const f = formBody.parse(request.body)
    const ids = [...(f.many.payment ?? []), ...(f.many.keep ?? [])]
    await svc.pick(WHO, checkId, ids)
    await svc.settings(WHO, checkId, { paymentFilter: (f.one.filter ?? '').slice(0, 100) || null })
    return reply.redirect(fill(paths.arrearsCms, { checkId }), 303)
  })

  // Step 3: the CMS's figures.
  const cmsPage = async (
    reply: FastifyReply,
    contents: CheckContents,
    posted: Record<string, string> | null = null,
    errors: FieldError[] = [],
  ) => {
    const c = contents.check
    const v = (k: string, fallback: string) => (posted ? (posted[k] ?? '') : fallback)
    const scheduleText = contents.schedule
      .map(
        (s) =>
          `${isoToText(s.due)}, ${(s.amountPence / 100).toFixed(2)}${s.description ? `, ${s.description}` : ''}`,
      )
      .join('\n')
    const cmsText = contents.cmsFigures
      .map((x) =>
        [
          isoToText(x.date),
          x.description ?? '',
          x.duePence === null ? '' : (x.duePence / 100).toFixed(2),
          x.receivedPence === null ? '' : (x.receivedPence / 100).toFixed(2),
          x.balancePence === null ? '' : (x.balancePence / 100).toFixed(2),
        ].join(', '),
      )
      .join('\n')
    const asOf = posted
      ? { day: posted['asOf-day'] ?? '', month: posted['asOf-month'] ?? '', year: posted['asOf-year'] ?? '' }
      : dateParts(c.asOf)
    const ob = posted
      ? {
          day: posted['openingDate-day'] ?? '',
          month: posted['openingDate-month'] ?? '',
          year: posted['openingDate-year'] ?? '',
        }
      : dateParts(c.openingBalanceDate)
    return render(
      reply,
      'cms.njk',
      copy('arrears.cms.title'),
      {
        ...(await shell(contents)),
        errors,
        error: Object.fromEntries(
          [
            'schedule',
            'cmsStatement',
            'asOf-day',
            'cmsArrears',
            'matchWindowDays',
            'openingAmount',
            'openingDate-day',
          ].map((k) => [k, errorFor(errors, k)]),
        ),
        values: {
          schedule: v('schedule', scheduleText),
          cmsStatement: v('cmsStatement', cmsText),
          cmsArrears: v('cmsArrears', c.cmsArrearsPence === null ? '' : (c.cmsArrearsPence / 100).toFixed(2)),
          matchWindowDays: v('matchWindowDays', String(c.matchWindowDays)),
          openingAmount: v(
            'openingAmount',
            c.openingBalancePence === null ? '' : (c.openingBalancePence / 100).toFixed(2),
          ),
          openingSource: v('openingSource', c.openingBalanceSource ?? ''),
        },
        asOf: ['day', 'month', 'year'].map((p) => ({
          name: p,
          classes: p === 'year' ? 'govuk-input--width-4' : 'govuk-input--width-2',
          value: asOf[p as 'day'],
          label: copy(`arrears.date.${p}`),
        })),
        openingDate: ['day', 'month', 'year'].map((p) => ({
          name: p,
          classes: p === 'year' ? 'govuk-input--width-4' : 'govuk-input--width-2',
          value: ob[p as 'day'],
          label: copy(`arrears.date.${p}`),
        })),
        collections: COLLECTIONS.map((k) => ({
          value: k,
          text: copy(`arrears.cms.collection.${k}`),
          checked: v('collection', c.collection) === k,
        })),
        schemes: SCHEMES.map((k) => ({
          value: k,
          text: copy(`arrears.cms.scheme.${k}`),
          checked: v('openingScheme', String(c.openingBalanceScheme ?? '2012')) === k,
        })),
      },
      errors.length ? 400 : 200,
    )
  }
  app.get(paths.arrearsCms, async (request, reply) =>
    cmsPage(reply, await svc.contents(WHO, addressParams(checkParams, request).checkId)),
  )
  app.post(paths.arrearsCms, async (request, reply) => {
    const { checkId } = addressParams(checkParams, request)
    const contents = await svc.contents(WHO, checkId)
    const f = formBody.parse(request.body).one
    const errors: FieldError[] = []
    const asOf = readDate(formBody.parse(request.body), 'asOf')
    if (asOf.problem) errors.push(err('asOf-day', asOf.problem))
    else if (!asOf.iso) errors.push(err('asOf-day', copy('arrears.errors.asOf')))
    const opening = readDate(formBody.parse(request.body), 'openingDate')
    if (opening.problem) errors.push(err('openingDate-day', opening.problem))
    const attempt = <T>(field: string, fn: () => T): T | undefined => {
      try {
        return fn()
      } catch (e) {
        if (e instanceof InvalidInput) {
          errors.push(
            err(field, e.field === field ? copy(e.problem) : copy(e.problem).replace(/^[a-zA-Z]+: /, '')),
          )
          return undefined
        }
        throw e
      }
    }
    const cmsArrears = attempt('cmsArrears', () => readMoney(f.cmsArrears ?? '', 'cmsArrears'))
    const openingAmount = attempt('openingAmount', () => readMoney(f.openingAmount ?? '', 'openingAmount'))
    if (openingAmount !== undefined && openingAmount !== null && !opening.iso && !opening.problem)
      errors.push(err('openingDate-day', copy('arrears.errors.openingDate')))
    const window = Number(f.matchWindowDays ?? '7')
    if (!/^\d{1,3}$/.test(f.matchWindowDays ?? '7') || window > 366)
      errors.push(err('matchWindowDays', copy('arrears.errors.window')))
    const collection = (COLLECTIONS as readonly string[]).includes(f.collection ?? '')
      ? f.collection!
      : 'direct'
    const scheme = Number(
      (SCHEMES as readonly string[]).includes(f.openingScheme ?? '') ? f.openingScheme : '2012',
    )
    // The pasted figures are checked before anything is saved, so nothing typed is lost on an error.
    attempt('schedule', () => parseScheduleText(f.schedule ?? ''))
    attempt('cmsStatement', () => parseCmsText(f.cmsStatement ?? ''))
    if (errors.length) return cmsPage(reply, contents, f, errors)
    await svc.setSchedule(WHO, checkId, f.schedule ?? '')
    await svc.setCmsStatement(WHO, checkId, f.cmsStatement ?? '')
    await svc.settings(WHO, checkId, {
      asOf: asOf.iso,
      cmsArrearsPence: cmsArrears ?? null,
      collection,
      matchWindowDays: window,
      openingBalancePence: openingAmount ?? null,
      openingBalanceDate: openingAmount === null || openingAmount === undefined ? null : opening.iso,
      openingBalanceScheme: openingAmount === null || openingAmount === undefined ? null : scheme,
      openingBalanceSource:
        openingAmount === null || openingAmount === undefined
          ? null
          : (f.openingSource ?? '').slice(0, 300) || null,
    })
    return reply.redirect(fill(paths.arrearsMatches, { checkId }), 303)
  })

  // Step 4: confirm or reject each proposed match.
  app.get(paths.arrearsMatches, async (request, reply) => {
    const { checkId } = addressParams(checkParams, request)
    const contents = await svc.contents(WHO, checkId)
    const t = await reconciled(contents)
    const txById = new Map(contents.transactions.map((x) => [x.id, x]))
    const figById = new Map(contents.cmsFigures.map((x) => [x.id, x]))
    const rejected = contents.matches.filter((m) => m.status === 'rejected')
    return render(reply, 'matches.njk', copy('arrears.matches.title'), {
      ...(await shell(contents)),
      ready: t !== null,
      matches: (t?.value.receiptMatches ?? []).map((m) => {
        const p = txById.get(m.paymentId)!
        const r = figById.get(m.entryId)!
        return {
          paymentId: m.paymentId,
          entryId: m.entryId,
          paid: `${isoToText(p.date)}: ${money(Math.abs(p.amountPence))}`,
          description: p.description,
          recorded: `${isoToText(r.date)}: ${money(r.receivedPence)}`,
          days: m.days,
          confirmed: m.status === 'confirmed',
        }
      }),
      rejected: rejected.map((m) => ({
        paymentId: m.transactionId,
        entryId: m.cmsFigureId,
        paid: txById.get(m.transactionId)
          ? `${isoToText(txById.get(m.transactionId)!.date)}: ${money(Math.abs(txById.get(m.transactionId)!.amountPence))}`
          : '',
        recorded: figById.get(m.cmsFigureId)
          ? `${isoToText(figById.get(m.cmsFigureId)!.date)}: ${money(figById.get(m.cmsFigureId)!.receivedPence)}`
          : '',
      })),
      unrecorded: (t?.value.unrecordedPayments ?? []).map(
        (p) => `${formatDate(p.date)}: ${formatPounds(p.amount)}`,
      ),
    })
  })
  app.post(paths.arrearsMatches, async (request, reply) => {
    const { checkId } = addressParams(checkParams, request)
    const f = formBody.parse(request.body).one
    const status = f.decision === 'confirmed' || f.decision === 'rejected' ? f.decision : null
    if (!status || !f.paymentId || !f.entryId) throw new NotFound()
    await svc.decide(WHO, checkId, f.paymentId, f.entryId, status)
    return reply.redirect(`${fill(paths.arrearsMatches, { checkId })}#matches`, 303)
  })

  // The answer: headline, parts, ledger, chart, workings.
  app.get(paths.arrearsResult, async (request, reply) =>
    resultPage(request, reply, addressParams(checkParams, request).checkId),
  )
  async function resultPage(
    request: FastifyRequest,
    reply: FastifyReply,
    checkId: string,
    errors: FieldError[] = [],
    typed: Record<string, string> | null = null,
  ) {
    const contents = await svc.contents(WHO, checkId)
    const t = await reconciled(contents)
    if (!t) return reply.redirect(fill(paths.arrearsCms, { checkId }), 303)
    const r = t.value
    const txById = new Map(contents.transactions.map((x) => [x.id, x]))
    const evidenceText = (ref: string) => {
      const [kind, id] = ref.split(':') as [string, string]
      if (kind === 'p') {
        const x = txById.get(id)
        return x ? copy('arrears.result.bankLine', { line: x.line, date: isoToText(x.date) }) : ref
      }
      return copy('arrears.result.cmsLine')
    }
    const rows = discrepancyRows(r, evidenceText)
    const { senderDetails } = await import('../../../services/arrears-letters.service.ts')
    const known =
      typed ??
      (await senderDetails({
        contents,
        who: WHO,
        ...(services.caseFile ? { caseFile: services.caseFile } : {}),
      }))
    return render(
      reply,
      'result.njk',
      copy('arrears.result.title'),
      {
        ...(await shell(contents)),
        errors,
        error: {
          name: errorFor(errors, 'name'),
          address: errorFor(errors, 'address'),
          reference: errorFor(errors, 'reference'),
        },
        sender: { name: known.name ?? '', address: known.address ?? '', reference: known.reference ?? '' },
        headline: r.headline,
        figures: [
          { label: copy('arrears.result.scheduledDue'), value: money(r.scheduledDue) },
          ...(r.liabilityDue === null
            ? []
            : [{ label: copy('arrears.result.liabilityDue'), value: money(r.liabilityDue) }]),
          ...(r.openingBalance
            ? [{ label: copy('arrears.result.opening'), value: money(r.openingBalance) }]
            : []),
          { label: copy('arrears.result.paid'), value: money(r.paid) },
          ...(r.cmsRecorded === null
            ? []
            : [{ label: copy('arrears.result.cmsRecorded'), value: money(r.cmsRecorded) }]),
          { label: copy('arrears.result.evidence'), value: money(r.arrearsOnEvidence) },
          ...(r.cmsArrears === null
            ? []
            : [{ label: copy('arrears.result.cmsArrears'), value: money(r.cmsArrears) }]),
          ...(r.difference === null
            ? []
            : [{ label: copy('arrears.result.difference'), value: money(r.difference) }]),
        ],
        parts: r.parts.map((p) => ({
          amount: money(p.amount),
          text: p.text,
          evidence: p.evidence.map(evidenceText),
        })),
        findings: r.dueFindings.map((f) => f.text),
        overpayment: r.overpayment
          ? { amount: money(r.overpayment.amount), source: r.overpayment.cite }
          : null,
        openingNotes: r.openingNotes,
        months: r.months.map((m) => ({
          month: monthName(m.month),
          scheduledDue: money(m.scheduledDue),
          liabilityDue: m.liabilityDue === null ? null : money(m.liabilityDue),
          paid: money(m.paid),
          cmsRecorded: m.cmsRecorded === null ? null : money(m.cmsRecorded),
          balance: money(m.balanceOnEvidence),
          cmsBalance: m.balanceOnCmsRecords === null ? null : money(m.balanceOnCmsRecords),
        })),
        hasLiability: r.liability !== null,
        hasCms: r.cmsRecorded !== null,
        chart: balanceChart(r.months, {
          title: copy('arrears.chart.title'),
          description: copy('arrears.chart.description', {
            from: r.months[0] ? monthName(r.months[0].month) : '',
            to: r.months.at(-1) ? monthName(r.months.at(-1)!.month) : '',
            end: money(r.arrearsOnEvidence),
          }),
          evidenceLabel: copy('arrears.chart.evidence'),
          cmsLabel: copy('arrears.chart.cms'),
        }),
        rows,
        steps: t.steps.map((s) => ({
          text: s.text,
          source: s.cite
            ? `${s.cite.instrument}, ${s.cite.provision} (${copy(`arrears.confidence.${s.cite.confidence}`)})`
            : null,
          url: s.cite?.url ?? null,
        })),
        assumptions: t.assumptions,
        inCase: Boolean(contents.check.caseId && services.caseFile),
        picked: contents.transactions.filter((x) => x.isPayment === 1).length,
        onTimeline: contents.transactions.filter((x) => x.eventId).length,
        added: formBody.parse(request.query).one.added ?? null,
        saved: formBody.parse(request.query).one.saved === '1',
      },
      errors.length ? 400 : 200,
    )
  }

  app.get(paths.arrearsScheduleCsv, async (request, reply) => {
    const { checkId } = addressParams(checkParams, request)
    const contents = await svc.contents(WHO, checkId)
    const t = await reconciled(contents)
    if (!t) throw new NotFound()
    const txById = new Map(contents.transactions.map((x) => [x.id, x]))
    const rows = discrepancyRows(t.value, (ref) => {
      const x = txById.get(ref.slice(2))
      return ref.startsWith('p:') && x
        ? copy('arrearsPage.bankLine', { line: x.line, date: isoToText(x.date) })
        : copy('arrearsPage.cmsStatement')
    })
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="arrears-discrepancy-schedule.csv"')
      .send(scheduleCsv(t.value, rows))
  })

  app.post(paths.arrearsSaveLedger, async (request, reply) => {
    const { checkId } = addressParams(checkParams, request)
    const contents = await svc.contents(WHO, checkId)
    const t = await reconciled(contents)
    if (!t || !contents.check.caseId || !services.caseFile) throw new NotFound()
    const { saveLedgerToCase } = await import('../../../services/arrears-letters.service.ts')
    await saveLedgerToCase({
      contents,
      reconciliation: t.value,
      today: today(),
      caseFile: services.caseFile,
      who: WHO,
      steps: t.steps.map((s) => String(translate(s.text))),
    })
    return reply.redirect(`${fill(paths.arrearsResult, { checkId })}?saved=1`, 303)
  })

  app.post(paths.arrearsTimeline, async (request, reply) => {
    const { checkId } = addressParams(checkParams, request)
    const added = await svc.addPaymentsToTimeline(WHO, checkId)
    return reply.redirect(`${fill(paths.arrearsResult, { checkId })}?added=${added}`, 303)
  })

  app.get(paths.arrearsLetter, async (request, reply) => {
    const { checkId, letter, format } = addressParams(letterParams, request)
    const q = formBody.parse(request.query).one
    const contents = await svc.contents(WHO, checkId)
    const t = await reconciled(contents)
    if (!t) throw new NotFound()
    const { arrearsLetterFile } = await import('../../../services/arrears-letters.service.ts')
    const { MissingParticulars } = await import('../../../documents/letters/particulars.ts')
    try {
      const file = await arrearsLetterFile({
        contents,
        reconciliation: t.value,
        letter,
        format,
        today: today(),
        ...(services.caseFile ? { caseFile: services.caseFile } : {}),
        who: WHO,
        details: { name: q.name ?? '', address: q.address ?? '', reference: q.reference ?? '' },
      })
      return reply
        .header('content-type', file.mediaType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(Buffer.from(file.bytes))
    } catch (e) {
      if (!(e instanceof MissingParticulars)) throw e
      const fieldOf: Record<string, string> = {
        'sender.name': 'name',
        'sender.addressLines': 'address',
        reference: 'reference',
      }
      const errors = e.missing.map((m) =>
        err(fieldOf[m.field] ?? 'name', copy('arrears.errors.particular', { what: m.whatToAdd })),
      )
      return resultPage(request, reply, checkId, errors, q)
    }
  })
}
