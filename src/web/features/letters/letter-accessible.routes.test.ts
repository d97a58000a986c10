import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sameOrigin, testApp, type TestApp } from '../../../../test/helpers/app.ts'
import { amira } from '../../../../test/letters/personas.ts'

/**
 * Issue #11, accessible documents: no maintained library here writes tagged PDFs, so the letter
 * page (like the bundle page) says that the Word file is the accessible version of the letter.
 */

let t: TestApp
let caseId = ''

beforeAll(async () => {
  t = await testApp()
  caseId = (await amira(t.services)).c.id
}, 60_000)
afterAll(() => t.close())

const post = (action: string) =>
  t.app.inject({
    method: 'POST',
    url: `/cases/${caseId}/write/mandatory-reconsideration`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...sameOrigin() },
    payload: new URLSearchParams({
      'date-day': '20',
      'date-month': '2',
      'date-year': '2025',
      'word-grounds': 'Dan started a new job in November 2024, and earns £863.01 a week.',
      action,
    }).toString(),
  })

describe('the letter page names the accessible version', () => {
  it('says the Word file is the accessible version, under the download buttons', async () => {
    const r = await post('update')
    expect(r.statusCode).toBe(200)
    const word = r.body.indexOf('Download Word')
    expect(word).toBeGreaterThan(0)
    expect(r.body.indexOf('id="accessible-version"')).toBeGreaterThan(word)
    expect(r.body).toContain('The Word file is the accessible version of this letter.')
    expect(r.body).toContain('it is not a tagged PDF')
  })

  it('offers the Word file it speaks of, as a real Word document with headings', async () => {
    const r = await post('docx')
    expect(r.statusCode).toBe(200)
    expect(r.headers['content-type']).toContain('officedocument.wordprocessingml')
    const files = unzipSync(new Uint8Array(r.rawPayload))
    const xml = strFromU8(files['word/document.xml']!)
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>/)
    expect(strFromU8(files['word/styles.xml']!)).toContain('en-GB')
  })
})
