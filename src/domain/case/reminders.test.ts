import { describe, expect, it } from 'vitest'
import { computeDeadline } from '../deadlines/compute-deadline.ts'
import type { DeadlineRequest } from '../deadlines/types.ts'
import { rules } from '../../rules/load.ts'
import { calendarsCovering } from '../../services/calendars.ts'
import { reminders } from '../../services/reminders.ts'
import { Temporal } from '../shared/plain-date.ts'
import { text } from '../../copy/translate.ts'
import { checkArrivedOn, tasksForEvent } from './deadlines.ts'
import { validateEvent } from './validate.ts'

/** The reminders Redress adds (rules/reminders.yaml): checking a letter arrived, and chasing a dateless promise. */

const book = rules()
const compute = (r: DeadlineRequest) => computeDeadline(book, calendarsCovering(r.from), r)
const r = reminders()
const d = (s: string) => Temporal.PlainDate.from(s)

describe('the reminder defaults', () => {
  it('are read from rules/reminders.yaml', () => {
    expect(r.callPromiseFollowUp).toBe(10)
    expect(r.checkArrivedAfterPosting).toBe(2)
    expect(r.checkArrivedBeforeDeadline).toBe(2)
  })
})

describe('when to check a posted letter arrived', () => {
  it('is two working days after posting, over a weekend', () => {
    // Friday 21 February 2025 + 2 working days = Tuesday 25 February.
    expect(checkArrivedOn(d('2025-02-21'), d('2025-03-05'), 'england', r).toString()).toBe('2025-02-25')
  })

  it('skips the nation’s bank holidays', () => {
    // Thursday 17 April 2025, then Good Friday and Easter Monday (England): Wednesday 23 April.
    expect(checkArrivedOn(d('2025-04-17'), null, 'england', r).toString()).toBe('2025-04-23')
    // In Scotland Easter Monday is not a bank holiday: Tuesday 22 April.
    expect(checkArrivedOn(d('2025-04-17'), null, 'scotland', r).toString()).toBe('2025-04-22')
  })

  it('is never later than two working days before the deadline it serves', () => {
    // Posted Thursday 27 February, deadline Wednesday 5 March: two working days before is Monday 3 March,
    // the same as two working days after posting.
    expect(checkArrivedOn(d('2025-02-27'), d('2025-03-05'), 'england', r).toString()).toBe('2025-03-03')
    // Posted Friday 28 February: two working days after would be Tuesday 4 March, too late; Monday 3 March.
    expect(checkArrivedOn(d('2025-02-28'), d('2025-03-05'), 'england', r).toString()).toBe('2025-03-03')
  })

  it('is the day of posting when the deadline is closer than that', () => {
    expect(checkArrivedOn(d('2025-03-04'), d('2025-03-05'), 'england', r).toString()).toBe('2025-03-04')
  })
})

describe('the reminders an event creates', () => {
  const today = d('2026-01-01')

  it('a posted reconsideration request gets a "check it arrived" reminder, an emailed one does not', () => {
    const posted = validateEvent(
      {
        type: 'letter-sent',
        occurredOn: '2025-02-28',
        title: 'Reconsideration request',
        letter: { subject: 'mandatory-reconsideration', method: 'first-class' },
      },
      today,
    )
    const t = tasksForEvent('e1', posted, 'england', compute, text, {
      reminders: r,
      serves: '2025-03-05',
    }).tasks
    expect(t.map((x) => [x.title, x.dueOn, x.nature])).toEqual([
      ['Check your letter sent on 28 February 2025 has arrived', '2025-03-03', 'tracking'],
    ])
    const emailed = validateEvent(
      {
        type: 'letter-sent',
        occurredOn: '2025-02-28',
        title: 'Reconsideration request',
        letter: { subject: 'mandatory-reconsideration', method: 'email' },
      },
      today,
    )
    expect(tasksForEvent('e2', emailed, 'england', compute, text, { reminders: r }).tasks).toEqual([])
  })

  it('a promise made on a call with no date is chased ten working days later; one with a date on its date', () => {
    const call = validateEvent(
      {
        type: 'call',
        occurredOn: '2025-02-10',
        title: 'Call with the CMS',
        call: {
          actions: [{ text: 'look into Dan’s income' }, { text: 'send me a statement', due: '2025-02-17' }],
        },
      },
      today,
    )
    const t = tasksForEvent('c1', call, 'england', compute, text, { reminders: r }).tasks
    expect(t.map((x) => [x.title, x.dueOn])).toEqual([
      ['Chase the CMS: on 10 February 2025 it promised, with no date, look into Dan’s income', '2025-02-24'],
      ['Check the CMS has done what it promised on 10 February 2025: send me a statement', '2025-02-17'],
    ])
    // Without the reminder defaults (as before), only the dated promise is tracked.
    expect(tasksForEvent('c1', call, 'england', compute, text).tasks).toHaveLength(1)
  })
})
