/**
 * Sign-up workflows: each loads what it needs, calls the pure flow, saves.
 *
 * @since 0.1.0
 */
import * as E from '../../kernel/either'
import * as O from 'fp-ts/lib/Option.js'
import * as RTE from 'fp-ts/lib/ReaderTaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { domainError, DomainError } from '../../kernel/errors'
import { EmailAddress, parseEmailAddress } from '../../kernel/email'
import { usernameKey, UsernameKey } from '../../kernel/username'
import { Account, AccountId } from '../account'
import { FlowId } from '../flow'
import { AccountsEnv, Errors, Workflow } from '../policies'
import { fromEither, fromPort, fromValidation, loadFlow, now, saveFlow } from '../workflow-kit'
import { sendVerificationCode, verifyEmailCode } from '../email-verification'
import {
  changeEmail,
  completeSignUp,
  CredentialsForm,
  markEmailVerified,
  matchMember,
  matchRepresentative,
  ProfileForm,
  SignUpFlow,
  Standing,
  startSignUp,
  validateCredentials,
  validateProfile,
  ValidProfile
} from './flow'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** What a caller sees of a sign-up in progress (never the password hash). */
export interface SignUpView {
  readonly flowId: FlowId
  readonly state: SignUpFlow['state']
  readonly username: string
  readonly email: EmailAddress
  readonly expiresAt: string
}

/** The account "Create" made. */
export interface CreatedAccount {
  readonly accountId: AccountId
  readonly username: string
  readonly relationship: Account['relationship']['kind']
  readonly status: 'active'
}

const view = (flow: SignUpFlow): SignUpView => ({
  flowId: flow.id,
  state: flow.state,
  username: flow.username,
  email: flow.email,
  expiresAt: flow.expiresAt
})

const usernameTaken = (): DomainError =>
  domainError('username.taken', { field: 'username', rule: 'username must not already belong to an account (in any letter case)' })

const ensureUsernameFree = (key: UsernameKey): Workflow<void> =>
  pipe(
    fromPort((env) => env.accounts.findByUsername(key)),
    RTE.chain((found) => fromEither(O.isSome(found) ? E.left(usernameTaken()) : E.right(undefined)))
  )

// -------------------------------------------------------------------------------------
// workflows
// -------------------------------------------------------------------------------------

/** "Send verification code": validates the first screen, then e-mails a code. */
export const startSignUpFlow = (form: CredentialsForm): Workflow<SignUpView> =>
  pipe(
    RTE.Do,
    RTE.bind('env', () => RTE.ask<AccountsEnv, Errors>()),
    RTE.bind('credentials', ({ env }) => fromValidation(validateCredentials(env.policies.passwordPolicy)(form))),
    RTE.chainFirst(({ credentials }) => ensureUsernameFree(usernameKey(credentials.username))),
    RTE.bind('hash', ({ credentials }) => fromPort((env) => env.passwordHasher.hash(credentials.password))),
    RTE.bind('at', () => now),
    RTE.chain(({ env, credentials, hash, at }) =>
      saveFlow(startSignUp(at, env.random.uuid() as FlowId, env.policies.flowLifetime, credentials, hash))
    ),
    RTE.chainFirst((flow) => sendVerificationCode('sign-up', flow.id, flow.email)),
    RTE.map(view)
  )

/** "Send new code": replaces the code; the wrong-attempt count carries over. */
export const resendSignUpCode = (flowId: unknown): Workflow<SignUpView> =>
  pipe(
    loadFlow(flowId, 'sign-up', 'awaiting-email-code'),
    RTE.chainFirst((flow) => sendVerificationCode('sign-up', flow.id, flow.email)),
    RTE.map(view)
  )

/** "Verify code". */
export const verifySignUpEmail = (flowId: unknown, code: unknown): Workflow<SignUpView> =>
  pipe(
    loadFlow(flowId, 'sign-up', 'awaiting-email-code'),
    RTE.chainFirst((flow) => verifyEmailCode('sign-up', flow.id, flow.email, code)),
    RTE.chain((flow) => pipe(now, RTE.chain((at) => saveFlow(markEmailVerified(at, flow))))),
    RTE.map(view)
  )

/** "Change e-mail": a new address, and a code sent to it. */
export const changeSignUpEmail = (flowId: unknown, email: unknown): Workflow<SignUpView> =>
  pipe(
    RTE.Do,
    RTE.bind('flow', () => loadFlow(flowId, 'sign-up', 'awaiting-email-code', 'email-verified')),
    RTE.bind('email', () => fromEither(parseEmailAddress(email, 'email'))),
    RTE.chain(({ flow, email }) => saveFlow(changeEmail(flow, email))),
    RTE.chainFirst((flow) => sendVerificationCode('sign-up', flow.id, flow.email)),
    RTE.map(view)
  )

const establishStanding = (profile: ValidProfile): Workflow<Standing> => {
  if (profile.iAmA === 'member')
    return pipe(
      fromPort((env) => env.members.findMember(profile.memberId)),
      RTE.chain((record) => fromEither(matchMember(profile, O.toNullable(record))))
    )
  return pipe(
    RTE.asks((env: AccountsEnv) => env.keyedHasher.digest('representative-id', profile.representativeId)),
    RTE.chain((idHash) =>
      pipe(
        fromPort((env) => env.members.findRepresentativeGrant(idHash)),
        RTE.chain((grant) => fromEither(matchRepresentative(profile, O.toNullable(grant), idHash)))
      )
    )
  )
}

/** "Create": validates the profile, matches it to the plan's data, and makes the active account. */
export const createAccount = (flowId: unknown, form: ProfileForm): Workflow<CreatedAccount> =>
  pipe(
    RTE.Do,
    RTE.bind('env', () => RTE.ask<AccountsEnv, Errors>()),
    RTE.bind('flow', () => loadFlow(flowId, 'sign-up', 'email-verified')),
    RTE.bind('at', () => now),
    RTE.bind('profile', ({ env, at }) =>
      fromValidation(
        validateProfile({ memberId: env.policies.memberIdFormat, representativeId: env.policies.representativeIdFormat }, at.toISODate() as string)(
          form
        )
      )
    ),
    RTE.bind('standing', ({ profile }) => establishStanding(profile)),
    RTE.chainFirst(({ flow }) => ensureUsernameFree(flow.usernameKey)),
    RTE.chain(({ env, flow, at, profile, standing }) => {
      const done = completeSignUp(at, flow, env.random.uuid() as AccountId, profile, standing)
      return pipe(
        fromPort((e) => e.accounts.insert(done.account)),
        RTE.chainFirst(() => saveFlow(done.flow))
      )
    }),
    RTE.map((account) => ({
      accountId: account.id,
      username: account.username,
      relationship: account.relationship.kind,
      status: account.status
    }))
  )
