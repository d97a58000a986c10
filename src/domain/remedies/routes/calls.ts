import { message } from '../../shared/message.ts'
import type { AdvisorContext } from '../context.ts'
import { draft, type RouteDraft } from '../draft.ts'
import { isKnown, type ProblemFacts } from '../facts.ts'
import { PROOF_OF_POSTAGE, on, referenceNumber, writeToCms } from '../text.ts'

/** Every call with the CMS that has not been confirmed in writing gets a short confirmation letter. */
export function callRoutes(ctx: AdvisorContext, facts: ProblemFacts): RouteDraft[] {
  return (facts.calls ?? [])
    .filter((c) => c.confirmedInWriting !== true)
    .map((c) => {
      const when = isKnown(c.on) ? on(c.on) : message('remedies.calls.callRoutes.when.anUnknownDate')
      const who = c.spokeTo ? message('remedies.calls.callRoutes.who.andSpokeTo', { spokeTo: c.spokeTo }) : ''
      const what = c.summary ? message('remedies.calls.callRoutes.what.youNoted', { summary: c.summary }) : ''
      return draft({
        id: 'call-confirmation',
        fit: 'support',
        title: message('remedies.calls.callConfirmation.title', { when }),
        whyItFits: message('remedies.calls.callConfirmation.whyItFits', { when, who, what }),
        gather: [
          referenceNumber(ctx, facts.nation),
          message('remedies.calls.callConfirmation.gather.yourNotesOf'),
        ],
        howToSend: [
          ...writeToCms(ctx, facts.nation),
          message('remedies.calls.callConfirmation.howToSend.sendItThe'),
          PROOF_OF_POSTAGE,
        ],
        whatHappensNext: message('remedies.calls.callConfirmation.whatHappensNext'),
        letterKind: 'callConfirmation',
      })
    })
}
