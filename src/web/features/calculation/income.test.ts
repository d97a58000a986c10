import { describe, expect, it } from 'vitest'
import { parsePounds } from '../../../domain/shared/pence.ts'
import { Temporal } from '../../../domain/shared/plain-date.ts'
import { rules } from '../../../rules/load.ts'
import { weeklyIncome } from './income.ts'

const book = rules()
const on = Temporal.PlainDate.from('2025-02-03')
const weekly = (amount: string, frequency: Parameters<typeof weeklyIncome>[3]) =>
  weeklyIncome(book, on, parsePounds(amount), frequency)

describe('weeklyIncome: turning an income figure into the weekly one, and saying how', () => {
  it('leaves a weekly figure as it is, with no step', () => {
    const w = weekly('863.01', 'week')
    expect(w.weekly).toBe(86301)
    expect(w.step).toBeUndefined()
    expect(w.assumption).toBeUndefined()
    expect(w.how).toBe('£863.01 a week, as entered.')
  })

  it('divides a year by 365 and multiplies by 7, citing regulation 35(1) as verified (Amira £45,000, Jordan £28,000)', () => {
    const amira = weekly('45000', 'year')
    expect(amira.weekly).toBe(86301)
    expect(amira.how).toBe('That is £863.01 a week: £45,000.00 divided by 365 and multiplied by 7.')
    expect(amira.step).toMatchObject({
      key: 'income.converted',
      amount: 86301,
      unrounded: '863.013698…',
      cite: { ruleId: 'calculation.gross-weekly-income', provision: 'reg 35(1)', confidence: 'verified' },
    })
    expect(amira.assumption).toBeUndefined()
    expect(weekly('28000', 'year').weekly).toBe(53699)
    expect(weekly('31200', 'year').weekly).toBe(59836) // the CMS's HMRC figure for Dan
  })

  it('makes a month a year first, and states that the conversion is not confirmed', () => {
    const w = weekly('3750', 'month')
    expect(w.weekly).toBe(86301)
    expect(w.step?.text).toBe(
      'The income of £3,750.00 a month, multiplied by 12 (£45,000.00 a year), divided by 365 and multiplied by 7, is £863.01 a week.',
    )
    expect(w.step?.cite).toMatchObject({ provision: 'regs 37 to 39', confidence: 'unverified' })
    expect(w.assumption).toMatch(/has not been confirmed/)
  })

  it('divides four weeks by 4, rounding half a penny up', () => {
    expect(weekly('3451.22', 'fourWeeks').weekly).toBe(86281) // 862.805
    expect(weekly('3451.21', 'fourWeeks').weekly).toBe(86280) // 862.8025
    expect(weekly('3451.22', 'fourWeeks').step?.cite.confidence).toBe('unverified')
  })

  it('is exact for large and nil figures', () => {
    expect(weekly('0', 'year').weekly).toBe(0)
    expect(weekly('156428.57', 'year').weekly).toBe(300000) // published example P18: £3,000.00
  })
})
