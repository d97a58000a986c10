import type { Nation } from './facts.ts'
import type { FreeHelp } from './route.ts'

export const NOT_LEGAL_ADVICE =
  'Redress gives general information to help you act for yourself. It is not legal advice, and it cannot take your case on. If you are unsure, or a lot is at stake, talk to a free adviser before you act.'

/** Free, human help by nation (names only; their contact details are on their own websites). */
export function freeHelp(nation: Nation): FreeHelp {
  const organisations =
    nation === 'northern-ireland'
      ? ['Advice NI', 'Law Centre NI', 'Citizens Advice (Northern Ireland)']
      : nation === 'scotland'
        ? ['Citizens Advice Scotland', 'One Parent Families Scotland', 'a local law centre']
        : ['Citizens Advice', 'Gingerbread', 'a local law centre (Law Centres Network)']
  return { organisations, notLegalAdvice: NOT_LEGAL_ADVICE }
}
