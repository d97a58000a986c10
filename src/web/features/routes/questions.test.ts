import { describe, expect, it } from 'vitest'
import { parseDate } from '../../../domain/shared/plain-date.ts'
import { routeInputSchema } from '../../../services/route.service.ts'
import {
  QUESTIONS,
  canAsk,
  firstUnanswered,
  nextQuestion,
  previousQuestion,
  toRouteInput,
  visibleQuestions,
} from './questions.ts'

/** The journey as data: which questions are asked, in what order, and the facts the answers become. */

const today = parseDate('2025-03-20')

describe('the questions', () => {
  it('have unique ids that are safe URL segments', () => {
    const ids = QUESTIONS.map((q) => q.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/)
  })

  it('ask only what the answers so far make relevant, in order', () => {
    expect(visibleQuestions({}).map((q) => q.id)).toEqual([
      'where-you-live',
      'your-role',
      'problems',
      'your-safety',
    ])
    const a = { 'where-you-live': 'england', 'your-role': 'paying', problems: ['wrongCalculation'] }
    expect(firstUnanswered(a)?.id).toBe('calculation-what')
    const asked = { ...a, 'calculation-what': ['income'], 'calculation-look-again': 'refused' }
    expect(
      nextQuestion(
        QUESTIONS.find((q) => q.id === 'calculation-look-again')!,
        asked,
      )?.id,
    ).toBe('calculation-notice-date')
    expect(
      previousQuestion(
        QUESTIONS.find((q) => q.id === 'your-role')!,
        asked,
      )?.id,
    ).toBe('where-you-live')
    expect(
      canAsk(
        QUESTIONS.find((q) => q.id === 'calculation-decision-date')!,
        asked,
      ),
    ).toBe(false)
    expect(
      canAsk(
        QUESTIONS.find((q) => q.id === 'your-safety')!,
        a,
      ),
    ).toBe(false)
  })
})

describe('toRouteInput', () => {
  it('turns Jordan’s answers into the route service’s input', () => {
    const input = toRouteInput(
      {
        'where-you-live': 'scotland',
        'your-role': 'paying',
        problems: ['enforcement', 'wrongCalculation', 'arrearsWrong'],
        'calculation-what': ['nights'],
        'calculation-look-again': 'refused',
        'calculation-decision-date': '2025-01-01',
        'calculation-notice-date': '2025-03-14',
        'calculation-cms-information': 'unknown',
        'arrears-cause': 'paymentNotRecorded',
        'arrears-amount': '612.00',
        'arrears-complained': 'yes',
        'arrears-complained-date': '2025-03-17',
        'enforcement-action': 'deductionFromEarningsOrder',
        'enforcement-date': '2025-03-03',
        'your-safety': 'no',
      },
      today,
    )
    expect(input).toEqual({
      role: 'paying',
      nation: 'scotland',
      problems: [
        {
          kind: 'wrongCalculation',
          errors: ['nights'],
          reconsideration: 'refused',
          mrNoticeDate: '2025-03-14',
          cmsHadTheRightInformation: 'unknown',
        },
        { kind: 'arrearsWrong', cause: 'paymentNotRecorded', amount: '612.00', complainedOn: '2025-03-17' },
        { kind: 'enforcement', action: 'deductionFromEarningsOrder', actionDate: '2025-03-03' },
      ],
    })
    expect(routeInputSchema.safeParse(input).success).toBe(true)
  })

  it('keeps “I don’t know”, drops “not yet”, and treats a future change as expected', () => {
    const input = toRouteInput(
      {
        'where-you-live': 'wales',
        'your-role': 'paying',
        problems: ['changeOfCircumstances'],
        'change-what': 'incomeChange',
        'change-income': 'down25',
        'change-date': '2025-04-01',
        'change-told': 'no',
        'your-safety': 'yes',
      },
      today,
    )
    expect(input).toEqual({
      role: 'paying',
      nation: 'wales',
      keepContactDetailsPrivate: true,
      problems: [
        {
          kind: 'changeOfCircumstances',
          change: 'incomeChange',
          changeDate: '2025-04-01',
          expected: true,
          incomeDirection: 'decrease',
          atLeast25Percent: 'yes',
        },
      ],
    })
    expect(routeInputSchema.safeParse(input).success).toBe(true)
    const unknown = toRouteInput(
      {
        'where-you-live': 'england',
        'your-role': 'receiving',
        problems: ['wrongCalculation'],
        'calculation-what': ['other'],
        'calculation-look-again': 'unknown',
        'calculation-decision-date': 'unknown',
        'calculation-cms-information': 'unknown',
        'your-safety': 'no',
      },
      today,
    )
    expect(unknown['problems']).toEqual([
      {
        kind: 'wrongCalculation',
        errors: ['other'],
        reconsideration: 'unknown',
        decisionLetterDate: 'unknown',
        cmsHadTheRightInformation: 'unknown',
      },
    ])
  })
})
