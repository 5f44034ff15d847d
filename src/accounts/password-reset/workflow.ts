/**
 * "Forgot your password?" workflows.
 *
 * @since 0.1.0
 */
import * as E from '../../kernel/either'
import * as O from 'fp-ts/lib/Option.js'
import { domainError } from '../../kernel/errors'
import { readForm } from '../../kernel/form'
import * as RTE from 'fp-ts/lib/ReaderTaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { EmailAddress, parseEmailAddress } from '../../kernel/email'
import { usernameKey } from '../../kernel/username'
import { checkNewPassword } from '../../credentials/password-policy'
import { ensureNotTemporaryPassword, temporaryPasswordDigest } from '../../credentials/temporary-password'
import { changePassword } from '../account'
import { FlowId } from '../flow'
import { AccountsEnv, Errors, Workflow } from '../policies'
import { fromEither, fromPort, fromValidation, loadFlow, now, saveFlow } from '../workflow-kit'
import { sendVerificationCode, verifyEmailCode } from '../email-verification'
import {
  changeResetEmail,
  completePasswordReset,
  confirmAccount,
  markResetEmailVerified,
  PasswordResetFlow,
  ResetRequestForm,
  startPasswordReset,
  validateResetRequest
} from './flow'

/** What a caller sees of a reset in progress. */
export interface PasswordResetView {
  readonly flowId: FlowId
  readonly state: PasswordResetFlow['state']
  readonly username: string
  readonly email: EmailAddress
  readonly expiresAt: string
}

const view = (flow: PasswordResetFlow): PasswordResetView => ({
  flowId: flow.id,
  state: flow.state,
  username: flow.username,
  email: flow.email,
  expiresAt: flow.expiresAt
})

/** "Send verification code": both fields required; the code goes to the address typed. */
export const requestPasswordReset = (form: ResetRequestForm): Workflow<PasswordResetView> =>
  pipe(
    RTE.Do,
    RTE.bind('env', () => RTE.ask<AccountsEnv, Errors>()),
    RTE.bind('request', () => fromValidation(validateResetRequest(form))),
    RTE.bind('at', () => now),
    RTE.chain(({ env, request, at }) => saveFlow(startPasswordReset(at, env.random.uuid() as FlowId, env.policies.flowLifetime, request))),
    RTE.chainFirst((flow) => sendVerificationCode('password-reset', flow.id, flow.email)),
    RTE.map(view)
  )

/** "Send new code". */
export const resendResetCode = (flowId: unknown): Workflow<PasswordResetView> =>
  pipe(
    loadFlow(flowId, 'password-reset', 'awaiting-email-code'),
    RTE.chainFirst((flow) => sendVerificationCode('password-reset', flow.id, flow.email)),
    RTE.map(view)
  )

/** "Verify code". */
export const verifyResetEmail = (flowId: unknown, code: unknown): Workflow<PasswordResetView> =>
  pipe(
    loadFlow(flowId, 'password-reset', 'awaiting-email-code'),
    RTE.chainFirst((flow) => verifyEmailCode('password-reset', flow.id, flow.email, code)),
    RTE.chain((flow) => saveFlow(markResetEmailVerified(flow))),
    RTE.map(view)
  )

/** "Change e-mail" during a reset. */
export const changeResetEmailAddress = (flowId: unknown, email: unknown): Workflow<PasswordResetView> =>
  pipe(
    RTE.Do,
    RTE.bind('flow', () => loadFlow(flowId, 'password-reset', 'awaiting-email-code', 'email-verified')),
    RTE.bind('email', () => fromEither(parseEmailAddress(email, 'email'))),
    RTE.chain(({ flow, email }) => saveFlow(changeResetEmail(flow, email))),
    RTE.chainFirst((flow) => sendVerificationCode('password-reset', flow.id, flow.email)),
    RTE.map(view)
  )

/** "Continue": the username and e-mail must name one account. */
export const continuePasswordReset = (flowId: unknown): Workflow<PasswordResetView> =>
  pipe(
    loadFlow(flowId, 'password-reset', 'email-verified'),
    RTE.chain((flow) =>
      pipe(
        fromPort((env) => env.accounts.findByUsername(usernameKey(flow.username))),
        RTE.chain((account) => fromEither(confirmAccount(flow, O.toNullable(account))))
      )
    ),
    RTE.chain(saveFlow),
    RTE.map(view)
  )

/** The new password, under the preset's policy; it replaces the old one and lifts any sign-in lock. */
export const setNewPassword = (
  flowId: unknown,
  input: { readonly newPassword?: unknown; readonly confirmNewPassword?: unknown }
): Workflow<PasswordResetView> =>
  pipe(
    RTE.Do,
    RTE.bind('env', () => RTE.ask<AccountsEnv, Errors>()),
    RTE.bind('flow', () => loadFlow(flowId, 'password-reset', 'account-confirmed')),
    RTE.bind('form', () => fromValidation(readForm(input, ['newPassword', 'confirmNewPassword']))),
    RTE.bind('password', ({ env, flow, form }) =>
      fromValidation(checkNewPassword(env.policies.passwordPolicy)(form.newPassword, form.confirmNewPassword, { username: flow.username }))
    ),
    RTE.bind('account', ({ flow }) =>
      pipe(
        fromPort((env) => env.accounts.findById(flow.accountId)),
        RTE.chain((found) =>
          fromEither(
            O.isSome(found)
              ? E.right(found.value)
              : E.left(domainError('account.not-found', { field: 'username', rule: 'the account must still exist' }))
          )
        )
      )
    ),
    RTE.bind('at', () => now),
    // A temporary password the plan issued never becomes the person's own, by this path either.
    RTE.chainFirst(({ env, account, password, at }) =>
      fromEither(ensureNotTemporaryPassword(account.issuedTemporaryPasswords, temporaryPasswordDigest(env.keyedHasher, account.id, password), at))
    ),
    RTE.bind('hash', ({ password }) => fromPort((env) => env.passwordHasher.hash(password))),
    RTE.chainFirst(({ account, hash, at }) => fromPort((env) => env.accounts.update(changePassword(at, account, hash)))),
    RTE.chain(({ flow }) => saveFlow(completePasswordReset(flow))),
    RTE.map(view)
  )
