/**
 * A durable mail outbox: a use case queues its e-mails in the same
 * transaction as its writes (so a code is never stored without its e-mail, nor
 * sent for a write that rolled back); a relay delivers them afterwards and
 * keeps failures for retry. Bodies are sealed at rest (they carry codes) and
 * erased once delivered. The relay serves any such outbox table (the postal
 * outbox's letters too).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { DateTime, Duration } from 'luxon'
import { DomainError, storageUnavailable } from '../../src/kernel/errors'
import { EmailAddress } from '../../src/kernel/email'
import { Clock } from '../../src/ports/clock'
import { Mailer, OutgoingEmail } from '../../src/ports/mailer'
import { SecretBox } from '../../src/ports/secret-box'
import { SqlClient, SqlDatabase, toDomainError } from './sql'

/** A mailer that queues into the outbox through `sql` (a transaction, usually). */
export const outboxMailer = (sql: SqlClient, clock: Clock, box: SecretBox): Mailer => ({
  send: (email) =>
    TE.tryCatch(async () => {
      const now = clock.now().toUTC().toISO()
      await sql.query(
        `INSERT INTO mail_outbox (kind, recipient, sender, subject, sealed_text, sealed_html, enqueued_at, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
        [email.kind, email.to, email.from, email.subject, box.seal(email.text), box.seal(email.html), now]
      )
    }, toDomainError('mail outbox'))
})

/** What one relay pass did. */
export interface RelayReport {
  readonly delivered: number
  /** Messages whose delivery failed this pass, with the typed error; they stay queued for retry. */
  readonly failed: ReadonlyArray<{ readonly id: string; readonly error: DomainError }>
  /** Messages still waiting after this pass (failed ones included). */
  readonly pending: number
}

/** Delivers an outbox. */
export interface OutboxRelay {
  /** Sends every due message (oldest first), marking each delivered or scheduling its retry. */
  readonly deliverPending: () => Promise<E.Either<DomainError, RelayReport>>
}

/** Delivers the mail outbox. */
export type MailRelay = OutboxRelay

/** How retries are spaced: doubling from `first`, capped at `max`. */
export interface RetryPolicy {
  readonly first: Duration
  readonly max: Duration
  readonly batchSize: number
}

/** One second, doubling, up to fifteen minutes; 50 messages a pass. */
export const defaultRetry: RetryPolicy = { first: Duration.fromObject({ seconds: 1 }), max: Duration.fromObject({ minutes: 15 }), batchSize: 50 }

/** A due row: its id and attempts, and the table's own columns. */
export type DueRow = { readonly id: string; readonly attempts: number } & Readonly<Record<string, unknown>>

/** One outbox table, as a relay drains it. */
export interface OutboxTable<M> {
  readonly table: string
  /** The table's own columns a due row is read with. */
  readonly columns: string
  /** The SET clause that erases what was sealed, once delivered. */
  readonly erase: string
  /** The message a due row holds (its sealed parts opened). */
  readonly open: (row: DueRow, box: SecretBox) => E.Either<DomainError, M>
}

/**
 * A relay from an outbox table to `deliver`. Due rows are claimed with FOR
 * UPDATE SKIP LOCKED, so relays in several processes never send one message
 * twice; a delivered row is marked and erased in the same transaction.
 */
export const outboxRelay = <M>(
  outbox: OutboxTable<M>,
  db: SqlDatabase,
  deliver: (message: M) => TE.TaskEither<DomainError, void>,
  clock: Clock,
  box: SecretBox,
  retry: RetryPolicy = defaultRetry
): OutboxRelay => ({
  deliverPending: async () => {
    try {
      const report = await db.transaction(async (tx) => {
        const now = clock.now()
        // Ordered by the table's bigint id (oldest first), not the id::text output column: text order put
        // message 10 before 9 and forced a sort of every pending row each pass; the pending-by-id index serves this.
        const due = await tx.query<DueRow>(
          `SELECT id::text, attempts, ${outbox.columns} FROM ${outbox.table}
           WHERE delivered_at IS NULL AND next_attempt_at <= $1 ORDER BY ${outbox.table}.id LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [now.toUTC().toISO(), retry.batchSize]
        )
        const delivered: string[] = []
        const failed: Array<{ id: string; error: DomainError }> = []
        for (const row of due.rows) {
          const result = await pipe(TE.fromEither(outbox.open(row, box)), TE.chain(deliver))()
          if (E.isRight(result)) {
            delivered.push(row.id)
          } else {
            failed.push({ id: row.id, error: result.left })
            await tx.query(`UPDATE ${outbox.table} SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3 WHERE id = $1`, [
              row.id,
              describe(result.left),
              nextAttempt(now, Number(row.attempts) + 1, retry)
            ])
          }
        }
        // The delivered rows marked and erased in one statement, in the same transaction as before: one round
        // trip a pass instead of one a message (a relay spent most of its time on them).
        if (delivered.length > 0)
          await tx.query(
            `UPDATE ${outbox.table} SET delivered_at = $2, attempts = attempts + 1, last_error = NULL, ${outbox.erase} WHERE id = ANY($1::text[]::bigint[])`,
            [delivered, now.toUTC().toISO()]
          )
        const pending = await tx.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${outbox.table} WHERE delivered_at IS NULL`)
        return { delivered: delivered.length, failed, pending: Number(pending.rows[0]?.n ?? 0) }
      })
      return E.right(report)
    } catch (error) {
      return E.left(storageUnavailable(error))
    }
  }
})

/** A relay that has nothing to deliver to: everything waits for a relay you run. */
export const idleRelay: OutboxRelay = { deliverPending: async () => E.right({ delivered: 0, failed: [], pending: 0 }) }

const MAIL_OUTBOX: OutboxTable<OutgoingEmail> = {
  table: 'mail_outbox',
  columns: 'kind, recipient, sender, subject, sealed_text, sealed_html',
  erase: 'sealed_text = NULL, sealed_html = NULL',
  open: (row, box) =>
    pipe(
      E.Do,
      E.bind('text', () => box.open(typeof row.sealed_text === 'string' ? row.sealed_text : '')),
      E.bind('html', () => box.open(typeof row.sealed_html === 'string' ? row.sealed_html : '')),
      E.map(({ text, html }) => ({ kind: String(row.kind), to: String(row.recipient) as EmailAddress, from: String(row.sender), subject: String(row.subject), text, html }))
    )
}

/** A relay from the mail outbox to a delivering mailer (SMTP, usually). */
export const mailRelay = (db: SqlDatabase, delivery: Mailer, clock: Clock, box: SecretBox, retry: RetryPolicy = defaultRetry): MailRelay =>
  outboxRelay(MAIL_OUTBOX, db, (email) => delivery.send(email), clock, box, retry)

const describe = (e: DomainError): string => ('cause' in e && typeof e.cause === 'string' ? `${e.code}: ${e.cause}` : e.code).slice(0, 500)

const nextAttempt = (now: DateTime, attempts: number, retry: RetryPolicy): string => {
  const ms = Math.min(retry.first.toMillis() * 2 ** Math.min(attempts - 1, 30), retry.max.toMillis())
  return now.plus({ milliseconds: ms }).toUTC().toISO() as string
}
