/**
 * Documents: letters (templates filled from typed input, rendered to PDF and Word) and bundles.
 * This is the service-level API the CLI and web use.
 */
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
export { renderLetterPdf } from './letters/render-pdf.ts'
export { renderLetterDocx } from './letters/render-docx.ts'
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
export { buildBundle } from './bundle/build-bundle.ts'
export { Redactor, redactLetter, REMOVED, type RedactionKind, type RedactionTarget } from './bundle/redact.ts'
export { extractPageTexts, type PageText } from './bundle/pdf-text.ts'
export { unsupportedCharacters } from './pdf/fonts.ts'
export type {
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
} from './bundle/types.ts'
