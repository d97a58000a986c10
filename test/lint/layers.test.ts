import { describe, expect, it } from 'vitest'
import { ESLint } from 'eslint'
import { fromRoot } from '../../src/root.ts'

/** The layer rules (scripts/eslint-layers.js) as `npm run check` runs them, on small made-up files. */
const eslint = new ESLint({ cwd: fromRoot() })
const problems = async (path: string, code: string): Promise<string[]> => {
  const [result] = await eslint.lintText(code, { filePath: fromRoot(path) })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'layers/boundaries').map((m) => m.message)
}

describe('layer rules', () => {
  it('keeps the domain to itself: no other layer, however many ../ it takes, and no I/O', async () => {
    expect(await problems('src/domain/case/x.ts', "export { rules } from '../../rules/load.ts'\n")).toEqual([
      expect.stringMatching(/src\/domain imports nothing outside src\/domain .*src\/rules/),
    ])
    expect(
      await problems(
        'src/domain/arrears/import/x.ts',
        "import type { Db } from '../../../store/db.ts'\nexport type X = Db\n",
      ),
    ).toHaveLength(1)
    expect(
      await problems('src/domain/case/x.ts', "export const m = import('../../services/clock.ts')\n"),
    ).toHaveLength(1)
    expect(
      await problems(
        'src/domain/case/x.ts',
        "import { readFileSync } from 'node:fs'\nexport const r = readFileSync\n",
      ),
    ).toEqual([expect.stringMatching(/does no I\/O/)])
    expect(
      await problems(
        'src/domain/arrears/import/x.ts',
        "import { pence } from '../../shared/pence.ts'\nimport { parse } from 'csv-parse/sync'\nexport const a = [pence, parse]\n",
      ),
    ).toEqual([])
  })

  it('keeps the web pages and the command line away from the store', async () => {
    expect(
      await problems(
        'src/web/features/x/x.routes.ts',
        "import { Vault } from '../../../store/safe/vault.ts'\nexport const v = Vault\n",
      ),
    ).toEqual([expect.stringMatching(/src\/web never imports src\/store/)])
    expect(
      await problems(
        'src/cli/commands/x.command.ts',
        "import type { Db } from '../../store/db.ts'\nexport type X = Db\n",
      ),
    ).toEqual([expect.stringMatching(/src\/cli never imports src\/store/)])
    expect(
      await problems(
        'src/cli/commands/x.command.ts',
        "import { Vault } from '../../services/safe-mode.ts'\nexport const v = Vault\n",
      ),
    ).toEqual([])
  })

  it('lets tests build fixtures from every layer', async () => {
    expect(
      await problems(
        'src/web/features/x/x.test.ts',
        "import { openDatabase } from '../../../store/db.ts'\nexport const o = openDatabase\n",
      ),
    ).toEqual([])
  })

  // The code as it is: `npm run check` (eslint .) runs the rule over every file.
})
