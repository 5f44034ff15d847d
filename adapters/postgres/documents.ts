/**
 * What the tables that keep a document (a JSON body decoded by a codec) share:
 * reading the body and the version columns, decoding without ever throwing,
 * saying in a few words why a document does not decode, and one versioned
 * repository over such a table (organisations, proofings, devices use it).
 *
 * @since 0.3.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as t from 'io-ts'
import { DomainError, invalidRow, storageConflict } from '../../src/kernel/errors'
import { SqlClient, toDomainError, UniqueViolations } from './sql'

/** A jsonb value as the drivers give it (parsed already, or text), when it is a JSON object. */
export const jsonObject = (v: unknown): Record<string, unknown> | undefined => {
  let parsed = v
  if (typeof v === 'string') {
    try {
      parsed = JSON.parse(v)
    } catch {
      return undefined
    }
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined
}

/** A version column: a whole number, 1 or more (a stored row has been written at least once). */
export const versionOf = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : NaN
  return Number.isSafeInteger(n) && n >= 1 ? n : undefined
}

/** Where in the document an io-ts error is, as a dotted path (a union's members are tried by index: not part of it). */
const pathOf = (e: t.ValidationError): string =>
  e.context
    .filter((c, i) => c.key !== '' && (e.context[i - 1]?.type as { _tag?: string } | undefined)?._tag !== 'UnionType')
    .map((c) => c.key)
    .join('.')

/** The rule of a domain error a codec carried as its message, else the message itself. */
const reasonOf = (e: t.ValidationError): string => {
  if (e.message === undefined) return `must be ${e.context[e.context.length - 1]?.type.name ?? 'valid'}`
  try {
    const carried = JSON.parse(e.message) as { rule?: unknown }
    return typeof carried?.rule === 'string' ? carried.rule : e.message
  } catch {
    return e.message
  }
}

/**
 * Decodes a document with a codec; the failure is the first error as
 * `path: why`. A getter or a Proxy trap that throws is a failure, never a throw.
 */
export const decodeDocument = <A>(codec: t.Type<A, unknown, unknown>, u: unknown): E.Either<string, A> => {
  let decoded: t.Validation<A>
  try {
    decoded = codec.decode(u)
  } catch {
    return E.left('the document could not be read')
  }
  if (E.isRight(decoded)) return E.right(decoded.right)
  const first = decoded.left[0]
  if (first === undefined) return E.left('does not decode')
  const path = pathOf(first)
  return E.left((path === '' ? reasonOf(first) : `${path}: ${reasonOf(first)}`).slice(0, 500))
}

// -------------------------------------------------------------------------------------
// a versioned repository over one document table
// -------------------------------------------------------------------------------------

/** A uuid as the codecs require and PostgreSQL gives it back (lower case): another spelling finds nothing, as in memory. */
export const LOWER_CASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

type Row = Record<string, unknown>

/** How one table's rows map to one document type, both ways. */
export interface DocumentTable<A extends { readonly version: number }> {
  readonly table: string
  /** What errors call one row ("organisation"). */
  readonly what: string
  readonly codec: t.Type<A, unknown, unknown>
  /** The primary key column and where the document holds it. */
  readonly key: { readonly column: string; readonly of: (a: A) => string }
  /** The columns kept beside the body, as written for a document (null: SQL NULL); `select` must read each back as that same text. */
  readonly columns: (a: A) => Readonly<Record<string, string | null>>
  /** The select list: the key, each column, `body`, `version`. */
  readonly select: string
  /** Unique constraints and the errors they mean (any other is `storage.conflict`). */
  readonly unique?: UniqueViolations
}

/** The key of the tables whose documents carry their own `id`. */
export const ID_KEY = { column: 'id', of: (a: { readonly id: string }): string => a.id } as const

/**
 * Decodes a row: the body with its version must decode, and the key and every
 * column must agree with it (a row whose columns and body disagree was written
 * by something else, and is not trusted).
 */
const decodeRow =
  <A extends { readonly version: number }>(spec: DocumentTable<A>) =>
  (row: Row): E.Either<DomainError, A> => {
    const version = versionOf(row.version)
    if (version === undefined) return E.left(invalidRow(spec.table, 'version is missing or malformed'))
    const body = jsonObject(row.body)
    if (body === undefined) return E.left(invalidRow(spec.table, 'body is not a JSON object'))
    const decoded = decodeDocument(spec.codec, { ...body, version })
    if (E.isLeft(decoded)) return E.left(invalidRow(spec.table, `body ${decoded.left}`))
    const expected = { [spec.key.column]: spec.key.of(decoded.right), ...spec.columns(decoded.right) }
    const disagrees = Object.entries(expected).find(([column, value]) => (row[column] ?? null) !== value)
    return disagrees === undefined ? E.right(decoded.right) : E.left(invalidRow(spec.table, `the ${disagrees[0]} column disagrees with the body`))
  }

/** The columns and parameters of a document's row (key, the columns, the body), or why it cannot be written. */
const rowOf = <A extends { readonly version: number }>(spec: DocumentTable<A>, a: A): E.Either<DomainError, { readonly names: string[]; readonly params: unknown[] }> => {
  // The same codec guards both ways: what could not be read back is not written.
  const checked = decodeDocument(spec.codec, a)
  if (E.isLeft(checked)) return E.left(invalidRow(spec.table, `not written: ${checked.left}`))
  const { version: _version, ...body } = spec.codec.encode(checked.right) as Record<string, unknown>
  const columns = spec.columns(checked.right)
  return E.right({ names: Object.keys(columns), params: [spec.key.of(checked.right), ...Object.values(columns), JSON.stringify(body)] })
}

/** A versioned repository over one document table: insert stores version 1, update needs the stored version and stores the next. */
export const documentRepository = <A extends { readonly version: number }>(sql: SqlClient, spec: DocumentTable<A>) => {
  const decode = decodeRow(spec)
  const unique: UniqueViolations = { [`${spec.table}_pkey`]: () => storageConflict(spec.what), ...spec.unique }
  const run = <R>(task: () => Promise<R>): TE.TaskEither<DomainError, R> => TE.tryCatch(task, toDomainError(spec.what, unique))
  const select = (where: string, params: ReadonlyArray<unknown>): TE.TaskEither<DomainError, ReadonlyArray<A>> =>
    pipe(
      run(() => sql.query<Row>(`SELECT ${spec.select} FROM ${spec.table} WHERE ${where}`, params)),
      TE.chainEitherK((r) => E.traverseArray(decode)(r.rows))
    )
  const write = (a: A, statement: (names: ReadonlyArray<string>) => string, extra: ReadonlyArray<unknown>) =>
    pipe(
      TE.fromEither(rowOf(spec, a)),
      TE.chain(({ names, params }) => run(() => sql.query<Row>(statement(names), [...params, ...extra])))
    )
  return {
    select,
    /** The row whose `column` is `value`, if any. */
    findBy: (column: string, value: string): TE.TaskEither<DomainError, O.Option<A>> =>
      pipe(
        select(`${column} = $1`, [value]),
        TE.map((rows) => O.fromNullable(rows[0]))
      ),
    insert: (a: A): TE.TaskEither<DomainError, A> =>
      pipe(
        write(
          a,
          (names) =>
            `INSERT INTO ${spec.table} (${[spec.key.column, ...names].join(', ')}, body, version)
             VALUES ($1, ${names.map((_, i) => `$${i + 2}, `).join('')}$${names.length + 2}::jsonb, 1) RETURNING ${spec.select}`,
          []
        ),
        TE.chainEitherK((r) => decode(r.rows[0] ?? {}))
      ),
    update: (a: A): TE.TaskEither<DomainError, A> =>
      pipe(
        write(
          a,
          (names) =>
            `UPDATE ${spec.table} SET ${names.map((c, i) => `${c} = $${i + 2}, `).join('')}body = $${names.length + 2}::jsonb, version = version + 1
             WHERE ${spec.key.column} = $1 AND version = $${names.length + 3} RETURNING ${spec.select}`,
          [a.version]
        ),
        TE.chainEitherK((r) => (r.rows[0] === undefined ? E.left(storageConflict(spec.what)) : decode(r.rows[0])))
      )
  }
}
