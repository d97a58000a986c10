import { pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * The one storage schema, shared by PGlite and PostgreSQL. Change it, then run
 * `npm run db:generate` to write the migration.
 */

/** Facts about this installation (schema notes, first start). */
export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})
