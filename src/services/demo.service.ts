import type { Actor } from '../domain/case/index.ts'
import type { CaseService, EventForm } from './case.service.ts'

/**
 * Demonstration case files for the four parents in the project's personas (Amira, Priya, Jordan,
 * Chris), built through the real case service so their deadlines come from the engine. They fill
 * an empty install for a tour (`redress demo`) and are the case files the letter and bundle tests
 * use. Names, addresses and numbers are invented (phone numbers from Ofcom's drama ranges).
 */

export async function amira(cases: CaseService, who: Actor) {
  const c = await cases.createCase(who, {
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
  const decision = await cases.addDecision(who, c.id, {
    kind: 'annual-review',
    letterDate: '2025-02-03',
    summary: 'the annual review of the maintenance calculation',
    weeklyAmount: '82.06',
    weeklyIncome: '598.36',
    nights: '52',
    otherChildren: '0',
  })
  const call = await cases.addEvent(who, c.id, {
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

export async function priya(cases: CaseService, who: Actor) {
  const c = await cases.createCase(who, {
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
  const add = (e: EventForm) => cases.addEvent(who, c.id, e)
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

export async function jordan(cases: CaseService, who: Actor) {
  const c = await cases.createCase(who, {
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
  const calc = await cases.addDecision(who, c.id, {
    kind: 'calculation',
    letterDate: '2024-12-02',
    summary: 'the maintenance calculation counting 78 nights',
    weeklyAmount: '49.16',
    weeklyIncome: '536.99',
    nights: '78',
    otherChildren: '1',
  })
  const mrn = await cases.addDecision(who, c.id, {
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

export async function chris(cases: CaseService, who: Actor) {
  const c = await cases.createCase(who, {
    title: 'Chris and Lee',
    nation: 'northern-ireland',
    role: 'paying',
    cmsReference: '121444555666',
    yourName: 'Chris O’Neill',
    yourAddress: '7 Lisburn Road\nBelfast\nBT9 6AA',
    otherParent: { name: 'Lee' },
    children: [{ name: 'Erin' }, { name: 'Ryan' }],
  })
  const mrn = await cases.addDecision(who, c.id, {
    kind: 'mandatory-reconsideration-notice',
    letterDate: '2025-05-08',
    summary: 'my maintenance calculation',
  })
  return { c, mrn: mrn.record }
}

/** Jordan's earnings order and his complaint about the arrears, which the demo adds to his case. */
export async function jordanEnforcementAndComplaint(cases: CaseService, who: Actor, caseId: string) {
  const order = await cases.addDecision(who, caseId, {
    kind: 'enforcement',
    letterDate: '2025-03-03',
    summary: 'a deduction from earnings order sent to my employer',
    enforcementAction: 'deduction-from-earnings-order',
  })
  const complaint = await cases.addEvent(who, caseId, {
    type: 'letter-sent',
    occurredOn: '2025-03-17',
    title: 'Complaint about £612 of arrears for a payment the CMS did not record',
    letter: { subject: 'complaint', method: 'first-class' },
    tags: ['complaint', 'disputed'],
  })
  return { order: order.record, complaint: complaint.record }
}

export interface DemoCase {
  readonly id: string
  readonly title: string
}

/** Creates the four demonstration cases and returns their ids and titles. */
export async function seedDemoCases(cases: CaseService, who: Actor): Promise<DemoCase[]> {
  const a = await amira(cases, who)
  const p = await priya(cases, who)
  const j = await jordan(cases, who)
  await jordanEnforcementAndComplaint(cases, who, j.c.id)
  const c = await chris(cases, who)
  return [a.c, p.c, j.c, c.c].map(({ id, title }) => ({ id, title }))
}
