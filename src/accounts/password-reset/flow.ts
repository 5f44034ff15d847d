/**
 * The "Forgot your password?" flow. Username and e-mail are both required; a
 * code proves the person reads that mailbox; only then is the pair matched to
 * an account, and a new password set under the policy.
 *
 *   AwaitingResetCode ─verify─► ResetEmailVerified ─continue─► ResetAccountConfirmed ─set─► ResetCompleted
 *
 * @since 0.1.0
 */
import * as E from '../../kernel/either'
import { DateTime, Duration } from 'luxon'
import { domainError, DomainError } from '../../kernel/errors'
import { EmailAddress, emailKey, parseEmailAddress } from '../../kernel/email'
import { parseUsername, Username, usernameKey } from '../../kernel/username'
import { Validation, validateAll } from '../../kernel/validation'
import { validateForm } from '../../kernel/form'
import { Account, AccountId } from '../account'
import { FlowBase, FlowId, newFlowBase } from '../flow'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

interface ResetBase extends FlowBase {
  readonly kind: 'password-reset'
  readonly username: Username
  readonly email: EmailAddress
}

/** A code was sent to the address typed. */
export interface AwaitingResetCode extends ResetBase {
  readonly state: 'awaiting-email-code'
}

/** The person proved they read that mailbox. */
export interface ResetEmailVerified extends ResetBase {
  readonly state: 'email-verified'
}

/** The username and e-mail belong to this account. */
export interface ResetAccountConfirmed extends ResetBase {
  readonly state: 'account-confirmed'
  readonly accountId: AccountId
}

/** The new password is set. */
export interface ResetCompleted extends ResetBase {
  readonly state: 'completed'
  readonly accountId: AccountId
}

/** Every state of a password-reset flow. */
export type PasswordResetFlow = AwaitingResetCode | ResetEmailVerified | ResetAccountConfirmed | ResetCompleted

/** The first screen, as typed. */
export interface ResetRequestForm {
  readonly username?: unknown
  readonly email?: unknown
}

// -------------------------------------------------------------------------------------
// validation
// -------------------------------------------------------------------------------------

/** Both fields are required; each is checked for form. */
export const validateResetRequest = (input: ResetRequestForm): Validation<{ readonly username: Username; readonly email: EmailAddress }> =>
  validateForm(['username', 'email'], (form) => validateAll({ username: parseUsername(form.username, 'username'), email: parseEmailAddress(form.email, 'email') }))(input)

// -------------------------------------------------------------------------------------
// transitions
// -------------------------------------------------------------------------------------

/** Starts a reset for a username and e-mail pair (not yet matched to anything). */
export const startPasswordReset = (
  now: DateTime,
  id: FlowId,
  lifetime: Duration,
  request: { readonly username: Username; readonly email: EmailAddress }
): AwaitingResetCode => ({
  kind: 'password-reset',
  state: 'awaiting-email-code',
  ...newFlowBase(now, id, lifetime),
  username: request.username,
  email: request.email
})

/** The code matched. */
export const markResetEmailVerified = (flow: AwaitingResetCode): ResetEmailVerified => ({ ...flow, state: 'email-verified' })

/** "Change e-mail" during a reset: a new address, a new code. */
export const changeResetEmail = (flow: AwaitingResetCode | ResetEmailVerified, email: EmailAddress): AwaitingResetCode => ({
  ...flow,
  state: 'awaiting-email-code',
  email
})

/**
 * "Continue": the pair must name one account — the username's account, with
 * this e-mail address. Otherwise: "An account could not be found for the
 * provided user ID."
 */
export const confirmAccount = (flow: ResetEmailVerified, account: Account | null): E.Either<DomainError, ResetAccountConfirmed> =>
  account !== null && account.usernameKey === usernameKey(flow.username) && account.emailKey === emailKey(flow.email)
    ? E.right({ ...flow, state: 'account-confirmed', accountId: account.id })
    : E.left(domainError('account.not-found', { field: 'username', rule: 'the username and e-mail address must belong to one account' }))

/** The new password was saved. */
export const completePasswordReset = (flow: ResetAccountConfirmed): ResetCompleted => ({ ...flow, state: 'completed' })
