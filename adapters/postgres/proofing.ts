/**
 * Identity proofing over SQL: identity records (by account) and manual
 * proofings (by id, by account, and the reviewers' queue). Each row keeps the
 * codec-encoded document and the columns queries need; every row is decoded
 * with the library's codec and its columns must agree with its document;
 * what could not be read back is not written.
 *
 * @since 0.4.0
 */
import * as O from 'fp-ts/lib/Option.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import * as t from 'io-ts'
import { DomainError, invalidRow } from '../../src/kernel/errors'
import { IdentityRecordRepository, ManualProofingRepository } from '../../src/ports/proofing'
import { MAX_REVIEW_QUEUE } from '../../src/proofing/manual'
import type { IdentityRecord } from '../../src/proofing/identity-record'
import type { ManualProofing } from '../../src/proofing/manual'
import { IdentityRecordCodec, ManualProofingCodec } from '../../src/proofing/codecs'
import { documentRepository, DocumentTable, LOWER_CASE_UUID } from './documents'
import type { SqlClient } from './sql'

const UUID = LOWER_CASE_UUID

const utc = (iso: string): string => new Date(Date.parse(iso)).toISOString()
const UTC_MS = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${column}`

/** A document repository whose lookups by key find nothing for a key that is not a lower-case UUID (as in memory). */
const documents = <A extends { readonly version: number }>(sql: SqlClient, spec: DocumentTable<A>) => {
  const repository = documentRepository(sql, spec)
  return {
    ...repository,
    findByKey: (value: unknown): TE.TaskEither<DomainError, O.Option<A>> => (typeof value === 'string' && UUID.test(value) ? repository.findBy(spec.key.column, value) : TE.right(O.none))
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
