import { readFileSync } from 'node:fs'
import { fromRoot } from '../root.ts'

/**
 * Where Redress's source code can be had (AGPL-3.0 section 13: every user of the web pages is
 * offered the source): REDRESS_SOURCE_URL if set, otherwise the homepage (or repository) in
 * package.json. Null when neither is known; the footer then says the source is in the folder
 * Redress runs from, which is true of every install.
 */
export function sourceCodeUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  const set = env.REDRESS_SOURCE_URL?.trim()
  if (set) return https(set, 'REDRESS_SOURCE_URL')
  const pkg = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as {
    homepage?: string
    repository?: string | { url?: string }
  }
  const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url
  const found = pkg.homepage ?? repo?.replace(/^git\+/, '').replace(/\.git$/, '')
  return found ? https(found, 'package.json homepage') : null
}

function https(url: string, where: string): string {
  if (!/^https:\/\/[^\s"'<>]+$/.test(url)) throw new Error(`${where}: must be an https:// address`)
  return url
}
