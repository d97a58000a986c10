// Shared by the server and CLI builds: the rule book compiled into the bundle, zod without its
// translations, and the record of what each bundle was built from (scripts/bundle-manifest.mjs).
import { build } from 'esbuild'
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * Reads and checks every rule file with the project's own loader (bundled for the occasion, so the
 * build runs on any supported Node), failing the build on a bad file. Returns the checked files.
 */
async function compileRules() {
  const tmp = join(root, 'dist', `.rules-compiler-${process.pid}`)
  mkdirSync(tmp, { recursive: true })
  const out = join(tmp, 'compile.mjs')
  await build({
    entryPoints: [join(root, 'src/rules/load.ts')],
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    logLevel: 'warning',
  })
  try {
    const { compileRuleFiles } = await import(pathToFileURL(out).href)
    return compileRuleFiles(join(root, 'rules') + sep)
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}

/**
 * An esbuild plugin that puts the checked rule book into the bundle in place of
 * src/rules/compiled.ts (each rule as JSON text, parsed when first read). The rule-file schema is
 * and the value schemas are left out: a bundle never reads YAML rules (every value was checked
 * here), and building the schemas costs a quick command ~10 ms.
 */
export function compiledRulesPlugin() {
  return {
    name: 'compiled-rules',
    setup(b) {
      let files
      b.onStart(async () => {
        try {
          files = await compileRules()
        } catch (e) {
          return { errors: [{ text: `rules/${e.message}` }] }
        }
      })
      b.onLoad({ filter: /[\\/]src[\\/]rules[\\/]compiled\.ts$/ }, () => ({
        contents: `export const compiledRules = ${JSON.stringify(
          files.map(({ path, file }) => ({ path, id: file.id, json: JSON.stringify(file) })),
        )}\n`,
        loader: 'js',
      }))
      b.onLoad({ filter: /[\\/]src[\\/]rules[\\/]values\.ts$/ }, () => ({
        contents: 'export const VALUE_CHECKS = {}\n', // every value was checked when the book was compiled
        loader: 'js',
      }))
      b.onLoad({ filter: /[\\/]src[\\/]rules[\\/]schema\.ts$/ }, () => ({
        contents:
          "export const ruleFileSchema = { safeParse() { throw new Error('This build reads the rule book compiled into it; YAML rule files are read only from the sources.') } }\n",
        loader: 'js',
      }))
    },
  }
}

/**
 * Redress writes its own messages in English: zod's translations into other languages (most of
 * zod's size) are left out of the bundle, keeping only English.
 */
export function zodEnglishOnlyPlugin() {
  return {
    name: 'zod-english-only',
    setup(b) {
      b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
        contents: "export { default as en } from './en.js'\n",
        loader: 'js',
      }))
    },
  }
}

/**
 * commander loads node:child_process (and with it networking, streams and readline) on start, for
 * subcommands that are separate programs, which Redress does not have. In the bundle it gets a
 * stand-in that loads the real module only if it is ever used.
 */
export function lazyChildProcessPlugin() {
  return {
    name: 'lazy-child-process',
    setup(b) {
      b.onResolve({ filter: /^node:child_process$/ }, (args) =>
        /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer)
          ? { path: 'child_process', namespace: 'lazy-child-process' }
          : undefined,
      )
      b.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
        contents:
          "let real\nmodule.exports = new Proxy({}, { get: (_, key) => (real ??= require('node:child_process'))[key] })\n",
        loader: 'js',
      }))
    },
  }
}

/**
 * pdf-lib compresses every page and font it writes with pako, zlib written in JavaScript, and its
 * standard-font metrics are unpacked with it. In a command that runs for a second, that code never
 * warms up: saving a page of text took 200 ms of CPU the first time, 95 ms with Node's own zlib.
 * So the bundle gives pako's callers Node's zlib instead (the same format; pdf-lib uses only
 * `deflate(data, { level })` and `inflate(data)`).
 */
export function nativeZlibForPakoPlugin() {
  return {
    name: 'native-zlib-for-pako',
    setup(b) {
      b.onResolve({ filter: /^pako$/ }, () => ({ path: 'pako', namespace: 'native-zlib-for-pako' }))
      b.onLoad({ filter: /.*/, namespace: 'native-zlib-for-pako' }, () => ({
        contents: [
          "import { deflateSync, inflateSync } from 'node:zlib'",
          'const bytes = (b) => new Uint8Array(b.buffer, b.byteOffset, b.length)',
          'export const deflate = (data, options) =>',
          '  bytes(deflateSync(data, options?.level === undefined ? undefined : { level: options.level }))',
          'export const inflate = (data) => bytes(inflateSync(data))',
          'export default { deflate, inflate }',
        ].join('\n'),
        loader: 'js',
      }))
    },
  }
}

/**
 * The first line of an ES module bundle holding CommonJS packages (commander, fontkit): their
 * require() calls for Node's own modules need a real require.
 */
export const REQUIRE_BANNER =
  "import { createRequire as __redressRequire } from 'node:module'; const require = __redressRequire(import.meta.url);"

/** The edits fontkitQuickLoadPlugin makes to fontkit's published build, each found exactly once. */
const FONTKIT_EDITS = [
  {
    // The Brotli dictionary, unpacked when a WOFF2 font first needs it.
    from: 'dictionary.init(BrotliDecompressBuffer);',
    to: `Object.defineProperty(dictionary, 'dictionary', {
  configurable: true,
  enumerable: true,
  get() {
    delete dictionary.dictionary;
    dictionary.init(BrotliDecompressBuffer);
    return dictionary.dictionary;
  },
});`,
  },
  {
    // unicode-trie's raw-deflate reader (tiny-inflate), given the same answer by Node's zlib.
    from: 'inflate = tinyInflate;',
    to: `inflate = function (source, dest) {
  var out = require('node:zlib').inflateRawSync(source);
  dest.set(out);
  return out.length < dest.length ? dest.slice(0, out.length) : dest;
};`,
  },
]

/**
 * fontkit (the font reader pdf-lib embeds fonts with) unpacks all its data when it is loaded: the
 * Brotli dictionary for WOFF2 fonts (which Redress never reads), and the Unicode and shaping
 * tables, with decompressors written in JavaScript. That cost every PDF-making command about
 * 60 ms of CPU before it drew anything. In the bundle, the dictionary is unpacked on first use
 * and the tables are unpacked by Node's zlib (the same formats: zlib for the shaping tables, raw
 * deflate for the Unicode tables). Each edit must find its text once, so a fontkit release that
 * changes it fails the build instead of shipping unpatched; test/cli/fontkit-quick-load.test.ts
 * checks the patched fontkit lays out every script exactly as the original does.
 */
export function fontkitQuickLoadPlugin() {
  return {
    name: 'fontkit-quick-load',
    setup(b) {
      b.onLoad({ filter: /[\\/]@pdf-lib[\\/]fontkit[\\/]dist[\\/]fontkit\.umd\.js$/ }, (args) => {
        let text = readFileSync(args.path, 'utf8')
        for (const { from, to } of FONTKIT_EDITS) {
          const parts = text.split(from)
          if (parts.length !== 2)
            return {
              errors: [{ text: `fontkit-quick-load: expected one ${JSON.stringify(from)} in ${args.path}` }],
            }
          text = parts.join(to)
        }
        // fontkit's own copy of pako, for the shaping tables it unpacks on load.
        if (!text.includes('pako_1.inflate('))
          return { errors: [{ text: `fontkit-quick-load: no pako_1.inflate( in ${args.path}` }] }
        text = text.replaceAll('pako_1.inflate(', "require('node:zlib').inflateSync(")
        return { contents: text, loader: 'js' }
      })
    },
  }
}

/** Every dependency except `bundled`, as esbuild externals (each with its subpaths). */
export function externalPackages(bundled = []) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter(
    (n) => !bundled.includes(n),
  )
  return names.flatMap((n) => [n, `${n}/*`])
}

/** Every file and folder under rules/ (a new, removed or changed rule file makes a bundle stale). */
function ruleInputs() {
  const out = []
  const visit = (dir) => {
    out.push(relative(root, dir))
    for (const name of readdirSync(dir)) {
      const full = join(dir, name)
      if (statSync(full).isDirectory()) visit(full)
      else out.push(relative(root, full))
    }
  }
  visit(join(root, 'rules'))
  return out
}

/**
 * What a bundle was built from, for its manifest: our own sources in the metafile, the rule files,
 * the package files and the build scripts.
 */
export function bundleInputs(metafile, scripts) {
  const own = Object.keys(metafile.inputs).filter((p) => !p.startsWith('node_modules/') && !p.includes(':'))
  return [
    ...own,
    ...ruleInputs(),
    'package.json',
    'package-lock.json',
    'scripts/build-common.mjs',
    'scripts/bundle-manifest.mjs',
    ...scripts,
  ]
}
