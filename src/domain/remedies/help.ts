import { message } from '../shared/message.ts'
import type { Nation } from './facts.ts'
import type { FreeHelp } from './route.ts'

export const NOT_LEGAL_ADVICE = message('remedies.help.notLegalAdvice')

const ORGANISATIONS: Record<'gb' | 'scotland' | 'ni', readonly string[]> = {
  ni: ['adviceNi', 'lawCentreNi', 'citizensAdviceNi'],
  scotland: ['citizensAdviceScotland', 'oneParentFamiliesScotland', 'localLawCentre'],
  gb: ['citizensAdvice', 'gingerbread', 'lawCentresNetwork'],
}

/** Free, human help by nation (names only; their contact details are on their own websites). */
export function freeHelp(nation: Nation): FreeHelp {
  const names =
    ORGANISATIONS[nation === 'northern-ireland' ? 'ni' : nation === 'scotland' ? 'scotland' : 'gb']
  return {
    organisations: names.map((name) => message(`remedies.help.organisations.${name}`)),
    notLegalAdvice: NOT_LEGAL_ADVICE,
  }
}
