import { execFileSync } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import { chmodSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser } from './support/browser.ts'
import { RedressPage } from './support/page.ts'
import { freePort, removeDir, startServer, type RunningServer } from './support/server.ts'
import { pdf } from '../test/case/fixtures.ts'

/*
 * Another website open in the same browser tries to change the case file, as an attacker would:
 * a plain HTML form that submits itself, and fetch() in no-cors mode. Both reach Redress, and
 * neither changes anything. Redress's own pages, with and without JavaScript, still work.
 */

let server: RunningServer
let attacker: Server
let attackerUrl = ''
let browser: Browser
let context: BrowserContext
let page: Page
let caseId = ''

/** The attacker's page: it tries a form POST, a no-cors fetch and a forged upload against Redress. */
function attackPage(target: string, id: string): string {
  return `<!doctype html><html lang="en"><head><title>Cheap flights</title></head><body>
<form id="f" method="post" action="${target}/cases/new">
  <input name="title" value="Planted by another site"><input name="nation" value="england">
  <input name="role" value="paying"><input name="action" value="save">
</form>
<form id="purge" method="post" action="${target}/cases/${id}/bin/case/${id}" target="frame"></form>
<iframe name="frame" title="hidden"></iframe>
<p id="done">waiting</p>
<script>
  (async () => {
    const body = new URLSearchParams({ title: 'Planted by fetch', nation: 'england', role: 'paying', action: 'save' })
    await fetch('${target}/cases/new', { method: 'POST', mode: 'no-cors', body }).catch(() => {})
    const upload = new FormData()
    upload.append('title', 'Planted file')
    upload.append('file', new Blob(['%PDF-1.4 planted'], { type: 'application/pdf' }), 'planted.pdf')
    await fetch('${target}/cases/${id}/evidence/new', { method: 'POST', mode: 'no-cors', body: upload }).catch(() => {})
    document.getElementById('purge').submit()
    await new Promise((r) => setTimeout(r, 500))
    document.getElementById('done').textContent = 'sent'
    document.getElementById('f').submit()
  })()
</script></body></html>`
}

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  context = await browser.newContext()
  page = await context.newPage()
  // A case to aim at, made through Redress's own form (which must keep working).
  await page.goto(`${server.url}/cases/new`)
  await page.fill('#title', 'Our case')
  await page.locator('input[name="nation"][value="england"]').check()
  await page.locator('input[name="role"][value="receiving"]').check()
  await page.locator('button[value="save"]').click()
  caseId = new URL(page.url()).pathname.split('/')[2]!
  const port = await freePort()
  attacker = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(attackPage(server.url, caseId))
  })
  await new Promise<void>((r) => attacker.listen(port, '127.0.0.1', r))
  attackerUrl = `http://127.0.0.1:${port}/`
}, 120_000)

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await new Promise((r) => attacker?.close(r))
  await server?.stop()
  if (server) removeDir(server.dataDir)
})

describe('another website in the same browser', () => {
  it('cannot create, upload or bin anything by form or by fetch', async () => {
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/)
    const before = await (await fetch(`${server.url}/cases`)).text()
    await page.goto(attackerUrl)
    // The self-submitting form lands on Redress's refusal page.
    await page.waitForURL(`${server.url}/cases/new`, { timeout: 20_000 })
    expect(await page.locator('h1').innerText()).toBe('This form could not be sent')
    const redress = new RedressPage(page, server.url)
    await redress.expectAccessible()
    await redress.screenshot('security-refused')

    const after = await (await fetch(`${server.url}/cases`)).text()
    expect(after).not.toContain('Planted')
    expect(after).toContain('Our case')
    expect(after.match(/href="\/cases\/[0-9a-f-]{36}"/g)).toEqual(
      before.match(/href="\/cases\/[0-9a-f-]{36}"/g),
    )
    const evidence = await (await fetch(`${server.url}/cases/${caseId}/evidence`)).text()
    expect(evidence).not.toContain('Planted file')
    expect((await fetch(`${server.url}/cases/${caseId}`)).status).toBe(200) // not binned
  })

  it('still lets Redress’s own pages change things, with JavaScript and without', async () => {
    await page.goto(`${server.url}/cases/${caseId}/evidence/new`)
    const file = join(server.dataDir, '..', `upload-${process.pid}.pdf`)
    writeFileSync(file, pdf('Our payslip'))
    await page.setInputFiles('input[type="file"]', file)
    await page.fill('#title', 'Our payslip')
    await page.locator('form[data-rd-upload] button').click()
    await page.waitForURL(/\/evidence\/[0-9a-f-]{36}\?saved=1$/)

    const noScript = await browser.newContext({ javaScriptEnabled: false })
    try {
      const p = await noScript.newPage()
      await p.goto(`${server.url}/cases/new`)
      await p.fill('#title', 'Case without JavaScript')
      await p.locator('input[name="nation"][value="wales"]').check()
      await p.locator('input[name="role"][value="paying"]').check()
      await p.locator('button[value="save"]').click()
      await p.waitForURL(/\/cases\/[0-9a-f-]{36}$/)
      expect(await p.locator('h1').innerText()).toBe('Overview')
    } finally {
      await noScript.close()
    }
  })

  it('leaves every file in the data folder readable by the user alone', () => {
    const open: string[] = []
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name)
        const st = statSync(path)
        if ((st.mode & 0o077) !== 0) open.push(path)
        if (st.isDirectory()) walk(path)
      }
    }
    if ((statSync(server.dataDir).mode & 0o077) !== 0) open.push(server.dataDir)
    walk(server.dataDir)
    expect(open).toEqual([])
    expect(execFileSync('find', [server.dataDir, '-perm', '/077'], { encoding: 'utf8' })).toBe('')
  })
})

describe('an install from before the data folder was made private', () => {
  it('is tightened at start-up, saying so once', async () => {
    const dataDir = server.dataDir
    await server.stop()
    chmodSync(dataDir, 0o755)
    const loose = join(dataDir, 'pglite', 'PG_VERSION')
    chmodSync(loose, 0o644)
    server = await startServer({ dataDir })
    expect(server.output()).toMatch(/readable by you alone/)
    expect(statSync(loose).mode & 0o777).toBe(0o600)
    expect(statSync(dataDir).mode & 0o777).toBe(0o700)
    await server.stop()
    server = await startServer({ dataDir })
    expect(server.output()).not.toMatch(/readable by you alone/)
  })

  it('refuses to listen beyond this computer, saying why in one sentence', async () => {
    await expect(startServer({ env: { HOST: '0.0.0.0' } })).rejects.toThrow(
      /only listens on this computer .*anyone on the network could read every case/,
    )
  })
})
