import { say, sayMessage } from '../copy.ts'
import type { Command } from 'commander'
import { InvalidInput } from '../../domain/shared/errors.ts'
import { parseDate } from '../../domain/shared/plain-date.ts'
import { rules } from '../../rules/load.ts'
import { staleBefore, staleRuleIds } from '../../rules/stale.ts'
import { BadInput, action, output } from '../io.ts'
import { cliClock } from '../clock.ts'

interface RulesOptions {
  json?: boolean
  stale?: boolean
  today?: string
}

/** `redress rules`: lists the statutory rules Redress uses, with their sources, confidence and checked date. */
export function registerRules(program: Command): void {
  program
    .command('rules')
    .description(say('rules.listTheRulesRates'))
    .option('--json', say('program.machineReadableOutput'))
    .option('--stale', say('rules.listOnlyTheRules'))
    .option('--today <YYYY-MM-DD>', say('rules.withStaleTheDay'))
    .action(
      action((opts: RulesOptions) => {
        if (opts.today !== undefined && !opts.stale)
          throw new BadInput('--today', say('rules.isOnlyUsedWith'))
        let today = cliClock().today()
        if (opts.today !== undefined) {
          try {
            today = parseDate(opts.today, '--today')
          } catch (e) {
            if (e instanceof InvalidInput) throw new BadInput('--today', sayMessage(e.problem))
            throw e
          }
        }
        const book = rules()
        const ids = opts.stale ? staleRuleIds(book, today) : book.ids()
        const list = ids.map((id) => {
          const r = book.rule(id)
          const latest = r.periods[r.periods.length - 1]!
          return {
            id,
            title: r.title,
            from: r.periods[0]!.from.toString(),
            confidence: latest.confidence,
            checked: r.checked.toString(),
            source: `${latest.source.instrument}, ${latest.source.provision}`,
            url: latest.source.url,
            pending: r.announced.map((p) => ({
              status: p.status,
              from: p.from === null ? 'unknown' : p.from.toString(),
              source: `${p.source.instrument}, ${p.source.provision}`,
            })),
          }
        })
        output(Boolean(opts.json), list, () => {
          if (opts.stale && list.length === 0)
            return say('rules.everyRuleHasBeen', { today: staleBefore(today).toString() })
          const head = opts.stale
            ? [
                say('rules.rulesNotCheckedSince', {
                  length: list.length,
                  today: staleBefore(today).toString(),
                }),
                '',
              ]
            : []
          const body = list.map((r) => {
            const pending = r.pending.map(
              (p) =>
                `\n  ${p.status === 'enacted' ? say('rules.enactedNotInForce') : say('rules.announcedNotLaw')} (from ${p.from}): ${p.source}`,
            )
            return `${r.id}\n  ${r.title}\n  ${r.source} (${r.confidence}; checked ${r.checked})\n  ${r.url}${pending.join('')}`
          })
          return [...head, ...body].join('\n')
        })
      }),
    )
}
