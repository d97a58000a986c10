import { tr } from './copy.ts'
import type { Letter } from './model.ts'
import {
  CMS_REFERENCE,
  MissingParticulars,
  NI_REFERENCE,
  particular,
  type Particular,
} from './particulars.ts'

/**
 * Checks a letter (perhaps edited by the parent) still has every particular a letter must have
 * before it is rendered. Throws `MissingParticulars` saying what to add back.
 */
export function checkLetter(letter: Letter): void {
  const missing: Particular[] = []
  const blank = (s: string | undefined): boolean => !s || s.trim() === ''
  if (blank(letter.title)) missing.push(particular('title', tr('check.aTitle')))
  if (blank(letter.sender.name)) missing.push(particular('sender.name', tr('check.yourName')))
  if (letter.sender.addressLines.every(blank))
    missing.push(particular('sender.addressLines', tr('check.yourAddress')))
  if (blank(letter.recipient.organisation))
    missing.push(particular('recipient.organisation', tr('check.whoTheLetterIs')))
  if (letter.layout === 'letter' && letter.recipient.addressLines.every(blank))
    missing.push(particular('recipient.addressLines', tr('check.theAddressItIs')))
  const pattern = letter.kind === 'ni-appeal' ? NI_REFERENCE : CMS_REFERENCE
  if (!pattern.test(letter.reference.replace(/\s+/g, '')))
    missing.push(particular('reference', tr('check.theDigitCmsReference')))
  if (blank(letter.subject)) missing.push(particular('subject', tr('check.aSubjectLine')))
  if (letter.paragraphs.length === 0) missing.push(particular('paragraphs', tr('check.theBodyOfThe')))
  if (missing.length > 0) throw new MissingParticulars(letter.title || 'letter', missing)
}
