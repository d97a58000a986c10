import { ParseSpeeds, PDFDocument } from 'pdf-lib'
import type { BundleProblem, ProblemKind } from './types.ts'

export type LoadedFile =
  { readonly ok: true; readonly doc: PDFDocument } | { readonly ok: false; readonly problem: BundleProblem }

const MESSAGES: Record<ProblemKind, (name: string) => string> = {
  'not-pdf': (n) =>
    `“${n}” is not a PDF file, so it was left out. Save or scan it as a PDF and add it again.`,
  encrypted: (n) =>
    `“${n}” is protected with a password or encryption, so it was left out. Open it and save or print a copy ` +
    'as a new PDF without protection, then add that copy.',
  damaged: (n) =>
    `“${n}” could not be read: the file seems to be damaged, so it was left out. Try downloading or saving it again.`,
  'no-pages': (n) => `“${n}” has no pages that can be read, so it was left out.`,
}

export const problem = (id: string, fileName: string, kind: ProblemKind): BundleProblem => ({
  id,
  fileName,
  kind,
  message: MESSAGES[kind](fileName),
})

const looksLikePdf = (bytes: Uint8Array): boolean => {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024))
  return head.includes('%PDF-')
}

/** Opens an uploaded file for copying into the bundle, or says plainly why it cannot be used. */
export async function loadFile(id: string, fileName: string, bytes: Uint8Array): Promise<LoadedFile> {
  if (!looksLikePdf(bytes)) return { ok: false, problem: problem(id, fileName, 'not-pdf') }
  let doc: PDFDocument
  try {
    // Loaded even if encrypted, so that encryption can be told apart from damage below.
    doc = await PDFDocument.load(bytes, {
      updateMetadata: false,
      throwOnInvalidObject: false,
      ignoreEncryption: true,
      // pdf-lib otherwise pauses for a timer tick every 100 objects, which dominates large files.
      parseSpeed: ParseSpeeds.Fastest,
    })
  } catch {
    return { ok: false, problem: problem(id, fileName, 'damaged') }
  }
  if (doc.isEncrypted) return { ok: false, problem: problem(id, fileName, 'encrypted') }
  let pages = 0
  try {
    pages = doc.getPageCount()
  } catch {
    return { ok: false, problem: problem(id, fileName, 'damaged') }
  }
  if (pages === 0) return { ok: false, problem: problem(id, fileName, 'no-pages') }
  return { ok: true, doc }
}
