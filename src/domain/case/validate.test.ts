import { describe, expect, it } from 'vitest'
import { Temporal } from '../shared/plain-date.ts'
import { CaseInputError } from './errors.ts'
import { text } from '../../copy/translate.ts'
import {
  parseCmsReference,
  parseTags,
  parseTime,
  validateCase,
  validateDecision,
  validateEvent,
  validateTask,
} from './validate.ts'
import { refusal } from '../../../test/helpers/refusal.ts'

const today = Temporal.PlainDate.from('2025-03-20')

const problems = (fn: () => unknown): Record<string, string> => {
  try {
    fn()
  } catch (error) {
    if (error instanceof CaseInputError)
      return Object.fromEntries(error.problems.map((p) => [p.field, text(p.problem)]))
    throw error
  }
  throw new Error('expected problems')
}

describe('CMS reference', () => {
  it('accepts 12 digits beginning 121, ignoring spaces and dashes', () => {
    expect(parseCmsReference('1211 2345 6789')).toBe('121123456789')
    expect(parseCmsReference('1211-2345-6789')).toBe('121123456789')
  })
  it.each([
    ['12112345678', /12 digits .*11 digits/],
    ['1311 2345 6789', /begin 121/],
    ['1211 2345 678X', /12 digits beginning 121/],
    ['1211234567890', /13 digits/],
  ])('refuses %s, saying why', (text, why) => {
    expect(refusal(() => parseCmsReference(text))).toMatch(why)
  })
})

describe('case', () => {
  it('cleans the input: blank optional fields are null, children without a name or date are dropped', () => {
    const c = validateCase(
      {
        title: ' Amira ',
        nation: 'england',
        role: 'receiving',
        cmsReference: '121 123 456 789',
        otherParent: { name: 'Dan', postcode: 'ls1 4ap', phone: '' },
        children: [
          { name: 'Sam', dateOfBirth: '2016-05-01' },
          { name: '', dateOfBirth: '' },
        ],
      },
      today,
    )
    expect(c).toMatchObject({ title: 'Amira', cmsReference: '121123456789', notes: null })
    expect(c.otherParent).toEqual({
      name: 'Dan',
      address: null,
      postcode: 'LS1 4AP',
      phone: null,
      email: null,
    })
    expect(c.children).toEqual([{ name: 'Sam', dateOfBirth: '2016-05-01' }])
  })
  it('lists every problem at once, naming each field', () => {
    const p = problems(() =>
      validateCase(
        {
          title: '',
          nation: 'france',
          role: '',
          cmsReference: '123',
          otherParent: { email: 'not-an-email' },
          children: [{ name: '', dateOfBirth: '2030-01-01' }],
        },
        today,
      ),
    )
    expect(Object.keys(p).sort()).toEqual(
      [
        'children.0.dateOfBirth',
        'children.0.name',
        'cmsReference',
        'nation',
        'otherParent.email',
        'role',
        'title',
      ].sort(),
    )
    expect(p['children.0.dateOfBirth']).toMatch(/today or in the past/)
    expect(p.nation).toMatch(/"france" is not/)
  })
})

describe('decision', () => {
  it('parses the figures into pence and whole numbers', () => {
    const d = validateDecision(
      {
        kind: 'annual-review',
        letterDate: '2025-02-03',
        weeklyAmount: '£82.06',
        weeklyIncome: '598.36',
        nights: '52',
        otherChildren: '0',
        tags: 'Income, income, review',
      },
      today,
    )
    expect(d).toMatchObject({
      weeklyAmountPence: 8206,
      weeklyIncomePence: 59836,
      nights: 52,
      otherChildren: 0,
      tags: ['income', 'review'],
    })
  })
  it('refuses a letter date in the future and a date received before the letter date', () => {
    expect(
      problems(() => validateDecision({ kind: 'calculation', letterDate: '2025-03-21' }, today)).letterDate,
    ).toMatch(/today or in the past .*21 March 2025/)
    expect(
      problems(() =>
        validateDecision(
          { kind: 'calculation', letterDate: '2025-02-03', receivedDate: '2025-02-01' },
          today,
        ),
      ).receivedDate,
    ).toMatch(/cannot be before the date on the letter/)
  })
  it('refuses an unreal date and bad figures', () => {
    const p = problems(() =>
      validateDecision(
        { kind: 'calculation', letterDate: '2025-02-30', weeklyAmount: '12.345', nights: '400' },
        today,
      ),
    )
    expect(p.letterDate).toMatch(/real calendar date/)
    expect(p.weeklyAmount).toMatch(/pounds and pence/)
    expect(p.nights).toMatch(/0 to 366/)
  })
  it('keeps the enforcement action only for enforcement', () => {
    expect(
      validateDecision(
        { kind: 'calculation', letterDate: '2025-02-03', enforcementAction: 'liability-order' },
        today,
      ).enforcementAction,
    ).toBeNull()
    expect(
      validateDecision(
        { kind: 'enforcement', letterDate: '2025-02-03', enforcementAction: 'liability-order' },
        today,
      ).enforcementAction,
    ).toBe('liability-order')
  })
})

describe('event', () => {
  it('reads a call with its promises and follow-up', () => {
    const e = validateEvent(
      {
        type: 'call',
        occurredOn: '2025-02-10',
        occurredTime: '9.05',
        title: 'Call',
        call: {
          personName: 'Kelly',
          durationMinutes: '12',
          actions: [
            { text: 'look into it', due: '2025-02-17' },
            { text: '', due: '' },
          ],
          followUpOn: '2025-02-24',
        },
      },
      today,
    )
    expect(e.occurredTime).toBe('09:05')
    expect(e.call).toMatchObject({
      personName: 'Kelly',
      durationMinutes: 12,
      actions: [{ text: 'look into it', due: '2025-02-17' }],
      followUpOn: '2025-02-24',
    })
    expect(e.letter).toBeNull()
  })
  it('refuses a letter received before the date on it, and a delivery before sending', () => {
    expect(
      problems(() =>
        validateEvent(
          {
            type: 'letter-received',
            occurredOn: '2025-02-01',
            title: 'x',
            letter: { method: 'first-class', letterDate: '2025-02-03' },
          },
          today,
        ),
      ).occurredOn,
    ).toMatch(/cannot be before the date it was sent/)
    expect(
      problems(() =>
        validateEvent(
          {
            type: 'letter-sent',
            occurredOn: '2025-02-05',
            title: 'x',
            letter: { method: 'signed-for', deliveredOn: '2025-02-04' },
          },
          today,
        ),
      )['letter.deliveredOn'],
    ).toMatch(/cannot be before the date you sent it/)
  })
  it('refuses an event in the future, a bad time and a missing method', () => {
    const p = problems(() =>
      validateEvent(
        { type: 'letter-sent', occurredOn: '2025-04-01', occurredTime: '25:00', title: '', letter: {} },
        today,
      ),
    )
    expect(Object.keys(p).sort()).toEqual(['letter.method', 'occurredOn', 'occurredTime', 'title'])
  })
  it('keeps a payment amount only for payments', () => {
    expect(
      validateEvent({ type: 'payment', occurredOn: '2025-02-01', title: 'Paid', amount: '82.06' }, today)
        .amountPence,
    ).toBe(8206)
    expect(
      validateEvent({ type: 'note', occurredOn: '2025-02-01', title: 'x', amount: '82.06' }, today)
        .amountPence,
    ).toBeNull()
  })
})

describe('small parsers', () => {
  it('times, tags, tasks', () => {
    expect(parseTime('14:30')).toBe('14:30')
    expect(refusal(() => parseTime('2pm'))).toMatch(/24-hour clock/)
    expect(parseTags(' A ,b,, a ')).toEqual(['a', 'b'])
    expect(validateTask({ title: 'Chase', dueOn: '2025-04-01', status: 'done' }, today)).toMatchObject({
      status: 'done',
      doneOn: '2025-03-20',
    })
    expect(Object.keys(problems(() => validateTask({ title: '', dueOn: '' }, today)))).toEqual([
      'title',
      'dueOn',
    ])
  })
})
