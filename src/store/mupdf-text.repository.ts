import { and, eq, sql } from 'drizzle-orm'
import type { Db } from './db.ts'
import { evidenceMupdfText } from './schema.ts'

/** One evidence file's page text as MuPDF read it (see ADR 0008, "MuPDF's own page text, kept"). */
export interface MupdfTextRow {
  readonly ownerId: string
  readonly caseId: string
  readonly evidenceId: string
  readonly sha256: string
  readonly engine: string
  readonly pages: readonly string[]
}

/** The text MuPDF read from evidence files, kept for the bundle. Removed with its file or case (case.repository purge). */
export class DrizzleMupdfTextRepository {
  constructor(private readonly db: Db) {}

  /** Every file of a case whose text this engine read, by evidence id (one query for a whole bundle). */
  async forCase(
    ownerId: string,
    caseId: string,
    engine: string,
  ): Promise<Map<string, { sha256: string; pages: string[] }>> {
    const rows = await this.db
      .select({
        id: evidenceMupdfText.evidenceId,
        sha256: evidenceMupdfText.sha256,
        pages: evidenceMupdfText.pages,
      })
      .from(evidenceMupdfText)
      .where(
        and(
          eq(evidenceMupdfText.ownerId, ownerId),
          eq(evidenceMupdfText.caseId, caseId),
          eq(evidenceMupdfText.engine, engine),
        ),
      )
    const out = new Map<string, { sha256: string; pages: string[] }>()
    for (const r of rows)
      if (Array.isArray(r.pages) && r.pages.every((p) => typeof p === 'string'))
        out.set(r.id, { sha256: r.sha256, pages: r.pages })
    return out
  }

  /** Keeps (or replaces) files' page text, a few files a statement; the time is the database's. */
  async put(rows: readonly MupdfTextRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 50) {
      const values = rows.slice(i, i + 50).map((r) => ({ ...r, pages: [...r.pages], readAt: sql`now()` }))
      await this.db
        .insert(evidenceMupdfText)
        .values(values)
        .onConflictDoUpdate({
          target: evidenceMupdfText.evidenceId,
          set: {
            sha256: sql`excluded.sha256`,
            engine: sql`excluded.engine`,
            pages: sql`excluded.pages`,
            readAt: sql`excluded.read_at`,
          },
        })
    }
  }
}
