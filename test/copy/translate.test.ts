import { describe, expect, it } from 'vitest'
import nunjucks from 'nunjucks'
import { message } from '../../src/domain/shared/message.ts'
import { hasCopy, MissingCopy, text, translate } from '../../src/copy/translate.ts'
import { translate as webTranslate } from '../../src/web/i18n.ts'
import { configureNunjucks } from '../../src/web/app.ts'

describe('copy catalogue', () => {
  it('translates a key and a Message the same way', () => {
    const byKey = translate('letterText.common.theDecisionDated', {
      kindName: 'annual review',
      date: '3 February 2025',
    })
    const byMessage = translate(
      message('letterText.common.theDecisionDated', { kindName: 'annual review', date: '3 February 2025' }),
    )
    expect(byKey).toBe('the annual review decision dated 3 February 2025')
    expect(byMessage).toBe(byKey)
  })

  it('puts parameters in verbatim: braces in a value are not read again', () => {
    expect(text('letterText.common.theDecisionDated', { kindName: '{date}', date: '1 May 2025' })).toBe(
      'the {date} decision dated 1 May 2025',
    )
  })

  it('adds parameters given beside a Message to its own', () => {
    expect(
      text(message('letterText.common.theDecisionDated', { kindName: 'variation' }), { date: '2 May 2025' }),
    ).toBe('the variation decision dated 2 May 2025')
  })

  it('translates a message given as a parameter (and a list of them, joined with commas)', () => {
    const inner = message('letterText.common.theDecisionDated', { kindName: '{date}', date: '1 May 2025' })
    expect(text('letterText.common.theDecisionDated', { kindName: inner, date: '2 May 2025' })).toBe(
      'the the {date} decision dated 1 May 2025 decision dated 2 May 2025',
    )
    expect(text('letterText.common.theDecisionDated', { kindName: [inner, inner], date: 'x' })).toBe(
      'the the {date} decision dated 1 May 2025, the {date} decision dated 1 May 2025 decision dated x',
    )
  })

  it('fills a sentence split once into parts the same way every time: a placeholder used twice, one not given', () => {
    const key = 'calculationSteps.apportion'
    const params = { id: 'A', n: 1, all: 3, amount: '£90.00', share: '£30.00' }
    const once = text(key, params)
    expect(once).toBe('Receiving parent A has 1 of the 3 children, so their share is 1/3 of £90.00: £30.00.')
    expect(text(key, params)).toBe(once)
    expect(text(key, { ...params, n: 2, share: '£60.00' })).toBe(
      'Receiving parent A has 2 of the 3 children, so their share is 2/3 of £90.00: £60.00.',
    )
    const { share: _left, ...withoutShare } = params
    expect(text(key, withoutShare)).toBe(
      'Receiving parent A has 1 of the 3 children, so their share is 1/3 of £90.00: {share}.',
    )
  })

  it('fails loudly on a missing key, and says whether a key exists', () => {
    expect(() => translate('letterText.no.such.key')).toThrow(MissingCopy)
    expect(() => text('letterText')).toThrow(MissingCopy)
    expect(hasCopy('letterText.common.theDecisionDated')).toBe(true)
    expect(hasCopy('letterText.no.such.key')).toBe(false)
  })

  it('is the same function the web layer exports', () => {
    expect(webTranslate).toBe(translate)
  })

  it("gives nunjucks' t a Message as well as a key", () => {
    const env = new nunjucks.Environment()
    configureNunjucks(env, 'https://example.org')
    const out = env.renderString(
      '{{ t(m) }} / {{ t("letterText.common.theDecisionDated", { kindName: "x", date: "y" }) }}',
      {
        m: message('letterText.common.theDecisionDated', {
          kindName: 'annual review',
          date: '3 February 2025',
        }),
      },
    )
    expect(out).toBe('the annual review decision dated 3 February 2025 / the x decision dated y')
  })
})
