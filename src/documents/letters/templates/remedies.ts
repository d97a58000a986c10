import { tr, trMap } from '../copy.ts'
import { sentence } from '../common.ts'

/** What a parent can ask for when they complain. */
export const REMEDIES = trMap({
  apology: 'remedies.anApology',
  'put-right': 'remedies.theMistakeToBe',
  explanation: 'remedies.anExplanationOfWhat',
  'change-of-practice': 'remedies.aChangeInHow',
  compensation: 'remedies.aPaymentToMake',
})

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
    ? tr('remedies.iAskFor', { remedies: REMEDIES[r.kind], detail: lowerFirst(sentence(r.detail)) })
    : tr('remedies.iAskFor2', { remedies: REMEDIES[r.kind] })
