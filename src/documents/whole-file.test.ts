import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { saveWhole, WholeFile, writeAll } from './whole-file.ts'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'redress-whole-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('a file written whole or not at all', () => {
  it('takes the place of an earlier file only once it is whole, readable by its owner alone', () => {
    const path = join(dir, 'letter.pdf')
    writeFileSync(path, 'the earlier letter')
    const file = new WholeFile(path)
    writeAll(file.fd, Buffer.from('the new letter, part written'))
    expect(readFileSync(path, 'utf8')).toBe('the earlier letter')
    file.commit()
    expect(readFileSync(path, 'utf8')).toBe('the new letter, part written')
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(readdirSync(dir)).toEqual(['letter.pdf'])
  })

  it('leaves the earlier file as it was, and nothing beside it, when the work fails', () => {
    const path = join(dir, 'bundle.pdf')
    writeFileSync(path, 'the earlier bundle')
    const file = new WholeFile(path)
    writeAll(file.fd, Buffer.from('half a bundle'))
    file.abort()
    expect(readFileSync(path, 'utf8')).toBe('the earlier bundle')
    expect(readdirSync(dir)).toEqual(['bundle.pdf'])
    // and no file at all where there was none
    const fresh = new WholeFile(join(dir, 'new.pdf'))
    fresh.abort()
    expect(readdirSync(dir)).toEqual(['bundle.pdf'])
  })

  it('saves text and bytes, and writes straight to what is not a regular file', () => {
    saveWhole(join(dir, 'log.txt'), 'Page 3: address removed\n')
    expect(readFileSync(join(dir, 'log.txt'), 'utf8')).toBe('Page 3: address removed\n')
    saveWhole(join(dir, 'b.bin'), new Uint8Array([1, 2, 3]))
    expect([...readFileSync(join(dir, 'b.bin'))]).toEqual([1, 2, 3])
    expect(() => saveWhole('/dev/null', 'nothing')).not.toThrow()
    expect(readdirSync(dir).sort()).toEqual(['b.bin', 'log.txt'])
  })
})
