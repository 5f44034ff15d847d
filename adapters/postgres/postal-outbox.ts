/**
 * A durable postal outbox: a use case queues its letters (a registration PIN)
 * in the same transaction as its writes, so a PIN is never kept without its
 * letter, nor mailed for a registration that rolled back; a relay hands them
 * to the mailing vendor afterwards and keeps failures for retry. A letter
 * carries its PIN in clear: it is sealed at rest, under a box of its own
 * (not the mail outbox's), and erased once delivered.
 *
 * @since 0.3.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { DomainError, invalidRow } from '../../src/kernel/errors'
import { validatePostalAddress } from '../../src/kernel/postal-address'
import { Clock } from '../../src/ports/clock'
import type { OutgoingLetter, PostalMailer } from '../../src/ports/organisations'
import { SecretBox } from '../../src/ports/secret-box'
import { jsonObject } from './documents'
import { defaultRetry, OutboxRelay, OutboxTable, outboxRelay, RetryPolicy } from './outbox'
import { SqlClient, SqlDatabase, toDomainError } from './sql'

/** Delivers the postal outbox. */
export type PostalRelay = OutboxRelay

/** A postal mailer that queues into the outbox through `sql` (a transaction, usually). */
export const postalOutbox = (sql: SqlClient, clock: Clock, box: SecretBox): PostalMailer => ({
  send: (letter) =>
    TE.tryCatch(async () => {
      const now = clock.now().toUTC().toISO()
      const sealed = box.seal(JSON.stringify({ addressee: letter.addressee, address: letter.address, text: letter.text }))
      await sql.query('INSERT INTO postal_outbox (kind, sealed_letter, created_at, next_attempt_at) VALUES ($1, $2, $3, $3)', [letter.kind, sealed, now])
    }, toDomainError('postal outbox'))
})

/** The letter a sealed row holds: an addressee, an address that validates, and a text. */
const letterOf = (kind: unknown, opened: string): E.Either<DomainError, OutgoingLetter> => {
  const bad = (cause: string) => E.left(invalidRow('postal_outbox', cause))
  const letter = jsonObject(opened)
  if (typeof kind !== 'string' || letter === undefined || typeof letter.addressee !== 'string' || typeof letter.text !== 'string')
    return bad('the sealed letter lacks its kind, addressee or text')
  const address = validatePostalAddress(letter.address, 'address')
  return E.isLeft(address) ? bad(`the sealed letter's address does not validate: ${address.left[0].rule}`) : E.right({ kind, addressee: letter.addressee, address: address.right, text: letter.text })
}

const POSTAL_OUTBOX: OutboxTable<OutgoingLetter> = {
  table: 'postal_outbox',
  columns: 'kind, sealed_letter',
  erase: 'sealed_letter = NULL',
  open: (row, box) => pipe(box.open(typeof row.sealed_letter === 'string' ? row.sealed_letter : ''), E.chain((opened) => letterOf(row.kind, opened)))
}

/** A relay from the postal outbox to a delivering postal mailer (the print-and-mail vendor's). */
export const postalRelay = (db: SqlDatabase, delivery: PostalMailer, clock: Clock, box: SecretBox, retry: RetryPolicy = defaultRetry): PostalRelay =>
  outboxRelay(POSTAL_OUTBOX, db, (letter) => delivery.send(letter), clock, box, retry)
