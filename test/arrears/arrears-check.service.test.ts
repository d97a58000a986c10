/** The arrears check service on a real embedded database: import, mapping, picking, CMS figures, matches, the timeline. */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { text } from '../../src/copy/translate.ts'
import { toDecimal } from '../../src/domain/shared/pence.ts'
import { parseDate } from '../../src/domain/shared/plain-date.ts'
import { rules } from '../../src/rules/load.ts'
import { ArrearsCheckService, NotFound } from '../../src/services/arrears-check.service.ts'
import { createCaseServices, type CaseServices } from '../../src/services/case-services.ts'
import { fixedClock } from '../../src/services/clock.ts'
import { WHO } from '../case/fixtures.ts'
import { testPglite, type TestDatabase } from '../helpers/pglite.ts'
import { refusalOf } from '../helpers/refusal.ts'

let database: TestDatabase
let caseFile: CaseServices
let svc: ArrearsCheckService
const fixture = (name: string) => new Uint8Array(readFileSync(`test/fixtures/bank/${name}`))

beforeAll(async () => {
  database = await testPglite()
  caseFile = createCaseServices({
    database,
    dataDir: database.dataDir,
    rules: rules(),
    maxUploadBytes: 10 * 1024 * 1024,
    clock: fixedClock(parseDate('2025-07-01')),
  })
  svc = new ArrearsCheckService({
    db: database.db,
    rules: rules(),
    caseFile,
    today: () => parseDate('2025-07-01'),
  })
})
afterAll(async () => database?.destroy())

/** Jordan's statement, as his bank (Santander layout) would export it: six standing orders and the £612 lump sum. */
const jordanCsv = [
  'Date,Description,Money in,Money out,Balance',
  ...['30/01/2025', '27/02/2025', '28/03/2025', '29/04/2025', '29/05/2025', '27/06/2025'].map(
    (d) => `${d},STANDING ORDER CMS 121000000001,,213.03,`,
  ),
  '28/03/2025,FASTER PAYMENT CMS 121000000001 ARREARS,,612.00,',
  '31/03/2025,CARD PAYMENT SUPERMARKET,,45.10,',
].join('\n')

describe('arrears check service', () => {
  it('persona Jordan, in his case: import, pick by filter, CMS figures, the unrecorded £612 found, payments on the timeline', async () => {
    const c = await caseFile.cases.createCase(WHO, { title: 'Jordan', nation: 'scotland', role: 'paying' })
    const check = await svc.create(WHO, c.id)
    const first = await svc.importFile(WHO, check.id, {
      fileName: 'statement.csv',
      bytes: new TextEncoder().encode(jordanCsv),
    })
    expect(first).toMatchObject({ kind: 'imported', added: 8, skipped: 0, profile: 'santander' })
    const again = await svc.importFile(WHO, check.id, {
      fileName: 'statement.csv',
      bytes: new TextEncoder().encode(jordanCsv),
    })
    expect(again).toMatchObject({ kind: 'imported', added: 0, skipped: 8 })

    let contents = await svc.contents(WHO, check.id)
    const cms = svc.filter(contents, 'cms 121000000001')
    expect(cms).toHaveLength(7)
    await svc.pick(
      WHO,
      check.id,
      cms.map((t) => t.id),
    )
    await svc.setSchedule(
      WHO,
      check.id,
      [
        '31/01/2025, 213.03',
        '28/02/2025, 213.03',
        '31/03/2025, 213.03',
        '31/03/2025, 612.00, arrears before the plan',
        '30/04/2025, 213.03',
        '30/05/2025, 213.03',
        '30/06/2025, 213.03',
      ].join('\n'),
    )
    await svc.setCmsStatement(
      WHO,
      check.id,
      ['03/02/2025', '03/03/2025', '01/04/2025', '01/05/2025', '02/06/2025', '30/06/2025']
        .map((d) => `${d}, Payment received, , 213.03,`)
        .join('\n'),
    )
    await svc.settings(WHO, check.id, { asOf: '2025-06-30', cmsArrearsPence: 61200 })

    contents = await svc.contents(WHO, check.id)
    const r = svc.reconcile(contents)!.value
    expect(r.unrecordedPayments!.map((p) => [p.date.toString(), toDecimal(p.amount)])).toEqual([
      ['2025-03-28', '612.00'],
    ])
    expect(toDecimal(r.difference!)).toBe('612.00')
    expect(r.receiptMatches).toHaveLength(6)

    // The parent rejects one proposed match: that payment is then unrecorded too, until another receipt fits.
    const m = r.receiptMatches[0]!
    await svc.decide(WHO, check.id, m.paymentId, m.entryId, 'rejected')
    const after = svc.reconcile(await svc.contents(WHO, check.id))!.value
    expect(after.receiptMatches.some((x) => x.paymentId === m.paymentId && x.entryId === m.entryId)).toBe(
      false,
    )

    expect(await svc.addPaymentsToTimeline(WHO, check.id)).toBe(7)
    expect(await svc.addPaymentsToTimeline(WHO, check.id)).toBe(0)
    const events = await caseFile.cases.timeline(WHO, c.id)
    const payments = events.filter((e) => e.type === 'payment')
    expect(payments).toHaveLength(7)
    expect(payments.find((e) => e.amountPence === 61200)!.occurredOn).toBe('2025-03-28')
    const evidence = await caseFile.cases.list(WHO, c.id, 'evidence')
    expect(evidence).toHaveLength(1)
    expect(evidence[0]!.mediaType).toBe('application/pdf')
    const linked = await caseFile.cases.linked(WHO, c.id, 'evidence', evidence[0]!.id)
    expect(linked).toHaveLength(7)
  })

  it('without an arrears figure, the statement of account’s last balance is the CMS’s figure, and it says so', async () => {
    const check = await svc.create(WHO, null)
    await svc.setSchedule(WHO, check.id, '31/01/2025, 100.00\n28/02/2025, 100.00')
    await svc.setCmsStatement(
      WHO,
      check.id,
      '31/01/2025, Due, 100.00, , 100.00\n28/02/2025, Due, 100.00, , 200.00\n31/03/2025, Due, 100.00, , 300.00',
    )
    await svc.settings(WHO, check.id, { asOf: '2025-02-28' })
    const t = svc.reconcile(await svc.contents(WHO, check.id))!
    expect(toDecimal(t.value.cmsArrears!)).toBe('200.00')
    expect(t.assumptions.map((a) => text(a)).join(' ')).toContain(
      'balance on the CMS statement of account on 28 February 2025',
    )
  })

  it('an unrecognised layout is kept for mapping; the mapping reads it and is saved as a profile', async () => {
    const check = await svc.create(WHO, null)
    const out = await svc.importFile(WHO, check.id, {
      fileName: 'x.csv',
      bytes: fixture('unknown-layout.csv'),
    })
    expect(out).toMatchObject({ kind: 'needs-mapping', columns: ['When', 'What', 'How much'] })
    if (out.kind !== 'needs-mapping') throw new Error('expected mapping')
    const mapped = await svc.mapStatement(
      WHO,
      check.id,
      out.statementId,
      { date: 'When', description: ['What'], amount: 'How much' },
      'My bank',
    )
    expect(mapped).toMatchObject({ kind: 'imported', added: 1 })
    expect((await svc.repo.profiles(WHO.ownerId)).map((p) => p.name)).toEqual(['My bank'])
  })

  it('bad rows and bad pasted lines are refused with the line named; nothing is half-imported', async () => {
    const check = await svc.create(WHO, null)
    expect(
      await refusalOf(svc.importFile(WHO, check.id, { fileName: 'x.csv', bytes: fixture('bad-date.csv') })),
    ).toMatch('line 3, column "Transaction Date"')
    expect((await svc.contents(WHO, check.id)).statements).toHaveLength(0)
    expect(
      await refusalOf(svc.setSchedule(WHO, check.id, '31/01/2025, 213.03\n28/02/2025, -213.03')),
    ).toMatch('schedule: line 2, column "amount": must not be negative')
    expect(await refusalOf(svc.setCmsStatement(WHO, check.id, '31/02/2025, x, 1.00'))).toMatch(
      'cmsStatement: line 1, column "date"',
    )
  })

  it('a check is private to its owner and to its case', async () => {
    const check = await svc.create(WHO, null)
    await expect(svc.get({ ownerId: 'someone-else', name: 'x' }, check.id)).rejects.toBeInstanceOf(NotFound)
  })
})

describe('the decisions register in a case', () => {
  it('gives what was due under the decisions, recomputed where the decision records its figures', async () => {
    const c = await caseFile.cases.createCase(WHO, {
      title: 'Jordan (decisions)',
      nation: 'scotland',
      role: 'paying',
      children: [{ name: 'Morgan', dateOfBirth: null }],
    } as never)
    // The CMS charged £49.16, but its own figures (£536.99 a week, 78 nights, one other child) give £49.16 too.
    await caseFile.cases.addDecision(WHO, c.id, {
      kind: 'calculation',
      letterDate: '2024-12-20',
      effectiveDate: '2025-01-06',
      weeklyAmount: '49.16',
      weeklyIncome: '536.99',
      nights: '78',
      otherChildren: '1',
    } as never)
    // A supersession from 7 April at £45.00, while its own figures (130 nights) give £40.96.
    await caseFile.cases.addDecision(WHO, c.id, {
      kind: 'supersession',
      letterDate: '2025-04-01',
      effectiveDate: '2025-04-07',
      weeklyAmount: '45.00',
      weeklyIncome: '536.99',
      nights: '130',
      otherChildren: '1',
    } as never)
    const check = await svc.create(WHO, c.id)
    await svc.settings(WHO, check.id, { asOf: '2025-06-30' })
    const contents = await svc.contents(WHO, check.id)
    const liability = await svc.liabilityFor(WHO, contents)
    expect(
      liability!.changes.map((x) => [
        x.from.toString(),
        toDecimal(x.weekly),
        x.correctWeekly === undefined ? null : toDecimal(x.correctWeekly),
      ]),
    ).toEqual([
      ['2025-01-06', '49.16', '49.16'],
      ['2025-04-07', '45.00', '40.96'],
    ])
    const r = svc.reconcile(contents, liability)!.value
    expect(toDecimal(r.liabilityDue!)).toBe('1224.08') // 13 × 49.16 + 13 × 45.00
    expect(toDecimal(r.liability!.overCharged!)).toBe('52.52') // 13 × 4.04
  })
})
