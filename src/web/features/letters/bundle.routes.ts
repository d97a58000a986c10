import { createReadStream } from 'node:fs'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../../../domain/case/index.ts'
import { InvalidInput } from '../../../domain/shared/errors.ts'
import { formatDate, parseDate } from '../../../domain/shared/plain-date.ts'
import { BUNDLE_SECTIONS, isBundleSection, stageInWords } from '../../../documents/index.ts'
import {
  BundleJobs,
  type BundleCandidate,
  type BundleService,
  type PrivateDetail,
} from '../../../services/bundle.service.ts'
import { translate } from '../../i18n.ts'
import { paths } from '../../paths.ts'
import { caseParams, jobParams, letterForm, list, text, type LetterForm } from './letters.schema.ts'
import { addressParams } from '../../params.ts'

/**
 * The tribunal bundle pages: choose documents, their sections and order, and what to hide; then a
 * job page with progress, the report and the redaction log (for the parent only), and the download.
 */

/** Renders a page inside the case loaded for the request (see the letters routes). */
export type Render = (
  reply: FastifyReply,
  template: string,
  title: string,
  context?: Record<string, unknown>,
  status?: number,
) => FastifyReply

const copy = (key: string, params: Record<string, string | number> = {}): string =>
  String(translate(key, params))
const fill = (pattern: string, values: Record<string, string>): string =>
  pattern.replace(/:(\w+)/g, (_, k: string) => encodeURIComponent(values[k] ?? ''))

/** What a redaction log line names: "your address", "Dan’s phone number", "text you asked to hide". */
const logWhat = (x: { readonly kind: string; readonly whose: string }): string =>
  x.kind === 'text' || !['address', 'postcode', 'phone', 'email'].includes(x.kind)
    ? copy('bundlePage.log.text')
    : x.whose === 'you'
      ? copy(`bundlePage.log.yours.${x.kind}`)
      : copy(`bundlePage.log.theirs.${x.kind}`, { name: x.whose })

interface Posted {
  readonly documents: string[]
  readonly sections: Record<string, string>
  readonly order: Record<string, string>
  readonly hide: string[]
  readonly more: string
  /** The arrears ledgers ticked (only when the page offered them). */
  readonly arrears: string[] | null
  readonly purpose: 'appeal' | 'complaint'
}

function posted(f: LetterForm, docs: readonly BundleCandidate[]): Posted {
  const sections: Record<string, string> = {}
  const order: Record<string, string> = {}
  for (const d of docs) {
    const s = text(f, `section-${d.id}`)
    if (s) sections[d.id] = s
    const o = text(f, `order-${d.id}`)
    if (o) order[d.id] = o
  }
  return {
    documents: list(f, 'documents'),
    sections,
    order,
    hide: list(f, 'hide'),
    more: text(f, 'redactMore'),
    arrears: text(f, 'arrearsOffered') ? list(f, 'arrears') : null,
    purpose: text(f, 'purpose') === 'complaint' ? 'complaint' : 'appeal',
  }
}

export function registerBundleRoutes(
  app: FastifyInstance,
  deps: {
    readonly bundles: BundleService
    readonly who: Actor
    readonly render: Render
  },
): void {
  const { bundles, who, render } = deps
  const jobs = new BundleJobs()

  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    caseId: string,
    form: Posted | null,
    errors: { text: string; href: string }[] = [],
  ) => {
    const docs = await bundles.candidates(who, caseId)
    const mine = await bundles.privateDetails(who, caseId)
    const ledgers = await bundles.arrearsLedgers(who, caseId)
    const ticked = new Set(form?.arrears ?? ledgers.map((l) => l.id))
    // A ledger saved to the case earlier is not ticked when a fresh one is offered below.
    const chosen = new Set(
      form?.documents ?? docs.filter((d) => !(d.savedLedger && ledgers.length > 0)).map((d) => d.id),
    )
    const hidden = new Set(form?.hide ?? [])
    const sectionOptions = BUNDLE_SECTIONS.map((s) => ({ value: s.id, text: `${s.letter}. ${s.title}` }))
    const hasNotice = docs.some((d) => d.role === 'reconsideration-notice')
    return render(
      reply,
      'bundle.njk',
      copy('letters.bundle.title'),
      {
        action: fill(paths.caseBundle, { caseId }),
        csrfToken: request.csrfToken,
        errors,
        documentsError: errors.find((e) => e.href === '#documents')?.text,
        redactError: errors.find((e) => e.href === '#redactMore')?.text,
        missingNotice: docs.length > 0 && !hasNotice,
        documents: docs.map((d, i) => ({
          id: d.id,
          title: d.title,
          hint: `${d.fileName}${d.documentDate ? ` · ${formatDate(parseDate(d.documentDate))}` : ''}`,
          checked: chosen.has(d.id),
          order: form?.order[d.id] ?? String(i + 1),
          sections: sectionOptions.map((o) => ({
            ...o,
            selected: (form?.sections[d.id] ?? d.section) === o.value,
          })),
        })),
        mine: mine.map((m, i) => ({
          value: `${m.kind}:${m.value}`,
          text: m.value,
          hint: copy(`bundlePage.kind.${m.kind}`),
          id: `hide-${i}`,
          checked: hidden.has(`${m.kind}:${m.value}`),
        })),
        redactMore: form?.more ?? '',
        purpose: form?.purpose ?? 'appeal',
        arrears: ledgers.map((l) => ({
          value: l.id,
          text: l.title,
          hint: { text: l.headline },
          checked: ticked.has(l.id),
        })),
      },
      errors.length ? 400 : 200,
    )
  }

  app.get(paths.caseBundle, async (request, reply) => {
    const { caseId } = addressParams(caseParams, request)
    return page(request, reply, caseId, null)
  })

  app.post(paths.caseBundle, async (request, reply) => {
    const { caseId } = addressParams(caseParams, request)
    const docs = await bundles.candidates(who, caseId)
    const f = posted(letterForm.parse(request.body ?? {}), docs)
    const errors: { text: string; href: string }[] = []
    if (f.documents.length === 0 && docs.length > 0)
      errors.push({ text: copy('letters.errors.documents'), href: '#documents' })
    const extra = f.more
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
    if (extra.some((x) => x.replace(/[\s,]+/g, '').length < 3))
      errors.push({ text: copy('bundlePage.errors.tooShort'), href: '#redactMore' })
    const sections: Record<string, string> = {}
    for (const [id, s] of Object.entries(f.sections)) if (isBundleSection(s)) sections[id] = s
    if (errors.length) return page(request, reply, caseId, f, errors)
    const rank = (id: string): number => {
      const n = Number(f.order[id])
      return Number.isFinite(n) ? n : Number.MAX_SAFE_INTEGER
    }
    const documents = [...f.documents].sort((a, b) => rank(a) - rank(b))
    const myDetails: PrivateDetail[] = f.hide.flatMap((h) => {
      const at = h.indexOf(':')
      const kind = h.slice(0, at)
      return kind === 'address' || kind === 'phone' || kind === 'email'
        ? [{ kind, value: h.slice(at + 1) }]
        : []
    })
    // Check the choices now, so a mistake shows on this page rather than on a failed job.
    try {
      await bundles.redactionTargets(who, caseId, { redact: extra })
    } catch (error) {
      if (error instanceof InvalidInput)
        return page(request, reply, caseId, f, [
          { text: String(translate(error.problem)), href: '#redactMore' },
        ])
      throw error
    }
    const job = jobs.start(caseId, (file, onProgress) =>
      bundles.buildToFile(
        who,
        caseId,
        file,
        {
          documents,
          sections,
          myDetails,
          redact: extra,
          purpose: f.purpose,
          ...(f.arrears ? { arrearsChecks: f.arrears } : {}),
        },
        onProgress,
      ),
    )
    return reply.redirect(fill(paths.caseBundleJob, { caseId, job: job.id }), 303)
  })

  const statusOf = (caseId: string, jobId: string) => {
    const job = jobs.get(jobId, caseId)
    if (!job) return null
    return {
      state: job.state,
      stage: stageInWords(job.progress?.stage ?? 'making pages'),
      done: job.progress?.done ?? 0,
      total: job.progress?.total ?? 0,
      error: job.error,
    }
  }

  app.get(paths.caseBundleJobStatus, async (request, reply) => {
    const { caseId, job } = addressParams(jobParams, request)
    const s = statusOf(caseId, job)
    if (!s) return reply.code(404).send({ state: 'missing' })
    return reply.header('cache-control', 'no-store').send(s)
  })

  app.get(paths.caseBundleJob, async (request, reply) => {
    const { caseId, job: jobId } = addressParams(jobParams, request)
    const job = jobs.get(jobId, caseId)
    if (!job) return reply.callNotFound()
    const report = job.report
    const log = (report?.redaction.log ?? []).map((e) => ({
      page: e.bundlePage,
      document: copy('bundlePage.log.document', { title: e.title, fileName: e.fileName, page: e.filePage }),
      what: [
        ...e.removed.map((x) => copy('bundlePage.log.removed', { what: logWhat(x), count: x.count })),
        ...e.left.map((x) => copy('bundlePage.log.left', { what: logWhat(x) })),
        ...(e.notSearchable ? [copy('bundlePage.log.notSearchable')] : []),
      ].join('; '),
    }))
    return render(
      reply,
      'bundle-job.njk',
      copy(
        job.state === 'done'
          ? 'letters.bundle.doneTitle'
          : job.state === 'failed'
            ? 'letters.bundle.failedTitle'
            : 'letters.bundle.workingTitle',
      ),
      {
        job,
        status: statusOf(caseId, jobId),
        report,
        log,
        statusHref: fill(paths.caseBundleJobStatus, { caseId, job: jobId }),
        selfHref: fill(paths.caseBundleJob, { caseId, job: jobId }),
        pdfHref: fill(paths.caseBundleJobPdf, { caseId, job: jobId }),
        bundleHref: fill(paths.caseBundle, { caseId }),
      },
    )
  })

  app.get(paths.caseBundleJobPdf, async (request, reply) => {
    const { caseId, job: jobId } = addressParams(jobParams, request)
    const job = jobs.get(jobId, caseId)
    if (job?.state !== 'done') return reply.callNotFound()
    return reply
      .type('application/pdf')
      .header('content-disposition', 'attachment; filename="bundle.pdf"')
      .header('cache-control', 'no-store')
      .send(createReadStream(job.file))
  })
}
