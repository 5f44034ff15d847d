/**
 * What a preset decides for identity proofing (HARP), and the environment of
 * the proofing workflows.
 *
 * @since 0.4.0
 */
import * as E from '../kernel/either'
import * as O from 'fp-ts/lib/Option.js'
import * as RTE from 'fp-ts/lib/ReaderTaskEither.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { DateTime } from 'luxon'
import type { AnswerThrottlePolicy, ChallengeQuestion } from '../credentials/challenge-question'
import type { AccountsEnv, Errors } from '../accounts/policies'
import { Account, AccountId } from '../accounts/account'
import { fromEither, fromPort, fromValidation } from '../accounts/workflow-kit'
import { domainError, DomainError } from '../kernel/errors'
import { boundText, readForm, TEXT_LIMITS } from '../kernel/form'
import type { KbaPolicy } from './knowledge-based'
import type { ManualProofingPolicy } from './manual'
import type { IdentityRecord } from './identity-record'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** What a preset that proofs identities decides. */
export interface ProofingPolicies {
  /** Remote (knowledge-based) proofing: questions, pass mark, attempts, quiz lifetime. */
  readonly kba: KbaPolicy
  /** Manual proofing: the approved photo IDs, the statements, the uploads. */
  readonly manual: ManualProofingPolicy
  /** The challenge questions an account picks from. */
  readonly challengeQuestions: ReadonlyArray<ChallengeQuestion>
  /** Wrong answers to the challenge question before it locks (used at sign-in recovery). */
  readonly answerThrottle: AnswerThrottlePolicy
  /** Wrong SSNs in a row, when asking for another quiz, before remote proofing ends (manual proofing is then offered). */
  readonly ssnRetryLimit: number
  /** At most this many submissions in one page of the reviewers' queue. */
  readonly reviewQueueLimit: number
}

/** The environment of the proofing workflows: the account workflows' and the proofing policies. */
export type ProofingEnv = AccountsEnv & { readonly proofingPolicies: ProofingPolicies }

/** A proofing workflow. */
export type ProofingWorkflow<A> = RTE.ReaderTaskEither<ProofingEnv, Errors, A>

/** Who is acting: the signed-in person's account. */
export interface ActingPerson {
  readonly accountId: unknown
}

/** The signed-in person: their individual account and identity record. */
export interface PersonContext {
  readonly account: Account
  readonly record: IdentityRecord
}

// -------------------------------------------------------------------------------------
// shared pieces
// -------------------------------------------------------------------------------------

type W<A> = ProofingWorkflow<A>

/** The clock's reading. */
export const clockNow: W<DateTime> = RTE.asks((env: ProofingEnv) => env.clock.now())

/** Lifts a port's task into a proofing workflow. */
export const port = <A>(f: (env: ProofingEnv) => TE.TaskEither<DomainError, A>): W<A> => fromPort<A, ProofingEnv>(f)

/** Lifts a pure single-error result. */
export const pure = <A>(e: E.Either<DomainError, A>): W<A> => fromEither<A, ProofingEnv>(e)

/** Lifts a pure validation. */
export const validated = <A>(v: E.Either<Errors, A>): W<A> => fromValidation<A, ProofingEnv>(v)

const signInFirst = (): DomainError => domainError('account.not-found', { field: 'accountId', rule: 'the person must be signed in to an account of their own' })

/** Loads the acting person's individual account and identity record (`account.not-found`, `proofing.not-started`). */
export const loadPerson = (acting: ActingPerson): W<PersonContext> =>
  pipe(
    validated(readForm(acting, ['accountId'], 'acting')),
    RTE.chainW(({ accountId }) => pure(boundText(accountId, 'accountId', TEXT_LIMITS.short))),
    RTE.chainW((accountId) =>
      typeof accountId === 'string' && accountId !== '' ? port((env) => env.accounts.findById(accountId as AccountId)) : RTE.right<ProofingEnv, Errors, O.Option<Account>>(O.none)
    ),
    RTE.chainW((found) => pure(O.isSome(found) && found.value.relationship.kind === 'individual' ? E.right(found.value) : E.left(signInFirst()))),
    RTE.bindTo('account'),
    RTE.bindW('found', ({ account }) => port((env) => env.identityRecords.findByAccount(account.id))),
    RTE.chainW(({ account, found }) =>
      pure(
        O.isSome(found)
          ? E.right({ account, record: found.value })
          : E.left(domainError('proofing.not-started', { rule: 'this account has no HARP profile on file; create the profile and account first' }))
      )
    )
  )

/** Stores an identity record: inserted the first time, updated (version-checked) after. */
export const saveRecord = (record: IdentityRecord): W<IdentityRecord> =>
  port((env) => (record.version === 0 ? env.identityRecords.insert(record) : env.identityRecords.update(record)))

/** Refuses a step once the identity is proofed. */
export const ensureNotProofed = (record: IdentityRecord): E.Either<DomainError, IdentityRecord> =>
  record.proofedAt === null ? E.right(record) : E.left(domainError('proofing.already-proofed', { rule: 'this identity is proofed already', proofedAt: record.proofedAt }))
