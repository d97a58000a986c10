import ts from 'typescript'

/**
 * Finds English sentences for a person in TypeScript source: the rule the copy guard enforces
 * (test/copy/no-english-outside-locales.test.ts). Precisely:
 *
 * A string literal or template literal is English when its text (each `${…}` read as the word "X")
 * holds three or more words of letters in a row, separated by single spaces, at least one of which
 * is a lower-case word of two letters or more ("Request for a reconsideration", "the {kind} decision"
 * is not: "{kind}" is not a word of letters; "X of X" is). Ignored, as not copy:
 *
 * - module specifiers (import, export, `import()`, `require()`) and literal types (`'a' | 'b'`);
 * - property names (`{ 'a b c': 1 }`) and tagged templates (`sql\`…\``);
 * - SQL: a literal starting with an upper-case SQL keyword (SELECT, INSERT, UPDATE, DELETE, CREATE,
 *   ALTER, DROP, WITH, BEGIN, COMMIT, PRAGMA);
 * - arguments of `new Error(…)`, `new TypeError(…)`, `new RangeError(…)`: built-in errors are
 *   programming errors in this project (a parent is told things through InvalidInput, BadInput and
 *   the domain's own errors, which are checked);
 * - arguments of a logger call (`<x>.log.<level>(…)`, `logger.<level>(…)`): logs are for whoever
 *   runs the server, never shown to a parent;
 * - any literal on a line carrying `// copy: not user-facing (reason)`, or directly under a line
 *   that is only that comment.
 */
export interface EnglishLiteral {
  readonly line: number
  readonly text: string
}

const WORDS = /[A-Za-z]+(?: [A-Za-z]+){2,}/g
const SQL = /^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|WITH|BEGIN|COMMIT|PRAGMA)\b/
const EXEMPT = /\/\/\s*copy: not user-facing \(.+\)/
const BUILT_IN_ERRORS = new Set(['Error', 'TypeError', 'RangeError'])
const LOG_LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal'])

/** Whether a literal's text reads as English prose (the rule above). */
export function readsAsEnglish(text: string): boolean {
  if (SQL.test(text)) return false
  for (const run of text.match(WORDS) ?? []) {
    if (run.split(' ').some((w) => w.length >= 2 && w === w.toLowerCase())) return true
  }
  return false
}

const templateText = (node: ts.TemplateExpression): string =>
  node.head.text + node.templateSpans.map((s) => `X${s.literal.text}`).join('')

export function isIgnoredContext(node: ts.Node): boolean {
  const parent = node.parent
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) return true
  if (ts.isExternalModuleReference(parent) || ts.isImportTypeNode(parent)) return true
  if (ts.isLiteralTypeNode(parent)) return true
  if (ts.isTaggedTemplateExpression(parent)) return true
  if (
    (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertySignature(parent)) &&
    parent.name === node
  )
    return true
  for (let n: ts.Node = node; n.parent && !ts.isSourceFile(n); n = n.parent) {
    const p = n.parent
    if (ts.isNewExpression(p) && ts.isIdentifier(p.expression) && BUILT_IN_ERRORS.has(p.expression.text))
      return true
    if (ts.isCallExpression(p) && p.arguments.some((a) => a === n)) {
      if (p.expression.kind === ts.SyntaxKind.ImportKeyword) return true
      if (ts.isIdentifier(p.expression) && p.expression.text === 'require') return true
      if (ts.isPropertyAccessExpression(p.expression) && LOG_LEVELS.has(p.expression.name.text)) {
        const target = p.expression.expression
        const name = ts.isPropertyAccessExpression(target)
          ? target.name.text
          : ts.isIdentifier(target)
            ? target.text
            : ''
        if (name === 'log' || name === 'logger') return true
      }
    }
    // Stop at the statement: an exemption further out would hide too much.
    if (ts.isStatement(p) || ts.isFunctionLike(p)) break
  }
  return false
}

/** Every English literal in one source file, with its line (1-based). */
export function findEnglish(source: string, fileName = 'file.ts'): EnglishLiteral[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const lines = source.split('\n')
  const exempt = (line: number): boolean =>
    EXEMPT.test(lines[line] ?? '') ||
    (/^\s*\/\/\s*copy: not user-facing/.test(lines[line - 1] ?? '') && EXEMPT.test(lines[line - 1] ?? ''))
  const found: EnglishLiteral[] = []
  const visit = (node: ts.Node): void => {
    let text: string | null = null
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text
    else if (ts.isTemplateExpression(node)) text = templateText(node)
    if (text !== null && readsAsEnglish(text) && !isIgnoredContext(node)) {
      const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line
      if (!exempt(line)) found.push({ line: line + 1, text })
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return found
}
