import type {
  BenefitAnswer,
  CollectionAnswer,
  DateParts,
  IncomeForm,
  ParentRow,
  VariationsForm,
  Who,
} from './calculation.schema.ts'
import type { ReconsiderationAnswer } from './reconsideration.ts'

/** The figures on one side of the comparison: the user's, or the ones the CMS used. */
export interface SideAnswers {
  /** Children counted for each receiving parent (as typed, checked). */
  readonly children?: readonly string[]
  /** Nights a year with the paying parent, for each child of each receiving parent. */
  readonly nights?: readonly (readonly string[])[]
  readonly otherChildren?: string
  readonly benefit?: BenefitAnswer
  readonly income?: IncomeForm
  readonly variations?: VariationsForm
}

/**
 * Everything answered so far in the "Check a calculation" journey, kept server-side in the
 * session (never in the URL). Figures are kept as the user typed them, once checked.
 */
export interface Answers {
  readonly who?: Who
  readonly date?: DateParts
  /** Receiving parents (optional names) and, in `yours.children`, their children. */
  readonly parents?: readonly ParentRow[]
  readonly yours: SideAnswers
  readonly collection?: CollectionAnswer
  readonly compare?: 'yes' | 'no'
  readonly cms: SideAnswers & { readonly stated?: string }
  /** The date on the decision letter and where the parent lives, for the reconsideration deadline. */
  readonly reconsideration?: ReconsiderationAnswer
}

export const EMPTY: Answers = { yours: {}, cms: {} }

/** The session key the journey's answers are kept under. */
export const SESSION_KEY = 'calculation'

/** Removes receiving parent `i` and everything counted for them, on both sides. */
export function withoutParent(a: Answers, i: number): Answers {
  const drop = <T>(list: readonly T[] | undefined): readonly T[] | undefined =>
    list === undefined ? undefined : list.filter((_, k) => k !== i)
  const side = <S extends SideAnswers>(s: S): S => ({
    ...s,
    children: drop(s.children),
    nights: drop(s.nights),
  })
  return { ...a, parents: drop(a.parents), yours: side(a.yours), cms: side(a.cms) }
}
