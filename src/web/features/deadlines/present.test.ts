import { describe, expect, it } from 'vitest'
import { parseDate } from '../../../domain/shared/plain-date.ts'
import { computeDeadlineFromInput, deadlineRequestSchema } from '../../../services/deadline.service.ts'
import { deadlineStatus, formatTime, presentDeadline } from './present.ts'

/** The deadline as a page shows it: every date in words, with its rule, source and a reasoned confidence label. */

const compute = (request: Record<string, unknown>) =>
  computeDeadlineFromInput(deadlineRequestSchema.parse(request))

describe('presentDeadline', () => {
  it('says why the act-by date is earlier than the legal one (Amira)', () => {
    const v = presentDeadline(
      compute({ kind: 'mandatoryReconsideration', from: '2025-02-03', nation: 'england-and-wales' }),
    )
    expect(v.actBy).toEqual({ iso: '2025-03-03', text: 'Monday 3 March 2025' })
    expect(v.deadline.text).toBe('Wednesday 5 March 2025')
    expect(v.actByIsEarlier).toBe(true)
    expect(v.confidence.label).toBe('Confirmed')
    expect(v.confidence.reasons).toContain(
      'Official sources give different dates for this time limit, so the day to act by is the earliest of them.',
    )
    expect(v.outerLimit?.rule).toBe('deadlines.late-mandatory-reconsideration-limit')
    expect(v.outerLimit?.confidence.label).toBe('Not confirmed')
    expect(v.outerLimit?.confidence.reasons[0]).toBe(
      'The regulation’s text could not be confirmed, so we show the earlier date.',
    )
    for (const r of v.readings) expect(r.source?.url).toMatch(/^https:\/\//)
  })

  it('labels an unconfirmed rule and a later reading that may not be accepted (Chris)', () => {
    const v = presentDeadline(
      compute({ kind: 'tribunalAppeal', from: '2025-05-08', nation: 'northern-ireland' }),
    )
    expect(v.readings.map((r) => r.status)).toContain('may-not-be-accepted')
    expect(v.confidence.reasons).toContain(
      'A later date is possible, but it may not be accepted, so we do not rely on it.',
    )
    const late = presentDeadline(
      compute({ kind: 'lateMandatoryReconsiderationLimit', from: '2025-02-03', nation: 'scotland' }),
    )
    expect(late.confidence).toMatchObject({
      level: 'unverified',
      label: 'Not confirmed',
      tagClass: 'govuk-tag--orange',
    })
  })

  it('explains an uncertain start', () => {
    const v = presentDeadline(compute({ kind: 'iceReferral', from: '2025-09', nation: 'england-and-wales' }))
    expect(v.uncertain?.earliest.text).toBe('Monday 1 September 2025')
    expect(v.uncertain?.latestDeadline.text).toBe('Monday 30 March 2026')
    expect(v.confidence.reasons).toContain(
      'You were not sure when it started, so we used the start that gives the earliest date.',
    )
  })

  it('shows a time of day the way people say it, and where a date stands today', () => {
    expect(formatTime('17:00')).toBe('5pm')
    expect(formatTime('09:30')).toBe('9.30am')
    expect(formatTime('12:00')).toBe('12pm')
    const r = compute({ kind: 'tribunalAppeal', from: '2025-03-14', nation: 'scotland' })
    expect(deadlineStatus(r, parseDate('2025-04-14')).key).toBe('open')
    expect(deadlineStatus(r, parseDate('2025-04-15')).key).toBe('late-but-possible')
    expect(deadlineStatus(r, parseDate('2026-04-15')).key).toBe('passed')
  })
})
