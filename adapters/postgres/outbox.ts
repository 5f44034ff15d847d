/**
 * A durable mail outbox: a use case queues its e-mails in the same
 * transaction as its writes (so a code is never stored without its e-mail, nor
 * sent for a write that rolled back); a relay delivers them afterwards and
 * keeps failures for retry. Bodies are sealed at rest (they carry codes) and
 * erased once delivered.
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

/** Delivers the outbox. */
export interface MailRelay {
  /** Sends every due message (oldest first), marking each delivered or scheduling its retry. */
  readonly deliverPending: () => Promise<E.Either<DomainError, RelayReport>>
}

/** How retries are spaced: doubling from `first`, capped at `max`. */
export interface RetryPolicy {
  readonly first: Duration
  readonly max: Duration
  readonly batchSize: number
}

/** One second, doubling, up to fifteen minutes; 50 messages a pass. */
export const defaultRetry: RetryPolicy = { first: Duration.fromObject({ seconds: 1 }), max: Duration.fromObject({ minutes: 15 }), batchSize: 50 }

interface OutboxRow {
  readonly id: string
  readonly kind: string
  readonly recipient: string
  readonly sender: string
  readonly subject: string
  readonly sealed_text: string | null
  readonly sealed_html: string | null
  readonly attempts: number
}

/**
 * A relay from the outbox to a delivering mailer (SMTP, usually). Rows are
 * claimed with FOR UPDATE SKIP LOCKED, so relays in several processes never
 * send one message twice.
 */
export const mailRelay = (db: SqlDatabase, delivery: Mailer, clock: Clock, box: SecretBox, retry: RetryPolicy = defaultRetry): MailRelay => ({
  deliverPending: async () => {
    try {
      const report = await db.transaction(async (tx) => {
        const now = clock.now()
        const due = await tx.query<OutboxRow>(
          `SELECT id::text, kind, recipient, sender, subject, sealed_text, sealed_html, attempts FROM mail_outbox
           WHERE delivered_at IS NULL AND next_attempt_at <= $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [now.toUTC().toISO(), retry.batchSize]
        )
        let delivered = 0
        const failed: Array<{ id: string; error: DomainError }> = []
        for (const row of due.rows) {
          const result = await pipe(
            TE.fromEither(opened(row, box)),
            TE.chain((email) => delivery.send(email))
          )()
          if (E.isRight(result)) {
            delivered++
            await tx.query(
              `UPDATE mail_outbox SET delivered_at = $2, attempts = attempts + 1, last_error = NULL, sealed_text = NULL, sealed_html = NULL
               WHERE id = $1`,
              [row.id, now.toUTC().toISO()]
            )
          } else {
            failed.push({ id: row.id, error: result.left })
            await tx.query('UPDATE mail_outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3 WHERE id = $1', [
              row.id,
              describe(result.left),
              nextAttempt(now, Number(row.attempts) + 1, retry)
            ])
          }
        }
        const pending = await tx.query<{ n: string }>('SELECT count(*)::text AS n FROM mail_outbox WHERE delivered_at IS NULL')
        return { delivered, failed, pending: Number(pending.rows[0]?.n ?? 0) }
      })
      return E.right(report)
    } catch (error) {
      return E.left(storageUnavailable(error))
    }
  }
})

const opened = (row: OutboxRow, box: SecretBox): E.Either<DomainError, OutgoingEmail> =>
  pipe(
    E.Do,
    E.bind('text', () => box.open(row.sealed_text ?? '')),
    E.bind('html', () => box.open(row.sealed_html ?? '')),
    E.map(({ text, html }) => ({ kind: row.kind, to: row.recipient as EmailAddress, from: row.sender, subject: row.subject, text, html }))
  )

const describe = (e: DomainError): string => ('cause' in e && typeof e.cause === 'string' ? `${e.code}: ${e.cause}` : e.code).slice(0, 500)

const nextAttempt = (now: DateTime, attempts: number, retry: RetryPolicy): string => {
  const ms = Math.min(retry.first.toMillis() * 2 ** Math.min(attempts - 1, 30), retry.max.toMillis())
  return now.plus({ milliseconds: ms }).toUTC().toISO() as string
}
