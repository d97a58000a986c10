/** The column-mapping step takes any layout (issue 13): a file with no header row, and money out written as positive. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/services/clock.ts'
import { WHO } from '../case/fixtures.ts'
import { sameOrigin, testApp, type TestApp } from '../helpers/app.ts'

let t: TestApp
beforeAll(async () => {
  t = await testApp({}, fixedClock('2025-07-01'))
})
afterAll(async () => t?.close())

const post = (url: string, fields: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { ...sameOrigin(), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  })

function upload(url: string, content: string) {
  const b = '----redress-test-boundary'
  return t.app.inject({
    method: 'POST',
    url,
    headers: { ...sameOrigin(), 'content-type': `multipart/form-data; boundary=${b}` },
    payload: `--${b}\r\nContent-Disposition: form-data; name="file"; filename="card.csv"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${b}--\r\n`,
  })
}

describe('mapping the columns of a layout Redress does not know', () => {
  it('a file with no header row: numbered columns with examples; money out written positive is turned round', async () => {
    // Three columns no built-in layout has: reference first, then a date, then money out as positive.
    const csv = [
      'CMS121 MAINT,30/01/2025,213.03',
      'REFUND SHOP,02/02/2025,-10.00',
      'CMS121 MAINT,27/02/2025,213.03',
    ].join('\n')
    const created = await post('/check-arrears', { title: 'Card export' })
    const base = (created.headers.location as string).replace(/\/statement$/, '')
    const checkId = base.split('/').pop()!
    const up = await upload(`${base}/statement`, csv)
    expect(up.statusCode).toBe(303)
    const columnsUrl = up.headers.location as string
    expect(columnsUrl).toMatch(/\/statement\/[0-9a-f-]{36}\/columns$/)
    const page = await t.app.inject({ url: columnsUrl })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('This file has no header row')
    expect(page.body).toContain('Column 2 (first line: “30/01/2025”)')
    expect(page.body).toContain('name="headerless" value="yes"')
    expect(page.body).toContain('Money paid out is shown as a positive amount in this column')

    const mapped = await post(columnsUrl, {
      headerless: 'yes',
      date: 'Column 2',
      description: 'Column 1',
      amount: 'Column 3',
      outPositive: 'yes',
      saveAs: 'My card',
    })
    expect(mapped.statusCode).toBe(303)
    expect(mapped.headers.location).toBe(`${base}/payments?imported=3`)
    const { transactions } = await t.services.arrears.contents(WHO, checkId)
    // Every line is a transaction (none taken for a header), with money out negative.
    expect(transactions.map((x) => [x.date, x.description, x.amountPence])).toEqual([
      ['2025-01-30', 'CMS121 MAINT', -21303],
      ['2025-02-02', 'REFUND SHOP', 1000],
      ['2025-02-27', 'CMS121 MAINT', -21303],
    ])
    const saved = await t.services.arrears.repo.profiles(WHO.ownerId)
    expect(saved.find((p) => p.name === 'My card')!.mapping).toMatchObject({
      headerless: true,
      outPositive: true,
    })
  })
})
