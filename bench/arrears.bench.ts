/**
 * Check your arrears (issue 13): reconcile five years of weekly payments (260 schedule entries, 300
 * payments picked from a 3,000-line statement, 290 CMS receipts, weekly liability with a change a
 * year), and import a 3,000-line CSV statement (Nationwide layout, Windows-1252, £ signs). Targets:
 * reconcile at most 200 ms, import at most 500 ms. `npx tsx bench/arrears.bench.ts` prints JSON and
 * writes bench/results/arrears.json; `run()` returns the figures.
 */
import { writeFileSync, mkdirSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { pathToFileURL } from 'node:url'
import iconv from 'iconv-lite'
import { reconcile, type ReconcileInput } from '../src/domain/arrears/index.ts'
import { importStatement } from '../src/domain/arrears/import/index.ts'
import { pence } from '../src/domain/shared/pence.ts'
import { Temporal } from '../src/domain/shared/plain-date.ts'
import { rules } from '../src/rules/load.ts'

const START = Temporal.PlainDate.from('2020-01-06')
const money = (p: number): string =>
  `£${Math.floor(p / 100).toLocaleString('en-GB')}.${String(p % 100).padStart(2, '0')}`
const ukDate = (d: Temporal.PlainDate): string =>
  `${String(d.day).padStart(2, '0')} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.month - 1]} ${d.year}`

/** A synthetic 3,000-line statement over five years: 300 weekly maintenance payments among 2,700 others. */
export function statementCsv(): Uint8Array {
  const lines = [
    '"Account Name:","FlexAccount ****5678"',
    '"Account Balance:","£1,000.00"',
    '',
    '"Date","Transaction type","Description","Paid out","Paid in","Balance"',
  ]
  let balance = 500_000
  let n = 0
  for (let day = 0; n < 3000; day++) {
    const d = START.add({ days: Math.floor((day * 1826) / 3000) })
    const isPayment = n % 10 === 0
    const amount = isPayment ? 4916 : 100 + ((n * 7919) % 20_000)
    const out = isPayment || n % 3 !== 0
    balance += out ? -amount : amount
    const desc = isPayment ? 'CMS 121000000001 CHILD MAINT' : `SHOP ${n % 97}`
    lines.push(
      `"${ukDate(d)}","${out ? 'Payment' : 'Credit'}","${desc}","${out ? money(amount) : ''}","${out ? '' : money(amount)}","${balance < 0 ? '-' : ''}${money(Math.abs(balance))}"`,
    )
    n++
  }
  return iconv.encode(lines.join('\r\n') + '\r\n', 'windows-1252')
}

/** Wall and CPU milliseconds of one call (CPU time is steadier on a shared machine). */
function timed(f: () => unknown): { wall: number; cpu: number } {
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  f()
  const wall = performance.now() - t0
  const c = process.cpuUsage(c0)
  return { wall, cpu: (c.user + c.system) / 1000 }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

export async function run(): Promise<Record<string, number>> {
  const book = rules()
  const bytes = statementCsv()
  // The machine is shared: the load average says how much else was running (2 cores here).
  const loadBefore = loadavg()[0]!

  // Import: the whole file, bytes to transactions.
  let imported!: ReturnType<typeof importStatement>
  const importCold = timed(() => (imported = importStatement(bytes)))
  const importRuns = Array.from({ length: 9 }, () => timed(() => importStatement(bytes)))

  // Reconcile: 300 payments picked by filter, 260 weekly schedule entries, 290 receipts (10 missing).
  const payments = imported.transactions
    .filter((t) => t.description.includes('CMS 121'))
    .map((t) => ({ id: t.id, date: t.date, amount: pence(Math.abs(t.amount)) }))
  const schedule = Array.from({ length: 260 }, (_, i) => ({
    id: `s${i}`,
    date: START.add({ days: 7 * i + 4 }),
    amount: pence(4916),
  }))
  const cmsReceived = payments
    .filter((_, i) => i % 30 !== 7)
    .map((p, i) => ({ id: `c${i}`, date: p.date.add({ days: 3 }), amount: p.amount }))
  const input: ReconcileInput = {
    asOf: START.add({ days: 1826 }),
    schedule,
    payments,
    cmsReceived,
    cmsArrears: pence(50_000),
    liability: [0, 1, 2, 3, 4].map((y) => ({
      from: START.add({ days: 364 * y }),
      weekly: pence(4916 - y * 100),
    })),
  }
  let r!: ReturnType<typeof reconcile>
  const reconcileCold = timed(() => (r = reconcile(book, input)))
  const runs = Array.from({ length: 15 }, () => timed(() => reconcile(book, input)))
  return {
    statementLines: imported.transactions.length,
    paymentsPicked: payments.length,
    scheduleEntries: schedule.length,
    unrecordedFound: r.value.unrecordedPayments?.length ?? 0,
    importColdMs: Math.round(importCold.wall),
    importColdCpuMs: Math.round(importCold.cpu),
    importMedianMs: Math.round(median(importRuns.map((r) => r.wall))),
    importMedianCpuMs: Math.round(median(importRuns.map((r) => r.cpu))),
    importWorstMs: Math.round(Math.max(...importRuns.map((r) => r.wall))),
    reconcileColdMs: Math.round(reconcileCold.wall),
    reconcileColdCpuMs: Math.round(reconcileCold.cpu),
    reconcileMedianMs: Math.round(median(runs.map((r) => r.wall)) * 10) / 10,
    reconcileMedianCpuMs: Math.round(median(runs.map((r) => r.cpu)) * 10) / 10,
    loadAverageBefore: Math.round(loadBefore * 10) / 10,
    loadAverageAfter: Math.round(loadavg()[0]! * 10) / 10,
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await run()
  mkdirSync('bench/results', { recursive: true })
  writeFileSync(
    'bench/results/arrears.json',
    `${JSON.stringify({ name: 'arrears', measuredAt: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, results }, null, 2)}\n`,
  )
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`)
}
