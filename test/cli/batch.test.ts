import { Readable, Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { JsonArraySplitter, runBatch } from '../../src/cli/batch.ts'
import { BadInput } from '../../src/cli/io.ts'
import { InvalidInput, OutsideRuleCoverage } from '../../src/domain/shared/errors.ts'
import { message } from '../../src/domain/shared/message.ts'

/** Splits `text` fed in pieces of `size` characters. */
function split(text: string, size: number): string[] {
  const s = new JsonArraySplitter()
  const out: string[] = []
  for (let i = 0; i < text.length; i += size) out.push(...s.push(text.slice(i, i + size)))
  s.end()
  return out
}

describe('JsonArraySplitter', () => {
  const text = ' [ {"a": "x,]}\\"[", "b": [1, {"c": 2}]}, 3 ,"s" , [ ] ]\n'
  it.each([1, 2, 5, 1000])('finds the same elements whatever the chunk size (%i)', (size) => {
    expect(split(text, size).map((e) => JSON.parse(e) as unknown)).toEqual([
      { a: 'x,]}"[', b: [1, { c: 2 }] },
      3,
      's',
      [],
    ])
  })

  it('reads an empty array as no elements', () => {
    expect(split('[]', 1)).toEqual([])
    expect(split(' [ \n ] ', 3)).toEqual([])
  })

  it('refuses what is not one array', () => {
    expect(() => split('{"a": 1}', 4)).toThrow(BadInput)
    expect(() => split('', 4)).toThrow(/expected a JSON array/)
    expect(() => split('[1, 2', 4)).toThrow(/ends too early/)
    expect(() => split('[1] [2]', 4)).toThrow(/after the closing/)
  })
})

/** Runs a batch over `input`, collecting what it writes. */
async function batch(input: string, json: boolean, ndjson: boolean) {
  let written = ''
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      written += chunk.toString()
      done()
    },
  })
  const outcome = await runBatch(
    Readable.from([Buffer.from(input)]),
    sink,
    {
      answer: (item) => {
        const n = (item as { n?: unknown }).n
        if (n === 'bad') throw new InvalidInput('n', message('domainErrors.worded', { words: 'is bad' }))
        if (n === 'old')
          throw new OutsideRuleCoverage(
            'x.rule',
            '1999-01-01',
            message('domainErrors.worded', { words: 'too early' }),
          )
        if (n === 'boom') throw new Error('a real failure')
        return n
      },
      toJson: (n) => ({ n }),
      toText: (n) => `n is ${String(n)}`,
      dateField: 'on',
    },
    { json, ndjson },
  )
  return { outcome, written }
}

describe('runBatch', () => {
  it('answers each item in its place, refusals as {"error"}', async () => {
    const r = await batch('[{"n": 1}, {"n": "bad"}, {"n": "old"}, nope, {"n": 2}]', true, false)
    expect(r.outcome).toEqual({ answered: 2, refused: 3 })
    expect(JSON.parse(r.written)).toEqual([
      { n: 1 },
      { error: { field: 'n', message: 'is bad' } },
      { error: { field: 'on', message: 'too early' } },
      { error: { field: '(request)', message: expect.stringContaining('not valid JSON') } },
      { n: 2 },
    ])
  })

  it('writes one line an answer with ndjson, and text without json', async () => {
    const nd = await batch('{"n": 1}\n\n{"n": "bad"}\n{"n": 3}', true, true)
    expect(nd.written).toBe('{"n":1}\n{"error":{"field":"n","message":"is bad"}}\n{"n":3}\n')
    const text = await batch('[{"n": 1}, {"n": "bad"}]', false, false)
    expect(text.written).toBe('Request 1\nn is 1\n\nRequest 2\nrefused: n: is bad\n')
  })

  it('answers an empty batch with an empty array', async () => {
    expect((await batch('[]', true, false)).written).toBe('[]\n')
  })

  it('lets a real failure through (exit 1), after closing the array', async () => {
    await expect(batch('[{"n": 1}, {"n": "boom"}]', true, false)).rejects.toThrow('a real failure')
  })
})
