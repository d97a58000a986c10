/** Base class for errors the domain raises on purpose. */
export class DomainError extends Error {
  override name = 'DomainError'
}

/** A date falls outside the periods a rule covers: we refuse rather than guess. */
export class OutsideRuleCoverage extends DomainError {
  override name = 'OutsideRuleCoverage'
  constructor(
    readonly ruleId: string,
    readonly on: string,
    detail?: string,
  ) {
    super(detail ?? `The rule ${ruleId} does not cover ${on}.`)
  }
}

/** Input that cannot be used, naming the field (a dotted path) and what is wrong with it. */
export class InvalidInput extends DomainError {
  override name = 'InvalidInput'
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`)
  }
}
