/**
 * What a preset decides for second factors (its `mfaPolicies`): whether two
 * factors are required and how many devices an account holds, the SMS and
 * voice code policies, the push policy, the authenticator apps' TOTP policy,
 * the issuer name a key URI carries, and what a text or a call says.
 *
 * @since 0.4.0
 */
import type { Duration } from 'luxon'
import * as RTE from 'fp-ts/lib/ReaderTaskEither.js'
import type { TotpPolicy } from '../credentials/totp'
import type { AccountsEnv, Errors } from '../accounts/policies'
import type { MfaPolicy } from './devices'
import type { OutOfBandCodePolicy } from './out-of-band-code'
import type { PushPolicy } from './push'

/** A preset's second-factor policies. */
export interface MfaPolicies {
  readonly mfa: MfaPolicy
  readonly sms: OutOfBandCodePolicy
  readonly voice: OutOfBandCodePolicy
  readonly push: PushPolicy
  readonly totp: TotpPolicy
  /** The issuer a key URI names (what the authenticator app lists the account under): no colon. */
  readonly issuer: string
  /** How long a two-factor sign-in stays open (adding a first device included). */
  readonly signInLifetime: Duration
  /** What a text says, given the code. */
  readonly smsText: (code: string) => string
  /** What a call says, given the code. */
  readonly voiceText: (code: string) => string
}

/** The environment of the second-factor workflows: the account workflows', and the preset's second-factor policies. */
export type MfaEnv = AccountsEnv & { readonly mfaPolicies: MfaPolicies }

/** A second-factor workflow. */
export type MfaWorkflow<A> = RTE.ReaderTaskEither<MfaEnv, Errors, A>
