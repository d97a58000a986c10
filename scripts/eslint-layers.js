import { dirname, relative, resolve, sep } from 'node:path'

/**
 * The layer rules, as an ESLint rule (`layers/boundaries`), so `npm run check` enforces them:
 *
 * - src/domain imports nothing outside src/domain (no services, store, web, cli, documents, rules
 *   loader, config or root), and no module that reaches the file system, the network, a process or
 *   a database: the domain is pure and takes everything it needs as arguments;
 * - src/web and src/cli never import src/store: they go through src/services (the composition root
 *   and the services' own API).
 *
 * Tests (`*.test.ts`, `*.test-helper.ts`) are exempt: they build fixtures from every layer.
 * Relative specifiers are resolved against the importing file, so a path that leaves its layer is
 * caught however many `../` it takes.
 */

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..')
const SRC = resolve(ROOT, 'src')

/** Packages and built-ins that do I/O (or keep time) and so have no place in the domain. */
const IMPURE = [
  'fs',
  'fs/promises',
  'child_process',
  'net',
  'http',
  'https',
  'http2',
  'dgram',
  'dns',
  'os',
  'tls',
  'worker_threads',
  'cluster',
  'process',
  'timers',
  'timers/promises',
  'readline',
  'fastify',
  'drizzle-orm',
  'pg',
  '@electric-sql/pglite',
]
const impure = (spec) => {
  const bare = spec.replace(/^node:/, '')
  return IMPURE.some((m) => bare === m || bare.startsWith(`${m}/`))
}

const layerOf = (file) => {
  const rel = relative(SRC, file)
  if (rel.startsWith('..') || rel === '') return null
  return rel.split(sep)[0]
}

const isTest = (file) => /\.test\.ts$|\.test-helper\.ts$|\.spec\.ts$/.test(file)

const boundaries = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Keep the layers apart: a pure domain; web and CLI reach the store only through services.',
    },
    schema: [],
    messages: {
      domainOut:
        'src/domain imports nothing outside src/domain ("{{spec}}" is in src/{{layer}}): pass what it needs in as an argument.',
      domainImpure:
        'src/domain does no I/O: "{{spec}}" reaches the file system, network, a process or a database.',
      storeFromOuter:
        'src/{{from}} never imports src/store ("{{spec}}"): go through src/services (createServices or a service\'s own export).',
    },
  },
  create(context) {
    const file = context.filename ?? context.getFilename()
    const from = layerOf(resolve(file))
    if (!from || isTest(file) || !['domain', 'web', 'cli'].includes(from)) return {}
    const check = (node, spec) => {
      if (typeof spec !== 'string') return
      if (!spec.startsWith('.')) {
        if (from === 'domain' && impure(spec))
          context.report({ node, messageId: 'domainImpure', data: { spec } })
        return
      }
      const target = resolve(dirname(resolve(file)), spec)
      const to = layerOf(target)
      if (from === 'domain' && to !== 'domain')
        context.report({ node, messageId: 'domainOut', data: { spec, layer: to ?? '..' } })
      if ((from === 'web' || from === 'cli') && to === 'store')
        context.report({ node, messageId: 'storeFromOuter', data: { spec, from } })
    }
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    }
  },
}

export default { rules: { boundaries } }
