import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../app.ts'
import type { SessionStore } from '../session.ts'

/** What a feature's routes receive when registered. */
export interface FeatureOptions {
  readonly services: Services
  /** Answers to journeys in progress (server-side, behind an opaque session cookie). */
  readonly sessions: SessionStore
  /** The journeys offered on the start page (for the start feature). */
  readonly startLinks: readonly StartLink[]
}

/** A journey offered on the start page: where it begins and the locale key of its link text. */
export interface StartLink {
  readonly href: string
  readonly textKey: string
  readonly hintKey?: string
}

/** One feature of the web app: its routes and, optionally, its entry on the start page. */
export interface Feature {
  readonly name: string
  readonly routes: FastifyPluginAsync<FeatureOptions>
  readonly startLink?: StartLink
}
