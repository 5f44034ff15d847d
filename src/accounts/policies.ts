/**
 * What a portal preset decides for the account workflows.
 *
 * @since 0.1.0
 */
import { DateTime, Duration } from 'luxon'
import { AnswerThrottlePolicy, ChallengeQuestion } from '../credentials/challenge-question'
import { TemporaryPasswordPolicy } from '../credentials/temporary-password'
import * as NEA from 'fp-ts/lib/NonEmptyArray.js'
import * as RTE from 'fp-ts/lib/ReaderTaskEither.js'
import { DomainError } from '../kernel/errors'
import { EmailAddress } from '../kernel/email'
import { IdentifierFormat } from '../kernel/identifiers'
import { PasswordPolicy } from '../credentials/password-policy'
import { CodePolicy } from '../credentials/verification-code'
import { OutgoingEmail } from '../ports/mailer'
import { Ports } from '../ports'
import { SignInThrottlePolicy } from './account'

/** Why a code is being sent. */
export type CodePurpose = 'sign-up' | 'password-reset'

/** Why a temporary password is being sent. */
export type TemporaryPasswordReason = 'registration' | 'recovery'

/** The e-mails a preset writes. */
export interface EmailTemplates {
  readonly verificationCode: (args: { readonly to: EmailAddress; readonly code: string; readonly purpose: CodePurpose }) => OutgoingEmail
  readonly temporaryPassword?: (args: {
    readonly to: EmailAddress
    readonly username: string
    readonly temporaryPassword: string
    /** When it stops working, in the plan's zone. */
    readonly expiresAt: DateTime
    readonly reason: TemporaryPasswordReason
  }) => OutgoingEmail
}

/** What a preset that registers providers decides. */
export interface ProviderPolicies {
  readonly providerIdFormat: IdentifierFormat
  readonly securityQuestions: ReadonlyArray<ChallengeQuestion>
  readonly answerThrottle: AnswerThrottlePolicy
  readonly temporaryPassword: TemporaryPasswordPolicy
}

/** The policies the account workflows follow. */
export interface AccountPolicies {
  readonly passwordPolicy: PasswordPolicy
  readonly codePolicy: CodePolicy
  /** How long a sign-up or reset flow stays open. */
  readonly flowLifetime: Duration
  readonly signInThrottle: SignInThrottlePolicy
  readonly memberIdFormat: IdentifierFormat
  readonly representativeIdFormat: IdentifierFormat
  readonly emails: EmailTemplates
  /** Present when the portal registers providers (Harmony). */
  readonly providers?: ProviderPolicies
}

/** The environment of every account workflow: the ports, and the preset's policies. */
export type AccountsEnv = Ports & { readonly policies: AccountPolicies }

/** Workflows fail with every error found (forms) or one (everything else), always as a non-empty list. */
export type Errors = NEA.NonEmptyArray<DomainError>

/** An account workflow: a program over the environment. */
export type Workflow<A> = RTE.ReaderTaskEither<AccountsEnv, Errors, A>
