import { and, asc, eq, sql, type SQL } from 'drizzle-orm'
import type { Db } from './db.ts'
import { evidencePages } from './schema.ts'
import { SEARCH_KINDS, type SearchKind } from '../domain/reading/search.ts'

export interface StoredPage {
  readonly page: number
  readonly method: string
  readonly confidence: number | null
  readonly language: string
  readonly text: string
}

// What a search looks in is the domain's list (one list, for the store, the pages and the CLI).
export { SEARCH_KINDS, type SearchKind }

export interface SearchQuery {
  readonly ownerId: string
  /** One case, or every case of the owner when absent. */
  readonly caseId?: string | null
  readonly text: string
  readonly kinds?: readonly SearchKind[]
  /** ISO dates, inclusive: the document's date (or when it was added), the event's, the letter's. */
  readonly from?: string | null
  readonly to?: string | null
  readonly limit?: number
  /** How many results to skip (the page of results shown: snippets are made for those alone). */
  readonly offset?: number
}

/** A piece of a snippet: text, and whether it matched the search (shown highlighted). */
export interface SnippetPart {
  readonly text: string
  readonly hit: boolean
}

export interface SearchHit {
  readonly kind: SearchKind
  readonly caseId: string
  readonly caseTitle: string
  readonly id: string
  /** The page of the document, for evidence. */
  readonly page: number | null
  readonly title: string
  readonly date: string | null
  readonly snippet: readonly SnippetPart[]
  /** How the hit was found: words (full-text search) or similar spelling (trigram). */
  readonly match: 'words' | 'similar'
}

const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows

/** How many matching pages are ranked at most (see searchWords). */
export const RANK_CANDIDATES = 400

/** Markers ts_headline puts around matches; replaced by SnippetParts (the text is never treated as HTML). */
const START = '\u0002'
const STOP = '\u0003'

export function snippetParts(marked: string): SnippetPart[] {
  const out: SnippetPart[] = []
  const re = new RegExp(`${START}([^${STOP}]*)${STOP}`, 'g')
  let last = 0
  for (const m of marked.matchAll(re)) {
    if (m.index > last) out.push({ text: marked.slice(last, m.index), hit: false })
    out.push({ text: m[1]!, hit: true })
    last = m.index + m[0].length
  }
  if (last < marked.length) out.push({ text: marked.slice(last), hit: false })
  return out.map((p) => ({ ...p, text: p.text.replace(/\s+/g, ' ') }))
}

/** A window of `text` around the first place `needle` matches (for similar-spelling hits). */
function windowAround(text: string, needle: RegExp): SnippetPart[] {
  const m = needle.exec(text)
  if (!m) return [{ text: text.slice(0, 200).replace(/\s+/g, ' '), hit: false }]
  const start = Math.max(0, m.index - 80)
  const end = Math.min(text.length, m.index + m[0].length + 80)
  return [
    { text: (start > 0 ? '… ' : '') + text.slice(start, m.index), hit: false },
    { text: m[0], hit: true },
    { text: text.slice(m.index + m[0].length, end) + (end < text.length ? ' …' : ''), hit: false },
  ].map((p) => ({ ...p, text: p.text.replace(/\s+/g, ' ') }))
}

const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`

/**
 * The text of each page of each piece of evidence, and search across a case (or every case) with
 * PostgreSQL full-text search: English stemming plus the `simple` configuration (so Welsh words
 * and exact forms match too), highlighted snippets from ts_headline, and trigram matching (pg_trgm)
 * for reference numbers and misspellings when the words find nothing. The same SQL runs on PGlite.
 */
export class DrizzleEvidenceTextRepository {
  constructor(private readonly db: Db) {}

  /** Replaces the pages of one piece of evidence (inside the job's finishing transaction). */
  async replacePages(
    tx: Db,
    e: { evidenceId: string; caseId: string; ownerId: string; sha256: string; language: string },
    pages: readonly Omit<StoredPage, 'language'>[],
  ): Promise<void> {
    await tx.delete(evidencePages).where(eq(evidencePages.evidenceId, e.evidenceId))
    // Postgres text cannot hold NUL; OCR output never should, but a text layer might.
    const rows = pages.map((p) => ({
      evidenceId: e.evidenceId,
      page: p.page,
      sha256: e.sha256,
      caseId: e.caseId,
      ownerId: e.ownerId,
      method: p.method,
      confidence: p.confidence,
      language: e.language,
      text: p.text.split(String.fromCharCode(0)).join(''),
      readAt: sql`clock_timestamp()` as unknown as Date,
    }))
    for (let i = 0; i < rows.length; i += 200) await tx.insert(evidencePages).values(rows.slice(i, i + 200))
  }

  async pages(evidenceId: string): Promise<StoredPage[]> {
    return this.db
      .select({
        page: evidencePages.page,
        method: evidencePages.method,
        confidence: evidencePages.confidence,
        language: evidencePages.language,
        text: evidencePages.text,
      })
      .from(evidencePages)
      .where(eq(evidencePages.evidenceId, evidenceId))
      .orderBy(asc(evidencePages.page))
  }

  async pageCounts(caseId: string): Promise<Map<string, number>> {
    const rows = await this.db
      .select({ id: evidencePages.evidenceId, n: sql<number>`count(*)::int` })
      .from(evidencePages)
      .where(and(eq(evidencePages.caseId, caseId)))
      .groupBy(evidencePages.evidenceId)
    return new Map(rows.map((r) => [r.id, r.n]))
  }

  async search(q: SearchQuery): Promise<SearchHit[]> {
    const text = q.text.trim().slice(0, 200)
    if (!text) return []
    const kinds = new Set<SearchKind>(q.kinds?.length ? q.kinds : SEARCH_KINDS)
    const limit = Math.min(Math.max(q.limit ?? 20, 1), 100)
    const offset = Math.min(Math.max(Math.trunc(q.offset ?? 0), 0), 1000)
    const words = await this.searchWords(q, text, kinds, limit, offset)
    if (words.length) return words
    // Past the last page of word matches: nothing more, rather than similar spellings.
    if (offset > 0 && (await this.searchWords(q, text, kinds, 1, 0)).length) return []
    return this.searchSimilar(q, text, kinds, limit, offset)
  }

  /** The parts of the search shared by every source: owner, case and the date range. */
  private scope(alias: string, dateExpr: SQL, q: SearchQuery, byKey = false): SQL {
    // byKey: the rows are already found by their key, so owner and case are checked as expressions
    // (`|| ''`), which keeps the planner from scanning the case's index instead.
    const column = (name: string) =>
      byKey ? sql.raw(`(${alias}.${name} || '')`) : sql.raw(`${alias}.${name}`)
    const parts: SQL[] = [
      sql`${column('owner_id')} = ${q.ownerId}`,
      sql`${sql.raw(alias)}.deleted_at is null`,
    ]
    if (q.caseId) parts.push(sql`${column('case_id')} = ${q.caseId}`)
    if (q.from) parts.push(sql`${dateExpr} >= ${q.from}::date`)
    if (q.to) parts.push(sql`${dateExpr} <= ${q.to}::date`)
    return sql.join(parts, sql` and `)
  }

  /**
   * Full-text search. Ranks in SQL on keys and word vectors only, then reads the text of the top
   * `limit` rows and makes their snippets (ts_headline) for those rows alone: a page's text is
   * neither read nor carried through the ranking for pages that are not shown.
   */
  private async searchWords(
    q: SearchQuery,
    text: string,
    kinds: ReadonlySet<SearchKind>,
    limit: number,
    offset: number,
  ): Promise<SearchHit[]> {
    // A CMS reference (12 digits, typed with or without spaces) is found by the word index too,
    // written either way in the text: as one number, or as the phrase of its three groups of four.
    const digits = text.replace(/\s/g, '')
    const reference = /^\d{12}$/.test(digits)
      ? sql` || to_tsquery('simple', ${digits}) || phraseto_tsquery('simple', ${digits.replace(/(\d{4})(\d{4})(\d{4})/, '$1 $2 $3')})`
      : sql``
    const tsq = sql`(websearch_to_tsquery('english', ${text}) || websearch_to_tsquery('simple', ${text})${reference})`
    const eventBody = (ev: string) =>
      sql.raw(
        `concat_ws(E'\\n', ${ev}.title, ${ev}.details, ${ev}.call->>'iSaid', ${ev}.call->>'theySaid', ${ev}.call->>'personName', ${ev}.letter->>'subject', ${ev}.letter->>'counterparty', array_to_string(${ev}.tags, ' '))`,
      )
    const decisionBody = (d: string) =>
      sql.raw(`concat_ws(E'\\n', ${d}.kind, ${d}.summary, array_to_string(${d}.tags, ' '))`)
    const parts: SQL[] = []
    if (kinds.has('evidence')) {
      const date = sql`coalesce(e.document_date, e.created_at::date)`
      // Ranked among the first RANK_CANDIDATES matching pages only: a word on nearly every page of a
      // large case would otherwise rank every page (seconds); the rest are found by narrower words.
      // The candidates are found by the words (GIN index): owner and case are written as
      // expressions so the planner does not read every page of the case instead. Each candidate's
      // document is then found by its key, not by scanning every document of the case once per page.
      parts.push(sql`
        select 'evidence' as kind, p.case_id, p.evidence_id as id, p.page, e.title, ${date}::text as date,
               ts_rank(p.search, ${tsq}) as rank
        from (select p0.case_id, p0.evidence_id, p0.page, p0.search from evidence_pages p0
              where p0.search @@ ${tsq}
                and (p0.owner_id || '') = ${q.ownerId} ${q.caseId ? sql`and (p0.case_id || '') = ${q.caseId}` : sql``}
              limit ${RANK_CANDIDATES}) p
        join case_evidence e on e.id = p.evidence_id
        where ${this.scope('e', date, q, true)}`)
    }
    const eventKinds = (['timeline', 'call', 'letter'] as const).filter((k) => kinds.has(k))
    if (eventKinds.length) {
      const body = eventBody('ev')
      const kindExpr = sql`case when ev.type = 'call' then 'call' when ev.type like 'letter%' then 'letter' else 'timeline' end`
      const vec = sql`(to_tsvector('english', ${body}) || to_tsvector('simple', ${body}))`
      parts.push(sql`
        select ${kindExpr} as kind, ev.case_id, ev.id, null::int as page, ev.title, ev.occurred_on::text as date,
               ts_rank(${vec}, ${tsq}) as rank
        from case_events ev
        where ${this.scope('ev', sql`ev.occurred_on`, q)} and ${vec} @@ ${tsq}
          and ${kindExpr} in (${sql.join(
            eventKinds.map((k) => sql`${k}`),
            sql`, `,
          )})`)
    }
    if (kinds.has('decision')) {
      const body = decisionBody('d')
      const vec = sql`(to_tsvector('english', ${body}) || to_tsvector('simple', ${body}))`
      parts.push(sql`
        select 'decision' as kind, d.case_id, d.id, null::int as page, d.kind as title, d.letter_date::text as date,
               ts_rank(${vec}, ${tsq}) as rank
        from case_decisions d
        where ${this.scope('d', sql`d.letter_date`, q)} and ${vec} @@ ${tsq}`)
    }
    if (!parts.length) return []
    // With few pages the planner would read them all rather than use the word index; reading every
    // page's vector costs about 0.1 ms a page, so the index is always used (set local: this query only).
    const result = await this.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`)
      return tx.execute(sql`
        with hits as (
          ${sql.join(parts, sql` union all `)}
          order by rank desc, date desc nulls last, id, page
          limit ${limit} offset ${offset}
        )
        select h.kind, h.case_id, c.title as case_title, h.id, h.page, h.title, h.date,
               ts_headline('english', coalesce(t.text, ${eventBody('ev')}, ${decisionBody('d')}, ''), ${tsq}, ${HEADLINE_OPTIONS}) as headline
        from hits h
        join cases c on c.id = h.case_id
        left join evidence_pages t on h.kind = 'evidence' and t.evidence_id = h.id and t.page = h.page
        left join case_events ev on h.kind in ('timeline', 'call', 'letter') and ev.id = h.id
        left join case_decisions d on h.kind = 'decision' and d.id = h.id
        order by h.rank desc, h.date desc nulls last, h.id, h.page`)
    })
    const rows = rowsOf<{
      kind: SearchKind
      case_id: string
      case_title: string
      id: string
      page: number | null
      title: string
      date: string | null
      headline: string
    }>(result)
    return rows.map((r) => ({
      kind: r.kind,
      caseId: r.case_id,
      caseTitle: r.case_title,
      id: r.id,
      page: r.page,
      title: r.title,
      date: r.date,
      snippet: snippetParts(r.headline),
      match: 'words' as const,
    }))
  }

  /**
   * Similar spelling (pg_trgm), for when the words find nothing: a misspelt word, or a reference
   * number written with or without its spaces ("1212 3456 7890" / "121234567890"). Evidence text only.
   */
  private async searchSimilar(
    q: SearchQuery,
    text: string,
    kinds: ReadonlySet<SearchKind>,
    limit: number,
    offset: number,
  ): Promise<SearchHit[]> {
    if (!kinds.has('evidence')) return []
    const digits = text.replace(/\s/g, '')
    const isNumber = /^\d{6,}$/.test(digits)
    const date = sql`coalesce(e.document_date, e.created_at::date)`
    let match: SQL
    let needle: RegExp
    if (isNumber) {
      const spaced = digits.length === 12 ? digits.replace(/(\d{4})(\d{4})(\d{4})/, '$1 $2 $3') : digits
      match = sql`(p.text like ${'%' + digits + '%'} or p.text like ${'%' + spaced + '%'})`
      needle = new RegExp(`${digits.split('').join('\\s?')}`)
    } else {
      if (text.length < 4) return []
      match = sql`${text} <% p.text`
      needle = new RegExp(
        text
          .split(/\s+/)
          .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').slice(0, 3))
          .join('|'),
        'i',
      )
    }
    const rows = rowsOf<{
      case_id: string
      case_title: string
      id: string
      page: number
      title: string
      date: string | null
      body: string
    }>(
      await this.db.execute(sql`
        select p.case_id, c.title as case_title, p.evidence_id as id, p.page, e.title, ${date}::text as date, p.text as body
        from evidence_pages p join case_evidence e on e.id = p.evidence_id join cases c on c.id = p.case_id
        where ${this.scope('e', date, q)} and ${match}
        order by word_similarity(${text}, p.text) desc, ${date} desc, p.evidence_id, p.page
        limit ${limit} offset ${offset}`),
    )
    return rows.map((r) => ({
      kind: 'evidence' as const,
      caseId: r.case_id,
      caseTitle: r.case_title,
      id: r.id,
      page: r.page,
      title: r.title,
      date: r.date,
      snippet: windowAround(r.body, needle),
      match: 'similar' as const,
    }))
  }
}
