import { sentence } from '../common.ts'

/** What a parent can ask for when they complain. */
export const REMEDIES = {
  apology: 'an apology',
  'put-right': 'the mistake to be put right',
  explanation: 'an explanation of what went wrong and why',
  'change-of-practice': 'a change in how things are done, so that this does not happen to anyone else',
  compensation: 'a payment to make up for the costs and distress this has caused',
} as const

export type RemedyKind = keyof typeof REMEDIES

export interface RemedyInput {
  readonly kind: RemedyKind
  /** e.g. for 'put-right': "record my payment of £612 and correct the arrears". */
  readonly detail?: string
}

const lowerFirst = (s: string): string => s.replace(/^./, (c) => c.toLowerCase())

/** "I ask for an apology." / "I ask for the mistake to be put right: record my payment …." */
export const remedyParagraph = (r: RemedyInput): string =>
  r.detail?.trim()
    ? `I ask for ${REMEDIES[r.kind]}: ${lowerFirst(sentence(r.detail))}`
    : `I ask for ${REMEDIES[r.kind]}.`
