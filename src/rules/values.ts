import { z } from 'zod'
import { RULE } from '../domain/calculation/rule-ids.ts'
import { schemas as calculationSchemas } from '../domain/calculation/value-schemas.ts'
import { INCOME_PERIODS_RULE, parseIncomePeriods } from '../domain/calculation/income-period.ts'
import {
  deadlineValueParser,
  deemedDeliveryParser,
  revisionGroundsParser,
} from '../domain/deadlines/rule-value.ts'
import * as remedies from '../domain/remedies/rules.ts'
import { parsePounds } from '../domain/shared/pence.ts'
import { parseDate } from '../domain/shared/plain-date.ts'
import { parseFraction } from '../domain/shared/ratio.ts'
import type { RuleBook } from '../domain/shared/rule-book.ts'
import { says } from './says.ts'

/**
 * Every rule's value schema, by rule id: the rule book checks each period's value with its schema
 * when it loads (from YAML: start-up; for the bundles: the build), so a bad value fails there,
 * naming the file and the period, not later in the middle of a user's calculation. Where the
 * domain reads a rule through a schema of its own, that schema is used here, so the two cannot
 * drift apart. test/rules/values.test.ts checks that every rule has one.
 */
export type ValueCheck = (value: unknown) => void

/** A check from a zod schema; the message names the path inside the value. */
const zodCheck =
  (schema: z.ZodType): ValueCheck =>
  (value) => {
    const parsed = schema.safeParse(value)
    if (!parsed.success)
      throw new Error(
        parsed.error.issues.map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`).join('; '),
      )
  }

/**
 * A check through one of the domain's typed readers (src/domain/remedies/rules.ts), which take a
 * book and a date: it is handed a stand-in book whose only value is the one being checked.
 */
const readerCheck =
  (reader: (book: RuleBook, on: ReturnType<typeof parseDate>) => unknown): ValueCheck =>
  (value) => {
    const book = {
      at: (_id: string, _on: unknown, parse?: (v: unknown) => unknown) => ({
        value: parse ? parse(value) : value,
      }),
    } as unknown as RuleBook
    reader(book, parseDate('2020-01-01'))
  }

const text = z.string().min(1)
const pounds = text.refine((s) => tryParse(() => parsePounds(s)), says('pounds'))
const fraction = text.refine((s) => tryParse(() => parseFraction(s)), says('fraction'))
/** A rule stated in words: each field a sentence (or a list of them). */
const words = z.record(z.string(), z.union([text, z.array(text)]))

function tryParse(fn: () => unknown): boolean {
  try {
    fn()
    return true
  } catch {
    return false
  }
}

/** Deadline rules the deadline engine computes with (each has a "nature"). */
const DEADLINE_RULES = [
  'annual-review',
  'change-of-address-notice',
  'complaint-acknowledgement-target',
  'complaint-response-target',
  'court-of-appeal-permission',
  'deo-appeal',
  'dwp-appeal-response',
  'ice-referral',
  'judicial-review',
  'late-mandatory-reconsideration-limit',
  'mandatory-reconsideration',
  'ni-appeal',
  'ni-appeal-absolute-limit',
  'ni-commissioner-application',
  'ni-court-of-appeal-leave',
  'ni-deo-appeal',
  'ni-lqpm-leave',
  'ni-parentage-appeal',
  'nipso-complaint',
  'parentage-appeal',
  'phso-via-mp',
  'tribunal-appeal',
  'tribunal-appeal-absolute-limit',
  'tribunal-permission',
  'upper-tribunal-permission',
].map((name) => `deadlines.${name}`)

const parserCheck =
  (parse: (value: unknown) => unknown): ValueCheck =>
  (value) => {
    parse(value)
  }

export const VALUE_CHECKS: Readonly<Record<string, ValueCheck>> = {
  // The calculation: the schemas the calculation itself parses its parameters with.
  ...Object.fromEntries(
    Object.entries(calculationSchemas).map(([role, schema]) => [
      RULE[role as keyof typeof RULE],
      zodCheck(schema),
    ]),
  ),
  [RULE.rounding]: zodCheck(z.strictObject({ to: text, 'half-penny': text })),
  [RULE.flatBenefits]: zodCheck(words),
  [RULE.apportionment]: zodCheck(words),
  [INCOME_PERIODS_RULE]: parserCheck(parseIncomePeriods),

  // Deadlines: the deadline engine's own readers.
  ...Object.fromEntries(DEADLINE_RULES.map((id) => [id, parserCheck(deadlineValueParser(id))])),
  'deadlines.any-time-revision-grounds': parserCheck(
    revisionGroundsParser('deadlines.any-time-revision-grounds'),
  ),
  'deadlines.deemed-postal-delivery': parserCheck(deemedDeliveryParser('deadlines.deemed-postal-delivery')),
  'deadlines.counting-days': zodCheck(z.strictObject({ days: text })),
  'deadlines.counting-months': zodCheck(z.strictObject({ months: text })),
  'deadlines.counting-working-days': zodCheck(z.strictObject({ 'working-days': text })),
  'deadlines.date-of-notification': zodCheck(z.strictObject({ 'notified-on': text })),

  // Remedies: the route advisor's typed readers.
  'remedies.reporting-duties': readerCheck(remedies.reportingDutiesRule),
  'remedies.reporting-offence': readerCheck(remedies.reportingOffenceRule),
  'remedies.supersession-effective-dates': readerCheck(remedies.effectiveDatesRule),
  'remedies.late-revision': readerCheck(remedies.lateRevisionRule),
  'remedies.appeal-gb': readerCheck(remedies.appealGbRule),
  'remedies.appeal-ni': readerCheck(remedies.appealNiRule),
  'remedies.no-right-of-appeal': readerCheck(remedies.noRightOfAppealRule),
  'remedies.deduction-order-appeal': readerCheck(remedies.deductionOrderAppealRule),
  'remedies.liability-order': readerCheck(remedies.liabilityOrderRule),
  'remedies.parentage': readerCheck(remedies.parentageRule),
  'remedies.complaint-ladder': readerCheck(remedies.complaintLadderRule),
  'remedies.compensation': readerCheck(remedies.compensationRule),
  'remedies.variation-grounds': readerCheck(remedies.variationGroundsRule),
  'remedies.overpayments': readerCheck(remedies.overpaymentsRule),
  'remedies.subject-access': readerCheck(remedies.subjectAccessRule),
  'remedies.legacy-arrears': readerCheck(remedies.legacyArrearsRule),

  // Arrears: the fields the arrears check reads.
  'arrears.instalments': zodCheck(
    z.strictObject({
      weekly: fraction,
      fortnightly: fraction,
      'four-weekly': fraction,
      monthly: fraction,
      rounding: text,
    }),
  ),
  'arrears.maintenance-period': zodCheck(words),
  'arrears.csa-write-off-2018': zodCheck(
    z.looseObject({ schemes: z.array(z.union([z.literal(1993), z.literal(2003)])).min(1) }),
  ),
  'arrears.small-debt-write-off': zodCheck(z.looseObject({ below: pounds })),
  'arrears.overpayments': zodCheck(z.looseObject({ routes: z.array(text).min(1) })),
}
