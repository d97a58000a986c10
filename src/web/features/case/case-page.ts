import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  CaseInputError,
  LOCAL_OWNER,
  NotFound,
  StaleVersion,
  type Actor,
  type CaseRecord,
} from '../../../domain/case/index.ts'
import type { CaseServices } from '../../../services/case-services.ts'
import type { KeptPages } from '../../../services/kept-pages.ts'
import { translate, type Params } from '../../i18n.ts'
import type { Message } from '../../../domain/shared/message.ts'
import { navigation } from '../../navigation.ts'
import { paths } from '../../paths.ts'
import { params, type Read } from './case.schema.ts'
import { toErrors, type FieldError } from './form.ts'
import { present } from './present.ts'

/**
 * What every page inside a case shares: who is using it, the case loaded once before the handler
 * (with its side navigation), rendering, and turning service problems into the error summary.
 * A record or case that is not there is thrown (the case file's `NotFound`) and answered once, by
 * the app's error handler, with the 404 page.
 */

/** The person using this install, through the web (accounts come later; rows already carry an owner). */
export const WEB_ACTOR: Actor = { ownerId: LOCAL_OWNER, name: 'you (web)' }

export const copy = (key: string | Message, values: Params = {}): string => String(translate(key, values))

/** A path from its pattern in paths.ts: fill('/cases/:caseId', { caseId }) → "/cases/…". */
export const fill = (pattern: string, values: Record<string, string>): string =>
  pattern.replace(/:(\w+)/g, (_, k: string) => encodeURIComponent(values[k] ?? ''))

/** Radio or select items from a list of values, labelled from `case.labels.<group>`. */
export const option = (group: string, values: readonly string[], selected: string | null | undefined) =>
  values.map((v) => ({
    value: v,
    text: copy(`case.labels.${group}.${v}`),
    selected: v === selected,
    checked: v === selected,
  }))

/** Problems from the services (or the parts of a date typed wrongly) as the error summary. */
function errorsFrom(
  error: unknown,
  read: Read<unknown> | null,
  dates: ReadonlySet<string>,
): FieldError[] | null {
  if (error instanceof StaleVersion) return [{ text: copy(error.words), href: '#main-content' }]
  if (!(error instanceof CaseInputError)) return null
  return toErrors(error.problems, dates, read?.dateProblems)
}

/**
 * What every add and amend form does with a post: save, then go to the address `save` returns; or,
 * when the case file refuses the input (or the record changed meanwhile), show the form again with
 * its errors (`show`, as a 400). Any other failure is left to the app's error handler.
 */
export async function saveOrShowErrors(
  reply: FastifyReply,
  save: () => Promise<string>,
  refused: {
    read: Read<unknown> | null
    dates: ReadonlySet<string>
    show: (errors: FieldError[]) => unknown
  },
): Promise<unknown> {
  let next: string
  try {
    next = await save()
  } catch (error) {
    const errors = errorsFrom(error, refused.read, refused.dates)
    if (!errors) throw error
    return refused.show(errors)
  }
  return reply.redirect(next, 303)
}

/** The entries of a case's side navigation. */
export type CaseNavKey =
  | 'overview'
  | 'decisions'
  | 'timeline'
  | 'deadlines'
  | 'evidence'
  | 'letters'
  | 'arrears'
  | 'history'
  | 'bin'
  | 'export'
  | 'search'

const NAV: readonly (readonly [Exclude<CaseNavKey, 'search'>, string])[] = [
  ['overview', paths.case],
  ['decisions', paths.caseDecisions],
  ['timeline', paths.caseTimeline],
  ['deadlines', paths.caseDeadlines],
  ['evidence', paths.caseEvidenceList],
  ['letters', paths.caseLetters],
  ['arrears', paths.arrearsInCase],
  ['history', paths.caseHistory],
  ['bin', paths.caseBin],
  ['export', paths.caseExport],
]

/** The case, its side navigation and where we are in it. */
export interface CaseShell {
  readonly c: CaseRecord
  readonly caseNav: readonly { key: string; href: string; text: string; current: boolean }[]
}

export const caseNav = (caseId: string, current: CaseNavKey): CaseShell['caseNav'] =>
  NAV.map(([key, pattern]) => ({
    key,
    href: fill(pattern, { caseId }),
    // "Check your arrears" keeps its copy in its own locale file.
    text: copy(key === 'arrears' ? 'arrears.nav' : `case.nav.${key}`),
    current: key === current,
  }))

const shells = new WeakMap<FastifyRequest, CaseShell>()

/** Where this request's page is kept once rendered (see keptOrRender). */
interface KeepSlot {
  readonly kept: KeptPages
  readonly scope: string
  readonly version: string
  readonly key: string
}
const slots = new WeakMap<FastifyRequest, KeepSlot>()

const HTML = 'text/html; charset=utf-8'

/**
 * Pages kept until their case changes (issue #10, point 4). A GET page rendered by `caseRenderer`
 * is a function of the case at one version (read first, in the same query as the case), the day,
 * the address with its query, and the values every page shares (neutral mode, safe mode); the
 * cross-site token is not in it, since it is added to forms as the page is sent
 * (src/web/security/cross-site.ts), and a page that prints the token itself is never kept. So the
 * same page is sent again, without reading the database, until any write gives the case a new
 * version. Returns true when the kept page was sent.
 */
export function sendKept(
  request: FastifyRequest,
  reply: FastifyReply,
  kept: KeptPages,
  scope: string,
  version: string | number,
  today: string,
): boolean {
  if (request.method !== 'GET') return false
  const { csrfToken: _token, ...locals } = ((reply as { locals?: Record<string, unknown> | null }).locals ??
    {}) as Record<string, unknown>
  const slot: KeepSlot = {
    kept,
    scope,
    version: String(version),
    key: `${today}\u0000${request.url}\u0000${JSON.stringify(locals)}`,
  }
  const html = kept.get(slot.scope, slot.version, slot.key)
  if (html !== undefined) {
    void reply.code(200).type(HTML).send(html)
    return true
  }
  slots.set(request, slot)
  return false
}

/**
 * Loads the case of every route in this plugin whose address has a `:caseId`, once, before the
 * handler: a malformed id or a case that is not there is the 404 page. `current` is the entry of
 * the side navigation the plugin's pages belong to. A GET page kept for the case's version is sent
 * from here (see sendKept).
 */
export function loadCaseFirst(app: FastifyInstance, svc: CaseServices, current: CaseNavKey): void {
  app.addHook('preHandler', async (request, reply) => {
    if (!request.routeOptions.url?.includes(':caseId')) return
    const read = params.safeParse(request.params)
    // A malformed id is a case that is not there: the app's error handler shows the 404 page.
    if (!read.success) throw new NotFound('case', String((request.params as { caseId?: unknown }).caseId))
    const caseId = read.data.caseId
    // First only the version: a page kept for it is sent without reading anything else.
    const scope = `case:${caseId}`
    if (request.method === 'GET') {
      const seen = await svc.cases.caseVersion(WEB_ACTOR, caseId)
      if (sendKept(request, reply, svc.kept, scope, seen, svc.cases.today().toString())) return reply
    }
    const { case: c, version } = await svc.cases.caseAndVersion(WEB_ACTOR, caseId)
    shells.set(request, { c, caseNav: caseNav(c.id, current) })
    // The page is kept under the version read with the case, before anything else on it.
    const slot = slots.get(request)
    if (slot) slots.set(request, { ...slot, version: String(version) })
  })
}

/** The case loaded for this request by `loadCaseFirst`. */
export function caseOf(request: FastifyRequest): CaseShell {
  const shell = shells.get(request)
  if (!shell) throw new Error(`no case was loaded for ${request.routeOptions.url ?? 'this route'}`)
  return shell
}

/** The same case shell with another entry of the side navigation marked as current. */
export const withNav = (shell: CaseShell, current: CaseNavKey): CaseShell => ({
  c: shell.c,
  caseNav: caseNav(shell.c.id, current),
})

export type Render = (
  reply: FastifyReply,
  template: string,
  title: string,
  context?: Record<string, unknown>,
  status?: number,
) => Promise<FastifyReply>

/**
 * Renders a template of `folder` inside the case pages' frame: the page title, the service
 * navigation, the formatters, and the case shell when the request loaded one. A GET page that
 * `sendKept` looked for is kept for the next request at the same case version.
 */
export const caseRenderer =
  (folder: string) =>
  async (
    request: FastifyRequest,
    reply: FastifyReply,
    template: string,
    title: string,
    context: Record<string, unknown> = {},
    status = 200,
  ): Promise<FastifyReply> => {
    const html = await reply.viewAsync(`${folder}/${template}`, {
      pageTitle: title,
      navigation: navigation(paths.cases),
      fmt: present,
      paths,
      ...shells.get(request),
      ...context,
    })
    const slot = slots.get(request)
    if (slot && status === 200 && request.method === 'GET' && !html.includes(request.csrfToken))
      slot.kept.set(slot.scope, slot.version, slot.key, html)
    return reply.code(status).type(HTML).send(html)
  }

/** `?saved=1` on the address: the page says the change was saved. */
export const savedFlag = (request: FastifyRequest): boolean =>
  (request.query as Record<string, string> | undefined)?.saved === '1'

/** What each record-type part of the case routes receives. */
export interface CaseRoutesDeps {
  readonly svc: CaseServices
  readonly who: Actor
}

/** How many rows a long list (the timeline, the history) shows a page. */
export const PAGE_SIZE = 100

/** The page asked for (`?page=N`, or a posted `page`), from 1; anything else is the first page. */
export const pageNumber = (source: unknown): number => {
  const raw = (source as Record<string, unknown> | undefined)?.page
  const n = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : 1
  return Math.max(1, n)
}

/**
 * The govuk pagination component's parameters for page `current` of a list of `total` rows:
 * previous and next, the first and last pages, and the pages either side of this one.
 * `href(n)` is the address of page n. Null when everything fits on one page.
 */
export function pagination(current: number, total: number, href: (n: number) => string) {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
  if (pages <= 1) return null
  const shown = [...new Set([1, current - 1, current, current + 1, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b)
  const items: ({ number: string; href: string; current: boolean } | { ellipsis: true })[] = []
  shown.forEach((n, i) => {
    if (i > 0 && n - shown[i - 1]! > 1) items.push({ ellipsis: true })
    items.push({ number: String(n), href: href(n), current: n === current })
  })
  return {
    landmarkLabel: copy('casePages.pagination.label'),
    ...(current > 1
      ? { previous: { href: href(current - 1), text: copy('casePages.pagination.previous') } }
      : {}),
    ...(current < pages
      ? { next: { href: href(current + 1), text: copy('casePages.pagination.next') } }
      : {}),
    items,
  }
}

/** The rows page `current` of a long list shows, as a repository's `{ limit, offset }`. */
export const pageWindow = (current: number) => ({ limit: PAGE_SIZE, offset: (current - 1) * PAGE_SIZE })

/** "Showing …" and the pagination for page `current` of a case's list at `path` (pages as `?page=N`). */
export function listPaging(path: string, caseId: string, current: number, total: number) {
  const href = (n: number) => `${fill(path, { caseId })}${n > 1 ? `?page=${n}` : ''}`
  return { showing: showing(current, total), pagination: pagination(current, total, href) }
}

/** "Showing 101 to 200 of 2,345", for a page of a long list; null when everything fits on one page. */
export function showing(current: number, total: number): string | null {
  if (total <= PAGE_SIZE) return null
  const from = (current - 1) * PAGE_SIZE + 1
  const to = Math.min(total, current * PAGE_SIZE)
  const n = (x: number) => x.toLocaleString('en-GB')
  return copy('casePages.pagination.showing', { from: n(from), to: n(to), total: n(total) })
}
