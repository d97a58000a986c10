import { eq } from 'drizzle-orm'
import type { Db } from './db.ts'
import { appMeta } from './schema.ts'

/** Small key–value facts about the installation. */
export interface MetaRepository {
  get(key: string): Promise<string | undefined>
  set(key: string, value: string): Promise<void>
}

export class DrizzleMetaRepository implements MetaRepository {
  constructor(private readonly db: Db) {}

  async get(key: string): Promise<string | undefined> {
    const rows = await this.db.select().from(appMeta).where(eq(appMeta.key, key))
    return rows[0]?.value
  }

  async set(key: string, value: string): Promise<void> {
    await this.db
      .insert(appMeta)
      .values({ key, value })
      .onConflictDoUpdate({ target: appMeta.key, set: { value, updatedAt: new Date() } })
  }
}
