/**
 * Identity proofing over SQL: identity records (by account) and manual
 * proofings (by id, by account, and the reviewers' queue). Each row keeps the
 * codec-encoded document and the columns queries need; every row is decoded
 * with the library's codec and its columns must agree with its document;
 * what could not be read back is not written.
 *
 * @since 0.4.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as t from 'io-ts'
import { DomainError, invalidRow, storageConflict } from '../../src/kernel/errors'
import { IdentityRecordRepository, ManualProofingRepository } from '../../src/ports/proofing'
import { MAX_REVIEW_QUEUE } from '../../src/proofing/manual'
import type { IdentityRecord } from '../../src/proofing/identity-record'
import type { ManualProofing } from '../../src/proofing/manual'
import { IdentityRecordCodec, ManualProofingCodec } from '../../src/proofing/codecs'
import { decodeDocument, jsonObject, versionOf } from './documents'
import { SqlClient, toDomainError } from './sql'

type Row = Record<string, unknown>

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** One table of documents: its key column, the columns beside the body, how the select reads them back. */
interface Spec<A extends { readonly version: number }> {
  readonly table: string
  readonly what: string
  readonly codec: t.Type<A, unknown, unknown>
  readonly key: { readonly column: string; readonly of: (a: A) => string }
  readonly columns: (a: A) => Readonly<Record<string, string | null>>
  readonly select: string
}

const utc = (iso: string): string => new Date(Date.parse(iso)).toISOString()
const UTC_MS = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${column}`

const documents = <A extends { readonly version: number }>(sql: SqlClient, spec: Spec<A>) => {
  const run = <R>(task: () => Promise<R>): TE.TaskEither<DomainError, R> => TE.tryCatch(task, toDomainError(spec.what, { [`${spec.table}_pkey`]: () => storageConflict(spec.what) }))
  const decode = (row: Row): E.Either<DomainError, A> => {
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
  const rowOf = (a: A): E.Either<DomainError, { readonly names: string[]; readonly params: unknown[] }> => {
    const checked = decodeDocument(spec.codec, a)
    if (E.isLeft(checked)) return E.left(invalidRow(spec.table, `not written: ${checked.left}`))
    const { version: _version, ...body } = spec.codec.encode(checked.right) as Record<string, unknown>
    const columns = spec.columns(checked.right)
    return E.right({ names: Object.keys(columns), params: [spec.key.of(checked.right), ...Object.values(columns), JSON.stringify(body)] })
  }
  const select = (where: string, params: ReadonlyArray<unknown>): TE.TaskEither<DomainError, ReadonlyArray<A>> =>
    pipe(
      run(() => sql.query<Row>(`SELECT ${spec.select} FROM ${spec.table} WHERE ${where}`, params)),
      TE.chainEitherK((r) => E.traverseArray(decode)(r.rows))
    )
  return {
    select,
    findByKey: (value: unknown): TE.TaskEither<DomainError, O.Option<A>> =>
      typeof value === 'string' && UUID.test(value)
        ? pipe(
            select(`${spec.key.column} = $1`, [value]),
            TE.map((rows) => O.fromNullable(rows[0]))
          )
        : TE.right(O.none),
    insert: (a: A): TE.TaskEither<DomainError, A> =>
      pipe(
        TE.fromEither(rowOf(a)),
        TE.chain(({ names, params }) =>
          run(() =>
            sql.query<Row>(
              `INSERT INTO ${spec.table} (${spec.key.column}, ${names.join(', ')}, body, version)
               VALUES ($1, ${names.map((_, i) => `$${i + 2}`).join(', ')}, $${names.length + 2}::jsonb, 1) RETURNING ${spec.select}`,
              params
            )
          )
        ),
        TE.chainEitherK((r) => decode(r.rows[0] ?? {}))
      ),
    update: (a: A): TE.TaskEither<DomainError, A> =>
      pipe(
        TE.fromEither(rowOf(a)),
        TE.chain(({ names, params }) =>
          run(() =>
            sql.query<Row>(
              `UPDATE ${spec.table} SET ${names.map((c, i) => `${c} = $${i + 2}`).join(', ')}, body = $${names.length + 2}::jsonb, version = version + 1
               WHERE ${spec.key.column} = $1 AND version = $${names.length + 3} RETURNING ${spec.select}`,
              [...params, a.version]
            )
          )
        ),
        TE.chainEitherK((r) => (r.rows[0] === undefined ? E.left(storageConflict(spec.what)) : decode(r.rows[0])))
      )
  }
}

const uuidKey =
  <A extends { readonly version: number }>(table: string, of: (a: A) => unknown) =>
  (write: (a: A) => TE.TaskEither<DomainError, A>) =>
  (a: A): TE.TaskEither<DomainError, A> => {
    const key = of(a)
    return typeof key === 'string' && UUID.test(key) ? write(a) : TE.left(invalidRow(table, 'not written: its key must be a UUID in lower case'))
  }

/** Identity records over SQL, one per account. */
export const identityRecordRepository = (sql: SqlClient, codec: t.Type<IdentityRecord, unknown, unknown> = IdentityRecordCodec): IdentityRecordRepository => {
  const docs = documents(sql, {
    table: 'identity_records',
    what: 'identity record',
    codec,
    key: { column: 'account_id', of: (r) => r.accountId },
    columns: (r) => ({ path: r.path }),
    select: 'account_id::text AS account_id, path, body, version'
  })
  const guarded = uuidKey<IdentityRecord>('identity_records', (r) => r?.accountId)
  return { findByAccount: docs.findByKey, insert: guarded(docs.insert), update: guarded(docs.update) }
}

/** Manual proofings over SQL: by id, by account (newest first), and the reviewers' queue (oldest submission first). */
export const manualProofingRepository = (sql: SqlClient, codec: t.Type<ManualProofing, unknown, unknown> = ManualProofingCodec): ManualProofingRepository => {
  const docs = documents(sql, {
    table: 'manual_proofings',
    what: 'manual proofing',
    codec,
    key: { column: 'id', of: (p) => p.id },
    columns: (p) => ({
      account_id: p.applicant.accountId,
      state: p.state,
      started_at: utc(p.startedAt),
      submitted_at: p.state === 'collecting' ? null : utc(p.submittedAt)
    }),
    select: `id::text AS id, account_id::text AS account_id, state, ${UTC_MS('started_at')}, ${UTC_MS('submitted_at')}, body, version`
  })
  const guarded = uuidKey<ManualProofing>('manual_proofings', (p) => (typeof p?.applicant?.accountId === 'string' && UUID.test(p.applicant.accountId) ? p.id : undefined))
  return {
    findById: docs.findByKey,
    findByAccount: (accountId) =>
      typeof accountId === 'string' && UUID.test(accountId) ? docs.select('account_id = $1 ORDER BY started_at DESC, id DESC LIMIT $2', [accountId, MAX_REVIEW_QUEUE]) : TE.right([]),
    submittedQueue: (limit) => {
      const bounded = Math.min(MAX_REVIEW_QUEUE, Math.max(0, Math.floor(Number.isNaN(limit) ? 0 : limit)))
      return bounded > 0 ? docs.select(`state = 'submitted' ORDER BY submitted_at, id LIMIT $1`, [bounded]) : TE.right([])
    },
    insert: guarded(docs.insert),
    update: guarded(docs.update)
  }
}
