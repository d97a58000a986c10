import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Temporal } from '../../src/domain/shared/plain-date.ts'
import { LetterNeedsMore, applyEdits } from '../../src/services/letter.service.ts'
import { documentKindsFor, APPEAL_PACK_KINDS } from '../../src/services/letter-kinds.ts'
import { inspectPdf, squash } from '../fixtures/documents/inspect.ts'
import { docxParagraphs } from '../fixtures/documents/zip.ts'
import { testPglite, type TestDatabase } from '../helpers/pglite.ts'
import { amira, chris, jordan, priya, services, WHO, type Services } from './personas.ts'
import type { Letter } from '../../src/documents/index.ts'
import type { InvalidInput } from '../../src/domain/shared/errors.ts'
import { text as words } from '../../src/copy/translate.ts'

let db: TestDatabase
let s: Services
let A: Awaited<ReturnType<typeof amira>>
let P: Awaited<ReturnType<typeof priya>>
let J: Awaited<ReturnType<typeof jordan>>
let C: Awaited<ReturnType<typeof chris>>

beforeAll(async () => {
  db = await testPglite()
  s = services(db, db.dataDir)
  A = await amira(s)
  P = await priya(s)
  J = await jordan(s)
  C = await chris(s)
})
afterAll(() => db.destroy())

const text = async (l: Letter): Promise<string> =>
  squash((await inspectPdf(await s.letters.pdf(l))).pages.join('\n'))
const on = (d: string) => Temporal.PlainDate.from(d)

describe('letters written from the case file', () => {
  it('writes Amira’s reconsideration request naming the decision, with the workings enclosed', async () => {
    const { letter } = await s.letters.draft(WHO, A.c.id, 'mandatory-reconsideration', {
      date: on('2025-02-20'),
      figures: { weeklyIncome: '863.01' },
    })
    const t = await text(letter)
    expect(t).toContain('Amira Haddad')
    expect(t).toContain('14 Ash Grove')
    expect(t).toContain('Child Maintenance Service 21')
    expect(t).toContain('WV98 2BU')
    expect(t).toContain('121234567890')
    expect(t).toContain('the annual review decision dated 3 February 2025')
    expect(t).toContain('Workings from the calculation checker')
    expect(t).toContain('£863.01')
    expect(t).toContain('With the right figures, the weekly amount is £116.19.')
    // First person throughout, and the notes for the parent are not in the letter to send.
    expect(t).not.toMatch(/\byou say\b/i)
    expect(t).not.toContain('Do not send it')
    expect(t).not.toContain('Before you send this')
    expect(t).toContain('20 February 2025')
    // Sensitive details of the other parent never appear in a letter to the CMS.
    expect(t).not.toContain('Elm Street')
    expect(t).not.toContain('07700 900456')
  })

  it('writes the variation letter for Dan’s rental income', async () => {
    const { letter } = await s.letters.draft(WHO, A.c.id, 'variation-unearned-income', {
      date: on('2025-02-20'),
      words: {
        source: 'rent from a flat he lets out',
        estimatedAnnualAmount: '6,000',
        howIKnow: 'He told me, and the flat is advertised online',
      },
    })
    const t = await text(letter)
    expect(t).toContain('rent from a flat he lets out')
    expect(t).toContain('£6,000.00')
    expect(letter.subject).toMatch(/^Application for a variation on the ground of /)
  })

  it('itemises the debts of a prior-debts variation from JSON, read by the kind’s own schema into pence and dates', async () => {
    const { input } = await s.letters.input(WHO, A.c.id, 'variation-prior-debts', {
      input: {
        debts: [
          {
            lender: 'Example Bank',
            purpose: 'Car loan',
            takenOut: '2021-05-01',
            monthlyPayment: '£1,180.05',
          },
          { lender: 'Credit union', purpose: 'Boiler', monthlyPayment: 8.1 },
        ],
      },
    })
    // Integer pence, never a float sum: 8.1 pounds is 810 pence exactly.
    expect(input.debts?.map((d) => [d.monthlyPayment, d.takenOut?.toString()])).toEqual([
      [118005, '2021-05-01'],
      [810, undefined],
    ])
    const { letter } = await s.letters.draft(WHO, A.c.id, 'variation-prior-debts', {
      date: on('2025-02-20'),
      input: { debts: [{ lender: 'Example Bank', purpose: 'Car loan', monthlyPayment: '180.00' }] },
    })
    expect(await text(letter)).toContain('£180.00')
  })

  it('refuses JSON that does not fit the letter, naming the field', async () => {
    const refused = async (kind: Parameters<typeof s.letters.input>[2], input: unknown) => {
      try {
        await s.letters.input(WHO, A.c.id, kind, { input })
      } catch (e) {
        return { field: (e as InvalidInput).field, problem: words((e as InvalidInput).problem) }
      }
      throw new Error('not refused')
    }
    expect(
      await refused('variation-prior-debts', {
        debts: [{ lender: 'B', purpose: 'C', monthlyPayment: 'lots' }],
      }),
    ).toEqual({
      field: 'input.debts.0.monthlyPayment',
      problem: '"lots" is not an amount in pounds, such as 180.00',
    })
    expect(
      await refused('variation-prior-debts', {
        debts: [{ lender: 'B', purpose: 'C', monthlyPayment: '1', takenOut: '1 May 2021' }],
      }),
    ).toEqual({
      field: 'input.debts.0.takenOut',
      problem: '"1 May 2021" is not a date written as YYYY-MM-DD, such as 2025-02-03',
    })
    expect(await refused('variation-assets', { asets: [] })).toEqual({
      field: 'input',
      problem: 'this letter has no field called asets',
    })
    expect(
      await refused('variation-contact-costs', { costs: [{ description: 'Fuel', amount: '8.50' }] }),
    ).toEqual({
      field: 'input.costs.0.per',
      problem: 'is missing, or is not the kind of value this field takes',
    })
    const none = await refused('complaint', { sender: { name: 'Someone else' } })
    expect(none.field).toBe('input')
    expect(none.problem).toMatch(
      /^only these letters take a table as JSON \(--input\): variation-contact-costs, /,
    )
  })

  it('confirms the 10 February 2025 call with Kelly from the logged call, and the .docx has the same paragraphs', async () => {
    const { letter, call } = await s.letters.draft(WHO, A.c.id, 'call-confirmation', {
      date: on('2025-02-11'),
    })
    expect(call?.id).toBe(A.call.id)
    const t = await text(letter)
    expect(t).toContain('an adviser called Kelly on 10 February 2025 at 10:15')
    expect(t).toContain('Kelly said the CMS would look into Dan’s current income')
    const paras = docxParagraphs(await s.letters.docx(letter))
    for (const p of letter.paragraphs) if (typeof p === 'string') expect(paras).toContain(p)
  })

  it('writes Priya’s ICE referral with the final response enclosed', async () => {
    const { letter } = await s.letters.draft(WHO, P.c.id, 'ice-referral', {
      date: on('2025-09-20'),
      recipient: { addressLines: ['PO Box 209', 'Bootle', 'L20 7WA'] },
      words: { nationalInsuranceNumber: 'QQ123456C', senderPhone: '029 2018 0000' },
    })
    const t = await text(letter)
    expect(t).toContain('Independent Case Examiner')
    expect(t).toContain('The final response dated 2 September 2025')
    expect(t).toContain('National Insurance number: QQ123456C')
    expect(t).toContain('The CMS lost my documents a second time')
    expect(t).not.toContain('Heol y Deri')
    expect(t).not.toContain('07700 900789')
  })

  it('itemises Priya’s £50.40 compensation claim from the costs on her timeline', async () => {
    const { letter } = await s.letters.draft(WHO, P.c.id, 'compensation-claim', { date: on('2025-09-20') })
    const t = await text(letter)
    expect(t).toContain('Subtotal: phone calls £38.40')
    expect(t).toContain('Subtotal: bank charges £12.00')
    expect(t).toContain('Total £50.40')
    expect(t).toContain('On 10 September 2024:')
  })

  it('writes Priya’s subject access request', async () => {
    const { letter } = await s.letters.draft(WHO, P.c.id, 'subject-access-request', {
      date: on('2025-09-20'),
      words: { dateOfBirth: '1990-04-12', nationalInsuranceNumber: 'QQ123456C' },
    })
    expect(await text(letter)).toContain('one calendar month')
  })

  it('builds Jordan’s appeal pack with a schedule of the disputed nights and the chronology', async () => {
    const recipient = { addressLines: ['HMCTS SSCS Appeals Centre', 'PO Box 12626', 'Harlow', 'CM20 9QF'] }
    const figures = { nights: '130' }
    for (const kind of APPEAL_PACK_KINDS) {
      const { letter } = await s.letters.draft(WHO, J.c.id, kind, {
        date: on('2025-03-25'),
        recipient,
        figures,
        words: { grounds: 'Alex stays with me about 130 nights a year, not 78' },
      })
      expect(letter.reference).toBe('121555666777')
      if (kind === 'appeal-disputed-figures') {
        const t = await text(letter)
        expect(t).toContain('78')
        expect(t).toContain('130')
        expect(t).toContain('£40.96')
      }
      if (kind === 'appeal-chronology')
        expect(await text(letter)).toContain('CMS decision (mandatory reconsideration notice)')
      if (kind === 'appeal-covering-letter') expect(await text(letter)).toContain('14 March 2025')
    }
  })

  it('writes Chris’s Northern Ireland appeal letter', async () => {
    const { letter } = await s.letters.draft(WHO, C.c.id, 'ni-appeal', {
      date: on('2025-05-20'),
      recipient: { addressLines: ['Headline Building', '10-14 Victoria Street', 'Belfast', 'BT1 3GG'] },
      words: {
        grounds: 'I am not Ryan’s father\nErin left school in June 2025 and is not in approved education',
      },
    })
    const t = await text(letter)
    expect(t).toContain('The Appeals Service')
    expect(t).toContain('The mandatory reconsideration notice is dated 8 May 2025 and I enclose a copy.')
    expect(t).toContain('I am not Ryan’s father')
  })

  it('stops a letter with missing particulars, saying what to add and where', async () => {
    const bare = await s.caseFile.cases.createCase(WHO, {
      title: 'New case',
      nation: 'england',
      role: 'receiving',
    })
    const e = await s.letters.draft(WHO, bare.id, 'mandatory-reconsideration', {}).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(LetterNeedsMore)
    const needs = e as LetterNeedsMore
    expect(needs.message).toContain('Please add')
    const where = Object.fromEntries(needs.problems.map((p) => [p.field, p.where]))
    expect(where).toMatchObject({
      'sender.name': 'case',
      reference: 'case',
      'decision.date': 'decisions',
      grounds: 'letter',
    })
  })

  it('re-checks an edited letter and refuses one whose body was emptied', async () => {
    const d = await s.letters.draft(WHO, A.c.id, 'call-confirmation', { date: on('2025-02-11') })
    const edited = applyEdits(d.letter, {
      paragraphs: { 0: 'I am writing to confirm our call, in my own words.' },
    })
    expect(edited.paragraphs[0]).toBe('I am writing to confirm our call, in my own words.')
    const empty = Object.fromEntries(d.letter.paragraphs.map((_, i) => [i, ' ']))
    await expect(
      s.letters.edited(
        WHO,
        A.c.id,
        'call-confirmation',
        { date: on('2025-02-11') },
        { paragraphs: empty, subject: '' },
      ),
    ).rejects.toThrow(LetterNeedsMore)
  })

  it('maps every route advisor letter id to the documents library', () => {
    expect(documentKindsFor('mandatoryReconsideration')).toEqual(['mandatory-reconsideration'])
    expect(documentKindsFor('variation:unearnedIncome')).toEqual(['variation-unearned-income'])
    expect(documentKindsFor('appealPack')).toContain('appeal-disputed-figures')
    expect(documentKindsFor('parentageDispute')).toEqual([])
  })

  it('suggests the letters each case needs, following the route advisor', async () => {
    const amira = (await s.letters.suggested(WHO, A.c.id)).map((x) => x.kind)
    // In time or (as today) late, the advisor's reconsideration letter comes first.
    expect(amira[0]).toMatch(/^(late-)?mandatory-reconsideration$/)
    expect(amira).toContain('call-confirmation')
    // The case file does not know what income is missing, so it does not guess a variation (issue #12).
    expect(amira).not.toContain('variation-unearned-income')
    expect((await s.letters.suggested(WHO, P.c.id)).map((x) => x.kind)).toEqual(
      expect.arrayContaining(['ice-referral', 'compensation-claim']),
    )
    expect((await s.letters.suggested(WHO, J.c.id)).map((x) => x.kind)).toContain('appeal-covering-letter')
    expect((await s.letters.suggested(WHO, C.c.id)).map((x) => x.kind)).toContain('ni-appeal')
  })
})

describe('late letters say so, in the parent’s words', () => {
  it('asks why a late appeal is late, then puts the reason in the letter word for word', async () => {
    // Jordan's notice is dated 14 March 2025: a month later the time limit has passed.
    const late = s.letters.draft(WHO, J.c.id, 'appeal-covering-letter', { date: on('2025-05-01') })
    await expect(late).rejects.toBeInstanceOf(LetterNeedsMore)
    await expect(late).rejects.toMatchObject({ problems: [{ field: 'lateReason', where: 'letter' }] })
    const reason = 'I was working offshore from 10 March to 28 April, with no post and no signal.'
    const { letter } = await s.letters.draft(WHO, J.c.id, 'appeal-covering-letter', {
      date: on('2025-05-01'),
      words: { lateReason: reason },
    })
    expect(letter.paragraphs).toContain(reason)
    expect(letter.paragraphs).toContain(
      'My appeal is late. I ask the tribunal to accept it late, for the reason I give here:',
    )
    const timing = await s.letters.timing(WHO, J.c.id, 'appeal-covering-letter', { date: on('2025-05-01') })
    expect(timing).toMatchObject({ route: 'appeal', state: 'late' })
  })

  it('takes a late referral to the Independent Case Examiner with the parent’s reason', async () => {
    const words = { nationalInsuranceNumber: 'QQ123456C', senderPhone: '07700 900789' }
    const t = await s.letters.timing(WHO, P.c.id, 'ice-referral', { date: on('2026-04-01') })
    expect(t).toMatchObject({ route: 'ice', state: 'late' })
    await expect(
      s.letters.draft(WHO, P.c.id, 'ice-referral', { date: on('2026-04-01'), words }),
    ).rejects.toBeInstanceOf(LetterNeedsMore)
    const reason = 'My son was in hospital for most of the winter.'
    const { letter } = await s.letters.draft(WHO, P.c.id, 'ice-referral', {
      date: on('2026-04-01'),
      words: { ...words, lateReason: reason },
    })
    expect(letter.paragraphs).toContain(reason)
  })

  it('a reconsideration request sent after the 30 days says it is late, in the parent’s words', async () => {
    const words = { grounds: 'Dan’s income is higher than the decision says.' }
    await expect(
      s.letters.draft(WHO, A.c.id, 'mandatory-reconsideration', { date: on('2025-04-01'), words }),
    ).rejects.toMatchObject({ problems: [{ field: 'lateReason' }] })
    const reason = 'I was in hospital from 20 February to 28 March 2025.'
    const { letter } = await s.letters.draft(WHO, A.c.id, 'mandatory-reconsideration', {
      date: on('2025-04-01'),
      words: { ...words, lateReason: reason },
    })
    expect(letter.paragraphs).toContain(reason)
    expect(letter.paragraphs).toContainEqual({ kind: 'heading', text: 'Why this request is late' })
  })

  it('past the outer limit, names what remains', async () => {
    const t = await s.letters.timing(WHO, A.c.id, 'mandatory-reconsideration', { date: on('2026-06-01') })
    expect(t?.state).toBe('past-outer-limit')
    expect(t?.remains).toEqual(['revision-any-time', 'change-of-circumstances', 'complaint'])
  })
})

describe('recording a letter as sent', () => {
  it('saves a complaint as a "letter sent" event with the PDF as evidence, and starts the reply targets', async () => {
    const d = await s.letters.draft(WHO, P.c.id, 'complaint', { date: on('2025-09-15') })
    const sent = await s.letters.markSent(WHO, P.c.id, d, {
      sentOn: on('2025-09-15'),
      method: 'first-class',
      certificateNumber: 'CP 12345',
    })
    expect(sent.event.type).toBe('letter-sent')
    expect(sent.event.letter).toMatchObject({
      subject: 'complaint',
      method: 'first-class',
      certificateNumber: 'CP 12345',
      letterDate: '2025-09-15',
    })
    expect(sent.tasks.map((t) => t.deadlineKind)).toEqual([
      'complaintAcknowledgementTarget',
      'complaintResponseTarget',
      null,
    ])
    // Posted on Monday 15 September 2025: check it arrived two working days later.
    expect(sent.tasks[2]).toMatchObject({
      title: 'Check your letter sent on 15 September 2025 has arrived',
      dueOn: '2025-09-17',
      nature: 'tracking',
    })
    const links = await s.caseFile.cases.linked(WHO, P.c.id, 'event', sent.event.id)
    expect(links).toContainEqual(expect.objectContaining({ type: 'evidence', id: sent.evidenceId }))
    const ev = await s.caseFile.evidence.get(WHO, P.c.id, sent.evidenceId)
    expect(ev.mediaType).toBe('application/pdf')
    const pdf = await s.caseFile.evidence.files.read(ev.sha256)
    const kept = squash((await inspectPdf(new Uint8Array(pdf))).pages.join(' '))
    expect(kept).toContain('Complaint')
    // The copy kept (and offered to a bundle) is the letter as sent: no notes for the parent in it.
    expect(kept).not.toContain('Before you send this')
    expect(kept).not.toContain('Do not send')
  })

  it('saves Amira’s reconsideration request about the decision, with a reminder to check it arrived', async () => {
    const d = await s.letters.draft(WHO, A.c.id, 'mandatory-reconsideration', {
      date: on('2025-02-20'),
      figures: { weeklyIncome: '863.01' },
    })
    const sent = await s.letters.markSent(WHO, A.c.id, d, {
      sentOn: on('2025-02-21'),
      method: 'signed-for',
      trackingNumber: 'AB123456789GB',
    })
    expect(sent.event.letter?.subject).toBe('mandatory-reconsideration')
    expect(sent.event.letter?.trackingNumber).toBe('AB123456789GB')
    // Posted on Friday 21 February 2025: two working days later is Tuesday 25 February, well before
    // 3 March (two working days before the 30-day limit of 5 March).
    expect(sent.tasks.map((t) => [t.title, t.dueOn])).toContainEqual([
      'Check your letter sent on 21 February 2025 has arrived',
      '2025-02-25',
    ])
    // The request was sent in time: the decision's reconsideration deadline is met, not overdue.
    const tasks = await s.caseFile.cases.list(WHO, A.c.id, 'task')
    const mr = tasks.find(
      (t) => t.originId === A.decision.id && t.deadlineKind === 'mandatoryReconsideration',
    )
    expect(mr).toMatchObject({ status: 'done', doneOn: '2025-02-21' })
    expect(mr?.notes).toContain('Met: you sent your request on 21 February 2025')
    const links = await s.caseFile.cases.linked(WHO, A.c.id, 'event', sent.event.id)
    expect(links.map((l) => l.type).sort()).toEqual(['decision', 'evidence'])
  })

  it('links a call confirmation to the call it confirms', async () => {
    const d = await s.letters.draft(WHO, A.c.id, 'call-confirmation', { date: on('2025-02-11') })
    const sent = await s.letters.markSent(WHO, A.c.id, d, {
      sentOn: on('2025-02-11'),
      method: 'second-class',
    })
    const links = await s.caseFile.cases.linked(WHO, A.c.id, 'event', sent.event.id)
    expect(links).toContainEqual(expect.objectContaining({ type: 'event', id: A.call.id }))
  })
})
