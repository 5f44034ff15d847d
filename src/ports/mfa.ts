/**
 * The ports of second factors: a text and a call to a phone, a push to an
 * authenticator app, and the stores of an account's devices, its TOTP
 * credentials (the secret sealed, never hashed: codes are computed from it)
 * and its pushes.
 *
 * The writes follow the repositories' rule (see `repositories.ts`): `insert`
 * stores version 1, `update` only over the version it was loaded at and
 * stores the next. A TOTP credential's replay state (its last accepted time
 * step) is written with that check, so two requests carrying one code at the
 * same moment cannot both be accepted: the second write is `storage.conflict`.
 *
 * @since 0.4.0
 */
import * as TE from 'fp-ts/lib/TaskEither.js'
import * as O from 'fp-ts/lib/Option.js'
import type { DomainError } from '../kernel/errors'
import type { PhoneNumber } from '../kernel/us-identifiers'
import type { AccountId } from '../accounts/account'
import type { AccountDevices, PushDeviceId, SecretRef } from '../mfa/devices'
import type { PushChallengeId, PushLedger } from '../mfa/push'

// -------------------------------------------------------------------------------------
// messages to a phone
// -------------------------------------------------------------------------------------

/** A short message for a phone: a text, or what a call says. It carries a code in clear: keep it sealed at rest. */
export interface PhoneMessage {
  /** What kind of message this is (`mfa-code`), for routing and tests. */
  readonly kind: string
  readonly to: PhoneNumber
  readonly text: string
}

/** Sends texts (an SMS gateway). A failed hand-off is `sms.delivery-failed`. */
export interface SmsSender {
  readonly send: (message: PhoneMessage) => TE.TaskEither<DomainError, void>
}

/** Places calls that speak a message (a voice gateway). A failed hand-off is `voice.delivery-failed`. */
export interface VoiceCaller {
  readonly call: (message: PhoneMessage) => TE.TaskEither<DomainError, void>
}

// -------------------------------------------------------------------------------------
// pushes
// -------------------------------------------------------------------------------------

/**
 * A push to an authenticator app (Okta Verify-like). It never carries the
 * number to match: the person reads that on the sign-in page and types it
 * into the app, so a push approved without looking fails.
 */
export interface PushNotice {
  readonly pushDeviceId: PushDeviceId
  readonly pushId: PushChallengeId
  /** The account the push is for: the app sends it back with its answer. */
  readonly accountId: AccountId
  /** Who asks ("HARP"), as the app shows it. */
  readonly issuer: string
  readonly expiresAt: string
}

/** Sends pushes to apps (the app vendor's push service). A failed hand-off is `push.delivery-failed`. */
export interface PushNotifier {
  readonly notify: (notice: PushNotice) => TE.TaskEither<DomainError, void>
}

// -------------------------------------------------------------------------------------
// repositories
// -------------------------------------------------------------------------------------

/** The devices of each account, one record an account. */
export interface AccountDevicesRepository {
  readonly find: (accountId: AccountId) => TE.TaskEither<DomainError, O.Option<AccountDevices>>
  readonly insert: (devices: AccountDevices) => TE.TaskEither<DomainError, AccountDevices>
  readonly update: (devices: AccountDevices) => TE.TaskEither<DomainError, AccountDevices>
}

/** One authenticator app's credential: its secret sealed with the TOTP secret box, and its replay state. */
export interface TotpCredential {
  /** The reference the account's device holds. */
  readonly id: SecretRef
  readonly accountId: AccountId
  /** The base32 secret, sealed (`SecretBox.seal`): recoverable by the server only. */
  readonly sealedSecret: string
  /** The last time step a code was accepted for (`null`: none yet): each code is accepted at most once. */
  readonly lastAcceptedStep: number | null
  readonly version: number
}

/** TOTP credentials by reference. `remove` deletes one (its device was removed), only at the version loaded. */
export interface TotpCredentialRepository {
  readonly find: (id: SecretRef) => TE.TaskEither<DomainError, O.Option<TotpCredential>>
  readonly insert: (credential: TotpCredential) => TE.TaskEither<DomainError, TotpCredential>
  readonly update: (credential: TotpCredential) => TE.TaskEither<DomainError, TotpCredential>
  readonly remove: (credential: TotpCredential) => TE.TaskEither<DomainError, void>
}

/** The push ledger of each account. */
export interface PushLedgerRepository {
  readonly find: (accountId: AccountId) => TE.TaskEither<DomainError, O.Option<PushLedger>>
  readonly insert: (ledger: PushLedger) => TE.TaskEither<DomainError, PushLedger>
  readonly update: (ledger: PushLedger) => TE.TaskEither<DomainError, PushLedger>
}
