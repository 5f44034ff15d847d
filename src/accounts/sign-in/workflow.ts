/**
 * Signing in with a username and password. Complexity is not checked here
 * (only at sign-up and reset); every failure looks the same to the caller;
 * repeated failures lock the account for a growing time.
 *
 * @since 0.1.0
 */
import * as E from '../../kernel/either'
import * as O from 'fp-ts/lib/Option.js'
import * as RTE from 'fp-ts/lib/ReaderTaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { DateTime } from 'luxon'
import { domainError, DomainError } from '../../kernel/errors'
import { requireText, validateAll } from '../../kernel/validation'
import { boundText, TEXT_LIMITS, validateForm } from '../../kernel/form'
import { usernameKey, Username } from '../../kernel/username'
import { MemberId, ProviderId } from '../../kernel/identifiers'
import { ensureTemporaryPasswordValid } from '../../credentials/temporary-password'
import { Account, AccountId, ensureNotThrottled, memberIdOf, recordFailedSignIn, recordSuccessfulSignIn } from '../account'
import { AccountsEnv, Errors, Workflow } from '../policies'
import type { OrganisationId } from '../../organizations/organisation'
import { fromEither, fromPort, fromValidation, now } from '../workflow-kit'

/** A signed-in session's facts. */
export interface SignedIn {
  readonly accountId: AccountId
  readonly username: Username
  readonly relationship: Account['relationship']['kind']
  /** The member whose records this session may see: the account's own, or the one it represents. */
  readonly memberId?: MemberId
  /** The provider this session acts for (a provider's user). */
  readonly providerId?: ProviderId
  /** The organisation this session's person belongs to (an organisation's account). */
  readonly organisationId?: OrganisationId
  /** Signed in with a temporary password: the person must choose a password of their own before anything else. */
  readonly passwordChangeRequired: boolean
  readonly signedInAt: string
}

/** The one message for any wrong username or password: it never says which. */
export const invalidCredentials = (): DomainError =>
  domainError('sign-in.invalid-credentials', { rule: 'the username and password must match an account' })

/** The session facts of an account signed in at an instant. */
export const signedInAs = (account: Account, at: DateTime): SignedIn => ({
  accountId: account.id,
  username: account.username,
  relationship: account.relationship.kind,
  ...(memberIdOf(account) !== undefined ? { memberId: memberIdOf(account) } : {}),
  ...(account.relationship.kind === 'provider' ? { providerId: account.relationship.providerId } : {}),
  ...(account.relationship.kind === 'organisation' ? { organisationId: account.relationship.organisationId } : {}),
  passwordChangeRequired: account.temporaryPassword !== null,
  signedInAt: at.toISO() as string
})

const failWith = <A>(e: DomainError): Workflow<A> => fromEither<A>(E.left(e))

/** "Sign in". */
export const signIn = (input: { readonly username?: unknown; readonly password?: unknown }): Workflow<SignedIn> =>
  pipe(
    fromValidation(
      validateForm(['username', 'password'], (form) =>
        validateAll({
          username: requireText(form.username, 'username', TEXT_LIMITS.short),
          // Passwords are taken exactly as typed: no trimming at sign-in.
          password: pipe(
            boundText(form.password, 'password', TEXT_LIMITS.password),
            E.chain((pw) => (typeof pw === 'string' && pw !== '' ? E.right(pw) : requireText(pw, 'password')))
          )
        })
      )(input)
    ),
    RTE.chain(({ username, password }) =>
      pipe(
        fromPort((env) => env.accounts.findByUsername(usernameKey(username as Username))),
        RTE.chain(
          O.fold(
            // Unknown username: spend the same hashing work, then the same answer.
            () => pipe(fromPort((env) => env.passwordHasher.hash(password)), RTE.chain(() => failWith<SignedIn>(invalidCredentials()))),
            (account) => attempt(account, password)
          )
        )
      )
    )
  )

const attempt = (account: Account, password: string): Workflow<SignedIn> =>
  pipe(
    RTE.Do,
    RTE.bind('at', () => now),
    RTE.bind('live', ({ at }) => fromEither(ensureNotThrottled(at, account))),
    RTE.bind('matches', () => fromPort((env) => env.passwordHasher.verify(password, account.passwordHash))),
    RTE.chain(({ at, matches }) =>
      matches
        ? pipe(
            // An expired temporary password is refused even when typed right; it points to "Forgot Your Password?".
            account.temporaryPassword === null
              ? RTE.right<AccountsEnv, Errors, unknown>(null)
              : fromEither<unknown>(ensureTemporaryPasswordValid(account.temporaryPassword, at)),
            // Write only when there is something to clear: simultaneous sign-ins (two tabs) must not race each other.
            RTE.chain(() =>
              recordSuccessfulSignIn(account) === account
                ? RTE.right<AccountsEnv, Errors, Account>(account)
                : fromPort((env) => env.accounts.update(recordSuccessfulSignIn(account)))
            ),
            RTE.map((saved) => signedInAs(saved, at))
          )
        : pipe(
            RTE.asks((env: AccountsEnv) => recordFailedSignIn(env.policies.signInThrottle)(at, account)),
            RTE.chain((failed) => fromPort((env) => env.accounts.update(failed))),
            RTE.chain(() => failWith<SignedIn>(invalidCredentials()))
          )
    )
  )

export type { Errors }
