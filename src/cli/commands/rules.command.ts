import type { Command } from 'commander'
import { rules } from '../../rules/load.ts'
import { action, output } from '../io.ts'

/** `redress rules`: lists the statutory rules Redress uses, with their sources and confidence. */
export function registerRules(program: Command): void {
  program
    .command('rules')
    .description('list the rules (rates, time limits, contact facts) with their sources and confidence')
    .option('--json', 'machine-readable output')
    .action(
      action((opts: { json?: boolean }) => {
        const book = rules()
        const list = book.ids().map((id) => {
          const r = book.rule(id)
          const latest = r.periods[r.periods.length - 1]!
          return {
            id,
            title: r.title,
            from: r.periods[0]!.from.toString(),
            confidence: latest.confidence,
            source: `${latest.source.instrument}, ${latest.source.provision}`,
            url: latest.source.url,
          }
        })
        output(Boolean(opts.json), list, () =>
          list.map((r) => `${r.id}\n  ${r.title}\n  ${r.source} (${r.confidence})\n  ${r.url}`).join('\n'),
        )
      }),
    )
}
