/** The arrears section of the bundle (issue 13): a check's ledger goes in as section F with its figures; the parent can leave it out. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { extractPageTexts } from '../../src/documents/index.ts'
import { InvalidInput } from '../../src/domain/shared/errors.ts'
import { parseDate } from '../../src/domain/shared/plain-date.ts'
import { rules } from '../../src/rules/load.ts'
import { ArrearsCheckService } from '../../src/services/arrears-check.service.ts'
import { saveLedgerToCase } from '../../src/services/arrears-letters.service.ts'
import { BundleService } from '../../src/services/bundle.service.ts'
import { createCaseServices, type CaseServices } from '../../src/services/case-services.ts'
import { LetterService } from '../../src/services/letter.service.ts'
import { WHO } from '../case/fixtures.ts'
import { testPglite, type TestDatabase } from '../helpers/pglite.ts'

let database: TestDatabase
let caseFile: CaseServices
let arrears: ArrearsCheckService
let bundles: BundleService

beforeAll(async () => {
  database = await testPglite()
  caseFile = createCaseServices({
    database,
    dataDir: database.dataDir,
    rules: rules(),
    maxUploadBytes: 10 * 1024 * 1024,
  })
  arrears = new ArrearsCheckService({
    db: database.db,
    rules: rules(),
    caseFile,
    today: () => parseDate('2025-07-01'),
  })
  const letters = new LetterService({ caseFile, rules: rules() })
  bundles = new BundleService({ caseFile, letters, arrears })
})
afterAll(async () => database?.destroy())

/** Persona Jordan's statement: six standing orders and the £612 lump sum the CMS did not record. */
const jordanCsv = [
  'Date,Description,Money in,Money out,Balance',
  ...['30/01/2025', '27/02/2025', '28/03/2025', '29/04/2025', '29/05/2025', '27/06/2025'].map(
    (d) => `${d},STANDING ORDER CMS 121000000001,,213.03,`,
  ),
  '28/03/2025,FASTER PAYMENT CMS 121000000001 ARREARS,,612.00,',
].join('\n')

async function jordanCase(): Promise<{ caseId: string; checkId: string }> {
  const c = await caseFile.cases.createCase(WHO, {
    title: 'Jordan',
    nation: 'scotland',
    role: 'paying',
    cmsReference: '121000000001',
    yourName: 'Jordan Example',
  })
  await caseFile.cases.addEvent(WHO, c.id, {
    type: 'note',
    occurredOn: '2025-07-01',
    title: 'Told I owe £612 in arrears',
  })
  const check = await arrears.create(WHO, c.id, 'Arrears from January')
  await arrears.importFile(WHO, check.id, {
    fileName: 'statement.csv',
    bytes: new TextEncoder().encode(jordanCsv),
  })
  const contents = await arrears.contents(WHO, check.id)
  await arrears.pick(
    WHO,
    check.id,
    contents.transactions.map((t) => t.id),
  )
  await arrears.setSchedule(
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
  await arrears.setCmsStatement(
    WHO,
    check.id,
    ['03/02/2025', '03/03/2025', '01/04/2025', '01/05/2025', '02/06/2025', '30/06/2025']
      .map((d) => `${d}, Payment received, , 213.03,`)
      .join('\n'),
  )
  await arrears.settings(WHO, check.id, { asOf: '2025-06-30', cmsArrearsPence: 61200 })
  return { caseId: c.id, checkId: check.id }
}

describe('the arrears section of the bundle', () => {
  it('a case with an arrears check has section F with the ledger, its figures and the unrecorded £612', async () => {
    const { caseId, checkId } = await jordanCase()
    const offered = await bundles.arrearsLedgers(WHO, caseId)
    expect(offered.map((l) => l.id)).toEqual([checkId])

    const { pdf, report } = await bundles.build(WHO, caseId)
    const entry = report.entries.find((e) => e.section === 'arrears')!
    expect(entry).toMatchObject({
      number: 'F1',
      made: 'by Redress',
      title: 'Arrears ledger and discrepancy schedule to 30 June 2025 (Arrears from January)',
    })
    const pages = await extractPageTexts(pdf)
    const text = pages
      .slice(entry.firstPage - 1, entry.lastPage)
      .map((p) => p.text)
      .join('\n')
      .replace(/\s+/g, ' ')
    expect(text).toContain('CMS reference: 121000000001')
    // The headline, the difference and its cause, and the month-by-month totals.
    expect(text).toContain('£612.00')
    expect(text).toMatch(/28 March 2025/)
    expect(text).toContain('Month by month')
    expect(text).toContain('£1,890.18') // due under the schedule: 6 × £213.03 + £612.00
    expect(text).toContain('How it was worked out')
    // The index lists the section and its page.
    const index = pages.map((p) => p.text).join('\n')
    expect(index).toContain('F. Arrears: ledger and discrepancy schedule')
  })

  it('the parent can leave the ledger out; a check that is not there is refused naming the field', async () => {
    const { caseId } = await jordanCase()
    const { report } = await bundles.build(WHO, caseId, { arrearsChecks: [] })
    expect(report.entries.filter((e) => e.section === 'arrears')).toEqual([])
    await expect(bundles.build(WHO, caseId, { arrearsChecks: ['no-such-check'] })).rejects.toThrow(
      InvalidInput,
    )
  })

  it('a complaint bundle (arrears cannot be appealed) names the complainant and does not look for appeal documents', async () => {
    const { caseId } = await jordanCase()
    const appeal = await bundles.build(WHO, caseId)
    expect(appeal.report.title).toBe('Appeal bundle')
    expect(appeal.report.warnings.join(' ')).toMatch(/reconsideration notice/i)
    const { pdf, report } = await bundles.build(WHO, caseId, { purpose: 'complaint' })
    expect(report.title).toBe('Complaint bundle')
    expect(report.warnings).toEqual([])
    expect(report.entries.some((e) => e.section === 'arrears')).toBe(true)
    const cover = (await extractPageTexts(pdf))[0]!.text.replace(/\s+/g, ' ')
    expect(cover).toContain('Complaint bundle')
    expect(cover).toContain('Complainant: Jordan Example')
    expect(cover).not.toContain('Appellant')
  })

  it('a ledger saved to the case earlier is left out by default when a fresh one is drawn, and goes in when picked', async () => {
    const { caseId, checkId } = await jordanCase()
    const contents = await arrears.contents(WHO, checkId)
    const savedId = await saveLedgerToCase({
      contents,
      reconciliation: arrears.reconcile(contents)!.value,
      today: parseDate('2025-07-01'),
      caseFile,
      who: WHO,
      steps: [],
    })
    const fresh = await bundles.build(WHO, caseId)
    expect(fresh.report.entries.filter((e) => e.section === 'arrears').map((e) => e.made)).toEqual([
      'by Redress',
    ])
    const picked = await bundles.build(WHO, caseId, { documents: [savedId] })
    expect(picked.report.entries.filter((e) => e.section === 'arrears').map((e) => e.made)).toEqual([
      'by Redress',
      'from a file',
    ])
  })

  it('a case without an arrears check has no arrears section', async () => {
    const c = await caseFile.cases.createCase(WHO, { title: 'No check', nation: 'england', role: 'paying' })
    await caseFile.cases.addEvent(WHO, c.id, {
      type: 'note',
      occurredOn: '2025-03-01',
      title: 'Something happened',
    })
    const { report } = await bundles.build(WHO, c.id)
    expect(report.entries.some((e) => e.section === 'arrears')).toBe(false)
    expect(await bundles.arrearsLedgers(WHO, c.id)).toEqual([])
    // A check with no "as of" date has no ledger yet, so no section either.
    await arrears.create(WHO, c.id)
    expect(await bundles.arrearsLedgers(WHO, c.id)).toEqual([])
  })

  it('without the arrears service (older wiring) the bundle has no arrears section', async () => {
    const { caseId } = await jordanCase()
    const plain = new BundleService({ caseFile, letters: new LetterService({ caseFile, rules: rules() }) })
    const { report } = await plain.build(WHO, caseId)
    expect(report.entries.some((e) => e.section === 'arrears')).toBe(false)
  })
})
