import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sameOrigin, testApp, type TestApp } from '../../../../test/helpers/app.ts'
import type { CaseServices } from '../../../services/case-services.ts'
import { amira, chris, jordan, WHO } from '../../../../test/letters/personas.ts'
import { textPdf } from '../../../../test/fixtures/documents/pdfs.ts'
import { inspectPdf, squash } from '../../../../test/fixtures/documents/inspect.ts'

/**
 * The letter page (issue #11): it opens clean, says where the letter goes (with the source and an
 * "unconfirmed" mark), says out loud when the route is late or past its outer limit, keeps the notes
 * for the parent out of the letter, lists the evidence the parent encloses, and keeps a photo of the
 * certificate of posting with the letter when it is recorded as sent.
 */

let t: TestApp
let caseFile: CaseServices
let A: Awaited<ReturnType<typeof amira>>
let J: Awaited<ReturnType<typeof jordan>>
let C: Awaited<ReturnType<typeof chris>>
let payslipId = ''

beforeAll(async () => {
  t = await testApp()
  // The app's own services (createServices, through testApp): the same wiring the pages use.
  const s = t.services
  caseFile = s.caseFile
  A = await amira(s)
  J = await jordan(s)
  C = await chris(s)
  const e = await caseFile.evidence.add(WHO, A.c.id, {
    fileName: 'payslip.pdf',
    content: Readable.from([Buffer.from(await textPdf({ pages: 1 }))]),
    title: 'Dan’s payslip, November 2024',
    documentDate: '2024-11-30',
  })
  payslipId = e.id
}, 60_000)
afterAll(() => t.close())

const encode = (o: Record<string, string | string[]>): string => {
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(o)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x)
  return p.toString()
}
const post = (url: string, body: Record<string, string | string[]>) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...sameOrigin() },
    payload: encode(body),
  })

/** The form as the browser sends it (multipart), with an optional file. */
function multipart(
  fields: Record<string, string | string[]>,
  file?: { name: string; field: string; type: string; bytes: Uint8Array },
): { body: Buffer; type: string } {
  const b = 'redressboundary7MA4YWxkTrZu0gW'
  const parts: Buffer[] = []
  for (const [k, v] of Object.entries(fields))
    for (const x of Array.isArray(v) ? v : [v])
      parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${x}\r\n`))
  if (file)
    parts.push(
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      Buffer.from(file.bytes),
      Buffer.from('\r\n'),
    )
  parts.push(Buffer.from(`--${b}--\r\n`))
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${b}` }
}

const pdfText = async (bytes: Buffer): Promise<string> =>
  squash((await inspectPdf(new Uint8Array(bytes))).pages.join('\n'))

const dated = (d: string) => {
  const [y, m, day] = d.split('-')
  return { 'date-day': String(Number(day)), 'date-month': String(Number(m)), 'date-year': y! }
}

describe('where the letter goes', () => {
  it('gives the Independent Case Examiner’s address with its source', async () => {
    const r = await t.app.inject(`/cases/${A.c.id}/write/ice-referral`)
    expect(r.statusCode).toBe(200)
    expect(r.body).toContain('PO Box 209')
    expect(r.body).toContain('L20 7WA')
    expect(r.body).toContain(
      'https://www.gov.uk/government/organisations/independent-case-examiner/about/complaints-procedure',
    )
    expect(r.body).toMatch(/Checked on \d+ \w+ 20\d\d/)
  })

  it('marks an unconfirmed address (an MP at the House of Commons) as unconfirmed', async () => {
    const r = await t.app.inject(`/cases/${A.c.id}/write/mp-letter`)
    expect(r.body).toContain('SW1A 0AA')
    expect(r.body).toContain('Unconfirmed')
    expect(r.body).toContain('Check it before you send the letter')
  })

  it('says the CMS address comes from advice charities, without calling it unconfirmed', async () => {
    const r = await t.app.inject(`/cases/${A.c.id}/write/mandatory-reconsideration`)
    const recipient = r.body.slice(
      r.body.indexOf('id="recipient"'),
      r.body.indexOf('</div>', r.body.indexOf('id="recipient"')),
    )
    expect(recipient).toContain('WV98 2BU')
    expect(recipient).toContain('on advice charities&#39; pages, not on an official one')
    expect(recipient).not.toContain('Unconfirmed')
    expect(recipient).not.toContain('We could not confirm this address')
  })

  it('says to use the address printed on form SSCS2, on the page and in the letter', async () => {
    const page = await t.app.inject(`/cases/${J.c.id}/write/appeal-covering-letter`)
    expect(page.body).toContain('Use the address printed on form SSCS2')
    const pdf = await post(`/cases/${J.c.id}/write/appeal-covering-letter`, {
      ...dated('2025-03-20'),
      action: 'pdf',
    })
    expect(pdf.statusCode).toBe(200)
    expect(await pdfText(pdf.rawPayload)).toContain('Use the address printed on form SSCS2')
  })

  it('gives The Appeals Service in Belfast for a Northern Ireland appeal, marked unconfirmed', async () => {
    const r = await t.app.inject(`/cases/${C.c.id}/write/ni-appeal`)
    expect(r.body).toContain('The Appeals Service')
    expect(r.body).toContain('BT1 5JA')
    expect(r.body).toContain('Unconfirmed')
  })

  it('says in the notes for the parent, not the letter, that an address is unconfirmed', async () => {
    const base = {
      ...dated('2025-06-01'),
      'word-mpName': 'Jane Example MP',
      'word-summary': 'My case is stuck.',
      'word-helpWanted': 'Please ask the CMS to answer my letters.',
    }
    const notes = await post(`/cases/${A.c.id}/write/mp-letter`, { ...base, action: 'notes' })
    const summary = notes.body.indexOf('govuk-error-summary')
    expect(notes.statusCode, notes.body.slice(summary, summary + 800)).toBe(200)
    expect(await pdfText(notes.rawPayload)).toContain('The address of House of Commons is not confirmed')
    const letter = await post(`/cases/${A.c.id}/write/mp-letter`, { ...base, action: 'pdf' })
    expect(await pdfText(letter.rawPayload)).not.toContain('not confirmed')
  })
})

describe('late is said out loud', () => {
  it('says a reconsideration request is in time before the limit', async () => {
    const r = await post(`/cases/${A.c.id}/write/mandatory-reconsideration`, {
      ...dated('2025-02-20'),
      action: 'update',
    })
    expect(r.body).toContain('You are in time. The time limit ends on 5 March 2025.')
    expect(r.body).not.toContain('This is late')
  })

  it('says first that a request after the 30 days is late, and offers the late request', async () => {
    const r = await post(`/cases/${A.c.id}/write/mandatory-reconsideration`, {
      ...dated('2025-04-01'),
      action: 'update',
    })
    const banner = r.body.indexOf('This is late')
    expect(banner).toBeGreaterThan(0)
    expect(banner).toBeLessThan(r.body.indexOf('Where it goes'))
    expect(r.body).toContain('ended on 5 March 2025')
    expect(r.body).toContain(`/cases/${A.c.id}/write/late-mandatory-reconsideration`)
  })

  it('puts the parent’s own reason in the late request, word for word', async () => {
    const reason =
      'I was in hospital from 20 February to 28 March 2025, and my post, including the decision, waited at home.'
    const r = await post(`/cases/${A.c.id}/write/late-mandatory-reconsideration`, {
      ...dated('2025-04-01'),
      'word-grounds': 'Dan started a new job in November 2024, and earns £863.01 a week.',
      'word-lateReason': reason,
      action: 'pdf',
    })
    expect(r.statusCode).toBe(200)
    const text = await pdfText(r.rawPayload)
    expect(text).toContain(squash(reason))
    expect(text).toContain('Dan started a new job in November 2024, and earns £863.01 a week.')
    expect(text).toContain('outside the usual time limit')
  })

  it('past the outer limit, says what remains', async () => {
    const r = await post(`/cases/${A.c.id}/write/mandatory-reconsideration`, {
      ...dated('2026-06-01'),
      action: 'update',
    })
    expect(r.body).toContain('The time limit has passed')
    expect(r.body).toContain(`/cases/${A.c.id}/write/revision-any-time`)
    expect(r.body).toContain(`/cases/${A.c.id}/write/change-of-circumstances`)
    expect(r.body).toContain(`/cases/${A.c.id}/write/complaint`)
  })
})

describe('notes, enclosures and proof of postage', () => {
  const call = () => ({ ...dated('2025-02-11'), callId: A.call.id })

  it('shows the notes for the parent on the page and as their own PDF, never in the letter', async () => {
    const page = await post(`/cases/${A.c.id}/write/call-confirmation`, { ...call(), action: 'update' })
    expect(page.body).toContain('Notes for you (do not send)')
    const letter = await post(`/cases/${A.c.id}/write/call-confirmation`, { ...call(), action: 'pdf' })
    const letterText = await pdfText(letter.rawPayload)
    expect(letterText).not.toContain('Before you send this')
    expect(letterText).not.toContain('certificate of posting')
    const notes = await post(`/cases/${A.c.id}/write/call-confirmation`, { ...call(), action: 'notes' })
    expect(notes.statusCode).toBe(200)
    expect(String(notes.headers['content-disposition'])).toContain('notes-for-you')
    const notesText = await pdfText(notes.rawPayload)
    expect(notesText).toContain('Before you send this')
    expect(notesText).toContain('certificate of posting')
  })

  it('lists the evidence the parent encloses, in the preview and the PDF', async () => {
    const page = await post(`/cases/${A.c.id}/write/call-confirmation`, {
      ...call(),
      enclose: payslipId,
      action: 'update',
    })
    const preview = page.body.slice(page.body.indexOf('id="preview"'))
    expect(preview).toContain('Dan’s payslip, November 2024 (30 November 2024)')
    const pdf = await post(`/cases/${A.c.id}/write/call-confirmation`, {
      ...call(),
      enclose: payslipId,
      action: 'pdf',
    })
    expect(await pdfText(pdf.rawPayload)).toContain('Dan’s payslip, November 2024 (30 November 2024)')
  })

  it('keeps a photo of the certificate of posting with the letter when it is recorded as sent', async () => {
    const proof = await textPdf({ pages: 1 })
    const { body, type } = multipart(
      {
        ...call(),
        method: 'first-class',
        'sentOn-day': '11',
        'sentOn-month': '2',
        'sentOn-year': '2025',
        certificate: 'CP 998877',
        enclose: payslipId,
        action: 'send',
      },
      { field: 'proof', name: 'certificate.pdf', type: 'application/pdf', bytes: proof },
    )
    const r = await t.app.inject({
      method: 'POST',
      url: `/cases/${A.c.id}/write/call-confirmation`,
      headers: { 'content-type': type, ...sameOrigin() },
      payload: body,
    })
    expect(r.statusCode).toBe(200)
    expect(r.body).toContain('Letter recorded as sent')
    expect(r.body).toContain('Proof of postage kept with the letter')
    const sent = (await caseFile.cases.timeline(WHO, A.c.id)).find(
      (e) => e.type === 'letter-sent' && e.letter?.certificateNumber === 'CP 998877',
    )
    expect(sent).toBeDefined()
    const linked = await caseFile.cases.linked(WHO, A.c.id, 'event', sent!.id)
    const roles = linked.map((l) => [l.link.role, l.title])
    expect(roles).toContainEqual(['proof-of-postage', 'Proof of postage (11 February 2025)'])
    expect(roles).toContainEqual(['evidence', 'Dan’s payslip, November 2024'])
    // It is evidence in the case file like any other, so the bundle offers it (with the correspondence).
    const evidence = await caseFile.cases.list(WHO, A.c.id, 'evidence')
    const proofRecord = evidence.find((e) => e.tags.includes('proof-of-postage'))
    expect(proofRecord?.mediaType).toBe('application/pdf')
    const offered = await t.services.bundles.candidates(WHO, A.c.id)
    expect(offered.find((c) => c.id === proofRecord?.id)).toMatchObject({ section: 'correspondence' })
  })

  it('refuses a proof of postage that is not a picture or PDF, saving nothing', async () => {
    const before = (await caseFile.cases.timeline(WHO, A.c.id)).length
    const { body, type } = multipart(
      { ...call(), method: 'first-class', action: 'send' },
      { field: 'proof', name: 'notes.txt', type: 'text/plain', bytes: Buffer.from('hello') },
    )
    const r = await t.app.inject({
      method: 'POST',
      url: `/cases/${A.c.id}/write/call-confirmation`,
      headers: { 'content-type': type, ...sameOrigin() },
      payload: body,
    })
    expect(r.statusCode).toBe(400)
    expect(r.body).toContain('govuk-error-summary')
    expect(r.body).toContain('href="#proof"')
    expect((await caseFile.cases.timeline(WHO, A.c.id)).length).toBe(before)
  })
})

describe('the call paragraph only when a call records it', () => {
  it('says the reconsideration was asked for by phone once the call form records it', async () => {
    const before = await post(`/cases/${J.c.id}/write/mandatory-reconsideration`, {
      ...dated('2024-12-20'),
      'word-grounds': 'Alex stays with me two nights a week.',
      action: 'pdf',
    })
    expect(await pdfText(before.rawPayload)).not.toContain('by phone')
    const r = await post(`/cases/${J.c.id}/calls/new`, {
      'occurredOn-day': '9',
      'occurredOn-month': '12',
      'occurredOn-year': '2024',
      title: 'Asked the CMS to look again at the nights',
      'call-askedForReconsideration': 'yes',
    })
    expect(r.statusCode).toBeLessThan(400)
    const call = (await caseFile.cases.timeline(WHO, J.c.id)).find((e) => e.type === 'call')
    expect(call?.tags).toContain('asked-for-reconsideration')
    const after = await post(`/cases/${J.c.id}/write/mandatory-reconsideration`, {
      ...dated('2024-12-20'),
      'word-grounds': 'Alex stays with me two nights a week.',
      action: 'pdf',
    })
    expect(await pdfText(after.rawPayload)).toContain(
      'I also asked for this reconsideration by phone on 9 December 2024. This letter confirms that request.',
    )
  })
})
