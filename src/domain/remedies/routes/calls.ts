import type { AdvisorContext } from '../context.ts'
import { draft, type RouteDraft } from '../draft.ts'
import { isKnown, type ProblemFacts } from '../facts.ts'
import { PROOF_OF_POSTAGE, on, referenceNumber, writeToCms } from '../text.ts'

/** Every call with the CMS that has not been confirmed in writing gets a short confirmation letter. */
export function callRoutes(ctx: AdvisorContext, facts: ProblemFacts): RouteDraft[] {
  return (facts.calls ?? [])
    .filter((c) => c.confirmedInWriting !== true)
    .map((c) => {
      const when = isKnown(c.on) ? on(c.on) : 'an unknown date'
      const who = c.spokeTo ? ` and spoke to ${c.spokeTo}` : ''
      const what = c.summary ? ` You noted: “${c.summary}”.` : ''
      return draft({
        id: 'call-confirmation',
        fit: 'support',
        title: `Confirm your call of ${when} in writing`,
        whyItFits: `You phoned the CMS on ${when}${who}.${what} What is said on the phone is easy to dispute later. A short letter setting out the call, what was said and what was promised gives you a record. If you asked for a decision to be looked at again during the call, say so: the request may count from the day you phoned, but the letter is your proof.`,
        gather: [
          referenceNumber(ctx, facts.nation),
          'Your notes of the call: date, time, the name of the person, what was said and what they promised.',
        ],
        howToSend: [
          ...writeToCms(ctx, facts.nation),
          'Send it the same week, through your online account or by post.',
          PROOF_OF_POSTAGE,
        ],
        whatHappensNext:
          'Keep a copy with your case papers. If the CMS does not do what it promised, the letter supports a complaint.',
        letterKind: 'callConfirmation',
      })
    })
}
