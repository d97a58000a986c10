import { afterEach, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../config.ts'
import { cliClock } from '../cli/clock.ts'
import { parseDate, Temporal } from '../domain/shared/plain-date.ts'
import { clockFor, fixedClock, systemClock } from './clock.ts'

describe('the one clock', () => {
  it('gives the date in the UK, and now', () => {
    const before = Temporal.Now.instant()
    expect(systemClock.today().equals(Temporal.Now.plainDateISO('Europe/London'))).toBe(true)
    expect(Temporal.Instant.compare(systemClock.now(), before)).toBeGreaterThanOrEqual(0)
  })

  it('stops on one day, with "now" at noon that day in the UK', () => {
    const c = fixedClock('2025-06-30')
    expect(c.today().toString()).toBe('2025-06-30')
    expect(c.now().toString()).toBe('2025-06-30T11:00:00Z') // noon British Summer Time
    expect(fixedClock('2025-01-15').now().toString()).toBe('2025-01-15T12:00:00Z')
    expect(() => fixedClock('2025-02-30')).toThrow(/today/)
  })

  it('is the real one unless a day is set', () => {
    expect(clockFor(null)).toBe(systemClock)
    expect(clockFor(parseDate('2024-12-25')).today().toString()).toBe('2024-12-25')
  })
})

describe('REDRESS_TODAY', () => {
  const saved = process.env.REDRESS_TODAY
  afterEach(() => {
    if (saved === undefined) delete process.env.REDRESS_TODAY
    else process.env.REDRESS_TODAY = saved
  })

  it('fixes today for the whole run, and the command line reads it', () => {
    expect(loadConfig({ REDRESS_TODAY: '2025-03-18' }).today?.toString()).toBe('2025-03-18')
    expect(loadConfig({}).today).toBeNull()
    process.env.REDRESS_TODAY = '2025-03-18'
    expect(cliClock().today().toString()).toBe('2025-03-18')
  })

  it('refuses a date that is not one, naming the setting', () => {
    for (const bad of ['18/03/2025', '2025-02-30', 'today'])
      expect(() => loadConfig({ REDRESS_TODAY: bad })).toThrow(
        /REDRESS_TODAY: must be a real date as YYYY-MM-DD$/,
      )
  })

  it('cannot be used in production', () => {
    expect(() => loadConfig({ REDRESS_TODAY: '2025-03-18', NODE_ENV: 'production' })).toThrow(ConfigError)
    expect(() => loadConfig({ REDRESS_TODAY: '2025-03-18', NODE_ENV: 'production' })).toThrow(/REDRESS_TODAY/)
  })
})
