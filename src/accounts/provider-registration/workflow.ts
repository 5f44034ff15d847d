/**
 * Provider registration, temporary passwords, choosing one's own password,
 * and recovery with the security answer — as workflows.
 *
 * @since 0.1.0
 */
import * as E from '../../kernel/either'
import * as O from 'fp-ts/lib/Option.js'
import * as RTE from 'fp-ts/lib/ReaderTaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { domainError, DomainError } from '../../kernel/errors'
import { EmailAddress, emailKey } from '../../kernel/email'
import { requireText, validateAll } from '../../kernel/validation'
import { boundText, readForm, TEXT_LIMITS } from '../../kernel/form'
import { Username, usernameKey } from '../../kernel/username'
import { checkAnswer, ChallengeQuestion, newChallenge, normaliseAnswer, parseAnswer } from '../../credentials/challenge-question'
import { checkNewPassword } from '../../credentials/password-policy'
import {
  ensureNotTemporaryPassword,
  ensureTemporaryPasswordValid,
  temporaryPasswordDigest,
  temporaryPasswordFromBytes,
  temporaryPasswordWindow
} from '../../credentials/temporary-password'
import { ledgerOrEmpty, symbolsFromBytes } from '../../credentials/verification-code'
import { KeyedHash } from '../../ports/keyed-hasher'
import { AboutYouForm, ProviderRegistration, validateAboutYou } from '../../organizations/provider-registration'
import { Account, AccountId, changePassword, ensureNotThrottled, issueTemporaryPassword, recordFailedSignIn } from '../account'
import { FlowId } from '../flow'
import { AccountsEnv, Errors, ProviderPolicies, TemporaryPasswordReason, Workflow } from '../policies'
import { invalidCredentials } from '../sign-in/workflow'
import { fromEither, fromPort, fromValidation, loadFlow, now, saveFlow } from '../workflow-kit'
import {
  alreadyRegistered,
  completeRegistration,
  confirmation,
  describe,
  IdentifyForm,
  matchProvider,
  ProviderRegistrationFlow,
  RegistrationConfirmation,
  startRegistration,
  UsernameForm,
  validateIdentity,
  validateUsernameChoice
} from './flow'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** What a caller sees of a registration in progress. */
export interface RegistrationView {
  readonly flowId: FlowId
  readonly state: ProviderRegistrationFlow['state']
  readonly providerName: string
  readonly expiresAt: string
}

const view = (flow: ProviderRegistrationFlow): RegistrationView => ({
  flowId: flow.id,
  state: flow.state,
  providerName: flow.providerName,
  expiresAt: flow.expiresAt
})

// -------------------------------------------------------------------------------------
// shared pieces
// -------------------------------------------------------------------------------------

const providerPolicies: Workflow<ProviderPolicies> = pipe(
  RTE.asks((env: AccountsEnv) => env.policies.providers),
  RTE.chain((p) =>
    fromEither(
      p === undefined
        ? E.left(domainError('portal.not-offered', { rule: 'this portal does not register providers', feature: 'provider registration' }))
        : E.right(p)
    )
  )
)

/** The keyed hash of a security answer, bound to its account (equal answers of two accounts never hash alike). */
const answerHash = (env: AccountsEnv, accountId: string, answer: string): KeyedHash =>
  env.keyedHasher.digest('challenge-answer', `${accountId}:${normaliseAnswer(answer)}`)

const drawTemporaryPassword = (env: AccountsEnv, policies: ProviderPolicies): string => {
  let out = ''
  while (out.length < policies.temporaryPassword.length)
    out += temporaryPasswordFromBytes(policies.temporaryPassword, env.random.bytes(policies.temporaryPassword.length * 2), policies.temporaryPassword.length - out.length)
  return out
}

/** A temporary password just issued: the account as saved, and the password to e-mail (never stored). */
interface Issued {
  readonly account: Account
  readonly password: string
  readonly expiresAt: ReturnType<AccountsEnv['clock']['now']>
}

/** Issues a fresh temporary password on the account and saves it (inserting a new account). */
const issueTemporary = (account: Account): Workflow<Issued> =>
  pipe(
    RTE.Do,
    RTE.bind('env', () => RTE.ask<AccountsEnv, Errors>()),
    RTE.bind('policies', () => providerPolicies),
    RTE.bind('at', () => now),
    RTE.bind('password', ({ env, policies }) => RTE.right(drawTemporaryPassword(env, policies))),
    RTE.bind('hash', ({ password }) => fromPort((env) => env.passwordHasher.hash(password))),
    RTE.bind('saved', ({ policies, at, hash, password }) =>
      fromPort((env) => {
        const digest = temporaryPasswordDigest(env.keyedHasher, account.id, password)
        const next = issueTemporaryPassword(account, hash, temporaryPasswordWindow(policies.temporaryPassword, at), digest)
        return next.version === 0 ? env.accounts.insert(next) : env.accounts.update(next)
      })
    ),
    RTE.map(({ saved, password, at, policies }) => ({ account: saved, password, expiresAt: at.plus(policies.temporaryPassword.validity) }))
  )

/** E-mails a temporary password to the account's address: the last step, after every write succeeded. */
const mailTemporary = (issued: Issued, reason: TemporaryPasswordReason): Workflow<Account> =>
  pipe(
    RTE.asks((env: AccountsEnv) => env.policies.emails.temporaryPassword),
    RTE.chain((template) =>
      template === undefined
        ? fromEither<void>(E.left(domainError('portal.not-offered', { rule: 'this portal has no temporary-password e-mail', feature: 'temporary passwords' })))
        : fromPort((env) =>
            env.mailer.send(
              template({ to: issued.account.email, username: issued.account.username, temporaryPassword: issued.password, expiresAt: issued.expiresAt, reason })
            )
          )
    ),
    RTE.map(() => issued.account)
  )

// -------------------------------------------------------------------------------------
// registration
// -------------------------------------------------------------------------------------

/** Step 3, "Identify yourself": the three must match one provider not yet registered. */
export const identifyProvider = (form: IdentifyForm): Workflow<RegistrationView> =>
  pipe(
    RTE.Do,
    RTE.bind('env', () => RTE.ask<AccountsEnv, Errors>()),
    RTE.bind('policies', () => providerPolicies),
    RTE.bind('identity', ({ policies }) => fromValidation(validateIdentity(policies.providerIdFormat)(form))),
    RTE.bind('record', ({ identity }) => fromPort((env) => env.providers.findProvider(identity.providerId))),
    RTE.bind('provider', ({ env, identity, record }) =>
      fromEither(matchProvider(identity, env.keyedHasher.digest('tax-id', identity.taxId), O.toNullable(record)))
    ),
    RTE.chainFirst(({ provider }) =>
      pipe(
        fromPort((env) => env.registrations.findByProviderId(provider.providerId)),
        RTE.chain((found) => fromEither(O.isSome(found) ? E.left(alreadyRegistered()) : E.right(undefined)))
      )
    ),
    RTE.bind('at', () => now),
    RTE.chain(({ env, provider, at }) => saveFlow(startRegistration(at, env.random.uuid() as FlowId, env.policies.flowLifetime, provider))),
    RTE.map(view)
  )

/** Step 4, "Tell us about yourself" (also to change it after going back). */
export const describeOrganisation = (flowId: unknown, form: AboutYouForm): Workflow<RegistrationView> =>
  pipe(
    RTE.Do,
    RTE.bind('flow', () => loadFlow(flowId, 'provider-registration', 'identified', 'described')),
    RTE.bind('about', () => fromValidation(validateAboutYou(form))),
    RTE.chain(({ flow, about }) => saveFlow(describe(flow, about))),
    RTE.map(view)
  )

/** A registration reference people can read out: HWR- and 8 unambiguous letters and digits. */
const registrationReference = (env: AccountsEnv): string => {
  let ref = ''
  while (ref.length < 8) ref += symbolsFromBytes(env.random.bytes(16), 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789', 8 - ref.length)
  return `HWR-${ref}`
}

/**
 * Step 5, "Create a username": the account is made with a temporary password
 * (e-mailed now, well within the guide's 24 hours) and the security question;
 * the confirmation page comes back to print.
 */
export const createProviderUsername = (flowId: unknown, form: UsernameForm): Workflow<RegistrationConfirmation> =>
  pipe(
    RTE.Do,
    RTE.bind('env', () => RTE.ask<AccountsEnv, Errors>()),
    RTE.bind('policies', () => providerPolicies),
    RTE.bind('flow', () => loadFlow(flowId, 'provider-registration', 'described')),
    // Someone may have registered this provider since step 3: refuse before writing anything.
    RTE.chainFirst(({ flow }) =>
      pipe(
        fromPort((env) => env.registrations.findByProviderId(flow.providerId)),
        RTE.chain((found) => fromEither(O.isSome(found) ? E.left(alreadyRegistered()) : E.right(undefined)))
      )
    ),
    RTE.bind('choice', ({ policies }) => fromValidation(validateUsernameChoice(policies.securityQuestions)(form))),
    RTE.chainFirst(({ choice }) =>
      pipe(
        fromPort((env) => env.accounts.findByUsername(usernameKey(choice.username))),
        RTE.chain((found) =>
          fromEither(
            O.isSome(found)
              ? E.left(domainError('username.taken', { field: 'username', rule: 'username must not already belong to an account (in any letter case)' }))
              : E.right(undefined)
          )
        )
      )
    ),
    RTE.bind('at', () => now),
    RTE.chain(({ env, flow, choice, at }) => {
      const accountId = env.random.uuid() as AccountId
      const registrationId = registrationReference(env)
      const registrant = flow.users[0] as (typeof flow.users)[number]
      const account: Account = {
        id: accountId,
        username: choice.username,
        usernameKey: usernameKey(choice.username),
        email: registrant.email,
        emailKey: emailKey(registrant.email),
        // Replaced at once by the temporary password: nobody knows a password for this account until the e-mail arrives.
        passwordHash: '' as Account['passwordHash'],
        firstName: registrant.firstName,
        lastName: registrant.lastName,
        dateOfBirth: null,
        relationship: { kind: 'provider', providerId: flow.providerId, registrationId },
        status: 'active',
        createdAt: at.toISO() as string,
        passwordChangedAt: at.toISO() as string,
        temporaryPassword: null,
        issuedTemporaryPasswords: [],
        challenge: newChallenge(choice.question.id, answerHash(env, accountId, choice.answer)),
        signIn: { consecutiveFailures: 0, lockedUntil: null },
        version: 0
      }
      const registration: ProviderRegistration = {
        id: registrationId,
        providerId: flow.providerId,
        providerName: flow.providerName,
        accountId,
        organisation: flow.organisation,
        users: flow.users,
        registeredAt: at.toISO() as string,
        version: 0
      }
      const done = completeRegistration(flow, accountId, registrationId)
      return pipe(
        issueTemporary(account),
        RTE.chainFirst(() => fromPort((e) => e.registrations.insert(registration))),
        RTE.chainFirst(() => saveFlow(done)),
        RTE.chainFirst((issued) => mailTemporary(issued, 'registration')),
        RTE.map(() => confirmation(done, choice.username, at))
      )
    })
  )

// -------------------------------------------------------------------------------------
// passwords
// -------------------------------------------------------------------------------------

/**
 * "Create a password of your preference": signs in with the current
 * (temporary) password and replaces it. The new password must meet the
 * preset's policy and can never be the temporary one.
 */
export const chooseOwnPassword = (input: {
  readonly username?: unknown
  readonly currentPassword?: unknown
  readonly newPassword?: unknown
  readonly confirmNewPassword?: unknown
}): Workflow<{ readonly accountId: AccountId }> =>
  pipe(
    RTE.Do,
    RTE.bind('env', () => RTE.ask<AccountsEnv, Errors>()),
    RTE.bind('form', () => fromValidation(readForm(input, ['username', 'currentPassword', 'newPassword', 'confirmNewPassword']))),
    RTE.bind('fields', ({ form }) =>
      fromValidation(
        validateAll({
          username: requireText(form.username, 'username', TEXT_LIMITS.short),
          currentPassword: pipe(
            boundText(form.currentPassword, 'currentPassword', TEXT_LIMITS.password),
            E.chain((pw) => (typeof pw === 'string' && pw !== '' ? E.right(pw) : requireText(pw, 'currentPassword')))
          )
        })
      )
    ),
    RTE.bind('password', ({ env, fields, form }) =>
      fromValidation(checkNewPassword(env.policies.passwordPolicy)(form.newPassword, form.confirmNewPassword, { username: fields.username }))
    ),
    RTE.bind('account', ({ fields }) =>
      pipe(
        fromPort((env) => env.accounts.findByUsername(usernameKey(fields.username as Username))),
        RTE.chain((found) => fromEither<Account>(O.isSome(found) ? E.right(found.value) : E.left(invalidCredentials())))
      )
    ),
    RTE.bind('at', () => now),
    RTE.chainFirst(({ account, at }) => fromEither(ensureNotThrottled(at, account))),
    RTE.chainFirst(({ account, fields, at }) =>
      pipe(
        fromPort((env) => env.passwordHasher.verify(fields.currentPassword, account.passwordHash)),
        RTE.chain((ok) =>
          ok
            ? RTE.right<AccountsEnv, Errors, unknown>(undefined)
            : pipe(
                RTE.asks((env: AccountsEnv) => recordFailedSignIn(env.policies.signInThrottle)(at, account)),
                RTE.chain((failed) => fromPort((env) => env.accounts.update(failed))),
                RTE.chain(() => fromEither<unknown>(E.left(invalidCredentials())))
              )
        ),
        RTE.chain(() => (account.temporaryPassword === null ? RTE.right(null) : fromEither<unknown>(ensureTemporaryPasswordValid(account.temporaryPassword, at))))
      )
    ),
    // No temporary password, the current one or an earlier one still valid, can ever become the long-term one.
    RTE.chainFirst(({ env, account, password, at }) =>
      fromEither(ensureNotTemporaryPassword(account.issuedTemporaryPasswords, temporaryPasswordDigest(env.keyedHasher, account.id, password), at))
    ),
    RTE.chainFirst(({ account, password }) =>
      pipe(
        fromPort((env) => env.passwordHasher.verify(password, account.passwordHash)),
        RTE.chain((same) =>
          fromEither(
            same
              ? E.left<DomainError, unknown>(
                  domainError('password.same-as-temporary', { field: 'newPassword', rule: 'newPassword must differ from the password the plan issued' })
                )
              : E.right(undefined)
          )
        )
      )
    ),
    RTE.bind('hash', ({ password }) => fromPort((env) => env.passwordHasher.hash(password))),
    RTE.chain(({ account, hash, at }) => fromPort((env) => env.accounts.update(changePassword(at, account, hash)))),
    RTE.map((saved) => ({ accountId: saved.id }))
  )

/**
 * "Forgot Your Password?" (first screen): the question to answer. An unknown
 * username gets a question too — the same one every time — so the screen
 * never tells whether an account exists.
 */
export const securityQuestionFor = (username: unknown): Workflow<ChallengeQuestion> =>
  pipe(
    RTE.Do,
    RTE.bind('env', () => RTE.ask<AccountsEnv, Errors>()),
    RTE.bind('policies', () => providerPolicies),
    RTE.bind('name', () => fromEither(requireText(username, 'username', TEXT_LIMITS.short))),
    RTE.bind('account', ({ name }) => fromPort((env) => env.accounts.findByUsername(usernameKey(name as Username)))),
    RTE.chain(({ env, policies, name, account }) => {
      const questions = policies.securityQuestions
      const own = O.isSome(account) && account.value.challenge !== null ? questions.find((q) => q.id === account.value.challenge?.questionId) : undefined
      // The decoy is picked by a keyed hash of the username: stable per name, unpredictable without the key.
      const decoy = questions[parseInt(env.keyedHasher.digest('decoy-question', usernameKey(name as Username)).slice(0, 8), 16) % questions.length]
      const shown = own ?? decoy
      return fromEither(
        shown !== undefined ? E.right(shown) : E.left(domainError('portal.not-offered', { rule: 'the preset lists no security questions', feature: 'recovery' }))
      )
    })
  )

/**
 * "Forgot Your Password?": the username and the right security answer get a
 * fresh temporary password by e-mail. Wrong answers are counted and, past the
 * limit, locked out for a while. An unknown username is answered exactly like
 * a known one with a wrong answer — same hashing, a stored count, the same
 * lockout — so the screen never tells whether an account exists.
 */
export const recoverWithSecurityAnswer = (input: { readonly username?: unknown; readonly securityAnswer?: unknown }): Workflow<{ readonly sentTo: EmailAddress | null }> =>
  pipe(
    RTE.Do,
    RTE.bind('policies', () => providerPolicies),
    RTE.bind('form', () => fromValidation(readForm(input, ['username', 'securityAnswer']))),
    RTE.bind('fields', ({ form }) => fromValidation(validateAll({ username: requireText(form.username, 'username', TEXT_LIMITS.short), answer: parseAnswer(form.securityAnswer, 'securityAnswer') }))),
    RTE.bind('found', ({ fields }) => fromPort((env) => env.accounts.findByUsername(usernameKey(fields.username as Username)))),
    RTE.bind('at', () => now),
    RTE.chain(({ policies, fields, found, at }) =>
      O.isSome(found) && found.value.challenge !== null
        ? answerForAccount(policies, found.value, fields.answer, at)
        : answerForNobody(policies, fields.username, fields.answer, at)
    )
  )

const answerForAccount = (policies: ProviderPolicies, account: Account, answer: string, at: ReturnType<AccountsEnv['clock']['now']>): Workflow<{ readonly sentTo: EmailAddress | null }> =>
  pipe(
    RTE.asks((env: AccountsEnv) => checkAnswer(policies.answerThrottle)(at, account.challenge as NonNullable<Account['challenge']>, answerHash(env, account.id, answer))),
    RTE.chain((check) => {
      const updated: Account = { ...account, challenge: check.challenge }
      const verdict = check.verdict
      if (E.isLeft(verdict))
        return pipe(
          fromPort((env) => env.accounts.update(updated)),
          RTE.chain(() => fromEither<{ readonly sentTo: EmailAddress | null }>(E.left(verdict.left)))
        )
      return pipe(
        issueTemporary(updated),
        RTE.chain((issued) => mailTemporary(issued, 'recovery')),
        RTE.map((saved) => ({ sentTo: saved.email }))
      )
    })
  )

/** The decoy path: the wrong-answer count of an unknown username lives in a ledger keyed by its keyed hash. */
const answerForNobody = (policies: ProviderPolicies, username: string, answer: string, at: ReturnType<AccountsEnv['clock']['now']>): Workflow<{ readonly sentTo: EmailAddress | null }> =>
  pipe(
    RTE.asks((env: AccountsEnv) => env.keyedHasher.digest('recovery-username', usernameKey(username as Username))),
    RTE.chain((key) =>
      pipe(
        fromPort((env) => env.codeLedgers.find('security-answer', key)),
        RTE.map(ledgerOrEmpty('security-answer', key, at)),
        RTE.chain((ledger) =>
          pipe(
            // Hash the answer as the real path does; compared with an empty hash it never matches.
            RTE.asks((env: AccountsEnv) =>
              checkAnswer(policies.answerThrottle)(
                at,
                { questionId: 'decoy', answerHash: '' as KeyedHash, failedAnswers: ledger.failedAttempts, lockedUntil: ledger.lockedUntil },
                answerHash(env, key, answer)
              )
            ),
            RTE.chain((check) => {
              const next = { ...ledger, failedAttempts: check.challenge.failedAnswers, lockedUntil: check.challenge.lockedUntil }
              const verdict = check.verdict
              return pipe(
                fromPort((env) => (next.version === 0 ? env.codeLedgers.insert(next) : env.codeLedgers.update(next))),
                RTE.chain(() =>
                  fromEither<{ readonly sentTo: EmailAddress | null }>(
                    E.isLeft(verdict) ? E.left(verdict.left) : E.left(domainError('challenge.incorrect', { field: 'securityAnswer', rule: 'securityAnswer must match the answer given at registration' }))
                  )
                )
              )
            })
          )
        )
      )
    )
  )

