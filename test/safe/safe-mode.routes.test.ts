import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, describe, expect, it } from 'vitest'
import { buildApp, type Services } from '../../src/web/app.ts'
import type { CaseServices } from '../../src/services/case-services.ts'
import { fixedClock } from '../../src/services/clock.ts'
import { Vault } from '../../src/store/safe/vault.ts'
import { privacyFor } from '../../src/web/features/safe-mode/privacy.ts'
import { ensureTemplate } from '../helpers/pglite.ts'
import { TEST_CSRF_KEY, sameOrigin, testServices } from '../helpers/app.ts'
import { WHO, TODAY, once } from '../case/fixtures.ts'

/**
 * Safe mode through the web app on a real data folder: turned on from the settings page, a case
 * with distinctive strings (a phone number, a note, an uploaded file) added, the server stopped,
 * and then every byte under the data folder searched for them. Then a restart: only the unlock
 * page answers, a wrong passphrase reveals nothing, the right one opens the case again.
 */

const PASS = 'seven purple lanterns'
const PHONE = '07700 900987'
const NOTE = 'Quokka-marmalade-Tuesday note about the handover'
const FILE_LINE = 'Zanzibar-Octopus-17 evidence line inside the uploaded file'

let dataDir: string
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

async function start(): Promise<{
  app: FastifyInstance
  vault: Vault
  caseFile: CaseServices
  services: Services
}> {
  const vault = await Vault.open({ dataDir })
  const services = testServices(vault, fixedClock(TODAY), { dataDir, maxUploadBytes: 5 * 1024 * 1024 })
  const caseFile = services.caseFile
  const app = await buildApp(services, { csrfKey: TEST_CSRF_KEY })
  await app.ready()
  return { app, vault, caseFile, services }
}

function everyByte(dir: string): Buffer {
  const parts: Buffer[] = []
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile()) parts.push(readFileSync(join(e.parentPath, e.name)))
  return Buffer.concat(parts)
}

const form = (fields: Record<string, string>) => ({
  headers: { ...sameOrigin(), 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
})

describe('safe mode in the web app', () => {
  it(
    'encrypts everything the parent enters or uploads; locked after a restart; a wrong passphrase reveals nothing',
    { timeout: 300_000 },
    async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'redress-safe-web-'))
      cpSync(join(await ensureTemplate(), 'pglite'), join(dataDir, 'pglite'), { recursive: true })
      let { app, vault, caseFile, services } = await start()

      // The settings page offers safe mode; turning it on shows the recovery code once.
      expect((await app.inject({ url: '/settings/privacy' })).body).toContain('Turn on safe mode')
      const refused = await app.inject({
        method: 'POST',
        url: '/settings/safe-mode/on',
        ...form({ passphrase: 'short', confirm: 'short' }),
      })
      expect(refused.statusCode).toBe(400)
      expect(refused.body).toContain('at least 8 characters')
      const on = await app.inject({
        method: 'POST',
        url: '/settings/safe-mode/on',
        ...form({ passphrase: PASS, confirm: PASS, understood: 'yes' }),
      })
      expect(on.statusCode, on.body.slice(0, 500)).toBe(200)
      const code = /id="recovery-code">([0-9A-Z-]+)</.exec(on.body)?.[1]
      expect(code).toMatch(/^([0-9A-Z]{5}-){7}[0-9A-Z]{5}$/)
      expect(on.headers['cache-control']).toBe('no-store')
      expect(vault.status).toBe('unlocked')

      // A case with distinctive strings: the other parent's phone, a note, an uploaded file.
      const c = await caseFile.cases.createCase(WHO, {
        title: 'Handover case',
        nation: 'england',
        role: 'receiving',
        otherParent: { name: 'Pat', phone: PHONE },
      })
      await caseFile.cases.addEvent(WHO, c.id, {
        type: 'note',
        occurredOn: '2025-03-01',
        title: 'Handover',
        details: NOTE,
      })
      await caseFile.evidence.add(WHO, c.id, {
        fileName: 'notes.eml',
        content: once(
          Buffer.from(`From: a@example.com\r\nTo: b@example.com\r\nSubject: x\r\n\r\n${FILE_LINE}\r\n`),
        ),
        title: 'Email',
      })
      const page = await app.inject({ url: `/cases/${c.id}/timeline` })
      expect(page.body).toContain('Handover')

      // Stop the server, then search every byte of the data folder.
      await app.close()
      await vault.close()
      const bytes = everyByte(dataDir)
      for (const s of [
        PHONE,
        PHONE.replace(' ', ''),
        NOTE,
        'Quokka-marmalade',
        FILE_LINE,
        'Zanzibar-Octopus',
        'Handover case',
        'notes.eml',
      ])
        expect(bytes.includes(Buffer.from(s)), s).toBe(false)
      expect(readdirSync(dataDir).sort()).not.toContain('pglite')

      // Restarted: only the unlock page answers.
      ;({ app, vault, caseFile, services } = await start())
      expect(vault.status).toBe('locked')
      for (const url of ['/', '/cases', `/cases/${c.id}`, '/settings/privacy', '/check-calculation']) {
        const r = await app.inject({ url })
        expect(r.statusCode, url).toBe(303)
        expect(r.headers.location).toBe('/unlock')
      }
      const unlockPage = await app.inject({ url: '/unlock' })
      expect(unlockPage.body).toContain('Type your passphrase')
      expect(unlockPage.body).not.toContain('govuk-form-group--error')

      // A wrong passphrase reveals nothing and slows the next try down.
      const wrong = await app.inject({
        method: 'POST',
        url: '/unlock',
        ...form({ passphrase: 'not the passphrase' }),
      })
      expect(wrong.statusCode).toBe(400)
      expect(wrong.body).toContain('That passphrase is not right')
      expect(wrong.body).toContain('govuk-form-group--error')
      for (const s of ['Handover', 'Pat', PHONE]) expect(wrong.body).not.toContain(s)
      expect(vault.status).toBe('locked')
      const tooSoon = await app.inject({ method: 'POST', url: '/unlock', ...form({ passphrase: PASS }) })
      expect(tooSoon.body).toContain('before you try again')
      expect(vault.status).toBe('locked')
      await new Promise((r) => setTimeout(r, 1100))

      // The recovery code opens it too.
      const right = await app.inject({
        method: 'POST',
        url: '/unlock',
        ...form({ passphrase: code!.toLowerCase() }),
      })
      expect(right.statusCode).toBe(303)
      expect(vault.status).toBe('unlocked')
      expect((await app.inject({ url: `/cases/${c.id}/timeline` })).body).toContain('Handover')
      const file = (await caseFile.evidence.choices(WHO, c.id))[0]!
      expect((await caseFile.evidence.files.read(file.sha256)).toString()).toContain(FILE_LINE)

      // Neutral mode: every title is "Notes".
      const saved = await app.inject({
        method: 'POST',
        url: '/settings/privacy',
        ...form({ neutral: 'yes', idleMinutes: '1', exitUrl: 'https://www.bbc.co.uk/weather' }),
      })
      expect(saved.headers.location).toBe('/settings/privacy?saved=1')
      for (const url of ['/help', `/cases/${c.id}/timeline`])
        expect((await app.inject({ url })).body).toMatch(/<title>(Error: )?Notes<\/title>/)
      expect((await app.inject({ url: '/help' })).body).toContain('/assets/notes.svg')
      // …and what every page shows around its content: header, notice, Exit and skip link, footer.
      for (const url of ['/help', `/cases/${c.id}/timeline`, '/settings/privacy']) {
        const body = (await app.inject({ url })).body
        const around = [/<body[\s\S]*?<\/aside>/, /<footer[\s\S]*?<\/footer>/].map((r) => r.exec(body)![0])
        expect(around[0]).toMatch(/<span>Notes<\/span>/)
        expect(around[1]).toContain('About Notes')
        for (const part of around) expect(part, url).not.toMatch(/Redress|child maintenance/i)
      }

      // The idle lock: a minute without use, and the next request finds Redress locked.
      privacyFor(services).lastActivity = Date.now() - 61_000
      expect((await app.inject({ url: '/help' })).headers.location).toBe('/unlock')
      expect(vault.status).toBe('locked')
      await vault.unlock(PASS)

      // Exit locks, ends the session and blanks every page until a fresh start.
      const exit = await app.inject({ url: '/exit' })
      expect(exit.statusCode).toBe(303)
      expect(exit.headers.location).toBe('https://www.bbc.co.uk/weather')
      expect(exit.headers['clear-site-data']).toContain('cache')
      expect(vault.status).toBe('locked')
      const exited = String(exit.headers['set-cookie']).match(/redress_exited=1/)![0]
      const blank = await app.inject({ url: `/cases/${c.id}/timeline`, headers: { cookie: exited } })
      expect(blank.statusCode).toBe(200)
      expect(blank.body).toContain('<title>Notes</title>')
      expect(blank.body).not.toContain('Redress')
      expect(blank.headers['cache-control']).toBe('no-store')
      const again = await app.inject({ url: '/exit/start-again', headers: { cookie: exited } })
      expect(again.headers.location).toBe('/')
      expect((await app.inject({ url: '/' })).headers.location).toBe('/unlock')
      // The unlock page, the first thing anyone sees, names neither Redress nor child maintenance.
      const neutralUnlock = (await app.inject({ url: '/unlock' })).body
      expect(neutralUnlock).toContain('Keeping these notes private')
      expect(neutralUnlock).not.toMatch(/Redress|child maintenance/) // (addresses are lower case)
      await app.close()
      await vault.close()
    },
  )

  it(
    'imports an encrypted archive on the web import page with its passphrase; a wrong one imports nothing',
    { timeout: 300_000 },
    async () => {
      const { app, vault, caseFile } = await start()
      await vault.unlock(PASS) // with the passphrase: exports are encrypted with it
      const [c] = await caseFile.cases.listCases(WHO, 'all')
      const exported = await app.inject({ url: `/cases/${c!.id}/export/case.zip` })
      expect(exported.headers['content-disposition']).toContain('.redress')
      expect(exported.rawPayload.subarray(0, 8).toString()).toBe('RDXARCH1')
      const importPage = await app.inject({ url: '/cases/import' })
      expect(importPage.body).toContain('name="passphrase"')
      expect(importPage.body).toContain('type="password"')

      // The file first, then the passphrase: the order a browser sends this form in.
      const post = (passphrase: string | null) => {
        const boundary = '----redress-safe-import'
        const parts = [
          `--${boundary}\r\nContent-Disposition: form-data; name="archive"; filename="redress-case.redress"\r\nContent-Type: application/octet-stream\r\n\r\n`,
          exported.rawPayload,
          passphrase === null
            ? ''
            : `\r\n--${boundary}\r\nContent-Disposition: form-data; name="passphrase"\r\n\r\n${passphrase}`,
          `\r\n--${boundary}--\r\n`,
        ]
        return app.inject({
          method: 'POST',
          url: '/cases/import',
          headers: { ...sameOrigin(), 'content-type': `multipart/form-data; boundary=${boundary}` },
          payload: Buffer.concat(parts.map((x) => (typeof x === 'string' ? Buffer.from(x) : x))),
        })
      }
      const count = async () => (await caseFile.cases.listCases(WHO, 'all')).length
      const before = await count()
      const missing = await post(null)
      expect(missing.statusCode).toBe(400)
      expect(missing.body).toContain('href="#passphrase"')
      expect(missing.body).toContain('protected with a passphrase')
      const wrong = await post('not the passphrase')
      expect(wrong.statusCode).toBe(400)
      expect(wrong.body).toContain('That passphrase does not open this archive. Nothing was imported.')
      expect(wrong.body).toContain('govuk-form-group--error')
      expect(wrong.body).not.toContain('not the passphrase') // never echoed back
      expect(await count()).toBe(before)
      expect(readdirSync(caseFile.evidence.files.tempDir)).toEqual([]) // nothing left staged
      const right = await post(PASS)
      expect(right.statusCode).toBe(303)
      expect(right.headers.location).toMatch(/\?imported=copy$/)
      expect(await count()).toBe(before + 1)
      await app.close()
      await vault.close()
    },
  )
})
