import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CASE_NATIONS } from '../../src/domain/case/index.ts'
import { LETTER_KINDS } from '../../src/documents/index.ts'
import {
  parseRecipients,
  RECIPIENT_IDS,
  RECIPIENTS_FILE,
  recipientIdFor,
  recipients,
  RecipientsFileError,
} from '../../src/services/recipients.ts'

/** rules/recipients.yaml: every letter has somewhere to go, with its source, and unconfirmed addresses say so. */

const all = recipients()

describe('recipients.yaml', () => {
  it('gives every kind of letter, in every nation, a recipient with an address or what to use instead', () => {
    for (const nation of CASE_NATIONS)
      for (const kind of LETTER_KINDS) {
        // The appeal letters belong to one jurisdiction each: the tribunal (Great Britain) or The
        // Appeals Service (Northern Ireland).
        const ni = nation === 'northern-ireland'
        if ((kind === 'ni-appeal' && !ni) || (kind.startsWith('appeal-') && ni)) continue
        const r = all[recipientIdFor(kind, nation)]
        expect(r.organisation, `${kind} in ${nation}`).not.toBe('')
        expect(r.addressLines.length >= 2 || !!r.useInstead, `${kind} in ${nation}`).toBe(true)
        expect(r.appliesTo, `${kind} in ${nation}`).toContain(nation)
      }
  })

  it('names each recipient the issue lists', () => {
    expect(all.cms.addressLines).toEqual([
      'Child Maintenance Service 21',
      'Mail Handling Site A',
      'Wolverhampton',
      'WV98 2BU',
    ])
    expect(all['independent-case-examiner'].addressLines).toEqual(['PO Box 209', 'Bootle', 'L20 7WA'])
    expect(all['independent-case-examiner'].confidence).toBe('verified')
    expect(all['hmcts-sscs2'].useInstead).toBe('Use the address printed on form SSCS2')
    expect(all['hmcts-sscs2'].addressLines).toEqual([])
    expect(all['appeals-service-ni'].addressLines.at(-1)).toBe('BT1 5JA')
    expect(all.nipso.addressLines.at(-1)).toBe('BT1 6HN')
    expect(all.mp.addressLines).toEqual(['London', 'SW1A 0AA'])
    expect(all['dfc-records'].organisation).toBe('Department for Communities')
    expect(all['cms-ni'].organisation).toBe('Child Maintenance Service (Northern Ireland)')
    expect(all['cms-complaints'].attention).toBe('Complaints')
  })

  it('marks what the research could not confirm as unverified, and gives every fact a source and a checked date', () => {
    for (const id of ['appeals-service-ni', 'nipso', 'mp', 'cms-ni', 'dfc-records'] as const)
      expect(all[id].confidence, id).toBe('unverified')
    for (const id of RECIPIENT_IDS) {
      const r = all[id]
      expect(r.sources.length).toBeGreaterThan(0)
      for (const s of r.sources) expect(s.url).toMatch(/^https:\/\//)
      expect(r.checkedOn.year).toBeGreaterThanOrEqual(2026)
      if (r.confidence !== 'verified') expect(r.note, id).not.toBeNull()
    }
  })

  it('sends letters to the right body in Great Britain and in Northern Ireland', () => {
    expect(recipientIdFor('mandatory-reconsideration', 'england')).toBe('cms')
    expect(recipientIdFor('mandatory-reconsideration', 'northern-ireland')).toBe('cms-ni')
    expect(recipientIdFor('complaint', 'wales')).toBe('cms-complaints')
    expect(recipientIdFor('complaint-escalation', 'scotland')).toBe('cms-complaints-escalation')
    expect(recipientIdFor('subject-access-request', 'northern-ireland')).toBe('dfc-records')
    expect(recipientIdFor('appeal-covering-letter', 'england')).toBe('hmcts-sscs2')
    expect(recipientIdFor('ni-appeal', 'northern-ireland')).toBe('appeals-service-ni')
    expect(recipientIdFor('ice-referral', 'northern-ireland')).toBe('independent-case-examiner')
  })

  it('refuses a recipient with both an address and "use instead", or neither', () => {
    const text = readFileSync(RECIPIENTS_FILE, 'utf8')
    const both = text.replace(
      '  use-instead: Use the address printed on form SSCS2\n',
      '  use-instead: Use the address printed on form SSCS2\n  address: [a, b]\n',
    )
    expect(() => parseRecipients(both)).toThrow(RecipientsFileError)
    const neither = text.replace('  use-instead: Use the address printed on form SSCS2\n', '')
    expect(() => parseRecipients(neither)).toThrow(/address and use-instead/)
  })
})
