import type { Temporal, PlainDate } from '../../../domain/shared/plain-date.ts'
import type { Services } from '../../app.ts'

/** Today as the app's one clock sees it (a fixed date in tests, the UK date otherwise). */
export const todayFor = (services: Services): PlainDate => services.clock.today()

/** The moment a calendar file is made (its DTSTAMP), from the same clock. */
export const nowFor = (services: Services): Temporal.Instant => services.clock.now()
