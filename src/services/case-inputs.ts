/** The inputs the case-file services take, re-exported for the web and the command line. */
export type { DecisionForm, EventForm } from './case.service.ts'
export type { EvidenceUpload, EvidenceMetadata } from './evidence.service.ts'
export { ENTITIES, EVENT_TYPES, type CaseInput, type EventType, type Entity } from '../domain/case/index.ts'
