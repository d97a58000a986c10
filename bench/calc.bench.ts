/**
 * Engine throughput: calculations per second on one core, for one receiving parent and for
 * three. A plain tsx script: `npx tsx bench/calc.bench.ts` prints JSON; `run()` returns it.
 */
import { pathToFileURL } from 'node:url'
import { calculate, type CalculationInput } from '../src/domain/calculation/index.ts'
import { pence } from '../src/domain/shared/pence.ts'
import { parseDate } from '../src/domain/shared/plain-date.ts'
import type { RuleBook } from '../src/domain/shared/rule-book.ts'
import { rules } from '../src/rules/load.ts'

const simple: CalculationInput = {
  effectiveDate: parseDate('2025-04-01'),
  income: { grossWeekly: pence(57534) },
  benefit: 'none',
  nilRateCategory: false,
  relevantOtherChildren: 1,
  receivingParents: [{ id: 'A', children: [{ nightsPerYear: 0 }, { nightsPerYear: 120 }] }],
}

const threeParents: CalculationInput = {
  effectiveDate: parseDate('2025-04-01'),
  income: { historicAnnual: pence(5_200_000), currentAnnual: pence(6_100_000) },
  benefit: 'none',
  nilRateCategory: false,
  relevantOtherChildren: 2,
  receivingParents: [
    { id: 'A', children: [{ nightsPerYear: 0 }, { nightsPerYear: 60 }] },
    { id: 'B', children: [{ nightsPerYear: 110 }] },
    { id: 'C', children: [{ nightsPerYear: 180 }] },
  ],
  variations: { specialExpensesWeekly: pence(2500), additionalIncomeWeekly: pence(4000) },
  collection: 'collectAndPay',
}

/** Calls per second of `calculate` on `input`, over about `ms` milliseconds after a warm-up. */
function perSecond(book: RuleBook, input: CalculationInput, ms: number): number {
  let sink = 0
  for (let i = 0; i < 20_000; i++) sink += calculate(book, input).value.totalWeekly
  let calls = 0
  const start = performance.now()
  let elapsed = 0
  while (elapsed < ms) {
    for (let i = 0; i < 5_000; i++) sink += calculate(book, input).value.totalWeekly
    calls += 5_000
    elapsed = performance.now() - start
  }
  if (sink < 0) throw new Error('unreachable')
  return Math.round((calls * 1000) / elapsed)
}

export async function run(): Promise<Record<string, number>> {
  const book = rules()
  return {
    simplePerSecond: perSecond(book, simple, 1500),
    threeParentsPerSecond: perSecond(book, threeParents, 1500),
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(JSON.stringify(await run()))
