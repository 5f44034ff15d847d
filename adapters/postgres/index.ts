/**
 * The PostgreSQL adapter: every repository over one small query interface that
 * a `pg` Pool (a server) and PGlite (embedded) both satisfy; versioned
 * migrations; a durable mail outbox with a relay; and the composition root.
 *
 * @since 0.1.0
 */
import * as O from 'fp-ts/lib/Option.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { Clock } from '../../src/ports/clock'
import { KeyedHasher } from '../../src/ports/keyed-hasher'
import { Mailer } from '../../src/ports/mailer'
import { MemberDirectory } from '../../src/ports/member-directory'
import { PasswordHasher } from '../../src/ports/password-hasher'
import { Random } from '../../src/ports/random'
import { SecretBox } from '../../src/ports/secret-box'
import { TransactionalPorts } from '../../src/ports/unit-of-work'
import { Ports } from '../../src/ports'
import { aesGcmSecretBox, cryptoRandom, HashKey, hmacKeyedHasher, OWASP_SCRYPT, scryptPasswordHasher, systemClock } from '../system'
import { accountRepository, codeLedgerRepository, flowRepository, registrationRepository } from './repositories'
import { ProviderDirectory } from '../../src/ports/provider-directory'
import { emptyMemberDirectory, emptyProviderDirectory } from '../memory'
import { defaultRetry, mailRelay, MailRelay, outboxMailer, RetryPolicy } from './outbox'
import { SqlClient, SqlDatabase } from './sql'
import { attachmentStore, authorizationRequestRepository } from './prior-authorization'
import { postgresDiagnosisCodeSet } from './icd10cm'
import { DiagnosisCodeSet } from '../../src/prior-authorization/ports'

export * from './sql'
export * from './migrations'
export { accountRepository, codeLedgerRepository, flowRepository, registrationRepository, decodeAccount, decodeFlow, decodeLedger, decodeRegistration } from './repositories'
export { outboxMailer, mailRelay, defaultRetry } from './outbox'
export { authorizationRequestRepository, attachmentStore, decodeAuthorizationRequestRow } from './prior-authorization'
export { postgresDiagnosisCodeSet, loadIcd10cmRelease, ICD10CM_BATCH_ROWS } from './icd10cm'
export type { Icd10cmLoadReport } from './icd10cm'
export type { MailRelay, RelayReport, RetryPolicy } from './outbox'

/** What the PostgreSQL environment needs; anything optional gets a sensible default. */
export interface PostgresPortsOptions {
  readonly db: SqlDatabase
  /**
   * The server key for keyed hashes and sealed outbox bodies. Required and
   * stable: hashes made under one key do not match under another.
   */
  readonly hashKey: HashKey
  /** Delivers queued e-mail (an SMTP mailer, usually). Without it, mail waits in the outbox for a relay you run. */
  readonly delivery?: Mailer
  /** Deliver right after each use case commits (default true when `delivery` is given). */
  readonly deliverAfterCommit?: boolean
  readonly zone?: string
  readonly clock?: Clock
  readonly random?: Random
  readonly passwordHasher?: PasswordHasher
  readonly keyedHasher?: KeyedHasher
  readonly secretBox?: SecretBox
  readonly members?: MemberDirectory
  readonly providers?: ProviderDirectory
  readonly retry?: RetryPolicy
  /**
   * The ICD-10-CM code set; by default the releases loaded into this database
   * (`loadIcd10cmRelease`), read inside each use case's transaction. With none
   * loaded, every diagnosis is refused for want of a release in force on the
   * service date. (On PGlite, do not pass `postgresDiagnosisCodeSet(db)` over
   * the same instance: it would query outside the transaction that holds
   * PGlite's only connection. Leave this out instead.)
   */
  readonly diagnosisCodes?: DiagnosisCodeSet
}

/** The ports, and the relay that drains the outbox. */
export type PostgresPorts = Ports & { readonly relay: MailRelay }


/**
 * Every port over PostgreSQL. Each use case run through `createPortal` is one
 * transaction; its e-mails are queued in that transaction and, when a
 * delivering mailer is given, sent as soon as it commits.
 *
 * @example
 * import { Pool } from 'pg'
 * import { createPortal, hpp } from 'health-portal-domain'
 * import { fromPgPool, migrate, postgresPorts } from 'health-portal-domain/adapters/postgres'
 * import { randomHashKey } from 'health-portal-domain/adapters/system'
 * const db = fromPgPool(new Pool({ connectionString: process.env.DATABASE_URL }))
 * const ready = migrate(db) // Promise<Either<DomainError, number[]>>
 * const portal = createPortal(hpp.preset, postgresPorts({ db, hashKey: randomHashKey() }))
 */
export const postgresPorts = (options: PostgresPortsOptions): PostgresPorts => {
  const clock = options.clock ?? systemClock(options.zone ?? 'America/New_York')
  const box = options.secretBox ?? aesGcmSecretBox(options.hashKey, 'mail-outbox')
  // The database's own code set is read through the transaction too: PGlite has one connection, and a
  // query outside a transaction it holds would wait for it forever.
  const scoped = (sql: SqlClient): TransactionalPorts & Pick<Ports, 'diagnosisCodes'> => ({
    accounts: accountRepository(sql),
    flows: flowRepository(sql),
    codeLedgers: codeLedgerRepository(sql),
    registrations: registrationRepository(sql),
    authorizationRequests: authorizationRequestRepository(sql),
    attachments: attachmentStore(sql),
    mailer: outboxMailer(sql, clock, box),
    diagnosisCodes: options.diagnosisCodes ?? postgresDiagnosisCodeSet(sql)
  })
  const relay = options.delivery
    ? mailRelay(options.db, options.delivery, clock, box, options.retry ?? defaultRetry)
    : { deliverPending: async () => ({ _tag: 'Right' as const, right: { delivered: 0, failed: [], pending: 0 } }) }
  const deliverAfterCommit = options.delivery !== undefined && (options.deliverAfterCommit ?? true)
  return {
    ...scoped(options.db),
    clock,
    random: options.random ?? cryptoRandom(),
    passwordHasher: options.passwordHasher ?? scryptPasswordHasher(OWASP_SCRYPT),
    keyedHasher: options.keyedHasher ?? hmacKeyedHasher(options.hashKey),
    members: options.members ?? emptyMemberDirectory,
    providers: options.providers ?? emptyProviderDirectory,
    relay,
    unitOfWork: {
      transaction: async (body) => {
        const result = await options.db.transaction((tx) => body(scoped(tx)))
        // A failed delivery leaves the message queued with its error: the relay's report says so.
        if (deliverAfterCommit) await relay.deliverPending()
        return result
      }
    }
  }
}
