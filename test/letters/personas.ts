import { Readable } from 'node:stream'
import { Temporal } from '../../src/domain/shared/plain-date.ts'
import { LOCAL_OWNER, type Actor } from '../../src/domain/case/index.ts'
import { rules } from '../../src/rules/load.ts'
import { createCaseServices, type CaseServices } from '../../src/services/case-services.ts'
import type { Database } from '../../src/store/db.ts'
import { LetterService } from '../../src/services/letter.service.ts'
import { BundleService } from '../../src/services/bundle.service.ts'
import { textPdf } from '../fixtures/documents/pdfs.ts'

/** The personas' case files, built through the real services, for the letters and bundle tests. */

export const WHO: Actor = { ownerId: LOCAL_OWNER, name: 'you (test)' }
export const TODAY = Temporal.PlainDate.from('2025-09-20')

export interface Services {
  readonly caseFile: CaseServices
  readonly letters: LetterService
  readonly bundles: BundleService
}

export function services(database: Database, dataDir: string): Services {
  const caseFile = createCaseServices({
    database,
    dataDir,
    rules: rules(),
    maxUploadBytes: 20 * 1024 * 1024,
    today: () => TODAY,
  })
  const letters = new LetterService({ caseFile, rules: rules() })
  return { caseFile, letters, bundles: new BundleService({ caseFile, letters }) }
}

export const upload = (
  s: Services,
  caseId: string,
  fileName: string,
  bytes: Uint8Array,
  extra: Record<string, unknown> = {},
) =>
  s.caseFile.evidence.add(WHO, caseId, { fileName, content: Readable.from([Buffer.from(bytes)]), ...extra })

export async function amira(s: Services) {
  const c = await s.caseFile.cases.createCase(WHO, {
    title: 'Amira and Dan',
    nation: 'england',
    role: 'receiving',
    cmsReference: '1212 3456 7890',
    yourName: 'Amira Haddad',
    yourAddress: '14 Ash Grove\nLeeds\nLS6 2AB',
    otherParent: {
      name: 'Dan Walker',
      address: '8 Elm Street, Bradford',
      postcode: 'BD1 4XY',
      phone: '07700 900456',
      email: 'dan@example.com',
    },
    children: [{ name: 'Sami' }, { name: 'Lina' }],
  })
  const decision = await s.caseFile.cases.addDecision(WHO, c.id, {
    kind: 'annual-review',
    letterDate: '2025-02-03',
    summary: 'the annual review of the maintenance calculation',
    weeklyAmount: '82.06',
    weeklyIncome: '598.36',
    nights: '52',
    otherChildren: '0',
  })
  const call = await s.caseFile.cases.addEvent(WHO, c.id, {
    type: 'call',
    occurredOn: '2025-02-10',
    occurredTime: '10:15',
    title: 'Called the CMS about Dan’s new job',
    call: {
      personName: 'Kelly',
      personRole: 'adviser',
      iSaid: 'Dan started a new job in November 2024 at £45,000 a year, and lets a flat for £6,000 a year',
      theySaid: 'Kelly said the CMS would look into Dan’s current income',
    },
  })
  return { c, decision: decision.record, call: call.record }
}

export async function priya(s: Services) {
  const c = await s.caseFile.cases.createCase(WHO, {
    title: 'Priya',
    nation: 'wales',
    role: 'receiving',
    cmsReference: '121098765432',
    yourName: 'Priya Sharma',
    yourAddress: 'Flat 5, 22 Cathedral Road\nCardiff\nCF11 9LJ',
    otherParent: {
      name: 'Rob',
      address: '9 Heol y Deri\nRhiwbina',
      postcode: 'CF14 6HA',
      phone: '07700 900789',
      email: 'rob@example.org',
    },
    children: [{ name: 'Asha' }],
  })
  const add = (e: Parameters<CaseServices['cases']['addEvent']>[2]) => s.caseFile.cases.addEvent(WHO, c.id, e)
  await add({
    type: 'note',
    occurredOn: '2024-06-03',
    title: 'The CMS lost the payment records I sent',
    tags: ['complaint'],
  })
  await add({
    type: 'note',
    occurredOn: '2024-09-10',
    title: 'The CMS lost my documents a second time',
    tags: ['complaint', 'distress'],
  })
  await add({
    type: 'note',
    occurredOn: '2025-03-01',
    title: 'Nine months after I reported missed payments the CMS had still not acted',
    tags: ['complaint', 'delay'],
  })
  await add({
    type: 'letter-sent',
    occurredOn: '2025-03-10',
    title: 'Complaint to the CMS',
    letter: { subject: 'complaint', method: 'first-class' },
  })
  await add({
    type: 'payment',
    occurredOn: '2025-01-15',
    title: 'Calls to the CMS',
    amount: '38.40',
    tags: ['cost', 'calls'],
  })
  await add({
    type: 'payment',
    occurredOn: '2025-02-03',
    title: 'Bank charge after a late payment',
    amount: '12.00',
    tags: ['cost', 'bank-charges'],
  })
  const final = await add({
    type: 'letter-received',
    occurredOn: '2025-09-02',
    title: 'Final response from the DWP complaints team',
    letter: { subject: 'complaint-final-response', method: 'first-class', letterDate: '2025-09-02' },
  })
  return { c, final: final.record }
}

export async function jordan(s: Services) {
  const c = await s.caseFile.cases.createCase(WHO, {
    title: 'Jordan and Morgan',
    nation: 'scotland',
    role: 'paying',
    cmsReference: '121555666777',
    yourName: 'Jordan Mackay',
    yourAddress: '3/2 12 Byres Road\nGlasgow\nG11 5RD',
    otherParent: {
      name: 'Morgan Reid',
      address: '41 Dumbarton Road\nPartick',
      postcode: 'G11 6AA',
      phone: '0141 496 0555',
      email: 'morgan.reid@example.net',
    },
    children: [{ name: 'Alex' }],
  })
  const calc = await s.caseFile.cases.addDecision(WHO, c.id, {
    kind: 'calculation',
    letterDate: '2024-12-02',
    summary: 'the maintenance calculation counting 78 nights',
    weeklyAmount: '49.16',
    weeklyIncome: '536.99',
    nights: '78',
    otherChildren: '1',
  })
  const mrn = await s.caseFile.cases.addDecision(WHO, c.id, {
    kind: 'mandatory-reconsideration-notice',
    letterDate: '2025-03-14',
    summary: 'the number of nights Alex stays with me',
    weeklyAmount: '49.16',
    weeklyIncome: '536.99',
    nights: '78',
    otherChildren: '1',
  })
  return { c, calc: calc.record, mrn: mrn.record }
}

export async function chris(s: Services) {
  const c = await s.caseFile.cases.createCase(WHO, {
    title: 'Chris and Lee',
    nation: 'northern-ireland',
    role: 'paying',
    cmsReference: '121444555666',
    yourName: 'Chris O’Neill',
    yourAddress: '7 Lisburn Road\nBelfast\nBT9 6AA',
    otherParent: { name: 'Lee' },
    children: [{ name: 'Erin' }, { name: 'Ryan' }],
  })
  const mrn = await s.caseFile.cases.addDecision(WHO, c.id, {
    kind: 'mandatory-reconsideration-notice',
    letterDate: '2025-05-08',
    summary: 'my maintenance calculation',
  })
  return { c, mrn: mrn.record }
}

/** `n` evidence PDFs of about ten pages each, the first naming the other parent's address, phone and email. */
export async function manyPdfs(
  s: Services,
  caseId: string,
  n: number,
  other: { address: string; phone: string; email: string },
) {
  const ids: string[] = []
  for (let i = 1; i <= n; i++) {
    const pages = 9 + (i % 3)
    const bytes = await textPdf({
      pages,
      lines: (p) => [
        `Document ${i}, page ${p}`,
        ...(i === 1 && p === 1
          ? [`Letter sent to ${other.address}`, `Phone ${other.phone}`, `Email ${other.email}`]
          : []),
        ...Array.from({ length: 20 }, (_, k) => `Line ${k + 1}: payments, dates and amounts as recorded.`),
      ],
    })
    const e = await upload(s, caseId, `evidence-${i}.pdf`, bytes, {
      title: `Evidence ${i}`,
      documentDate: `2025-01-${String((i % 28) + 1).padStart(2, '0')}`,
    })
    ids.push(e.id)
  }
  return ids
}
