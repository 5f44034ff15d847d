/**
 * Second factors over SQL: an account's devices and its push ledger (one
 * codec-decoded document each, by account), TOTP credentials (the secret
 * sealed, in a column of its own, with the last accepted time step), and
 * durable outboxes for texts and calls: a code is queued in the transaction
 * that records it, sealed at rest, delivered once by a relay, erased after.
 *
 * @since 0.4.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as t from 'io-ts'
import { DomainError, invalidRow, storageConflict } from '../../src/kernel/errors'
import { parsePhoneNumber } from '../../src/kernel/us-identifiers'
import { parseSecretRef } from '../../src/mfa/devices'
import { AccountDevicesCodec, PushLedgerCodec } from '../../src/mfa/codecs'
import type { Clock } from '../../src/ports/clock'
import type { SecretBox } from '../../src/ports/secret-box'
import type { AccountDevicesRepository, PhoneMessage, PushLedgerRepository, SmsSender, TotpCredential, TotpCredentialRepository, VoiceCaller } from '../../src/ports/mfa'
import type { AccountId } from '../../src/accounts/account'
import { decodeDocument, documentRepository, jsonObject, LOWER_CASE_UUID, versionOf } from './documents'
import { defaultRetry, OutboxRelay, OutboxTable, outboxRelay, RetryPolicy } from './outbox'
import { SqlClient, SqlDatabase, toDomainError } from './sql'

type Row = Record<string, unknown>
const UUID = LOWER_CASE_UUID
const run = <A>(what: string, task: () => Promise<A>): TE.TaskEither<DomainError, A> => TE.tryCatch(task, toDomainError(what))

// -------------------------------------------------------------------------------------
// documents by account (devices, push ledgers)
// -------------------------------------------------------------------------------------

/** A versioned document table keyed by account: insert stores version 1, update only over the stored version. */
const accountDocuments = <A extends { readonly accountId: AccountId; readonly version: number }>(
  sql: SqlClient,
  table: string,
  what: string,
  codec: t.Type<A, unknown, unknown>
) => {
  const documents = documentRepository(sql, { table, what, codec, key: { column: 'account_id', of: (a) => a.accountId }, columns: () => ({}), select: 'account_id::text AS account_id, body, version' })
  return {
    find: (accountId: AccountId): TE.TaskEither<DomainError, O.Option<A>> => (UUID.test(accountId) ? documents.findBy('account_id', accountId) : TE.right(O.none)),
    insert: documents.insert,
    update: documents.update
  }
}

/** Each account's devices over SQL. */
export const accountDevicesRepository = (sql: SqlClient): AccountDevicesRepository => accountDocuments(sql, 'mfa_devices', 'account devices', AccountDevicesCodec)

/** Each account's push ledger over SQL. */
export const pushLedgerRepository = (sql: SqlClient): PushLedgerRepository => accountDocuments(sql, 'push_ledgers', 'push ledger', PushLedgerCodec)

// -------------------------------------------------------------------------------------
// TOTP credentials
// -------------------------------------------------------------------------------------

const CREDENTIAL_COLUMNS = 'id, account_id::text AS account_id, sealed_secret, last_accepted_step::text AS last_accepted_step, version'

/** Decodes a totp_credentials row: a reference, an account, a sealed secret (its shape only: it opens in the workflow), a step or none. */
export const decodeTotpCredential = (row: Row): E.Either<DomainError, TotpCredential> => {
  const bad = (cause: string) => E.left(invalidRow('totp_credentials', cause))
  const version = versionOf(row.version)
  const id = parseSecretRef(row.id)
  if (E.isLeft(id) || version === undefined) return bad('id or version is malformed')
  if (typeof row.account_id !== 'string' || !UUID.test(row.account_id)) return bad('account_id is not a UUID')
  if (typeof row.sealed_secret !== 'string' || !/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(row.sealed_secret) || row.sealed_secret.length > 1024)
    return bad('sealed_secret is not a sealed secret')
  const step = row.last_accepted_step === null ? null : typeof row.last_accepted_step === 'string' && /^\d{1,15}$/.test(row.last_accepted_step) ? Number(row.last_accepted_step) : undefined
  if (step === undefined) return bad('last_accepted_step is malformed')
  return E.right({ id: id.right, accountId: row.account_id as AccountId, sealedSecret: row.sealed_secret, lastAcceptedStep: step, version })
}

/** TOTP credentials over SQL. The replay state is written only over the version loaded: of two requests with one code, one wins. */
export const totpCredentialRepository = (sql: SqlClient): TotpCredentialRepository => ({
  find: (id) =>
    E.isRight(parseSecretRef(id))
      ? pipe(
          run('TOTP credential', () => sql.query<Row>(`SELECT ${CREDENTIAL_COLUMNS} FROM totp_credentials WHERE id = $1`, [id])),
          TE.chainEitherK((r) => (r.rows[0] === undefined ? E.right<DomainError, O.Option<TotpCredential>>(O.none) : E.map((c: TotpCredential) => O.some(c))(decodeTotpCredential(r.rows[0]))))
        )
      : TE.right(O.none),
  insert: (c) =>
    pipe(
      run('TOTP credential', () =>
        sql.query<Row>(
          `INSERT INTO totp_credentials (id, account_id, sealed_secret, last_accepted_step, version) VALUES ($1, $2, $3, $4, 1) RETURNING ${CREDENTIAL_COLUMNS}`,
          [c.id, c.accountId, c.sealedSecret, c.lastAcceptedStep]
        )
      ),
      TE.chainEitherK((r) => decodeTotpCredential(r.rows[0] ?? {}))
    ),
  update: (c) =>
    pipe(
      run('TOTP credential', () =>
        sql.query<Row>(
          `UPDATE totp_credentials SET sealed_secret = $2, last_accepted_step = $3, version = version + 1 WHERE id = $1 AND version = $4 RETURNING ${CREDENTIAL_COLUMNS}`,
          [c.id, c.sealedSecret, c.lastAcceptedStep, c.version]
        )
      ),
      TE.chainEitherK((r) => (r.rows[0] === undefined ? E.left(storageConflict('TOTP credential')) : decodeTotpCredential(r.rows[0])))
    ),
  remove: (c) =>
    pipe(
      run('TOTP credential', () => sql.query('DELETE FROM totp_credentials WHERE id = $1 AND version = $2', [c.id, c.version])),
      TE.chainEitherK((r) => (r.rowCount === 0 ? E.left(storageConflict('TOTP credential')) : E.right(undefined)))
    )
})

// -------------------------------------------------------------------------------------
// outboxes for texts and calls
// -------------------------------------------------------------------------------------

const queue = (sql: SqlClient, table: string, clock: Clock, box: SecretBox, message: PhoneMessage): TE.TaskEither<DomainError, void> =>
  run(`${table}`, async () => {
    const now = clock.now().toUTC().toISO()
    const sealed = box.seal(JSON.stringify({ to: message.to, text: message.text }))
    await sql.query(`INSERT INTO ${table} (kind, sealed_message, created_at, next_attempt_at) VALUES ($1, $2, $3, $3)`, [message.kind, sealed, now])
  })

const phoneOutbox = (table: string): OutboxTable<PhoneMessage> => ({
  table,
  columns: 'kind, sealed_message',
  erase: 'sealed_message = NULL',
  open: (row, box) =>
    pipe(
      box.open(typeof row.sealed_message === 'string' ? row.sealed_message : ''),
      E.chain((opened) => {
        const m = jsonObject(opened)
        const to = parsePhoneNumber(m?.to)
        return typeof row.kind === 'string' && m !== undefined && E.isRight(to) && typeof m.text === 'string'
          ? E.right({ kind: row.kind, to: to.right, text: m.text })
          : E.left(invalidRow(table, 'the sealed message lacks its kind, phone or text'))
      })
    )
})

/** An SMS sender that queues texts into the SMS outbox through `sql` (a transaction, usually). */
export const smsOutbox = (sql: SqlClient, clock: Clock, box: SecretBox): SmsSender => ({ send: (m) => queue(sql, 'sms_outbox', clock, box, m) })

/** A voice caller that queues calls into the voice outbox through `sql`. */
export const voiceOutbox = (sql: SqlClient, clock: Clock, box: SecretBox): VoiceCaller => ({ call: (m) => queue(sql, 'voice_outbox', clock, box, m) })

/** A relay from the SMS outbox to a delivering SMS sender (the gateway's). */
export const smsRelay = (db: SqlDatabase, delivery: SmsSender, clock: Clock, box: SecretBox, retry: RetryPolicy = defaultRetry): OutboxRelay =>
  outboxRelay(phoneOutbox('sms_outbox'), db, (m) => delivery.send(m), clock, box, retry)

/** A relay from the voice outbox to a delivering voice caller. */
export const voiceRelay = (db: SqlDatabase, delivery: VoiceCaller, clock: Clock, box: SecretBox, retry: RetryPolicy = defaultRetry): OutboxRelay =>
  outboxRelay(phoneOutbox('voice_outbox'), db, (m) => delivery.call(m), clock, box, retry)
