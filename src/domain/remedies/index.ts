/** The route advisor: which way to challenge, report or complain fits a parent's problem. */
export { adviseRoutes, routesFor } from './advisor.ts'
export type { AdvisorContext } from './context.ts'
export type { Contacts, ContactFact, ContactSource, PaidNumberWarning } from './contacts.ts'
export { isCmsReference } from './contacts.ts'
export { reportingDuties, type DutiesChecklist, type DutiesInput, type DutyItem } from './duties.ts'
export * from './facts.ts'
export { freeHelp, NOT_LEGAL_ADVICE } from './help.ts'
export type * from './route.ts'
