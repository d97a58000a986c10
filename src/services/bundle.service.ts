import { randomBytes } from 'node:crypto'
import type { Actor, EvidenceRecord, LinkRecord } from '../domain/case/index.ts'
import { InvalidInput } from '../domain/shared/errors.ts'
import { parseDate } from '../domain/shared/plain-date.ts'
import {
  buildBundle,
  type BundleDocument,
  type BundleProgress,
  type BundleResult,
  type BundleSection,
  type DisputedFigure,
  type RedactionTarget,
} from '../documents/index.ts'
import type { CaseServices } from './case-services.ts'
import type { LetterChoices, LetterService } from './letter.service.ts'

/** The tribunal bundle, built from documents picked from the case file. */

export interface BundleChoices {
  /** Evidence ids, or decision ids (a decision stands for its letter), in the order wanted. All PDFs in the case when not given. */
  readonly documents?: readonly string[] | null
  /** Also keep your own address (and the phone and email given here) out of the bundle. */
  readonly keepMyDetailsPrivate?: boolean
  readonly myPhone?: string | null
  readonly myEmail?: string | null
  /** The decision appealed and your figures, for the schedule of disputed figures. */
  readonly decisionId?: string | null
  readonly figures?: LetterChoices['figures']
  readonly title?: string | null
}

export interface BundleCandidate {
  readonly id: string
  readonly title: string
  readonly fileName: string
  readonly mediaType: string
  readonly documentDate: string | null
  readonly section: BundleSection
}

const addressLines = (text: string | null): string[] =>
  (text ?? '')
    .split(/\r?\n|,/)
    .map((l) => l.trim())
    .filter((l) => l.length >= 3)

export class BundleService {
  constructor(private readonly deps: { readonly caseFile: CaseServices; readonly letters: LetterService }) {}

  private sectionOf(
    e: EvidenceRecord,
    links: readonly LinkRecord[],
    letterEvents: ReadonlySet<string>,
  ): BundleSection {
    const mine = links.filter((l) => l.fromType === 'evidence' && l.fromId === e.id)
    if (mine.some((l) => l.toType === 'decision')) return 'decision'
    if (e.tags.includes('redress-letter')) return 'appellant'
    if (mine.some((l) => l.toType === 'event' && letterEvents.has(l.toId))) return 'correspondence'
    return 'evidence'
  }

  /** The documents in the case that can go in a bundle, with the section each would go in. */
  async candidates(who: Actor, caseId: string): Promise<BundleCandidate[]> {
    const { cases } = this.deps.caseFile
    const [evidence, links, events] = await Promise.all([
      cases.list(who, caseId, 'evidence'),
      cases.list(who, caseId, 'link'),
      cases.list(who, caseId, 'event'),
    ])
    const letterEvents = new Set(
      events.filter((e) => e.type === 'letter-sent' || e.type === 'letter-received').map((e) => e.id),
    )
    return evidence
      .map((e) => ({
        id: e.id,
        title: e.title,
        fileName: e.fileName,
        mediaType: e.mediaType,
        documentDate: e.documentDate,
        section: this.sectionOf(e, links, letterEvents),
      }))
      .sort((a, b) => (a.documentDate ?? '').localeCompare(b.documentDate ?? ''))
  }

  /** What must be kept out: the other parent's address, phone and email (and yours, if you ask). */
  async redactionTargets(who: Actor, caseId: string, ch: BundleChoices = {}): Promise<RedactionTarget[]> {
    const c = await this.deps.caseFile.cases.getCase(who, caseId)
    const o = c.otherParent
    const out: RedactionTarget[] = [
      {
        whose: 'the other parent',
        addressLines: addressLines(o.address),
        ...(o.postcode ? { postcode: o.postcode } : {}),
        phones: o.phone ? [o.phone] : [],
        emails: o.email ? [o.email] : [],
      },
    ]
    if (ch.keepMyDetailsPrivate) {
      const lines = addressLines(c.yourAddress)
      const postcode = lines.find((l) => /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i.test(l))
      out.push({
        whose: 'you',
        addressLines: lines.filter((l) => l !== postcode),
        ...(postcode ? { postcode } : {}),
        phones: ch.myPhone?.trim() ? [ch.myPhone.trim()] : [],
        emails: ch.myEmail?.trim() ? [ch.myEmail.trim()] : [],
      })
    }
    return out
  }

  /** Builds the bundle. Files that cannot be used are left out and named in the report. */
  async build(
    who: Actor,
    caseId: string,
    ch: BundleChoices = {},
    onProgress?: (p: BundleProgress) => void,
  ): Promise<BundleResult> {
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
            throw new InvalidInput(
              'documents',
              `There is no document or decision letter "${id}" in this case`,
            )
          ids.push(letter.fromId)
        }
      }
    } else ids = candidates.filter((x) => x.mediaType === 'application/pdf').map((x) => x.id)
    if (ids.length === 0)
      throw new InvalidInput(
        'documents',
        'Pick at least one document for the bundle (add the decision letters and evidence to the case first)',
      )

    const documents: BundleDocument[] = []
    for (const id of [...new Set(ids)]) {
      const cand = candidates.find((x) => x.id === id)!
      const record = await files.get(who, caseId, id)
      const bytes = await files.files.read(record.sha256)
      documents.push({
        id,
        title: cand.title,
        ...(cand.documentDate ? { date: parseDate(cand.documentDate) } : {}),
        section: cand.section,
        source: { kind: 'pdf', fileName: cand.fileName, bytes: new Uint8Array(bytes) },
      })
    }
    const rows = await chronology.rows(who, caseId)
    let disputedFigures: DisputedFigure[] = []
    if (ch.figures) {
      const { input } = await this.deps.letters.input(who, caseId, 'appeal-disputed-figures', {
        ...(ch.decisionId ? { decisionId: ch.decisionId } : {}),
        figures: ch.figures,
      })
      disputedFigures = (input.disputedFigures as DisputedFigure[] | undefined) ?? []
    }
    const parties = [
      { label: 'Appellant', value: c.yourName ?? 'The appellant' },
      { label: 'Respondent', value: 'Secretary of State for Work and Pensions (Child Maintenance Service)' },
      ...(c.otherParent.name ? [{ label: 'Other party', value: c.otherParent.name }] : []),
    ]
    return buildBundle(
      {
        title: ch.title?.trim() || 'Appeal bundle',
        parties,
        reference: c.cmsReference ?? '',
        preparedBy: c.yourName ?? 'the appellant',
        date: cases.today(),
        documents,
        chronology: rows.map((r) => ({ date: parseDate(r.date), event: `${r.what}. ${r.detail}`.trim() })),
        ...(disputedFigures.length ? { disputedFigures } : {}),
        redact: await this.redactionTargets(who, caseId, ch),
      },
      onProgress ? { onProgress } : {},
    )
  }
}

export interface BundleJob {
  readonly id: string
  readonly caseId: string
  state: 'running' | 'done' | 'failed'
  progress: BundleProgress | null
  result: BundleResult | null
  error: string | null
  readonly startedAt: number
}

/** Bundles being built, in memory, keyed by an opaque id. Old jobs are dropped after an hour. */
export class BundleJobs {
  private readonly jobs = new Map<string, BundleJob>()
  constructor(private readonly keepMs = 60 * 60 * 1000) {}

  start(caseId: string, run: (onProgress: (p: BundleProgress) => void) => Promise<BundleResult>): BundleJob {
    this.tidy()
    const job: BundleJob = {
      id: randomBytes(16).toString('hex'),
      caseId,
      state: 'running',
      progress: null,
      result: null,
      error: null,
      startedAt: Date.now(),
    }
    this.jobs.set(job.id, job)
    run((p) => (job.progress = p)).then(
      (r) => {
        job.result = r
        job.state = 'done'
      },
      (e: unknown) => {
        job.error = e instanceof InvalidInput ? e.problem : e instanceof Error ? e.message : String(e)
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
    for (const [id, j] of this.jobs) if (now - j.startedAt > this.keepMs) this.jobs.delete(id)
  }
}
