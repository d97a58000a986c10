import { cliLocale, say, sayMessage } from '../copy.ts'
import { advisorLetterWords, documentKindsFor } from '../../services/letter-kinds.ts'
import type { Command } from 'commander'

import { formatLongDate } from '../../domain/shared/plain-date.ts'
import {
  adviceInWords,
  adviceToJson,
  adviseOnInput,
  routeInputSchema,
  type RouteAnswer,
  type RouteDeadlineInWords,
  type RouteInWords,
} from '../../services/route.service.ts'
import { action, output, parseOrBadInput, readStdinJson } from '../io.ts'
import { cliClock } from '../clock.ts'

const INPUT_HELP = (): string => say('route.inputJsonOnStandard')

function deadlineLine(d: RouteDeadlineInWords): string {
  if (!d.result)
    return say('route.dateNotWorkedOut', { label: d.label, note: d.note ?? say('route.unknown') })
  const r = d.result
  const time = r.timeOfDay ? ` (${r.timeOfDay})` : ''
  const actBy = r.actBy.equals(r.deadline) ? '' : say('route.aimFor', { actBy: formatLongDate(r.actBy) })
  const state =
    d.status === 'passed'
      ? say('route.passed')
      : d.status === 'late-but-possible'
        ? say('route.passedLateApplicationPossible')
        : ''
  const target = d.target ? say('route.cmsTargetNotA') : ''
  return `${d.label} ${formatLongDate(r.deadline)}${time}${actBy}${state}${target}`
}

function routeText(r: RouteInWords): string {
  const lines = [`${r.rank}. ${r.title}  [${r.fit}]`, say('route.why', { why: r.whyItFits })]
  for (const d of r.deadlines) lines.push(say('route.date', { date: deadlineLine(d) }))
  if (r.effect) lines.push(say('route.takesEffect', { effect: r.effect.text }))
  if (r.noAppeal) lines.push(say('route.noAppeal', { noAppeal: r.noAppeal }))
  if (r.gather.length) lines.push(say('route.gather'), ...r.gather.map((g) => `     - ${g}`))
  if (r.howToSend.length) lines.push(say('route.howToSendIt'), ...r.howToSend.map((h) => `     - ${h}`))
  lines.push(say('route.whatHappensNext', { whatHappensNext: r.whatHappensNext }))
  if (r.letterKind) {
    const kinds = documentKindsFor(r.letterKind)
    lines.push(
      say('route.letter', {
        text: sayMessage(advisorLetterWords(r.letterKind)),
        command: kinds.length ? say('route.letterCommand', { kinds: kinds.join(', ') }) : '',
      }),
    )
  }
  for (const c of r.cautions) lines.push(say('route.watchOut', { caution: c }))
  return lines.join('\n')
}

export function routeAnswerText(answer: RouteAnswer): string {
  const a = adviceInWords(answer, cliLocale())
  const parts = [say('route.whatYouCanDo', { today: formatLongDate(a.today) }), '']
  parts.push(a.routes.map(routeText).join('\n\n'), '')
  if (a.noAppeal.length)
    parts.push(say('route.whereThereIsNo'), ...a.noAppeal.map((n) => `  - ${n.text}`), '')
  parts.push(say('route.freeHelp', { organisations: a.help.organisations.join(', ') }), a.help.notLegalAdvice)
  parts.push(a.contact.paidNumberWarning)
  return parts.join('\n')
}

/** `redress route`: reads the facts of a problem as JSON and answers with the routes that fit, ranked. */
export function registerRoute(program: Command): void {
  program
    .command('route')
    .description(say('route.findTheWaysTo'))
    .option('--json', say('route.jsonOption'))
    .addHelpText('after', INPUT_HELP())
    .action(
      action(async (opts: { json?: boolean }) => {
        const input = parseOrBadInput(routeInputSchema, await readStdinJson())
        const answer = adviseOnInput(input, { today: cliClock().today() })
        output(Boolean(opts.json), adviceToJson(answer, cliLocale()), () => routeAnswerText(answer))
      }),
    )
}
