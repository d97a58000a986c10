import { describe, expect, it } from 'vitest'
import { refuseUnknownWords } from '../../src/cli/commands/letter.command.ts'
import { BadInput } from '../../src/cli/io.ts'

/**
 * `redress letter … --set NAME=VALUE` carries the parent's own words. A name the letter does not use
 * used to be dropped without a word (`--set outcome=…` for `outcomeSought`), and the parent's words
 * with it.
 */
describe('--set names a letter does not use', () => {
  it('are refused, naming the names this kind takes', () => {
    let refused: unknown
    try {
      refuseUnknownWords('mandatory-reconsideration', { grounds: 'He has a new job', outcome: 'Use it' })
    } catch (e) {
      refused = e
    }
    expect(refused).toBeInstanceOf(BadInput)
    const e = refused as BadInput
    expect(e.field).toBe('--set')
    expect(e.problem).toBe(
      'the mandatory-reconsideration letter has no words called "outcome", so they would be left out; it takes: senderPhone, senderEmail, grounds, outcomeSought, lateReason',
    )
  })

  it('are not needed when every name is one the letter takes', () => {
    expect(() =>
      refuseUnknownWords('mandatory-reconsideration', { grounds: 'a', outcomeSought: 'b', lateReason: 'c' }),
    ).not.toThrow()
    expect(() => refuseUnknownWords('complaint', {})).not.toThrow()
  })
})
