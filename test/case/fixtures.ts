import { deflateSync } from 'node:zlib'
import { strToU8, zipSync } from 'fflate'
import { Temporal } from '../../src/domain/shared/plain-date.ts'
import { LOCAL_OWNER, type Actor } from '../../src/domain/case/index.ts'
import { rules } from '../../src/rules/load.ts'
import { createCaseServices, type CaseServices } from '../../src/services/case-services.ts'
import { fixedClock } from '../../src/services/clock.ts'
import type { Database } from '../../src/store/db.ts'

/** Test data for the case file: small real files of each kind, and a whole case built through the services. */

export const WHO: Actor = { ownerId: LOCAL_OWNER, name: 'you (test)' }
export const TODAY = Temporal.PlainDate.from('2025-03-20')

export function services(
  database: Database,
  dataDir: string,
  maxUploadBytes = 2 * 1024 * 1024,
): CaseServices {
  return createCaseServices({ database, dataDir, rules: rules(), maxUploadBytes, clock: fixedClock(TODAY) })
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (b: Uint8Array): number => {
  let c = 0xffffffff
  for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
const chunk = (type: string, data: Uint8Array): Buffer => {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(td))
  return Buffer.concat([len, td, crc])
}

/** A real PNG image, `size` pixels square, in one colour. */
export function png(size = 8, rgb: [number, number, number] = [11, 110, 79]): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 8
  ihdr[9] = 2
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => rgb).flat())])
  const raw = Buffer.concat(Array.from({ length: size }, () => row))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ])
}

/** A small PDF with one page of text. */
export function pdf(text = 'CMS letter'): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let body = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((o, i) => {
    offsets.push(body.length)
    body += `${i + 1} 0 obj\n${o}\nendobj\n`
  })
  const xref = body.length
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}

export const jpeg = (): Buffer =>
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9])
export const eml = (): Buffer =>
  Buffer.from(
    'From: cms@example.gov.uk\r\nTo: amira@example.com\r\nSubject: Your case\r\nDate: Mon, 3 Feb 2025 10:00:00 +0000\r\n\r\nWe have received your call.\r\n',
  )
export const docx = (): Buffer =>
  Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      '_rels/.rels': strToU8('<Relationships/>'),
      'word/document.xml': strToU8('<w:document/>'),
    }),
  )
export const heicHeader = (): Buffer => {
  const b = Buffer.alloc(64)
  b.writeUInt32BE(24, 0)
  b.write('ftypheic', 4, 'ascii')
  b.write('mif1heic', 16, 'ascii')
  return b
}

export async function* once(b: Uint8Array): AsyncIterable<Uint8Array> {
  yield b
}

/**
 * Amira's case (the personas): the annual review, a call and the letter confirming it with proof
 * of postage, a reconsideration request, evidence of every kind, an amendment, something binned
 * and restored, and a task done — so every table and the history have rows.
 */
export async function amirasCase(s: CaseServices) {
  const c = await s.cases.createCase(WHO, {
    title: 'Amira and Dan',
    nation: 'england',
    role: 'receiving',
    cmsReference: '1211 2345 6789',
    yourName: 'Amira Khan',
    yourAddress: '1 Park Lane\nLeeds',
    otherParent: {
      name: 'Dan',
      address: '9 Mill Street\nLeeds',
      postcode: 'LS2 7AB',
      phone: '07700 900456',
      email: 'dan@example.com',
    },
    children: [
      { name: 'Sara', dateOfBirth: '2016-09-01' },
      { name: 'Yusuf', dateOfBirth: '2013-11-20' },
    ],
  })
  const review = await s.cases.addDecision(WHO, c.id, {
    kind: 'annual-review',
    letterDate: '2025-02-03',
    receivedDate: '2025-02-05',
    weeklyAmount: '82.06',
    weeklyIncome: '598.36',
    nights: '52',
    otherChildren: '0',
    tags: 'income, review',
  })
  const letterPdf = await s.evidence.add(WHO, c.id, {
    fileName: 'annual-review.pdf',
    content: once(pdf('Annual review')),
    title: 'CMS annual review letter',
    documentDate: '2025-02-03',
    linkTo: { type: 'decision', id: review.record.id, role: 'letter' },
  })
  const call = await s.cases.addEvent(WHO, c.id, {
    type: 'call',
    occurredOn: '2025-02-10',
    occurredTime: '10:15',
    title: 'Phone call with the CMS',
    call: {
      numberDialled: '0800 171 2345',
      durationMinutes: '14',
      personName: 'Kelly',
      personRole: 'adviser',
      theySaid: 'They would look into it',
      iSaid: 'Dan has a new job at £45,000',
      actions: [{ text: 'look into the income', due: '2025-02-17' }],
      followUpOn: '2025-02-24',
    },
    tags: ['income'],
  })
  const receipt = await s.evidence.add(WHO, c.id, {
    fileName: 'receipt.png',
    content: once(png()),
    title: 'Certificate of posting',
  })
  const confirmation = await s.cases.addEvent(WHO, c.id, {
    type: 'letter-sent',
    occurredOn: '2025-02-11',
    title: 'Letter confirming the call of 10 February',
    letter: {
      subject: 'call-confirmation',
      method: 'first-class',
      letterDate: '2025-02-11',
      counterparty: 'Child Maintenance Service',
      certificateNumber: 'CP123456',
    },
    confirmsCallId: call.record.id,
    proofEvidenceId: receipt.id,
  })
  const mr = await s.cases.addEvent(WHO, c.id, {
    type: 'letter-sent',
    occurredOn: '2025-02-20',
    title: 'Mandatory reconsideration request',
    letter: {
      subject: 'mandatory-reconsideration',
      method: 'signed-for',
      trackingNumber: 'AB123456789GB',
      deliveredOn: '2025-02-21',
    },
    aboutDecisionId: review.record.id,
  })
  const photo = await s.evidence.add(WHO, c.id, {
    fileName: 'photo.jpg',
    content: once(jpeg()),
    title: 'Photo of payslip',
    tags: 'income',
  })
  const email = await s.evidence.add(WHO, c.id, {
    fileName: 'email.eml',
    content: once(eml()),
    linkTo: { type: 'event', id: call.record.id },
  })
  const word = await s.evidence.add(WHO, c.id, {
    fileName: 'notes.docx',
    content: once(docx()),
    description: 'My notes',
  })
  const heic = await s.evidence.add(WHO, c.id, { fileName: 'IMG_0001.HEIC', content: once(heicHeader()) })
  const payment = await s.cases.addEvent(WHO, c.id, {
    type: 'payment',
    occurredOn: '2025-03-01',
    title: 'Payment from Dan',
    amount: '82.06',
  })
  await s.cases.amendDecision(WHO, c.id, review.record.id, {
    kind: 'annual-review',
    letterDate: '2025-02-03',
    receivedDate: '2025-02-05',
    weeklyAmount: '82.06',
    weeklyIncome: '598.36',
    nights: '52',
    otherChildren: '0',
    summary: 'Used the HMRC figure of £31,200',
    tags: 'income, review',
  })
  const note = await s.cases.addEvent(WHO, c.id, {
    type: 'note',
    occurredOn: '2025-03-02',
    title: 'A note I binned',
  })
  await s.cases.bin(WHO, c.id, 'event', note.record.id)
  await s.cases.bin(WHO, c.id, 'event', payment.record.id)
  await s.cases.restore(WHO, c.id, 'event', payment.record.id)
  const manual = await s.cases.addTask(WHO, c.id, {
    title: 'Ask Gingerbread for advice',
    dueOn: '2025-03-25',
  })
  await s.cases.setTaskDone(WHO, c.id, manual.id, true)
  return {
    c,
    review,
    letterPdf,
    call,
    receipt,
    confirmation,
    mr,
    photo,
    email,
    word,
    heic,
    payment,
    note,
    manual,
  }
}
