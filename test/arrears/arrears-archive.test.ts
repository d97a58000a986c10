/** Arrears checks travel in case archives (issue 13): exported whole, imported back as they were or as a copy under new ids, refused when wrong. */
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toDecimal } from '../../src/domain/shared/pence.ts'
import { parseDate } from '../../src/domain/shared/plain-date.ts'
import { rules } from '../../src/rules/load.ts'
import { ArrearsCheckService } from '../../src/services/arrears-check.service.ts'
import { createCaseServices, type CaseServices } from '../../src/services/case-services.ts'
import { fixedClock } from '../../src/services/clock.ts'
import { exportArrearsRows, type ArrearsRows } from '../../src/store/arrears.repository.ts'
import { WHO } from '../case/fixtures.ts'
import { testPglite, type TestDatabase } from '../helpers/pglite.ts'
import { refusalOf } from '../helpers/refusal.ts'

let db: TestDatabase
let db2: TestDatabase
let s: CaseServices
let s2: CaseServices
let arrears: ArrearsCheckService
let arrears2: ArrearsCheckService
const today = () => parseDate('2025-07-01')

beforeAll(async () => {
  ;[db, db2] = await Promise.all([testPglite(), testPglite()])
  const services = (d: TestDatabase) =>
    createCaseServices({
      database: d,
      dataDir: d.dataDir,
      rules: rules(),
      maxUploadBytes: 10 * 1024 * 1024,
      clock: fixedClock('2025-07-01'),
    })
  s = services(db)
  s2 = services(db2)
  arrears = new ArrearsCheckService({ db: db.db, rules: rules(), caseFile: s, today })
  arrears2 = new ArrearsCheckService({ db: db2.db, rules: rules(), caseFile: s2, today })
})
afterAll(async () => {
  await Promise.all([db?.destroy(), db2?.destroy()])
})

const jordanCsv = [
  'Date,Description,Money in,Money out,Balance',
  ...['30/01/2025', '27/02/2025', '28/03/2025'].map((d) => `${d},STANDING ORDER CMS 121000000001,,213.03,`),
  '28/03/2025,FASTER PAYMENT CMS 121000000001 ARREARS,,612.00,',
  '31/03/2025,CARD PAYMENT SUPERMARKET,,45.10,',
].join('\n')
/** A layout no built-in profile knows, mapped by the parent (so the mapping travels too). */
const ownLayout = ['When,What,How much', '2025-04-29,CMS 121000000001 APRIL,-213.03'].join('\n')

/** Jordan's case with a check that holds a bit of everything: two statements (one mapped), picks, schedule, CMS figures, a decision on a match, timeline events. */
async function jordan() {
  const c = await s.cases.createCase(WHO, { title: 'Jordan', nation: 'scotland', role: 'paying' })
  const check = await arrears.create(WHO, c.id, 'Arrears from January')
  await arrears.importFile(WHO, check.id, {
    fileName: 'santander.csv',
    bytes: new TextEncoder().encode(jordanCsv),
  })
  const mapped = await arrears.importFile(WHO, check.id, {
    fileName: 'own.csv',
    bytes: new TextEncoder().encode(ownLayout),
  })
  expect(mapped.kind).toBe('needs-mapping')
  await arrears.mapStatement(WHO, check.id, mapped.statementId, {
    date: 'When',
    description: ['What'],
    amount: 'How much',
  })
  const contents = await arrears.contents(WHO, check.id)
  await arrears.pick(
    WHO,
    check.id,
    arrears.filter(contents, 'cms').map((t) => t.id),
  )
  await arrears.setSchedule(
    WHO,
    check.id,
    '31/01/2025, 213.03\n28/02/2025, 213.03\n31/03/2025, 213.03\n31/03/2025, 612.00\n30/04/2025, 213.03',
  )
  await arrears.setCmsStatement(
    WHO,
    check.id,
    '03/02/2025, Payment received, , 213.03,\n03/03/2025, Payment received, , 213.03,\n01/04/2025, Payment received, , 213.03,',
  )
  await arrears.settings(WHO, check.id, {
    asOf: '2025-04-30',
    cmsArrearsPence: 82500,
    openingBalancePence: 10000,
    openingBalanceDate: '2025-01-01',
    openingBalanceScheme: 2003,
    openingBalanceSource: 'CMS letter of 2 January 2025',
  })
  const r = arrears.reconcile(await arrears.contents(WHO, check.id))!.value
  const m = r.receiptMatches[0]!
  await arrears.decide(WHO, check.id, m.paymentId, m.entryId, 'confirmed')
  expect(await arrears.addPaymentsToTimeline(WHO, check.id)).toBe(5)
  // A second check with nothing in it yet travels too.
  await arrears.create(WHO, c.id, 'Empty check')
  return { caseId: c.id, checkId: check.id }
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

/** Rewrites case.json in an archive (and its hash and size in the manifest), as a hostile or older archive would be. */
function rewrite(zip: string, out: string, change: (caseJson: Record<string, unknown>) => void): string {
  const files = unzipSync(new Uint8Array(readFileSync(zip)))
  const json = JSON.parse(strFromU8(files['case.json']!)) as Record<string, unknown>
  change(json)
  const caseJson = strToU8(JSON.stringify(json))
  const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as {
    files: { path: string; sha256: string; sizeBytes: number }[]
  }
  for (const f of manifest.files)
    if (f.path === 'case.json') Object.assign(f, { sha256: sha(caseJson), sizeBytes: caseJson.length })
  writeFileSync(
    out,
    zipSync({ ...files, 'case.json': caseJson, 'manifest.json': strToU8(JSON.stringify(manifest)) }),
  )
  return out
}

const figures = (
  svc: ArrearsCheckService,
  contents: Awaited<ReturnType<ArrearsCheckService['contents']>>,
) => {
  const r = svc.reconcile(contents)!.value
  return {
    paid: toDecimal(r.paid),
    difference: toDecimal(r.difference!),
    unrecorded: (r.unrecordedPayments ?? []).map((p) => [p.date.toString(), toDecimal(p.amount)]),
    matches: r.receiptMatches.length,
  }
}

describe('arrears checks in case archives', () => {
  let zip: string
  let caseId: string
  let checkId: string
  let exported: ArrearsRows

  beforeAll(async () => {
    ;({ caseId, checkId } = await jordan())
    zip = join(db.dataDir, 'jordan.zip')
    await s.caseArchive.export(WHO, caseId, zip)
    exported = await exportArrearsRows(db.db, WHO.ownerId, caseId)
  })

  it('the export carries every check and all it holds, each statement file byte for byte', async () => {
    const json = JSON.parse(strFromU8(unzipSync(new Uint8Array(readFileSync(zip)))['case.json']!)) as {
      arrears: ArrearsRows
    }
    expect(json.arrears.checks).toHaveLength(2)
    expect(json.arrears.statements).toHaveLength(2)
    expect(json.arrears.transactions).toHaveLength(6)
    expect(json.arrears.schedule).toHaveLength(5)
    expect(json.arrears.cmsFigures).toHaveLength(3)
    expect(json.arrears.matches).toHaveLength(1)
    expect(json.arrears.checks.some((c) => 'ownerId' in c)).toBe(false)
    const own = json.arrears.statements.find((x) => x.fileName === 'own.csv')!
    expect(Buffer.from(own.content, 'base64').toString('utf8')).toBe(ownLayout)
    expect(own.mapping).toEqual({ date: 'When', description: ['What'], amount: 'How much' })
    expect(json.arrears.transactions.filter((t) => t.eventId !== null)).toHaveLength(5)
    expect(json.arrears.statements.every((x) => x.evidenceId !== null)).toBe(true)
  })

  it('imports into another data folder exactly as it was: same ids, same rows, same figures', async () => {
    const imported = await s2.caseArchive.import(WHO, zip)
    expect(imported).toMatchObject({ id: caseId, importedAsCopy: false })
    expect(await exportArrearsRows(db2.db, WHO.ownerId, caseId)).toEqual(exported)
    const there = await arrears2.contents(WHO, checkId)
    expect(there.check.openingBalanceSource).toBe('CMS letter of 2 January 2025')
    expect(figures(arrears2, there)).toEqual(figures(arrears, await arrears.contents(WHO, checkId)))
    expect(figures(arrears2, there).unrecorded).toEqual([
      ['2025-03-28', '612.00'],
      ['2025-04-29', '213.03'],
    ])
    // The statement file itself, and re-importing it adds nothing.
    const santander = there.statements.find((x) => x.fileName === 'santander.csv')!
    expect(new TextDecoder().decode((await arrears2.repo.statementContent(checkId, santander.id))!)).toBe(
      jordanCsv,
    )
    const again = await arrears2.importFile(WHO, checkId, {
      fileName: 'santander.csv',
      bytes: new TextEncoder().encode(jordanCsv),
    })
    expect(again).toMatchObject({ kind: 'imported', added: 0 })
  })

  it('imports as a copy under new ids where the case is already here, every reference following', async () => {
    const copy = await s.caseArchive.import(WHO, zip)
    expect(copy.importedAsCopy).toBe(true)
    const rows = await exportArrearsRows(db.db, WHO.ownerId, copy.id)
    expect(rows.checks).toHaveLength(2)
    const old = new Set([
      ...exported.checks.map((c) => c.id),
      ...exported.statements.map((x) => x.id),
      ...exported.transactions.map((t) => t.id),
      ...exported.schedule.map((x) => x.id),
      ...exported.cmsFigures.map((x) => x.id),
    ])
    for (const id of [
      ...rows.checks.map((c) => c.id),
      ...rows.statements.map((x) => x.id),
      ...rows.transactions.map((t) => t.id),
      ...rows.schedule.map((x) => x.id),
      ...rows.cmsFigures.map((x) => x.id),
    ])
      expect(old.has(id)).toBe(false)
    expect(rows.checks.every((c) => c.caseId === copy.id)).toBe(true)
    const events = new Set((await s.cases.list(WHO, copy.id, 'event')).map((e) => e.id))
    const evidence = new Set((await s.cases.list(WHO, copy.id, 'evidence')).map((e) => e.id))
    expect(rows.transactions.filter((t) => t.eventId !== null).every((t) => events.has(t.eventId!))).toBe(
      true,
    )
    expect(rows.statements.every((x) => evidence.has(x.evidenceId!))).toBe(true)
    const copied = rows.checks.find((c) => c.title === 'Arrears from January')!
    const contents = await arrears.contents(WHO, copied.id)
    expect(contents.matches).toHaveLength(1)
    expect(figures(arrears, contents)).toEqual(figures(arrears, await arrears.contents(WHO, checkId)))
    // The original is untouched.
    expect(await exportArrearsRows(db.db, WHO.ownerId, caseId)).toEqual(exported)
  })

  it('an archive from before arrears checks (no arrears key) still imports', async () => {
    const old = rewrite(zip, join(db.dataDir, 'old.zip'), (j) => delete j.arrears)
    const imported = await s.caseArchive.import(WHO, old)
    expect((await exportArrearsRows(db.db, WHO.ownerId, imported.id)).checks).toEqual([])
  })

  it('refuses wrong arrears rows naming the row, and writes nothing', async () => {
    const cases = async () => (await s.cases.listCases(WHO)).length
    const before = await cases()
    const bad: [string, (a: ArrearsRows & Record<string, unknown[]>) => void, RegExp][] = [
      [
        'an owner smuggled in',
        (a) => Object.assign(a.checks[0]!, { ownerId: 'someone-else' }),
        /arrears\.checks, row 1/,
      ],
      [
        'a statement file changed',
        (a) => Object.assign(a.statements[0]!, { content: Buffer.from('Date,Other\n').toString('base64') }),
        /arrears\.statements, row 1: the statement file does not match/,
      ],
      [
        'a transaction from a statement not held',
        (a) => Object.assign(a.transactions[0]!, { statementId: 'not-there' }),
        /arrears\.transactions, row 1: comes from a statement/,
      ],
      [
        'a match to a figure not held',
        (a) => Object.assign(a.matches[0]!, { cmsFigureId: 'not-there' }),
        /arrears\.matches, row 1/,
      ],
      [
        'money with a fraction of a penny',
        (a) => Object.assign(a.schedule[0]!, { amountPence: 213.5 }),
        /arrears\.schedule, row 1, field amountPence/,
      ],
      [
        'a check in another case',
        (a) => Object.assign(a.checks[0]!, { caseId: 'other' }),
        /belongs to another case/,
      ],
    ]
    for (const [what, change, message] of bad) {
      const file = rewrite(zip, join(db.dataDir, 'bad.zip'), (j) =>
        change(j.arrears as ArrearsRows & Record<string, unknown[]>),
      )
      expect(await refusalOf(s.caseArchive.import(WHO, file)), what).toMatch(message)
    }
    expect(await cases()).toBe(before)
  })
})
