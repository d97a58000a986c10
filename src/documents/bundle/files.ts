import type { PDFDocument, PDFPage } from 'pdf-lib'
import { loadFile, problem } from './load-file.ts'
import type { Redactor } from './redact.ts'
import { scanFile, type PageScan } from './scan.ts'
import type { BundleDocument, BundleProblem, BundleProgress } from './types.ts'

export interface ReadFile {
  readonly fileName: string
  /** The file's pages, already copied into the bundle document but not yet placed. */
  readonly pages: readonly PDFPage[]
  readonly scan: readonly PageScan[]
}

export interface ReadFiles {
  readonly files: ReadonlyMap<string, ReadFile>
  readonly problems: readonly BundleProblem[]
  /** Files whose text could not be read at all. */
  readonly unreadable: readonly string[]
}

/**
 * Opens each of the parent's files, copies its pages into `into` (so a file that cannot be copied is
 * found before anything is numbered) and reads its text for contact details and scanned pages.
 * Files that cannot be used are left out with a message naming them.
 */
export async function readFiles(
  into: PDFDocument,
  documents: readonly BundleDocument[],
  redactor: Redactor,
  progress: (p: BundleProgress) => void,
): Promise<ReadFiles> {
  const problems: BundleProblem[] = []
  const opened: { id: string; fileName: string; bytes: Uint8Array; pdf: PDFDocument; pages: PDFPage[] }[] = []
  const uploads = documents.flatMap((d) => (d.source.kind === 'pdf' ? [{ id: d.id, ...d.source }] : []))
  for (const [i, f] of uploads.entries()) {
    progress({ stage: 'checking files', done: i, total: uploads.length, detail: f.fileName })
    const result = await loadFile(f.id, f.fileName, f.bytes)
    if (!result.ok) {
      problems.push(result.problem)
      continue
    }
    try {
      const pages = await into.copyPages(result.doc, result.doc.getPageIndices())
      opened.push({ id: f.id, fileName: f.fileName, bytes: f.bytes, pdf: result.doc, pages })
    } catch {
      problems.push(problem(f.id, f.fileName, 'damaged'))
    }
  }
  progress({ stage: 'checking files', done: uploads.length, total: uploads.length })

  const files = new Map<string, ReadFile>()
  const unreadable: string[] = []
  const total = opened.reduce((a, f) => a + f.pages.length, 0)
  let done = 0
  for (const f of opened) {
    const scan = await scanFile(f.pdf, f.bytes, redactor, () =>
      progress({ stage: 'reading text', done: ++done, total, detail: f.fileName }),
    )
    if (scan.unreadable) unreadable.push(f.fileName)
    files.set(f.id, { fileName: f.fileName, pages: f.pages, scan: scan.pages })
  }
  return { files, problems, unreadable }
}
