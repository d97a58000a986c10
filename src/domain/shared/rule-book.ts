import { OutsideRuleCoverage, domainProblem } from './errors.ts'
import { compareDates, type PlainDate } from './plain-date.ts'
import type { Citation, Confidence, Source } from './traced.ts'

/**
 * `in-force` periods are the law. `announced` (a policy not yet made law) and `enacted` (law not yet
 * commenced) are recorded for the user but never applied.
 */
export type PeriodStatus = 'in-force' | 'announced' | 'enacted'

export interface RulePeriod {
  readonly from: PlainDate
  /** Last day covered (inclusive); the next period's `from` minus one day, or the rule's end. */
  readonly to: PlainDate | null
  readonly confidence: Confidence
  readonly status: PeriodStatus
  readonly source: Source
  readonly value: unknown
  readonly note?: string
}

/** A change recorded but not in force: announced, or enacted and not commenced. Its start may be unknown. */
export interface PendingPeriod extends Omit<RulePeriod, 'from' | 'status'> {
  /** The announced or commencement date, or null where none has been set. */
  readonly from: PlainDate | null
  readonly status: 'announced' | 'enacted'
}

export interface Rule {
  readonly id: string
  readonly title: string
  readonly source: Source
  /** The day the rule was last compared with its sources. */
  readonly checked: PlainDate
  /** In-force periods, in date order, contiguous. */
  readonly periods: readonly RulePeriod[]
  /** Changes not in force (announced, or enacted and not commenced): shown to users, never used in arithmetic. */
  readonly announced: readonly PendingPeriod[]
}

/** A rule's period in force on one date, with a helper to cite it in a working. */
export interface RuleAt<V = unknown> {
  readonly rule: Rule
  readonly period: RulePeriod
  readonly value: V
  cite(provision?: string): Citation
}

/**
 * Every rule, loaded and checked. Pure data: the domain reads it, only src/rules builds it from files.
 */
export class RuleBook {
  private readonly byId: Map<string, Rule | (() => Rule)>
  constructor(rules: Iterable<Rule>) {
    this.byId = new Map([...rules].map((r) => [r.id, r]))
  }

  /**
   * A book whose rules are built on first use, for a book already checked (compiled at build
   * time): a command that reads three rules does not build sixty.
   */
  static lazy(rules: Iterable<readonly [id: string, build: () => Rule]>): RuleBook {
    const book = new RuleBook([])
    for (const [id, build] of rules) book.byId.set(id, build)
    return book
  }

  ids(): string[] {
    return [...this.byId.keys()].sort()
  }

  has(id: string): boolean {
    return this.byId.has(id)
  }

  rule(id: string): Rule {
    const r = this.byId.get(id)
    if (!r) throw new Error(`Unknown rule: ${id}`)
    if (typeof r !== 'function') return r
    const built = r()
    this.byId.set(id, built)
    return built
  }

  /** The period in force on `on`; throws OutsideRuleCoverage before the first or after the last. */
  at<V = unknown>(id: string, on: PlainDate, parse?: (value: unknown) => V): RuleAt<V> {
    const rule = this.rule(id)
    const period = rule.periods.find(
      (p) => compareDates(p.from, on) <= 0 && (p.to === null || compareDates(on, p.to) <= 0),
    )
    if (!period) {
      const first = rule.periods[0]
      const detail =
        first && compareDates(on, first.from) < 0
          ? domainProblem('ruleBook.onlyFrom', {
              title: rule.title,
              id,
              from: first.from.toString(),
              on: on.toString(),
            })
          : domainProblem('ruleBook.noValue', { title: rule.title, id, on: on.toString() })
      throw new OutsideRuleCoverage(id, on.toString(), detail)
    }
    const value = parse ? parse(period.value) : (period.value as V)
    return {
      rule,
      period,
      value,
      cite: (provision?: string) => ({
        ruleId: id,
        instrument: period.source.instrument,
        provision: provision ?? period.source.provision,
        url: period.source.url,
        confidence: period.confidence,
      }),
    }
  }
}
