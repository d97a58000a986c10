/**
 * Case pages on a large case, over HTTP on loopback against the built server (dist/server.mjs):
 * a case of 10,000 timeline entries and 300 pieces of evidence (with the tasks, links, history
 * and audit trail that go with them), each page's median time and the server's CPU time per
 * request, and each page's requests per second beside an honest ceiling: a static HTML file of
 * the same byte size served by fastify with @fastify/static (no templates, no database). The
 * calculation result page is measured the same way.
 *
 * The case is built once through the real case service (a template of about a hundred entries
 * with the deadlines the engine gives them), then copied with new ids until it holds 10,000
 * entries, and written with the repository's import (as an archive import does).
 *
 * Run: npx tsx bench/case-pages.bench.ts (needs `npm run build`), or through bench/run.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { sql } from 'drizzle-orm'
import { PDFDocument } from 'pdf-lib'
import { Temporal } from 'temporal-polyfill'
import { LOCAL_OWNER, type Actor, type Entity } from '../src/domain/case/index.ts'
import { rules } from '../src/rules/load.ts'
import { createCaseServices } from '../src/services/case-services.ts'
import { DrizzleCaseRepository, type CaseRows } from '../src/store/case.repository.ts'
import { openDatabase } from '../src/store/db.ts'
import { ensureTemplate } from '../test/helpers/pglite.ts'
import { amira, CALC } from '../e2e/support/calculation-journey.ts'
import { freePort, removeDir, startServer } from '../e2e/support/server.ts'
import { cpuMs, get, load, stop, timed } from './support/serve-load.ts'

const ENTRIES = 10_000
const EVIDENCE = 300
const who: Actor = { ownerId: LOCAL_OWNER, name: 'bench' }

const today = Temporal.Now.plainDateISO('Europe/London')
const daysAgo = (n: number) => today.subtract({ days: n }).toString()

async function tinyPdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.addPage([200, 200]).drawText(text, { x: 20, y: 100, size: 12 })
  return doc.save()
}
async function* bytes(b: Uint8Array): AsyncIterable<Uint8Array> {
  yield b
}

/** Writes the large case into the data folder; returns its id and the ids of a few of its records. */
export async function seed(dataDir: string) {
  const database = await openDatabase({ dataDir })
  try {
    const svc = createCaseServices({ database, dataDir, rules: rules(), maxUploadBytes: 20 * 1024 * 1024 })
    const c = await svc.cases.createCase(who, {
      title: 'Template',
      nation: 'england',
      role: 'receiving',
      cmsReference: '1212 3456 7890',
      children: [{ name: 'Sami' }],
    })
    // A template of about a hundred entries: decisions, calls with follow-ups, letters that start
    // challenges, notes and payments with tags, tasks, and three pieces of evidence linked to events.
    for (let i = 0; i < 4; i++)
      await svc.cases.addDecision(who, c.id, {
        kind: i === 3 ? 'mandatory-reconsideration-notice' : 'annual-review',
        letterDate: daysAgo(400 - i * 90),
        weeklyAmount: `${80 + i}.06`,
      })
    const eventIds: string[] = []
    for (let i = 0; i < 96; i++) {
      const on = daysAgo(300 - i * 3)
      const kind = i % 6
      const saved = await svc.cases.addEvent(
        who,
        c.id,
        kind === 0
          ? {
              type: 'call',
              occurredOn: on,
              occurredTime: '10:15',
              title: `Called the CMS (${i})`,
              call: {
                personName: 'Kelly',
                iSaid: 'I asked about the new job and the income used',
                theySaid: 'They said they would look into it',
                followUpOn: daysAgo(-10 - i),
              },
            }
          : kind === 1
            ? {
                type: 'letter-sent',
                occurredOn: on,
                title: `Letter to the CMS (${i})`,
                letter: {
                  subject: i % 12 === 1 ? 'mandatory-reconsideration' : 'other',
                  method: 'first-class',
                },
              }
            : kind === 2
              ? {
                  type: 'letter-received',
                  occurredOn: on,
                  title: `Letter from the CMS (${i})`,
                  letter: { subject: 'other', method: 'first-class' },
                }
              : {
                  type: kind === 3 ? 'payment' : 'note',
                  occurredOn: on,
                  title: kind === 3 ? `Payment (${i})` : `Note (${i})`,
                  details: 'A note of what happened, in the parent’s own words. '.repeat(3),
                  tags: kind === 3 ? ['payment', `month-${i % 12}`] : ['note'],
                },
      )
      eventIds.push(saved.record.id)
    }
    for (let i = 0; i < 6; i++)
      await svc.cases.addTask(who, c.id, { title: `Check the payment (${i})`, dueOn: daysAgo(-5 - i * 7) })
    for (let i = 0; i < 3; i++)
      await svc.evidence.add(who, c.id, {
        fileName: `letter-${i}.pdf`,
        content: bytes(await tinyPdf(`Letter ${i}`)),
        title: `Letter ${i}`,
        linkTo: { type: 'event', id: eventIds[i * 5]! },
      })

    const repo = new DrizzleCaseRepository(database.db)
    const t = await repo.exportRows(LOCAL_OWNER, c.id)
    // Copies of the template with new ids, until the copy holds ENTRIES timeline entries.
    const caseId = randomUUID()
    const rounds = Math.ceil(ENTRIES / t.events.length)
    const rows = {
      decisions: [] as unknown[],
      events: [] as unknown[],
      evidence: [] as unknown[],
      tasks: [] as unknown[],
      links: [] as unknown[],
    }
    const revisions: unknown[] = []
    const audit: unknown[] = []
    let clock = Date.parse('2024-01-01T00:00:00Z')
    const stamp = () => new Date((clock += 1000)).toISOString()
    const keep = (entity: Entity, record: Record<string, unknown>) => {
      revisions.push({
        id: randomUUID(),
        caseId,
        entity,
        entityId: record.id,
        version: 1,
        change: 'created',
        data: record,
        recordedAt: record.createdAt,
        recordedBy: 'bench',
      })
      audit.push({
        id: randomUUID(),
        caseId,
        at: record.createdAt,
        actor: 'bench',
        action: 'create',
        entity,
        entityId: record.id,
        version: 1,
        summary: `${entity} created`,
      })
    }
    const copy = (r: { id: string }, id: string, extra: Record<string, unknown> = {}) => {
      const at = stamp()
      return { ...r, id, caseId, version: 1, createdAt: at, updatedAt: at, ...extra }
    }
    for (let round = 0; round < rounds; round++) {
      const ids = new Map<string, string>()
      const idOf = (old: string) => ids.get(old) ?? (ids.set(old, randomUUID()), ids.get(old)!)
      // Decisions in the first rounds only (a real case has tens, not thousands).
      if (round < 3)
        for (const d of t.decisions) {
          const r = copy(d, idOf(d.id))
          rows.decisions.push(r)
          keep('decision', r)
        }
      for (const e of t.events) {
        if (rows.events.length >= ENTRIES) break
        const shift = round * 7
        // Like decisions, the letters that start a challenge are in the first rounds only.
        const letter =
          round >= 3 && e.letter?.subject === 'mandatory-reconsideration'
            ? { letter: { ...e.letter, subject: 'other' } }
            : {}
        const r = copy(e, idOf(e.id), {
          occurredOn: Temporal.PlainDate.from(e.occurredOn).subtract({ days: shift }).toString(),
          ...letter,
        })
        rows.events.push(r)
        keep('event', r)
      }
      for (const ev of t.evidence) {
        if (rows.evidence.length >= EVIDENCE) break
        const r = copy(ev, idOf(ev.id), { title: `${ev.title} (${round})` })
        rows.evidence.push(r)
        keep('evidence', r)
      }
      for (const task of t.tasks) {
        if (task.originId && !ids.has(task.originId) && task.origin !== 'manual') continue
        // Earlier copies' deadlines have been dealt with; the latest copy's are open.
        const r = copy(task, idOf(task.id), {
          originId: task.originId ? (ids.get(task.originId) ?? task.originId) : null,
          ...(round < rounds - 1 ? { status: 'done', doneOn: daysAgo(1) } : {}),
        })
        rows.tasks.push(r)
        keep('task', r)
      }
      for (const l of t.links) {
        if (!ids.has(l.fromId) || !ids.has(l.toId)) continue
        const r = copy(l, idOf(l.id), { fromId: ids.get(l.fromId), toId: ids.get(l.toId) })
        rows.links.push(r)
        keep('link', r)
      }
    }
    const at = stamp()
    const big = {
      case: { ...t.case, id: caseId, title: 'A large case', createdAt: at, updatedAt: at },
      ...rows,
      revisions,
      audit,
    } as unknown as CaseRows
    await repo.importRows(LOCAL_OWNER, big)
    // The template's pieces of evidence are not to be read while the pages are measured.
    await database.db.execute(sql`delete from jobs`)
    const first = <T extends { id: string }>(list: unknown[]) => (list[Math.floor(list.length / 2)] as T).id
    return {
      caseId,
      decisionId: first(rows.decisions),
      eventId: first(rows.events),
      taskId: first(rows.tasks),
      evidenceId: first(rows.evidence),
      counts: {
        events: rows.events.length,
        decisions: rows.decisions.length,
        tasks: rows.tasks.length,
        evidence: rows.evidence.length,
        links: rows.links.length,
        audit: audit.length,
      },
    }
  } finally {
    await database.close()
  }
}

/**
 * The first view of a page after a change (pages are kept until their case changes): the median
 * of `n` requests, each right after a write to the case (a task ticked off or back on, through
 * the web as a browser would), and the server's CPU time for the request.
 */
async function afterChange(
  url: string,
  pid: number,
  n: number,
  write: () => Promise<void>,
  headers: Record<string, string> = {},
) {
  const times: number[] = []
  let cpu = 0
  for (let i = 0; i < n; i++) {
    await write()
    const before = cpuMs(pid)
    const started = process.hrtime.bigint()
    await get(url, headers)
    times.push(Number(process.hrtime.bigint() - started) / 1e6)
    cpu += cpuMs(pid) - before
  }
  times.sort((a, b) => a - b)
  return { medianMs: times[Math.floor(n / 2)]!, cpuMs: cpu / n }
}

/** A write to the case through the web: the task ticked off, then back on, and so on. */
async function taskToggler(base: string, caseUrl: string, taskId: string): Promise<() => Promise<void>> {
  const page = await fetch(`${caseUrl}/tasks/new`)
  const cookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1]
  if (!token) throw new Error('no cross-site token on the task form')
  let done = true
  return async () => {
    const res = await fetch(`${caseUrl}/tasks/${taskId}/done`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'same-origin',
        origin: base,
        cookie,
      },
      body: new URLSearchParams({ _csrf: token, done: done ? 'yes' : 'no' }).toString(),
    })
    if (res.status !== 303) throw new Error(`ticking the task: ${res.status}`)
    done = !done
  }
}

/**
 * Answers the calculation journey as a browser would (with the cross-site cookie and the token
 * from a form); returns the cookies to send with the result page.
 */
async function answerCalculation(base: string): Promise<string> {
  const jar = new Map<string, string>()
  const take = (res: Response) => {
    for (const set of res.headers.getSetCookie()) {
      const [pair] = set.split(';')
      const eq = pair!.indexOf('=')
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1))
    }
  }
  const cookies = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
  const steps = amira()
  const first = await fetch(base + steps[0]!.path)
  take(first)
  const token = /name="_csrf" value="([^"]+)"/.exec(await first.text())?.[1]
  if (!token) throw new Error('no cross-site token on the first page of the calculation')
  for (const step of steps) {
    const res = await fetch(base + step.path, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'same-origin',
        'x-csrf-token': token,
        cookie: cookies(),
      },
      body: new URLSearchParams(step.fields).toString(),
    })
    if (res.status !== 303) throw new Error(`${step.path}: ${res.status}`)
    take(res)
  }
  return cookies()
}

export async function run(): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'redress-bench-case-'))
  cpSync(join(await ensureTemplate(), 'pglite'), join(dataDir, 'pglite'), { recursive: true })
  const staticDir = mkdtempSync(join(tmpdir(), 'redress-bench-static-'))
  const big = await seed(dataDir)
  const server = await startServer({ dataDir })
  const pid = server.child.pid!
  let ceiling: ChildProcess | null = null
  try {
    const base = `${server.url}/cases/${big.caseId}`
    const cookie = await answerCalculation(server.url)
    const pages: [string, string, Record<string, string>?][] = [
      ['overview', base],
      ['decisions', `${base}/decisions`],
      ['decision', `${base}/decisions/${big.decisionId}`],
      ['decisionForm', `${base}/decisions/new`],
      ['timeline', `${base}/timeline`],
      ['timelinePage50', `${base}/timeline?page=50`],
      ['timelineFiltered', `${base}/timeline?type=note&tag=note`],
      ['event', `${base}/events/${big.eventId}`],
      ['eventEdit', `${base}/events/${big.eventId}/edit`],
      ['callForm', `${base}/calls/new`],
      ['letterForm', `${base}/letters/new?direction=sent`],
      ['deadlines', `${base}/deadlines`],
      ['task', `${base}/tasks/${big.taskId}`],
      ['evidenceList', `${base}/evidence`],
      ['evidence', `${base}/evidence/${big.evidenceId}`],
      ['evidenceUpload', `${base}/evidence/new`],
      ['bin', `${base}/bin`],
      ['history', `${base}/history`],
      ['historyPage50', `${base}/history?page=50`],
      ['export', `${base}/export`],
      ['cases', `${server.url}/cases`],
      ['calculationResult', `${server.url}${CALC}/result`, { cookie }],
    ]
    const out: Record<string, number> = {
      // Wall-clock figures on a shared machine mean little without its load (1-minute average).
      loadAverageAtStart: Math.round(loadavg()[0]! * 100) / 100,
      caseEvents: big.counts.events,
      caseEvidence: big.counts.evidence,
      caseTasks: big.counts.tasks,
      caseAuditEntries: big.counts.audit,
    }
    const measured: { name: string; url: string; headers: Record<string, string>; bytes: number }[] = []
    let slowestMedian = 0
    let slowestAfterChange = 0
    const write = await taskToggler(server.url, base, big.taskId)
    for (const [name, url, headers = {}] of pages) {
      const t = await timed(url, pid, 15, headers)
      const bytes = Buffer.byteLength(t.body)
      writeFileSync(join(staticDir, `${name}.html`), t.body)
      out[`${name}MedianMs`] = Math.round(t.medianMs)
      out[`${name}CpuMsPerRequest`] = Math.round(t.cpuMs * 10) / 10
      slowestMedian = Math.max(slowestMedian, t.medianMs)
      measured.push({ name, url, headers, bytes })
      // The calculation result is not a case page: no case write changes it.
      if (name === 'calculationResult') continue
      const changed = await afterChange(url, pid, 7, write, headers)
      out[`${name}AfterChangeMedianMs`] = Math.round(changed.medianMs)
      out[`${name}AfterChangeCpuMs`] = Math.round(changed.cpuMs * 10) / 10
      slowestAfterChange = Math.max(slowestAfterChange, changed.medianMs)
    }
    out.slowestCasePageMedianMs = Math.round(slowestMedian)
    out.slowestAfterChangeMedianMs = Math.round(slowestAfterChange)

    // The ceiling: the same bytes as static files.
    const port = await freePort()
    const ceilingProcess = spawn(process.execPath, ['bench/support/static-server.mjs'], {
      env: { ...process.env, PORT: String(port), STATIC_DIR: staticDir },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    ceiling = ceilingProcess
    await new Promise<void>((resolve) => ceilingProcess.stdout!.once('data', () => resolve()))
    let lowestShare = Infinity
    let lowestCpuShare = Infinity
    for (const m of measured) {
      const page = await load(m.url, pid, 3, m.headers)
      const fixed = await load(`http://127.0.0.1:${port}/${m.name}.html`, ceilingProcess.pid!, 3)
      const share = Math.round((page.rps / fixed.rps) * 1000) / 10
      const cpuShare = Math.round((fixed.cpuMsPerRequest / page.cpuMsPerRequest) * 1000) / 10
      out[`${m.name}ShareOfStaticPercent`] = share
      out[`${m.name}CpuShareOfStaticPercent`] = cpuShare
      lowestShare = Math.min(lowestShare, share)
      lowestCpuShare = Math.min(lowestCpuShare, cpuShare)
    }
    out.loadAverageAtEnd = Math.round(loadavg()[0]! * 100) / 100
    out.lowestShareOfStaticPercent = lowestShare
    out.lowestCpuShareOfStaticPercent = lowestCpuShare
    return out
  } finally {
    if (ceiling) await stop(ceiling)
    await server.stop()
    removeDir(dataDir)
    removeDir(staticDir)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  console.log(JSON.stringify(await run(), null, 2))
