/** Synthetic figures for tests, benchmarks and demonstrations (no real data). */
import { message } from '../shared/message.ts'
import { parsePounds } from '../shared/pence.ts'
import { parseDate } from '../shared/plain-date.ts'
import type { ReconcileInput } from './ledger.ts'

const d = (s: string) => parseDate(s)
const p = (s: string) => parsePounds(s)

/**
 * Persona Jordan (Glasgow): £49.16 a week from Monday 6 January 2025 (the CMS counted 78 nights;
 * with 130 nights it would be £40.96), paid monthly at £213.03 by standing order, plus a one-off
 * £612.00 on Friday 28 March 2025 to clear the arrears the CMS said had built up before the
 * schedule began. The CMS never recorded the £612.00 and says he owes £612.00 on 30 June 2025.
 */
export function jordanArrears(): ReconcileInput {
  const months = ['01-31', '02-28', '03-31', '04-30', '05-30', '06-30']
  const paidOn = ['01-30', '02-27', '03-28', '04-29', '05-29', '06-27']
  const recordedOn = ['02-03', '03-03', '04-01', '05-01', '06-02', '06-30']
  return {
    asOf: d('2025-06-30'),
    schedule: [
      ...months.map((m, i) => ({ id: `s${i}`, date: d(`2025-${m}`), amount: p('213.03') })),
      {
        id: 's-arrears',
        date: d('2025-03-31'),
        amount: p('612.00'),
        description: 'arrears from before the payment plan', // copy: not user-facing (synthetic data: what a parent would type)
      },
    ],
    payments: [
      ...paidOn.map((m, i) => ({
        id: `p${i}`,
        date: d(`2025-${m}`),
        amount: p('213.03'),
        reference: 'CMS 121000000001',
      })),
      { id: 'p-lump', date: d('2025-03-28'), amount: p('612.00'), reference: 'CMS 121000000001 ARREARS' },
    ],
    cmsReceived: recordedOn.map((m, i) => ({ id: `c${i}`, date: d(`2025-${m}`), amount: p('213.03') })),
    cmsArrears: p('612.00'),
    liability: [
      {
        from: d('2025-01-06'),
        weekly: p('49.16'),
        label: message('arrearsDomain.check.asWritten', { text: 'calculation (78 nights)' }),
        correctWeekly: p('40.96'),
      },
    ],
  }
}
