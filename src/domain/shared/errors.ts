import { message, type Message, type MessageParams } from './message.ts'

/** Base class for errors the domain raises on purpose. */
export class DomainError extends Error {
  override name = 'DomainError'
}

/**
 * A date falls outside the periods a rule covers: we refuse rather than guess. `detail` says so in
 * words for a person (a Message, translated where it is shown); the Error's own message is its key.
 */
export class OutsideRuleCoverage extends DomainError {
  override name = 'OutsideRuleCoverage'
  readonly detail: Message
  constructor(
    readonly ruleId: string,
    readonly on: string,
    detail?: Message,
  ) {
    const words = detail ?? message('domainErrors.outsideRuleCoverage', { ruleId, on })
    super(`${ruleId} ${on}: ${words.key}`)
    this.detail = words
  }

  /** What is wrong, for a person. */
  get words(): Message {
    return this.detail
  }
}

/**
 * Input that cannot be used, naming the field (a dotted path) and what is wrong with it: `problem`
 * is a Message (key and parameters), translated by the layer that shows it. The Error's own message
 * holds the field and the key only (never the parent's words).
 */
export class InvalidInput extends DomainError {
  override name = 'InvalidInput'
  constructor(
    readonly field: string,
    readonly problem: Message,
  ) {
    super(`${field}: ${problem.key}`)
  }

  /** The field and what is wrong with it, for a person ("letterDate: …"). */
  get words(): Message {
    return message('domainErrors.fieldProblem', { field: this.field, problem: this.problem })
  }
}

/** What is wrong, in words from domain-errors.json: `domainProblem('shared.notADate', { text })`. */
export const domainProblem = (key: string, params?: MessageParams): Message =>
  message(`domainErrors.${key}`, params)
