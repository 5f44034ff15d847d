/**
 * Remote proofing (QPP "HARP Account Setup Checklist", "Remote Proofing":
 * "Answer personal questions as they are displayed regarding credit
 * activity"), as workflows: the quiz as the person sees it, their answers,
 * and another quiz after a failed one (the SSN entered again, checked against
 * its keyed hash on file: it is never kept). Passing marks the account's
 * identity proofed; running out of quizzes, or having no credit file, offers
 * manual proofing. (NIST SP 800-63A-4 no longer accepts knowledge-based
 * verification; the HARP preset uses it because the guide does.)
 *
 * @since 0.4.0
 */
import * as E from '../../kernel/either'
import * as O from 'fp-ts/lib/Option.js'
import * as RTE from 'fp-ts/lib/ReaderTaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { DateTime } from 'luxon'
import { markIdentityProofed } from '../../accounts/account'
import type { Errors } from '../../accounts/policies'
import { domainError, DomainError } from '../../kernel/errors'
import { readForm } from '../../kernel/form'
import { parseSsn, Ssn, ssnMatches } from '../../kernel/us-identifiers'
import { ManualProofing } from '../manual'
import {
  issueQuiz,
  noCreditFile,
  QuizId,
  QuizOnFile,
  QuizOutcome,
  QuizView,
  quizView,
  RemoteProofing,
  sealQuiz,
  submitAnswers
} from '../knowledge-based'
import type { ProofingIdentity } from '../profile'
import { IdentityRecord, remoteNow } from '../identity-record'
import { ActingPerson, clockNow, ensureNotProofed, loadPerson, PersonContext, port, ProofingEnv, ProofingWorkflow, pure, saveRecord, validated } from '../policies'
import { proofingStatus, ProofingStatus } from '../status'

type W<A> = ProofingWorkflow<A>

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** What answering a quiz gives back: passed, another quiz allowed (with the SSN again), or manual proofing offered; and where proofing stands. */
export interface QuizResult {
  readonly outcome: QuizOutcome['outcome']
  /** Quizzes still to be had (0 unless the outcome is `failed-retry`). */
  readonly quizzesLeft: number
  readonly status: ProofingStatus
}

/** What asking for another quiz gives back: the quiz (none when no credit file matched: manual proofing is offered), and the status. */
export interface RetryResult {
  readonly quiz: QuizView | null
  readonly status: ProofingStatus
}

// -------------------------------------------------------------------------------------
// shared pieces
// -------------------------------------------------------------------------------------

/** Asks the provider for a quiz on the identity and seals it at once (answers only as keyed hashes); none when no credit file matches. */
export const drawQuiz = (now: DateTime, identity: ProofingIdentity): W<O.Option<QuizOnFile>> =>
  pipe(
    port((env) => env.knowledgeBasedVerification.quizFor(identity)),
    RTE.chainW((quiz) =>
      O.isNone(quiz)
        ? RTE.right<ProofingEnv, Errors, O.Option<QuizOnFile>>(O.none)
        : pipe(
            RTE.ask<ProofingEnv, Errors>(),
            RTE.chainW((env) => validated(sealQuiz(now, env.proofingPolicies.kba, env.keyedHasher, env.random.uuid() as QuizId)(quiz.value))),
            RTE.map(O.some)
          )
    )
  )

/** Remote proofing after a quiz was drawn (or none could be): the quiz given, or manual proofing offered. */
export const afterDraw = (now: DateTime, env: ProofingEnv, remote: RemoteProofing, quiz: O.Option<QuizOnFile>): E.Either<DomainError, RemoteProofing> =>
  O.isSome(quiz) ? issueQuiz(now, env.proofingPolicies.kba, remote, quiz.value) : noCreditFile(now, env.proofingPolicies.kba, remote)

/** The manual proofing a record points to, if any. */
export const currentManual = (record: IdentityRecord): W<ManualProofing | null> =>
  record.manualProofingId === null
    ? RTE.right(null)
    : pipe(
        port((env) => env.manualProofings.findById(record.manualProofingId as NonNullable<IdentityRecord['manualProofingId']>)),
        RTE.map(O.toNullable)
      )

/** Where a record's proofing stands now. */
export const statusOfRecord = (record: IdentityRecord): W<ProofingStatus> =>
  pipe(
    RTE.Do,
    RTE.bindW('now', () => clockNow),
    RTE.bindW('manual', () => currentManual(record)),
    RTE.bindW('env', () => RTE.ask<ProofingEnv, Errors>()),
    RTE.map(({ now, manual, env }) => proofingStatus(now, env.proofingPolicies, record, manual))
  )

const remoteNotAvailable = (): DomainError =>
  domainError('proofing.remote-not-available', { rule: 'remote proofing needs the Social Security Number, which this profile does not give; initiate manual proofing' })

/** The acting person, not yet proofed, on the remote path: their context and remote proofing as it stands now. */
const loadRemote = (acting: ActingPerson): W<PersonContext & { readonly now: DateTime; readonly stored: RemoteProofing; readonly current: RemoteProofing }> =>
  pipe(
    RTE.Do,
    RTE.bindW('ctx', () => loadPerson(acting)),
    RTE.chainFirstW(({ ctx }) => pure(ensureNotProofed(ctx.record))),
    RTE.bindW('now', () => clockNow),
    RTE.bindW('env', () => RTE.ask<ProofingEnv, Errors>()),
    RTE.chainW(({ ctx, now, env }) => {
      const stored = ctx.record.remote
      const current = remoteNow(now, env.proofingPolicies.kba, ctx.record)
      return stored === null || current === null ? pure(E.left(remoteNotAvailable())) : RTE.right({ ...ctx, now, stored, current })
    })
  )

const expired = (stored: RemoteProofing, current: RemoteProofing): boolean => stored.state === 'answering-quiz' && current.state !== 'answering-quiz'

const noQuiz = (stored: RemoteProofing, current: RemoteProofing): DomainError =>
  expired(stored, current) && stored.state === 'answering-quiz'
    ? domainError('kba.quiz-expired', { rule: 'the quiz must be answered before it expires', expiredAt: stored.quiz.expiresAt })
    : domainError('proofing.no-quiz', { rule: 'there is no quiz to answer just now', state: current.state })

// -------------------------------------------------------------------------------------
// workflows
// -------------------------------------------------------------------------------------

/** Where the acting person's proofing stands. */
export const proofingStatusOf = (acting: ActingPerson): W<ProofingStatus> =>
  pipe(
    loadPerson(acting),
    RTE.chainW((ctx) => statusOfRecord(ctx.record))
  )

/** The open quiz as the person sees it: questions and choices, never an answer. */
export const viewQuiz = (acting: ActingPerson): W<QuizView> =>
  pipe(
    loadRemote(acting),
    RTE.chainW(({ stored, current }) => pure(current.state === 'answering-quiz' ? E.right(quizView(current.quiz)) : E.left(noQuiz(stored, current))))
  )

/**
 * Grades the answers (one choice per question, every error collected): at
 * least the pass mark right proofs the identity (the account is marked
 * proofed); fewer allow another quiz while attempts are left, else manual
 * proofing is offered. The outcome never says which answers were wrong.
 */
export const answerQuiz = (acting: ActingPerson, answers: unknown): W<QuizResult> =>
  pipe(
    RTE.Do,
    RTE.bindW('ctx', () => loadRemote(acting)),
    RTE.chainFirstW(({ ctx }) => (ctx.current.state === 'answering-quiz' || expired(ctx.stored, ctx.current) ? RTE.right(undefined) : pure(E.left(noQuiz(ctx.stored, ctx.current))))),
    RTE.bindW('env', () => RTE.ask<ProofingEnv, Errors>()),
    RTE.bindW('graded', ({ ctx, env }) => validated(submitAnswers(ctx.now, env.proofingPolicies.kba, env.keyedHasher)(ctx.stored, answers))),
    RTE.bindW('record', ({ ctx, graded }) =>
      saveRecord({
        ...ctx.record,
        remote: graded.proofing,
        ...(graded.outcome === 'passed' ? { proofedAt: graded.proofing.proofedAt, proofedBy: 'remote' as const } : {})
      })
    ),
    RTE.chainFirstW(({ ctx, graded }) =>
      graded.outcome === 'passed' ? port((env) => env.accounts.update(markIdentityProofed(ctx.now, ctx.account))) : RTE.right(undefined)
    ),
    RTE.bindW('status', ({ record }) => statusOfRecord(record)),
    RTE.map(({ graded, status }) => ({ outcome: graded.outcome, quizzesLeft: graded.outcome === 'failed-retry' ? graded.attemptsLeft : 0, status }))
  )

/**
 * Another quiz after a failed (or expired) one: the SSN is entered again and
 * must be the one on file (compared by keyed hash; a wrong one is counted,
 * and at the policy's limit remote proofing ends and manual proofing is
 * offered); then a new quiz is drawn.
 */
export const retryWithSsn = (acting: ActingPerson, form: { readonly ssn?: unknown }): W<RetryResult> =>
  pipe(
    RTE.Do,
    RTE.bindW('ssn', () =>
      pipe(
        validated(readForm(form, ['ssn'])),
        RTE.chainW((f) => pure(parseSsn(f.ssn, 'ssn')))
      )
    ),
    RTE.bindW('ctx', () => loadRemote(acting)),
    RTE.bindW('env', () => RTE.ask<ProofingEnv, Errors>()),
    RTE.chainFirstW(({ ctx, env }) => {
      const limit = env.proofingPolicies.ssnRetryLimit
      if (ctx.record.ssnFailures >= limit)
        return pure(E.left(domainError('proofing.ssn-attempts-exhausted', { field: 'ssn', rule: `at most ${limit} wrong Social Security Numbers are allowed; initiate manual proofing`, maximum: limit })))
      if (ctx.current.state === 'manual-proofing-offered')
        return pure(E.left(domainError('kba.attempts-exhausted', { rule: `at most ${env.proofingPolicies.kba.maxAttempts} quizzes are given; initiate manual proofing`, maximum: env.proofingPolicies.kba.maxAttempts })))
      if (ctx.current.state !== 'awaiting-quiz')
        return pure(E.left(domainError('flow.wrong-state', { rule: 'a quiz is open: answer it first', expected: 'remote-proofing:awaiting-quiz', actual: `remote-proofing:${ctx.current.state}` })))
      return RTE.right(undefined)
    }),
    RTE.chainFirstW(({ ssn, ctx, env }) => {
      const onFile = ctx.record.profile.ssn
      if (onFile !== null && ssnMatches(env.keyedHasher, onFile, ssn)) return RTE.right(undefined)
      const failures = ctx.record.ssnFailures + 1
      const limit = env.proofingPolicies.ssnRetryLimit
      const refusal: DomainError =
        failures >= limit
          ? domainError('proofing.ssn-attempts-exhausted', { field: 'ssn', rule: `at most ${limit} wrong Social Security Numbers are allowed; initiate manual proofing`, maximum: limit })
          : domainError('proofing.ssn-mismatch', { field: 'ssn', rule: 'ssn must be the Social Security Number given with the profile', attemptsLeft: limit - failures })
      // The wrong SSN is counted (a domain refusal commits) before it is refused.
      return pipe(
        saveRecord({ ...ctx.record, ssnFailures: failures }),
        RTE.chainW(() => pure<never>(E.left(refusal)))
      )
    }),
    RTE.bindW('quiz', ({ ssn, ctx }) => drawQuiz(ctx.now, identityOf(ctx.record, ssn))),
    RTE.bindW('remote', ({ ctx, env, quiz }) => pure(afterDraw(ctx.now, env, ctx.current, quiz))),
    RTE.bindW('record', ({ ctx, remote }) => saveRecord({ ...ctx.record, remote, ssnFailures: 0 })),
    RTE.bindW('status', ({ record }) => statusOfRecord(record)),
    RTE.map(({ remote, status }) => ({ quiz: remote.state === 'answering-quiz' ? quizView(remote.quiz) : null, status }))
  )

/** Whom to ask the provider about: the profile on file with the SSN just entered. */
const identityOf = (record: IdentityRecord, ssn: Ssn): ProofingIdentity => ({
  firstName: record.profile.firstName,
  lastName: record.profile.lastName,
  dateOfBirth: record.profile.dateOfBirth,
  homeAddress: record.profile.homeAddress,
  ssn
})
