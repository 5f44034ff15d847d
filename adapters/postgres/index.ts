/**
 * The PostgreSQL adapter: every repository over one small query interface that
 * a `pg` Pool (a server) and PGlite (embedded) both satisfy; versioned
 * migrations; durable mail and postal outboxes with their relays; and the
 * composition root.
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
import { aesGcmSecretBox, nodeHmac, cryptoRandom, HashKey, hmacKeyedHasher, OWASP_SCRYPT, scryptPasswordHasher, systemClock } from '../system'
import { accountRepository, codeLedgerRepository, flowRepository, registrationRepository } from './repositories'
import { ProviderDirectory } from '../../src/ports/provider-directory'
import { emptyMemberDirectory, emptyProviderDirectory, noIssuedChecks } from '../memory'
import { defaultRetry, idleRelay, mailRelay, MailRelay, OutboxRelay, outboxMailer, RetryPolicy } from './outbox'
import { postalOutbox, postalRelay, PostalRelay } from './postal-outbox'
import { accessRequestRepository, eServicesDesk, organisationRepository } from './organisations'
import type { EServicesDesk, IssuedCheckRegistry, PostalMailer } from '../../src/ports/organisations'
import { SqlClient, SqlDatabase } from './sql'
import { harpOrganisationRepository, helpDeskQueue } from './harp-organisations'
import { noPractices } from '../memory/harp-organisations'
import type { HelpDeskQueue, PracticeDirectory } from '../../src/ports/harp-organisations'
import { attachmentStore, authorizationRequestRepository } from './prior-authorization'
import { postgresDiagnosisCodeSet } from './icd10cm'
import { DiagnosisCodeSet } from '../../src/prior-authorization/ports'
import { accountDevicesRepository, pushLedgerRepository, smsOutbox, smsRelay, totpCredentialRepository, voiceOutbox, voiceRelay } from './mfa'
import type { PushNotifier, SmsSender, VoiceCaller } from '../../src/ports/mfa'
import { domainError } from '../../src/kernel/errors'
import { identityRecordRepository, manualProofingRepository } from './proofing'
import type { KnowledgeBasedVerification } from '../../src/ports/proofing'
import { noCreditFiles } from '../memory/proofing'

export * from './sql'
export * from './migrations'
export { accountRepository, codeLedgerRepository, flowRepository, registrationRepository, decodeAccount, decodeFlow, decodeLedger, decodeRegistration } from './repositories'
export { outboxMailer, mailRelay, defaultRetry } from './outbox'
export { postalOutbox, postalRelay } from './postal-outbox'
export { organisationRepository, accessRequestRepository, eServicesDesk, MAX_ACCESS_REQUESTS_LISTED } from './organisations'
export { harpOrganisationRepository, helpDeskQueue, MAX_HARP_ORGANISATIONS_LISTED } from './harp-organisations'
export { decodeOrganisationFlow, OrganisationRegistrationFlowCodec } from './organisation-flows'
export { authorizationRequestRepository, attachmentStore, decodeAuthorizationRequestRow } from './prior-authorization'
export { postgresDiagnosisCodeSet, loadIcd10cmRelease, ICD10CM_BATCH_ROWS } from './icd10cm'
export type { Icd10cmLoadReport } from './icd10cm'
export { identityRecordRepository, manualProofingRepository } from './proofing'
export type { MailRelay, OutboxRelay, RelayReport, RetryPolicy } from './outbox'
export type { PostalRelay } from './postal-outbox'
export { accountDevicesRepository, pushLedgerRepository, totpCredentialRepository, decodeTotpCredential, smsOutbox, voiceOutbox, smsRelay, voiceRelay } from './mfa'

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
  /**
   * Delivers queued letters (the print-and-mail vendor's postal mailer). Without it, letters wait in the
   * postal outbox for a relay you run.
   */
  readonly postalDelivery?: PostalMailer
  /** Deliver right after each use case commits (default true for each outbox whose delivery is given). */
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
  /** The checks the plan issued (its payment system); none when left out. */
  readonly issuedChecks?: IssuedCheckRegistry
  /** Provider e-Services' queue; by default the database's (eservices_requests), written in each use case's transaction. */
  readonly eServices?: EServicesDesk
  /** HARP: CMS's records of practices (read only, CMS's own system); none known when left out. */
  readonly practices?: PracticeDirectory
  /** HARP: the QPP Help Desk's queue; by default the database's (harp_help_desk_requests), written in each use case's transaction. */
  readonly helpDesk?: HelpDeskQueue
  /** Delivers queued texts (the SMS gateway's sender). Without it, texts wait in the SMS outbox for a relay you run. */
  readonly smsDelivery?: SmsSender
  /** Delivers queued calls (the voice gateway's caller). Without it, calls wait in the voice outbox for a relay you run. */
  readonly voiceDelivery?: VoiceCaller
  /** Sends pushes to authenticator apps (the app vendor's push service); without it every push is `push.delivery-failed`. */
  readonly pushNotifier?: PushNotifier
  /** HARP's knowledge-based verification provider (a credit bureau); one that knows no credit file when left out. */
  readonly knowledgeBasedVerification?: KnowledgeBasedVerification
}

/** The ports, and the relays that drain the mail and postal outboxes. */
export type PostgresPorts = Ports & { readonly relay: MailRelay; readonly postalRelay: PostalRelay; readonly smsRelay: OutboxRelay; readonly voiceRelay: OutboxRelay }


/**
 * Every port over PostgreSQL. Each use case run through `createPortal` is one
 * transaction; its e-mails and letters are queued in that transaction and,
 * when a delivering mailer (postal mailer) is given, sent as soon as it commits.
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
  // Letters are sealed under a key of their own: one box's key opens nothing of the other's.
  const postalBox = aesGcmSecretBox(options.hashKey, 'postal-outbox')
  // Texts and calls carry codes, TOTP credentials their secrets: each under a box of its own.
  const smsBox = aesGcmSecretBox(options.hashKey, 'sms-outbox')
  const voiceBox = aesGcmSecretBox(options.hashKey, 'voice-outbox')
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
    organisations: organisationRepository(sql),
    accessRequests: accessRequestRepository(sql),
    postalMailer: postalOutbox(sql, clock, postalBox),
    eServices: options.eServices ?? eServicesDesk(sql),
    harpOrganisations: harpOrganisationRepository(sql),
    helpDesk: options.helpDesk ?? helpDeskQueue(sql),
    diagnosisCodes: options.diagnosisCodes ?? postgresDiagnosisCodeSet(sql),
    accountDevices: accountDevicesRepository(sql),
    totpCredentials: totpCredentialRepository(sql),
    pushLedgers: pushLedgerRepository(sql),
    smsSender: smsOutbox(sql, clock, smsBox),
    voiceCaller: voiceOutbox(sql, clock, voiceBox),
    identityRecords: identityRecordRepository(sql),
    manualProofings: manualProofingRepository(sql)
  })
  const retry = options.retry ?? defaultRetry
  const relay = options.delivery ? mailRelay(options.db, options.delivery, clock, box, retry) : idleRelay
  const letters = options.postalDelivery ? postalRelay(options.db, options.postalDelivery, clock, postalBox, retry) : idleRelay
  const texts = options.smsDelivery ? smsRelay(options.db, options.smsDelivery, clock, smsBox, retry) : idleRelay
  const calls = options.voiceDelivery ? voiceRelay(options.db, options.voiceDelivery, clock, voiceBox, retry) : idleRelay
  const afterCommit = options.deliverAfterCommit ?? true
  const deliverMail = options.delivery !== undefined && afterCommit
  const deliverLetters = options.postalDelivery !== undefined && afterCommit
  return {
    ...scoped(options.db),
    clock,
    random: options.random ?? cryptoRandom(),
    passwordHasher: options.passwordHasher ?? scryptPasswordHasher(OWASP_SCRYPT),
    keyedHasher: options.keyedHasher ?? hmacKeyedHasher(options.hashKey),
    members: options.members ?? emptyMemberDirectory,
    providers: options.providers ?? emptyProviderDirectory,
    issuedChecks: options.issuedChecks ?? noIssuedChecks,
    practices: options.practices ?? noPractices,
    knowledgeBasedVerification: options.knowledgeBasedVerification ?? noCreditFiles,
    relay,
    postalRelay: letters,
    smsRelay: texts,
    voiceRelay: calls,
    hmac: nodeHmac(),
    totpSecretBox: aesGcmSecretBox(options.hashKey, 'totp-secret'),
    pushNotifier: options.pushNotifier ?? {
      notify: () => TE.left(domainError('push.delivery-failed', { rule: 'pushes need a push service', cause: 'no push service configured' }))
    },
    unitOfWork: {
      transaction: async (body) => {
        const result = await options.db.transaction((tx) => body(scoped(tx)))
        // A failed delivery leaves the message queued with its error: the relay's report says so.
        if (deliverMail) await relay.deliverPending()
        if (deliverLetters) await letters.deliverPending()
        if (options.smsDelivery !== undefined && afterCommit) await texts.deliverPending()
        if (options.voiceDelivery !== undefined && afterCommit) await calls.deliverPending()
        return result
      }
    }
  }
}
