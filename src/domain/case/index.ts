/** The case file's public API: records, the rules for input, deadlines generated, dashboard and file checks. */
export * from './types.ts'
export * from './errors.ts'
export * from './validate.ts'
export * from './deadlines.ts'
export * from './dashboard.ts'
export * from './file-check.ts'
export * from './chronology.ts'
