#!/usr/bin/env node
// Entry point for the `redress` command: runs the CLI bundle in dist/cli/, building it first when
// it is missing or older than its sources (scripts/build-cli.mjs). V8's compile cache keeps the
// compiled code between runs.
import { enableCompileCache } from 'node:module'
import { fileURLToPath } from 'node:url'
import { isBundleFresh } from '../scripts/bundle-manifest.mjs'

enableCompileCache?.()
const root = new URL('../', import.meta.url)
if (!isBundleFresh(fileURLToPath(new URL('dist/cli/manifest.json', root)), fileURLToPath(root))) {
  const { buildCli } = await import('../scripts/build-cli.mjs')
  await buildCli({ ifStale: true })
}
await import('../dist/cli/main.mjs')
