import { Temporal, type PlainDate } from '../../../domain/shared/plain-date.ts'
import type { Services } from '../../app.ts'

/** Today's civil date in Europe/London. */
export const todayInLondon = (): PlainDate => Temporal.Now.plainDateISO('Europe/London')

/** Today as the app's services see it (a fixed date in tests, the London date otherwise). */
export const todayFor = (services: Services): PlainDate => (services.today ?? todayInLondon)()

/** The moment a calendar file is made (its DTSTAMP). */
export const nowInstant = (): Temporal.Instant => Temporal.Now.instant()
