/**
 * Pages worked out from a case, kept in memory while the case stays the same (issue #10, point 4).
 *
 * Each entry is filed under a case (or a list of cases), the version that was read before the page
 * was worked out (see CaseRepository.caseWithVersion), and the page's own key. A request that reads
 * another version for the case drops everything kept for it, so nothing worked out before a write
 * is given out after it, and what was worked out meanwhile at the old version is not kept either.
 * The store is bounded (bytes and entries, least recently used first out) and is emptied when safe
 * mode locks (createCaseServices): nothing of a case stays in memory behind a locked vault.
 */
export class KeptPages {
  private readonly entries = new Map<string, { readonly value: string; readonly size: number }>()
  /** Each case's version as last read, and the keys of what is kept for it. */
  private readonly cases = new Map<string, { version: string; keys: Set<string> }>()
  private total = 0

  constructor(
    /** At most this many bytes of text (counted as two bytes a character). */
    readonly maxBytes = 16 * 1024 * 1024,
    readonly maxEntries = 400,
  ) {}

  /** Tells the store the version a request has just read for `scope`; anything kept at another goes. */
  private at(scope: string, version: string): { version: string; keys: Set<string> } {
    const known = this.cases.get(scope)
    if (known && known.version === version) return known
    if (known) for (const key of known.keys) this.drop(key)
    const fresh = { version, keys: new Set<string>() }
    this.cases.set(scope, fresh)
    if (this.cases.size > 10_000) this.cases.delete(this.cases.keys().next().value!)
    return fresh
  }

  private drop(key: string): void {
    const e = this.entries.get(key)
    if (!e) return
    this.entries.delete(key)
    this.total -= e.size
  }

  /** What was kept for `key` of `scope` at `version`, if anything. */
  get(scope: string, version: string, key: string): string | undefined {
    const known = this.at(scope, version)
    const full = `${scope}\u0000${version}\u0000${key}`
    const e = this.entries.get(full)
    if (!e) {
      known.keys.delete(full)
      return undefined
    }
    // Most recently used last.
    this.entries.delete(full)
    this.entries.set(full, e)
    return e.value
  }

  /**
   * Keeps `value` for `key` of `scope`, worked out after reading `version`, unless a newer request
   * has read another version meanwhile (then it may already be out of date).
   */
  set(scope: string, version: string, key: string, value: string): void {
    const known = this.cases.get(scope)
    if (!known || known.version !== version) return
    const size = value.length * 2
    if (size > this.maxBytes / 4) return
    const full = `${scope}\u0000${version}\u0000${key}`
    this.drop(full)
    this.entries.set(full, { value, size })
    known.keys.add(full)
    this.total += size
    while (this.total > this.maxBytes || this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value!
      this.drop(oldest)
      this.cases.get(oldest.slice(0, oldest.indexOf('\u0000')))?.keys.delete(oldest)
    }
  }

  /** Forgets everything (safe mode locked, or the database changed under us). */
  clear(): void {
    this.entries.clear()
    this.cases.clear()
    this.total = 0
  }

  get size(): number {
    return this.entries.size
  }

  get bytes(): number {
    return this.total
  }
}
