import { DomainError, InvalidInput } from '../shared/errors.ts'
import { message, type Message } from '../shared/message.ts'

export interface Problem {
  /** The field, as a dotted path ("letter.deliveredOn", "children.1.dateOfBirth"). */
  readonly field: string
  /** What is wrong, as a Message translated where it is shown. */
  readonly problem: Message
}

/**
 * One or more problems with what the user gave. It is an InvalidInput (the first problem), so the
 * CLI reports it with exit 2; the web shows every problem in the error summary.
 */
export class CaseInputError extends InvalidInput {
  override name = 'CaseInputError'
  constructor(readonly problems: readonly Problem[]) {
    const first = problems[0] ?? { field: '(input)', problem: message('domainErrors.notValid') }
    super(first.field, first.problem)
    this.message = problems.map((p) => `${p.field}: ${p.problem.key}`).join('; ')
  }
}

/** Something in the case file that does not exist (or belongs to someone else). */
export class NotFound extends DomainError {
  override name = 'NotFound'
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id}: domainErrors.caseFile.notFound`)
  }

  /** What is missing, for a person ("There is no decision … in this case file."). */
  get words(): Message {
    return message('domainErrors.caseFile.notFound', { entity: this.entity, id: this.id })
  }
}

/** Someone else changed the record since the form was opened: nothing was saved. */
export class StaleVersion extends DomainError {
  override name = 'StaleVersion'
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id}: domainErrors.caseFile.stale`)
  }

  /** What happened, for a person: nothing was saved. */
  get words(): Message {
    return message('domainErrors.caseFile.stale', { entity: this.entity })
  }
}

/** Collects problems so that every one can be shown at once. */
export class Problems {
  readonly list: Problem[] = []
  add(field: string, problem: Message): void {
    this.list.push({ field, problem })
  }
  /** Runs `fn`, recording an InvalidInput it throws under `field`; returns its value or null. */
  try<T>(field: string, fn: () => T): T | null {
    try {
      return fn()
    } catch (error) {
      if (error instanceof InvalidInput) {
        this.add(field, error.problem)
        return null
      }
      throw error
    }
  }
  get any(): boolean {
    return this.list.length > 0
  }
  throwIfAny(): void {
    if (this.any) throw new CaseInputError(this.list)
  }
}
