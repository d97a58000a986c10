import { describe, expect, it } from 'vitest'
import { book, calendars } from '../../../test/deadlines/fixtures.ts'
import { Temporal, parseDate } from '../shared/plain-date.ts'
import type { Message } from '../shared/message.ts'
import { text } from '../../copy/translate.ts'
import { computeDeadline } from './compute-deadline.ts'
import {
  deadlineEvents,
  deadlinesToICalendar,
  escapeText,
  foldLine,
  renderICalendar,
  stableUid,
} from './icalendar.ts'

const d = (text: string) => parseDate(text)
const dtstamp = Temporal.Instant.from('2025-03-01T09:30:05Z')
const say = (m: Message): string => text(m)
const octets = (s: string) => new TextEncoder().encode(s).length
const unfold = (text: string) => text.replace(/\r\n /g, '')

describe('escapeText (RFC 5545 §3.3.11)', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    expect(escapeText('a,b;c\\d\ne\r\nf')).toBe('a\\,b\\;c\\\\d\\ne\\nf')
  })
  it('leaves colons and quotes alone', () => {
    expect(escapeText('Rule: "x"')).toBe('Rule: "x"')
  })
})

describe('foldLine (75 octets)', () => {
  it('does not fold a line of exactly 75 octets', () => {
    const line = `DESCRIPTION:${'x'.repeat(63)}`
    expect(octets(line)).toBe(75)
    expect(foldLine(line)).toBe(line)
  })

  it('folds a 76-octet line with CRLF and one space', () => {
    const line = `DESCRIPTION:${'x'.repeat(64)}`
    expect(foldLine(line)).toBe(`DESCRIPTION:${'x'.repeat(63)}\r\n x`)
  })

  it('keeps every physical line within 75 octets and unfolds to the original', () => {
    const line = `DESCRIPTION:${'Amira’s £116.19 a week — 🙂 '.repeat(20)}`
    const folded = foldLine(line)
    for (const physical of folded.split('\r\n')) expect(octets(physical)).toBeLessThanOrEqual(75)
    expect(unfold(folded)).toBe(line)
  })

  it('never splits a multi-byte character or an escape sequence', () => {
    const folded = foldLine(`X:${'é'.repeat(100)}${'\\n'.repeat(60)}`)
    for (const physical of folded.split('\r\n')) {
      expect(physical).not.toMatch(/\uFFFD/)
      expect(physical.replace(/\\\\/g, '')).not.toMatch(/\\$/)
    }
  })
})

describe('renderICalendar', () => {
  const event = {
    uid: 'abc@redress',
    date: d('2025-03-03'),
    summary: 'Act by: Mandatory reconsideration',
    description: 'Rule: deadlines.mandatory-reconsideration\nSource: SI 2012/2677, regulation 14(1)(a)',
    url: 'https://www.legislation.gov.uk/uksi/2012/2677/regulation/14',
  }

  it('produces an exact, valid VCALENDAR with CRLF line endings', () => {
    expect(renderICalendar([event], { dtstamp, say })).toBe(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Redress//Deadlines//EN',
        'CALSCALE:GREGORIAN',
        'METHOD:PUBLISH',
        'X-WR-CALNAME:Redress deadlines',
        'BEGIN:VEVENT',
        'UID:abc@redress',
        'DTSTAMP:20250301T093005Z',
        'DTSTART;VALUE=DATE:20250303',
        'DTEND;VALUE=DATE:20250304',
        'SUMMARY:Act by: Mandatory reconsideration',
        'DESCRIPTION:Rule: deadlines.mandatory-reconsideration\\nSource: SI 2012/2677',
        ' \\, regulation 14(1)(a)',
        'URL:https://www.legislation.gov.uk/uksi/2012/2677/regulation/14',
        'TRANSP:TRANSPARENT',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    )
  })

  it('adds a display reminder when asked', () => {
    const ics = renderICalendar([{ ...event, reminderDaysBefore: 7 }], { dtstamp, say })
    expect(ics).toContain(
      'BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Reminder: Act by: Mandatory reconsideration\r\nTRIGGER:-P7D\r\nEND:VALARM\r\n',
    )
  })

  it('ends all-day events the next day, across a month end', () => {
    expect(renderICalendar([{ ...event, date: d('2024-02-29') }], { dtstamp, say })).toContain(
      'DTEND;VALUE=DATE:20240301',
    )
  })
})

describe('deadline events', () => {
  const mr = computeDeadline(book, calendars, {
    kind: 'mandatoryReconsideration',
    from: d('2025-02-03'),
    nation: 'england-and-wales',
  })
  const ack = computeDeadline(book, calendars, {
    kind: 'complaintAcknowledgementTarget',
    from: d('2025-03-17'),
    nation: 'scotland',
  })

  it('gives act-by, deadline and outer-limit events for a deadline, one event for a target', () => {
    const events = deadlineEvents([mr, ack], say)
    expect(events.map((e) => [e.date.toString(), e.summary])).toEqual([
      ['2025-03-03', 'Act by: Mandatory reconsideration (asking the CMS to look again at a decision)'],
      ['2025-03-05', 'Deadline: Mandatory reconsideration (asking the CMS to look again at a decision)'],
      [
        '2026-03-03',
        'Outer limit (late application): Mandatory reconsideration (asking the CMS to look again at a decision)',
      ],
      ['2025-03-19', 'CMS target: CMS target to acknowledge a complaint'],
    ])
  })

  it('puts the rule, source and confidence in every description', () => {
    for (const e of deadlineEvents([mr], say)) {
      expect(e.description).toContain('Rule: deadlines.mandatory-reconsideration')
      expect(e.description).toContain(
        'Source: Child Support Maintenance Calculation Regulations 2012 (SI 2012/2677), regulation 14(1)(a)',
      )
      expect(e.description).toContain('Confidence: verified')
    }
  })

  it('has UIDs that are stable from content and distinct per event', () => {
    const first = deadlineEvents([mr, ack], say).map((e) => e.uid)
    const again = deadlineEvents([mr, ack], say).map((e) => e.uid)
    expect(again).toEqual(first)
    expect(new Set(first).size).toBe(first.length)
    for (const uid of first) expect(uid).toMatch(/^[0-9a-f]{16}@redress$/)
    expect(stableUid(['a', 'b'])).not.toBe(stableUid(['ab']))
  })

  it('writes a whole file: CRLF only, folded, one VEVENT per event', () => {
    const ics = deadlinesToICalendar([mr, ack], { dtstamp, say })
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true)
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    for (const line of ics.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75)
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(4)
    expect(unfold(ics)).toContain('Confidence: verified\\nWorked out from: Monday 3 February 2025')
  })
})
