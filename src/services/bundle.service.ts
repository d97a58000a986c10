import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Actor, DecisionRecord, EvidenceRecord, LinkRecord } from '../domain/case/index.ts'
import { InvalidInput } from '../domain/shared/errors.ts'
import { message } from '../domain/shared/message.ts'
import { text } from '../copy/translate.ts'
import { parseDate } from '../domain/shared/plain-date.ts'
import {
  buildBundle,
  buildBundleToFile,
  isBundleSection,
  type ArrearsLedgerSection,
  type BundleDocument,
  type BundleInput,
  type BundleProgress,
  type BundleReport,
  type BundleResult,
  type BundleSection,
  type DisputedFigure,
  type PageTextCache,
  type RedactionTarget,
} from '../documents/index.ts'
import { bundleText } from '../documents/bundle/copy.ts'
import type { CaseServices } from './case-services.ts'
import type { LetterChoices, LetterService } from './letter.service.ts'

/** The tribunal bundle, built from documents picked from the case file. */

export interface BundleChoices {
  /** Evidence ids, or decision ids (a decision stands for its letter), in the order wanted. Every PDF and picture in the case when not given. */
  readonly documents?: readonly string[] | null
  /** Sections chosen by the parent, by evidence id; others go where their kind puts them. */
  readonly sections?: Readonly<Record<string, string>> | null
  /** Also keep your own address (and the phone and email given here or on the case) out of the bundle. */
  readonly keepMyDetailsPrivate?: boolean
  readonly myPhone?: string | null
  readonly myEmail?: string | null
  /** Your own details to hide, as picked on the bundle page (instead of all of them). */
  readonly myDetails?: readonly PrivateDetail[] | null
  /** Anything else to hide, each removed wherever it appears. */
  readonly redact?: readonly string[] | null
  /** The decision appealed and your figures, for the schedule of disputed figures. */
  readonly decisionId?: string | null
  readonly figures?: LetterChoices['figures']
  readonly title?: string | null
  /** Arrears checks whose ledger goes in the arrears section, by id: every check with a ledger when not given, none when empty. */
  readonly arrearsChecks?: readonly string[] | null
  /**
   * A tribunal appeal (the default), or a complaint to the CMS or the Independent Case Examiner
   * (an arrears dispute has no appeal): a complaint bundle names a complainant rather than an
   * appellant and is not checked for the decision and the mandatory reconsideration notice.
   */
  readonly purpose?: 'appeal' | 'complaint' | null
}

/** Where the bundle gets the ledgers of the case's arrears checks (the arrears check service). */
export interface ArrearsLedgers {
  bundleSections(who: Actor, caseId: string): Promise<ArrearsLedgerSection[]>
}

export interface BundleCandidate {
  readonly id: string
  readonly title: string
  readonly fileName: string
  readonly mediaType: string
  readonly documentDate: string | null
  readonly sha256: string
  readonly section: BundleSection
  readonly role?: 'decision' | 'reconsideration-notice'
  /** A copy of an arrears ledger saved to the case earlier (the bundle can draw a fresh one). */
  readonly savedLedger?: boolean
}

/** One of your own details that can be kept out of the bundle (offered on the bundle page). */
export interface PrivateDetail {
  readonly kind: 'address' | 'phone' | 'email'
  readonly value: string
}

const BUNDLE_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png'])
const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i

const addressLines = (text: string | null): string[] =>
  (text ?? '')
    .split(/\r?\n|,/)
    .map((l) => l.trim())
    .filter((l) => l.length >= 3)

/** The parent's phone and email, where the case file holds them. */
const ownContact = (c: object): { phone: string | null; email: string | null } => {
  const x = c as Partial<Record<'yourPhone' | 'yourEmail', string | null>>
  return { phone: x.yourPhone?.trim() || null, email: x.yourEmail?.trim() || null }
}

/** Where MuPDF's text of evidence files is kept between bundles (the store's DrizzleMupdfTextRepository). */
export interface MupdfTextStore {
  forCase(
    ownerId: string,
    caseId: string,
    engine: string,
  ): Promise<ReadonlyMap<string, { readonly sha256: string; readonly pages: readonly string[] }>>
  put(
    rows: readonly {
      ownerId: string
      caseId: string
      evidenceId: string
      sha256: string
      engine: string
      pages: readonly string[]
    }[],
  ): Promise<void>
}

export class BundleService {
  constructor(
    private readonly deps: {
      readonly caseFile: CaseServices
      readonly letters: LetterService
      /** Without it the bundle has no arrears section. */
      readonly arrears?: ArrearsLedgers
      /** Without it every page of every file is laid out by MuPDF on every bundle. */
      readonly mupdfText?: MupdfTextStore
    },
  ) {}

  /**
   * The bundle builder's options, with the kept MuPDF text of this case's files (ADR 0008): read
   * in one query when the first file asks; text read afresh is written in one go by `keep` once the
   * bundle is built.
   */
  private options(who: Actor, caseId: string, onProgress?: (p: BundleProgress) => void) {
    const store = this.deps.mupdfText
    const progress = onProgress ? { onProgress } : {}
    if (!store) return { options: progress, keep: async () => undefined }
    let kept: ReturnType<MupdfTextStore['forCase']> | undefined
    const fresh: Parameters<MupdfTextStore['put']>[0][number][] = []
    const textCache: PageTextCache = {
      get: async (evidenceId, sha256, engine) => {
        kept ??= store.forCase(who.ownerId, caseId, engine)
        const row = (await kept).get(evidenceId)
        return row && row.sha256 === sha256 ? row.pages : null
      },
      put: async (evidenceId, sha256, engine, pages) => {
        fresh.push({ ownerId: who.ownerId, caseId, evidenceId, sha256, engine, pages })
      },
    }
    // A failure to keep the text costs only time at the next bundle.
    const keep = () => store.put(fresh).catch(() => undefined)
    return { options: { ...progress, textCache }, keep }
  }

  /** The ledgers of the case's arrears checks that can go in the bundle's arrears section. */
  async arrearsLedgers(who: Actor, caseId: string): Promise<ArrearsLedgerSection[]> {
    return this.deps.arrears ? this.deps.arrears.bundleSections(who, caseId) : []
  }

  /** The section a document goes in by its kind, and its role where the appeal checks need it. */
  private placement(
    e: EvidenceRecord,
    links: readonly LinkRecord[],
    decisions: ReadonlyMap<string, DecisionRecord>,
    letterEvents: ReadonlySet<string>,
  ): Pick<BundleCandidate, 'section' | 'role'> {
    const mine = links.filter((l) => l.fromType === 'evidence' && l.fromId === e.id)
    const decision = mine
      .map((l) => (l.toType === 'decision' ? decisions.get(l.toId) : undefined))
      .find(Boolean)
    if (decision)
      return decision.kind === 'mandatory-reconsideration-notice'
        ? { section: 'decision', role: 'reconsideration-notice' }
        : { section: 'decision', role: 'decision' }
    if (e.tags.includes('redress-letter'))
      return { section: /appeal|sscs|grounds|tribunal/i.test(e.title) ? 'appeal' : 'correspondence' }
    if (e.tags.some((t) => /postage|proof/.test(t))) return { section: 'correspondence' }
    if (mine.some((l) => l.toType === 'event' && letterEvents.has(l.toId)))
      return { section: 'correspondence' }
    // Bank statement extracts and saved ledgers from Check your arrears go with the ledger.
    if (e.tags.includes('arrears')) return { section: 'arrears' }
    return { section: 'evidence' }
  }

  /** The documents in the case that can go in a bundle, with the section each would go in. */
  async candidates(who: Actor, caseId: string): Promise<BundleCandidate[]> {
    const { cases } = this.deps.caseFile
    const [evidence, links, events, decisions] = await Promise.all([
      cases.list(who, caseId, 'evidence'),
      cases.list(who, caseId, 'link'),
      cases.list(who, caseId, 'event'),
      cases.list(who, caseId, 'decision'),
    ])
    const letterEvents = new Set(
      events.filter((e) => e.type === 'letter-sent' || e.type === 'letter-received').map((e) => e.id),
    )
    const byId = new Map(decisions.map((d) => [d.id, d]))
    return evidence
      .filter((e) => BUNDLE_TYPES.has(e.mediaType))
      .map((e) => ({
        id: e.id,
        title: e.title,
        fileName: e.fileName,
        mediaType: e.mediaType,
        documentDate: e.documentDate,
        sha256: e.sha256,
        ...this.placement(e, links, byId, letterEvents),
        ...(e.tags.includes('arrears') && e.tags.includes('ledger') ? { savedLedger: true } : {}),
      }))
      .sort((a, b) => (a.documentDate ?? '').localeCompare(b.documentDate ?? ''))
  }

  /** Your own details on the case file that you can choose to keep out of the bundle. */
  async privateDetails(who: Actor, caseId: string): Promise<PrivateDetail[]> {
    const c = await this.deps.caseFile.cases.getCase(who, caseId)
    const own = ownContact(c)
    return [
      ...addressLines(c.yourAddress).map((value) => ({ kind: 'address' as const, value })),
      ...(own.phone ? [{ kind: 'phone' as const, value: own.phone }] : []),
      ...(own.email ? [{ kind: 'email' as const, value: own.email }] : []),
    ]
  }

  /** What must be kept out: the other parent's address, phone and email; yours if you ask; and anything you list. */
  async redactionTargets(who: Actor, caseId: string, ch: BundleChoices = {}): Promise<RedactionTarget[]> {
    const c = await this.deps.caseFile.cases.getCase(who, caseId)
    const o = c.otherParent
    const out: RedactionTarget[] = [
      {
        whose: bundleText('service.otherParent'),
        addressLines: addressLines(o.address),
        ...(o.postcode ? { postcode: o.postcode } : {}),
        phones: o.phone ? [o.phone] : [],
        emails: o.email ? [o.email] : [],
      },
    ]
    if (ch.myDetails?.length) {
      const pick = (k: PrivateDetail['kind']): string[] =>
        (ch.myDetails ?? [])
          .filter((d) => d.kind === k)
          .map((d) => d.value.trim())
          .filter(Boolean)
      const lines = pick('address')
      const postcode = lines.find((l) => POSTCODE.test(l))
      out.push({
        whose: 'you',
        addressLines: lines.filter((l) => l !== postcode),
        ...(postcode ? { postcode } : {}),
        phones: pick('phone'),
        emails: pick('email'),
      })
    } else if (ch.keepMyDetailsPrivate) {
      const lines = addressLines(c.yourAddress)
      const postcode = lines.find((l) => POSTCODE.test(l))
      const own = ownContact(c)
      const phone = ch.myPhone?.trim() || own.phone
      const email = ch.myEmail?.trim() || own.email
      out.push({
        whose: 'you',
        addressLines: lines.filter((l) => l !== postcode),
        ...(postcode ? { postcode } : {}),
        phones: phone ? [phone] : [],
        emails: email ? [email] : [],
      })
    }
    const texts = (ch.redact ?? []).map((t) => t.trim()).filter(Boolean)
    for (const t of texts)
      if (t.replace(/[\s,]+/g, '').length < 3)
        throw new InvalidInput('redact', message('bundleText.service.tooShort', { text: t }))
    // A phone number or email address typed here is matched the way those are (any spacing, +44).
    const isPhone = (t: string): boolean => /^[+\d][\d\s\-().]*$/.test(t) && t.replace(/\D/g, '').length >= 9
    const isEmail = (t: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t)
    if (texts.length)
      out.push({
        whose: 'you',
        texts: texts.filter((t) => !isPhone(t) && !isEmail(t)),
        phones: texts.filter(isPhone),
        emails: texts.filter(isEmail),
      })
    return out
  }

  /** The bundle's input: the chosen documents in their sections, the chronology, and what to hide. */
  async input(who: Actor, caseId: string, ch: BundleChoices = {}): Promise<BundleInput> {
    const { cases, evidence: files, chronology } = this.deps.caseFile
    const c = await cases.getCase(who, caseId)
    const candidates = await this.candidates(who, caseId)
    const links = await cases.list(who, caseId, 'link')
    let ids: string[]
    if (ch.documents && ch.documents.length > 0) {
      ids = []
      for (const id of ch.documents) {
        if (candidates.some((x) => x.id === id)) ids.push(id)
        else {
          const letter = links.find(
            (l) => l.toType === 'decision' && l.toId === id && l.fromType === 'evidence',
          )
          if (!letter)
            throw new InvalidInput('documents', message('bundleText.service.noDocumentOrDecision', { id }))
          ids.push(letter.fromId)
        }
      }
    } else ids = candidates.map((x) => x.id)
    const ledgers = await this.arrearsLedgers(who, caseId)
    const wanted = ch.arrearsChecks ? new Set(ch.arrearsChecks) : null
    for (const id of wanted ?? [])
      if (!ledgers.some((l) => l.id === id))
        throw new InvalidInput('arrearsChecks', message('bundleText.service.noArrearsCheck', { id }))
    const arrears = wanted ? ledgers.filter((l) => wanted.has(l.id)) : ledgers
    // A ledger saved to the case earlier is left out of the default choice when a fresh one is drawn.
    if (!ch.documents?.length && arrears.length > 0) {
      const saved = new Set(
        (await cases.list(who, caseId, 'evidence'))
          .filter((e) => e.tags.includes('arrears') && e.tags.includes('ledger'))
          .map((e) => e.id),
      )
      ids = ids.filter((id) => !saved.has(id))
    }
    for (const [id, section] of Object.entries(ch.sections ?? {}))
      if (!isBundleSection(section))
        throw new InvalidInput('sections', message('bundleText.service.notASection', { section }))
      else if (!candidates.some((x) => x.id === id))
        throw new InvalidInput('sections', message('bundleText.service.noDocument', { id }))

    const documents: BundleDocument[] = []
    // One buffer the files are read into in turn (the bundle uses each before reading the next).
    const scratch = { buffer: Buffer.alloc(0) }
    for (const id of [...new Set(ids)]) {
      const cand = candidates.find((x) => x.id === id)
      if (!cand) continue
      const chosen = ch.sections?.[id]
      documents.push({
        id,
        title: cand.title,
        ...(cand.documentDate ? { date: parseDate(cand.documentDate) } : {}),
        section: chosen && isBundleSection(chosen) ? chosen : cand.section,
        ...(cand.role ? { role: cand.role } : {}),
        source: {
          kind: 'pdf',
          fileName: cand.fileName,
          read: async () => files.files.readNow(cand.sha256, scratch),
        },
      })
    }
    const rows = await chronology.rows(who, caseId)
    if (documents.length === 0 && rows.length === 0 && arrears.length === 0)
      throw new InvalidInput('documents', message('bundleText.service.nothingYet'))
    let disputedFigures: DisputedFigure[] = []
    if (ch.figures) {
      const { input } = await this.deps.letters.input(who, caseId, 'appeal-disputed-figures', {
        ...(ch.decisionId ? { decisionId: ch.decisionId } : {}),
        figures: ch.figures,
      })
      disputedFigures = (input.disputedFigures as DisputedFigure[] | undefined) ?? []
    }
    const complaint = ch.purpose === 'complaint'
    const parties = complaint
      ? [
          {
            label: bundleText('service.complainant'),
            value: c.yourName ?? bundleText('service.theComplainant'),
          },
          { label: bundleText('service.complaintAbout'), value: bundleText('service.theCms') },
        ]
      : [
          { label: bundleText('service.appellant'), value: c.yourName ?? bundleText('service.theAppellant') },
          { label: bundleText('service.respondent'), value: bundleText('service.secretaryOfState') },
          ...(c.otherParent.name
            ? [{ label: bundleText('service.otherParty'), value: c.otherParent.name }]
            : []),
        ]
    return {
      title: ch.title?.trim() || bundleText(complaint ? 'service.complaintBundle' : 'service.appealBundle'),
      purpose: complaint ? 'other' : 'appeal',
      parties,
      reference: c.cmsReference ?? '',
      preparedBy:
        c.yourName ?? bundleText(complaint ? 'service.preparedByComplainant' : 'service.preparedByAppellant'),
      date: cases.today(),
      documents,
      chronology: rows.map((r) => ({ date: parseDate(r.date), event: `${r.what}. ${r.detail}`.trim() })),
      ...(disputedFigures.length ? { disputedFigures } : {}),
      ...(arrears.length ? { arrears } : {}),
      redact: await this.redactionTargets(who, caseId, ch),
    }
  }

  /** Builds the bundle in memory. Files that cannot be used are left out and named in the report. */
  async build(
    who: Actor,
    caseId: string,
    ch: BundleChoices = {},
    onProgress?: (p: BundleProgress) => void,
  ): Promise<BundleResult> {
    const { options, keep } = this.options(who, caseId, onProgress)
    const result = await buildBundle(await this.input(who, caseId, ch), options)
    await keep()
    return result
  }

  /** Builds the bundle straight into a file, with memory use that stays flat however many pages. */
  async buildToFile(
    who: Actor,
    caseId: string,
    path: string,
    ch: BundleChoices = {},
    onProgress?: (p: BundleProgress) => void,
  ): Promise<BundleReport> {
    const { options, keep } = this.options(who, caseId, onProgress)
    const report = await buildBundleToFile(await this.input(who, caseId, ch), path, options)
    await keep()
    return report
  }
}

export interface BundleJob {
  readonly id: string
  readonly caseId: string
  state: 'running' | 'done' | 'failed'
  progress: BundleProgress | null
  report: BundleReport | null
  /** The finished PDF, in a private temporary folder (deleted with the job). */
  readonly file: string
  error: string | null
  readonly startedAt: number
}

/**
 * Bundles being built, keyed by an opaque id. Each writes its PDF to a private temporary folder
 * (0700, file 0600) rather than memory; old jobs and their files are removed after an hour.
 */
export class BundleJobs {
  private readonly jobs = new Map<string, BundleJob>()
  constructor(private readonly keepMs = 60 * 60 * 1000) {}

  start(
    caseId: string,
    run: (file: string, onProgress: (p: BundleProgress) => void) => Promise<BundleReport>,
  ): BundleJob {
    this.tidy()
    const dir = mkdtempSync(join(tmpdir(), 'redress-bundle-'))
    const job: BundleJob = {
      id: randomBytes(16).toString('hex'),
      caseId,
      state: 'running',
      progress: null,
      report: null,
      file: join(dir, 'bundle.pdf'),
      error: null,
      startedAt: Date.now(),
    }
    this.jobs.set(job.id, job)
    run(job.file, (p) => (job.progress = p)).then(
      (r) => {
        job.report = r
        job.state = 'done'
      },
      (e: unknown) => {
        job.error = e instanceof InvalidInput ? text(e.problem) : e instanceof Error ? e.message : String(e)
        job.state = 'failed'
      },
    )
    return job
  }

  get(id: string, caseId: string): BundleJob | null {
    const job = this.jobs.get(id)
    return job && job.caseId === caseId ? job : null
  }

  private tidy(): void {
    const now = Date.now()
    for (const [id, j] of this.jobs)
      if (now - j.startedAt > this.keepMs && j.state !== 'running') {
        rmSync(join(j.file, '..'), { recursive: true, force: true })
        this.jobs.delete(id)
      }
  }
}
