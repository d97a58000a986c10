import { translate } from './i18n.ts'
import { paths } from './paths.ts'

export interface NavItem {
  readonly href: string
  readonly text: string
  readonly current: boolean
}

/** The header's links, marking the current section. */
export function navigation(currentPath: string): NavItem[] {
  const items: Array<[string, string]> = [
    [paths.start, 'layout.nav.home'],
    [paths.calculation, 'calculation.start.nav'],
    [paths.routes, 'routes.nav'],
    [paths.deadlines, 'deadlines.nav'],
    [paths.cases, 'case.navItem'],
    [paths.help, 'layout.nav.help'],
  ]
  return items.map(([href, key]) => ({ href, text: String(translate(key)), current: href === currentPath }))
}
