/**
 * Documents: letters (templates filled from typed input, rendered to PDF and Word) and bundles.
 * This is the service-level API the CLI and web use.
 *
 * The renderers pull in pdf-lib, fontkit, docx and pdf.js (over a second of loading between
 * them), so they are loaded on first use rather than when the server starts.
 */
import type * as RenderPdf from './letters/render-pdf.ts'
import type * as RenderDocx from './letters/render-docx.ts'
import type * as BuildBundle from './bundle/build-bundle.ts'
import type * as PdfText from './bundle/pdf-text.ts'

export const renderLetterPdf: typeof RenderPdf.renderLetterPdf = async (...args) =>
  (await import('./letters/render-pdf.ts')).renderLetterPdf(...args)
export const renderLetterDocx: typeof RenderDocx.renderLetterDocx = async (...args) =>
  (await import('./letters/render-docx.ts')).renderLetterDocx(...args)
export const buildBundle: typeof BuildBundle.buildBundle = async (...args) =>
  (await import('./bundle/build-bundle.ts')).buildBundle(...args)
export const buildBundleToFile: typeof BuildBundle.buildBundleToFile = async (...args) =>
  (await import('./bundle/build-bundle.ts')).buildBundleToFile(...args)
export const extractPageTexts: typeof PdfText.extractPageTexts = async (...args) =>
  (await import('./bundle/pdf-text.ts')).extractPageTexts(...args)
/** Characters the embedded font cannot print (loads the font library on first use). */
export const unsupportedCharacters = async (text: string): Promise<string[]> =>
  (await import('./pdf/fonts.ts')).unsupportedCharacters(text)
export {
  buildLetter,
  COMMON_PARTICULARS,
  isLetterKind,
  LETTER_KINDS,
  listLetterKinds,
  type LetterInputs,
  type LetterKind,
  type LetterKindInfo,
} from './letters/kinds.ts'
export type {
  Appendix,
  Detail,
  Letter,
  LetterBlock,
  LetterHeading,
  LetterTable,
  Recipient,
  Sender,
} from './letters/model.ts'
export { MissingParticulars, type Particular } from './letters/particulars.ts'
export { checkLetter } from './letters/check.ts'
export { workingsFromSteps, type WorkingStep } from './letters/workings.ts'
export type {
  DatedEvent,
  DecisionInput,
  LetterBaseInput,
  ParentRole,
  RecipientInput,
  SenderInput,
} from './letters/common.ts'
export { LATE_REASONS, type LateReason } from './letters/templates/late-mandatory-reconsideration.ts'
export { ANY_TIME_GROUNDS, type AnyTimeGround } from './letters/templates/revision-any-time.ts'
export { REMEDIES, type RemedyInput, type RemedyKind } from './letters/templates/remedies.ts'
export { COST_CATEGORIES, type CostCategory, type CostItem } from './letters/templates/compensation-claim.ts'
export { VARIATION_GROUNDS, type VariationKind } from './letters/templates/variation.ts'
export {
  appealPack,
  type AppealPackInput,
  type ChronologyEntry,
  type DisputedFigure,
  type Figure,
} from './letters/templates/appeal-pack.ts'
export {
  possessive,
  Redactor,
  redactLetter,
  REMOVED,
  type RedactionKind,
  type RedactionTarget,
} from './bundle/redact.ts'
export { BUNDLE_STAGES, isBundleSection, SECTIONS as BUNDLE_SECTIONS } from './bundle/types.ts'
export { stageInWords } from './bundle/messages.ts'
export type { PageText } from './bundle/pdf-text.ts'
export type {
  ArrearsLedgerSection,
  BuildBundleOptions,
  BundleDocument,
  BundleEntry,
  BundleInput,
  BundleProblem,
  BundleProgress,
  BundleReport,
  BundleResult,
  BundleSection,
  BundleSource,
  PageTextCache,
  RedactionLogEntry,
} from './bundle/types.ts'
