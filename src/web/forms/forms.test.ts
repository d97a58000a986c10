import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  dateInput,
  datePartsOf,
  errorFor,
  fieldError,
  issuesToErrors,
  readMoney,
  readUkDate,
} from './index.ts'

const date = (day: string, month: string, year: string) => readUkDate({ day, month, year })

describe('the one UK date parser', () => {
  it('reads a real date, with or without leading zeros', () => {
    expect(date('3', '2', '2025')).toMatchObject({ ok: true, iso: '2025-02-03' })
    expect(date('03', '02', '2025')).toMatchObject({ ok: true, iso: '2025-02-03' })
  })

  it('says what is wrong and which parts to mark', () => {
    expect(date('', '', '')).toMatchObject({ ok: false, problem: 'blank', parts: ['day', 'month', 'year'] })
    expect(date('', '2', '')).toMatchObject({ ok: false, problem: 'missing', parts: ['day', 'year'] })
    expect(date('1a', '2', '20x5')).toMatchObject({ ok: false, problem: 'notNumber', parts: ['day', 'year'] })
    expect(date('123', '2', '2025')).toMatchObject({ ok: false, problem: 'notNumber', parts: ['day'] })
    expect(date('3', '2', '25')).toMatchObject({ ok: false, problem: 'yearDigits', parts: ['year'] })
    expect(date('29', '2', '2025')).toEqual({
      ok: false,
      problem: 'notReal',
      parts: ['day'],
      iso: '2025-02-29',
    })
    expect(date('1', '13', '2025')).toMatchObject({ ok: false, problem: 'notReal', parts: ['month'] })
  })

  it('takes the parts from a posted form, trimmed, and gives them back from a stored date', () => {
    expect(dateInput({ 'sent-day': ' 4 ', 'sent-month': ['5'], 'sent-year': '2025' }, 'sent')).toEqual({
      day: '4',
      month: '5',
      year: '2025',
    })
    expect(datePartsOf('2025-05-04')).toEqual({ day: '4', month: '5', year: '2025' })
    expect(datePartsOf(null)).toEqual({ day: '', month: '', year: '' })
  })
})

describe('the one money parser', () => {
  it('reads pounds and pence as people type them', () => {
    expect(readMoney('£1,234.56')).toEqual({ ok: true, pence: 123456 })
    expect(readMoney(' 45000 ')).toEqual({ ok: true, pence: 4500000 })
  })
  it('says what is wrong', () => {
    expect(readMoney('')).toEqual({ ok: false, problem: 'empty' })
    expect(readMoney('-20')).toEqual({ ok: false, problem: 'negative' })
    expect(readMoney('£ -20')).toEqual({ ok: false, problem: 'negative' })
    expect(readMoney('12.345')).toEqual({ ok: false, problem: 'decimals' })
    expect(readMoney('twelve')).toEqual({ ok: false, problem: 'invalid' })
  })
})

describe('the one error type', () => {
  it('links each message to its field, once per field, and finds a field’s message', () => {
    const r = z.object({ a: z.string().min(2, 'Too short'), b: z.string() }).safeParse({ a: 'x', b: 1 })
    const errors = issuesToErrors(r.success ? [] : r.error.issues)
    expect(errors.map((e) => e.href)).toEqual(['#a', '#b'])
    expect(errorFor(errors, 'a')).toEqual({ text: 'Too short' })
    expect(errorFor([fieldError('date-day', 'Give a day')], 'date')).toEqual({ text: 'Give a day' })
    expect(errorFor(errors, 'c')).toBeUndefined()
  })
})
