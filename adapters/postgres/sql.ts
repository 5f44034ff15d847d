/**
 * The one small query interface the PostgreSQL adapter needs, and wrappers
 * that make a `pg` Pool and a PGlite instance satisfy it. Neither package is
 * imported here: callers bring their own (both are optional peers).
 *
 * @since 0.1.0
 */
import { domainError, DomainError, storageConflict, storageUnavailable } from '../../src/kernel/errors'

/** Rows returned, and how many rows a write touched. */
export interface SqlResult<R> {
  readonly rows: ReadonlyArray<R>
  readonly rowCount: number
}

/** Something that runs one parameterised statement. */
export interface SqlClient {
  readonly query: <R = Record<string, unknown>>(text: string, params?: ReadonlyArray<unknown>) => Promise<SqlResult<R>>
  /** Runs a script of several statements without parameters (migrations). */
  readonly exec: (script: string) => Promise<void>
}

/** A database: statements, transactions, and closing. */
export interface SqlDatabase extends SqlClient {
  /** Runs `body` in one transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  readonly transaction: <A>(body: (tx: SqlClient) => Promise<A>) => Promise<A>
  readonly close: () => Promise<void>
}

/** The parts of a `pg` Pool used here. */
export interface PgPoolLike {
  query: (text: string, params?: unknown[]) => Promise<{ rows: unknown[]; rowCount: number | null }>
  connect: () => Promise<{
    query: (text: string, params?: unknown[]) => Promise<{ rows: unknown[]; rowCount: number | null }>
    release: (err?: Error | boolean) => void
  }>
  end: () => Promise<void>
}

/** The parts of a PGlite instance used here. */
export interface PGliteLike {
  query: <R>(text: string, params?: unknown[]) => Promise<{ rows: R[]; affectedRows?: number }>
  exec: (script: string) => Promise<unknown>
  transaction: <A>(
    body: (tx: {
      query: <R>(text: string, params?: unknown[]) => Promise<{ rows: R[]; affectedRows?: number }>
      exec: (script: string) => Promise<unknown>
    }) => Promise<A>
  ) => Promise<A>
  close: () => Promise<void>
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A database over a `pg` Pool (a real PostgreSQL server).
 *
 * @example
 * import { Pool } from 'pg'
 * import { fromPgPool } from 'health-portal-domain/adapters/postgres'
 * const db = fromPgPool(new Pool({ connectionString: process.env.DATABASE_URL }))
 */
export const fromPgPool = (pool: PgPoolLike): SqlDatabase => ({
  query: async <R>(text: string, params: ReadonlyArray<unknown> = []) => {
    const r = await pool.query(text, [...params])
    return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 }
  },
  // No parameters: pg sends it with the simple protocol, which allows several statements.
  exec: async (script) => {
    await pool.query(script)
  },
  transaction: async (body) => {
    const client = await pool.connect()
    let broken: Error | undefined
    try {
      await client.query('BEGIN')
      const result = await body({
        query: async <R>(text: string, params: ReadonlyArray<unknown> = []) => {
          const r = await client.query(text, [...params])
          return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 }
        },
        exec: async (script) => {
          await client.query(script)
        }
      })
      await client.query('COMMIT')
      return result
    } catch (error) {
      try {
        await client.query('ROLLBACK')
      } catch (rollbackError) {
        broken = rollbackError as Error
      }
      throw error
    } finally {
      client.release(broken)
    }
  },
  close: () => pool.end()
})

/**
 * A database over PGlite (PostgreSQL compiled to WebAssembly, in-process).
 *
 * @example
 * import { PGlite } from '@electric-sql/pglite'
 * import { fromPGlite } from 'health-portal-domain/adapters/postgres'
 * const db = fromPGlite(new PGlite())
 */
export const fromPGlite = (pglite: PGliteLike): SqlDatabase => ({
  query: async <R>(text: string, params: ReadonlyArray<unknown> = []) => {
    const r = await pglite.query<R>(text, [...params])
    return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length }
  },
  exec: async (script) => {
    await pglite.exec(script)
  },
  transaction: (body) =>
    pglite.transaction((tx) =>
      body({
        query: async <R>(text: string, params: ReadonlyArray<unknown> = []) => {
          const r = await tx.query<R>(text, [...params])
          return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length }
        },
        exec: async (script) => {
          await tx.exec(script)
        }
      })
    ),
  close: () => pglite.close()
})

// -------------------------------------------------------------------------------------
// errors
// -------------------------------------------------------------------------------------

/** How a unique constraint's violation reads in the domain. */
export type UniqueViolations = Readonly<Record<string, () => DomainError>>

/**
 * Maps a driver error to a domain error: a unique violation to the error its
 * constraint stands for (or a conflict), anything else to `storage.unavailable`.
 */
export const toDomainError =
  (what: string, unique: UniqueViolations = {}) =>
  (error: unknown): DomainError => {
    const e = error as { code?: unknown; constraint?: unknown }
    if (e?.code === '23505') {
      const mapped = typeof e.constraint === 'string' ? unique[e.constraint] : undefined
      return mapped !== undefined ? mapped() : storageConflict(what)
    }
    if (e?.code === '40001' || e?.code === '40P01') return storageConflict(what)
    return storageUnavailable(error)
  }

/** `username.taken`, as the unique index on accounts.username_key reports it. */
export const usernameTaken = (): DomainError =>
  domainError('username.taken', { field: 'username', rule: 'username must not already belong to an account (in any letter case)' })
