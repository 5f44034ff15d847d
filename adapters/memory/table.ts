/** A versioned in-memory table with unique indexes: the memory adapters' one storage rule. */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { DomainError, storageConflict } from '../../src/kernel/errors'

// -------------------------------------------------------------------------------------
// versioned tables
// -------------------------------------------------------------------------------------

/**
 * A table of versioned rows with optional unique indexes: the one place the
 * memory adapter implements insert/update semantics. Rows are deep-frozen
 * copies, so callers cannot change stored state behind the store's back.
 */
export class Table<T extends { readonly version: number }> {
  private readonly rows = new Map<string, T>()
  private readonly unique = new Map<string, Map<string, string>>()
  constructor(
    private readonly name: string,
    private readonly keyOf: (row: T) => string,
    private readonly uniques: Readonly<Record<string, { key: (row: T) => string; error: () => DomainError }>> = {}
  ) {
    for (const u of Object.keys(uniques)) this.unique.set(u, new Map())
  }
  get(key: string): O.Option<T> {
    return O.fromNullable(this.rows.get(key))
  }
  findBy(index: string, value: string): O.Option<T> {
    const key = this.unique.get(index)?.get(value)
    return key === undefined ? O.none : this.get(key)
  }
  insert(row: T): E.Either<DomainError, T> {
    const key = this.keyOf(row)
    if (this.rows.has(key)) return E.left(storageConflict(this.name))
    for (const [u, spec] of Object.entries(this.uniques))
      if (this.unique.get(u)?.has(spec.key(row))) return E.left(spec.error())
    const stored = freeze({ ...row, version: 1 })
    this.rows.set(key, stored)
    for (const [u, spec] of Object.entries(this.uniques)) this.unique.get(u)?.set(spec.key(row), key)
    return E.right(stored)
  }
  update(row: T): E.Either<DomainError, T> {
    const key = this.keyOf(row)
    const current = this.rows.get(key)
    if (current === undefined || current.version !== row.version) return E.left(storageConflict(this.name))
    // A unique key may change with the row (a request gets its reference at submission).
    for (const [u, spec] of Object.entries(this.uniques)) {
      const owner = this.unique.get(u)?.get(spec.key(row))
      if (owner !== undefined && owner !== key) return E.left(spec.error())
    }
    for (const [u, spec] of Object.entries(this.uniques)) {
      this.unique.get(u)?.delete(spec.key(current))
      this.unique.get(u)?.set(spec.key(row), key)
    }
    const stored = freeze({ ...row, version: row.version + 1 })
    this.rows.set(key, stored)
    return E.right(stored)
  }
  /** Deletes a row, only at the version it was loaded at (its unique keys are freed). */
  remove(row: T): E.Either<DomainError, void> {
    const key = this.keyOf(row)
    const current = this.rows.get(key)
    if (current === undefined || current.version !== row.version) return E.left(storageConflict(this.name))
    for (const [u, spec] of Object.entries(this.uniques)) this.unique.get(u)?.delete(spec.key(current))
    this.rows.delete(key)
    return E.right(undefined)
  }
  all(): ReadonlyArray<T> {
    return [...this.rows.values()]
  }
}

export const freeze = <T>(value: T): T => {
  const copy = structuredClone(value)
  const deep = (o: unknown): void => {
    if (typeof o === 'object' && o !== null && !Object.isFrozen(o)) {
      Object.freeze(o)
      for (const v of Object.values(o)) deep(v)
    }
  }
  deep(copy)
  return copy
}

