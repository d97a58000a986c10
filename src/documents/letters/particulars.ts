import { tr } from './copy.ts'
import { DomainError } from '../../domain/shared/errors.ts'
import { Temporal, type PlainDate } from '../../domain/shared/plain-date.ts'
import type { Pence } from '../../domain/shared/pence.ts'

/** Something a letter needs: where it lives in the input, and what to tell the parent to add. */
export interface Particular {
  readonly field: string
  readonly whatToAdd: string
}

/**
 * A title as it reads inside a sentence: its first letter in lower case, unless it starts an
 * abbreviation ("MP"); names inside it keep their capitals ("the Independent Case Examiner").
 */
const lowerFirst = (title: string): string =>
  /^\p{Lu}\p{Ll}/u.test(title) ? `${title[0]!.toLowerCase()}${title.slice(1)}` : title

/** The letter cannot be written yet: each entry says what to add or correct. */
export class MissingParticulars extends DomainError {
  override name = 'MissingParticulars'
  constructor(
    readonly document: string,
    readonly missing: readonly Particular[],
  ) {
    super(
      tr('particulars.toWriteTheRedress', {
        document: lowerFirst(document),
        missing: missing.map((m) => m.whatToAdd).join('; '),
      }),
    )
  }
}

export type Maybe<T> = T | null | undefined

export const particular = (field: string, whatToAdd: string): Particular => ({ field, whatToAdd })

const PLACEHOLDER_DATE = Temporal.PlainDate.from('2000-01-01')

/** The CMS reference: 12 digits beginning 121 (GB). Spaces are allowed when typed and removed. */
export const CMS_REFERENCE = /^121\d{9}$/
/** Northern Ireland references: 12 digits (the GB "121" prefix is not confirmed for NI). */
export const NI_REFERENCE = /^\d{12}$/

/**
 * Collects missing or unusable particulars while a template reads its input, then throws them all
 * at once. Until `check()` has passed, the values it returns for missing items are placeholders
 * that must not be used; every template calls `check()` before building its text.
 */
export class Needs {
  private readonly missing: Particular[] = []
  constructor(private readonly document: string) {}

  add(p: Particular): void {
    if (!this.missing.some((m) => m.field === p.field)) this.missing.push(p)
  }

  text(value: Maybe<string>, p: Particular): string {
    const v = value?.trim()
    if (!v) this.add(p)
    return v ?? ''
  }

  date(value: Maybe<PlainDate>, p: Particular): PlainDate {
    if (!value) {
      this.add(p)
      return PLACEHOLDER_DATE
    }
    return value
  }

  money(value: Maybe<Pence>, p: Particular): Pence {
    if (value === null || value === undefined) {
      this.add(p)
      return 0 as Pence
    }
    return value
  }

  /** A list with at least one entry; blank strings are dropped. */
  list<T>(value: Maybe<readonly T[]>, p: Particular): readonly T[] {
    const v = (value ?? []).filter((x) => !(typeof x === 'string' && x.trim() === ''))
    if (v.length === 0) this.add(p)
    return v
  }

  value<T>(value: Maybe<T>, p: Particular): T | undefined {
    if (value === null || value === undefined) this.add(p)
    return value ?? undefined
  }

  reference(value: Maybe<string>, pattern: RegExp = CMS_REFERENCE): string {
    const v = (value ?? '').replace(/\s+/g, '')
    if (!v) this.add(particular('reference', tr('particulars.yourCmsReferenceNumber')))
    else if (!pattern.test(v))
      this.add(
        particular(
          'reference',
          pattern === CMS_REFERENCE
            ? tr('particulars.aCmsReferenceNumber', { value })
            : tr('particulars.aReferenceNumberOf', { value }),
        ),
      )
    return v
  }

  check(): void {
    if (this.missing.length > 0) throw new MissingParticulars(this.document, this.missing)
  }
}
