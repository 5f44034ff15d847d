/**
 * The registration baseline: the statements the portal issues for one
 * registration, captured through a wrapped database, then replayed straight
 * through the driver (pg, or PGlite's own `query`) in the same transactions,
 * with fresh values wherever two captured registrations differ (ids, names,
 * keyed hashes), so the replay does the database's work and none of ours.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { SqlClient, SqlDatabase } from '../adapters/postgres'

// -------------------------------------------------------------------------------------
// capture
// -------------------------------------------------------------------------------------

export interface Statement { readonly text: string; readonly params: ReadonlyArray<unknown> }

/**
 * In a replayed statement: the id the unit's previous statement returned (the
 * relay updates the outbox row its SELECT found, whose id no capture can know).
 */
export const PREVIOUS_ID = Symbol('previous id')
/** A transaction (its statements between BEGIN and COMMIT) or one statement on its own. */
export type Unit = { readonly transaction: boolean; readonly statements: ReadonlyArray<Statement> }

/** A database that records each unit it runs into `log`. */
export const capturing = (db: SqlDatabase, log: Unit[]): SqlDatabase => {
  const recorder = (client: SqlClient, into: Statement[]): SqlClient => ({
    query: (text, params = []) => {
      into.push({ text, params: [...params] })
      return client.query(text, params)
    },
    exec: (script) => {
      into.push({ text: script, params: [] })
      return client.exec(script)
    }
  })
  return {
    query: (text, params = []) => {
      log.push({ transaction: false, statements: [{ text, params: [...params] }] })
      return db.query(text, params)
    },
    exec: (script) => {
      log.push({ transaction: false, statements: [{ text: script, params: [] }] })
      return db.exec(script)
    },
    transaction: (body) => {
      const statements: Statement[] = []
      log.push({ transaction: true, statements })
      return db.transaction((tx) => body(recorder(tx, statements)))
    },
    close: () => db.close()
  }
}

// -------------------------------------------------------------------------------------
// replay plan
// -------------------------------------------------------------------------------------

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi

/** A fresh string shaped like `s`: hex stays hex, anything else becomes base64url of its length. */
const freshLike = (s: string): string =>
  /^[0-9a-f]+$/i.test(s) ? randomBytes(Math.ceil(s.length / 2)).toString('hex').slice(0, s.length) : randomBytes(s.length).toString('base64url').slice(0, s.length)

/**
 * Two captured registrations (`tagA`, `tagB` their usernames) → a function
 * giving registration `tag`'s units: each parameter that differs between the
 * two is rewritten (the username replaced, uuids mapped to fresh ones, other
 * per-registration strings such as keyed hashes drawn afresh).
 */
export const replayPlan = (a: ReadonlyArray<Unit>, tagA: string, b: ReadonlyArray<Unit>): ((tag: string) => ReadonlyArray<Unit>) => {
  const shape = (units: ReadonlyArray<Unit>) => units.map((u) => `${u.transaction}:${u.statements.map((s) => s.text).join('\u0000')}`).join('\n')
  if (shape(a) !== shape(b)) throw new Error('bench: two registrations issued different statements; the baseline cannot replay them')
  const varies = a.map((u, i) => u.statements.map((s, j) => s.params.map((p, k) => JSON.stringify(p) !== JSON.stringify(b[i]?.statements[j]?.params[k]))))
  return (tag) => {
    const mapped = new Map<string, string>()
    const rewrite = (s: string): string => {
      if (s.includes(tagA)) return s.split(tagA).join(tag).replace(UUID, (u) => map(u))
      if (s.search(UUID) >= 0) return s.replace(UUID, (u) => map(u))
      return map(s)
    }
    const map = (s: string): string => {
      let m = mapped.get(s)
      if (m === undefined) {
        m = /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(s) && s.length === 36 ? randomUUID() : freshLike(s)
        mapped.set(s, m)
      }
      return m
    }
    return a.map((u, i) => ({
      transaction: u.transaction,
      statements: u.statements.map((s, j) => ({ text: s.text, params: s.params.map((p, k) => (varies[i]?.[j]?.[k] === true && typeof p === 'string' ? (/^\d+$/.test(p) ? PREVIOUS_ID : rewrite(p)) : p)) }))
    }))
  }
}

// -------------------------------------------------------------------------------------
// drivers
// -------------------------------------------------------------------------------------

/** How the baseline runs one unit straight through a driver. */
export type RunUnit = (unit: Unit) => Promise<void>

interface Rows { readonly rows: ReadonlyArray<unknown> }
interface PgQueryable { query: (text: string, params?: unknown[]) => Promise<Rows> }

/** Runs a unit's statements in order on one client, resolving PREVIOUS_ID. */
const runStatements = async (client: { query: (text: string, params?: unknown[]) => Promise<Rows> }, statements: ReadonlyArray<Statement>): Promise<void> => {
  let previous: unknown
  for (const s of statements) {
    const r = await client.query(s.text, s.params.map((p) => (p === PREVIOUS_ID ? previous : p)))
    const id = (r.rows[0] as { id?: unknown } | undefined)?.id
    if (id !== undefined) previous = id
  }
}
export interface PgPoolish extends PgQueryable { connect: () => Promise<PgQueryable & { release: () => void }> }

export const pgUnit = (pool: PgPoolish): RunUnit => async (unit) => {
  if (!unit.transaction) {
    await runStatements(pool, unit.statements)
    return
  }
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await runStatements(client, unit.statements)
    await client.query('COMMIT')
  } catch (e) {
    await client.query('ROLLBACK')
    throw e
  } finally {
    client.release()
  }
}

interface PGliteish {
  query: (text: string, params?: unknown[]) => Promise<Rows>
  transaction: <A>(body: (tx: { query: (text: string, params?: unknown[]) => Promise<Rows> }) => Promise<A>) => Promise<A>
}

export const pgliteUnit = (pglite: PGliteish): RunUnit => async (unit) => {
  if (!unit.transaction) {
    await runStatements(pglite, unit.statements)
    return
  }
  await pglite.transaction((tx) => runStatements(tx, unit.statements))
}
