/**
 * Remote identity proofing by knowledge-based verification (QPP "HARP Account
 * Setup Checklist", "Remote Proofing": "Answer personal questions as they are
 * displayed regarding credit activity … where your mortgage is serviced,
 * current or previous employer, number of bedrooms in your home, home
 * addresses from last five years").
 *
 * NIST SP 800-63A-4 no longer accepts knowledge-based verification for
 * identity verification (it SHALL NOT be used: the answers are in credit
 * files, breaches and public property records). HARP's credit-history
 * questions are the 800-63-3-era method; this module transcribes it for the
 * HARP preset only, and a standards preset must not offer it.
 *
 * A provider (a credit bureau, behind the `KnowledgeBasedVerification` port)
 * hands over a quiz with its answers; `sealQuiz` keeps the questions and
 * choices and, of the answers, only a keyed hash of each right choice's id
 * bound to the quiz and the question, so no answer is readable at rest.
 *
 *   awaiting quiz ─quiz issued─► answering quiz ─at least the pass mark right─► proofed
 *     │    ▲                          │ ─fewer right, or expired, attempts left─► awaiting quiz
 *     │    └──────────────────────────┘ ─fewer right, or expired, none left─► manual proofing offered
 *     └─no credit file matches─► manual proofing offered
 *
 * This library's HARP policy (`harpKba`): 5 questions of 4 or 5 choices each
 * (one of them "None of the above"), 4 right to pass, 2 quizzes at most, each
 * answerable for 10 minutes. Every quiz issued counts as an attempt, answered
 * or not: each one shows the person's facts among its choices, so fetching
 * quizzes must not be free. Guessing passes one quiz of 5-choice questions
 * with probability 5·0.2⁴·0.8 + 0.2⁵ ≈ 0.67% (≈ 1.3% over both); of
 * 4-choice questions ≈ 1.6% (≈ 3.1%).
 *
 * @since 0.4.0
 */
import * as E from '../kernel/either'
import * as NEA from 'fp-ts/lib/NonEmptyArray.js'
import { pipe } from 'fp-ts/lib/function.js'
import { DateTime, Duration } from 'luxon'
import { constantTimeEquals } from '../credentials/verification-code'
import { domainError, DomainError, ErrorOf, invalid } from '../kernel/errors'
import { readForm, readList, TEXT_LIMITS } from '../kernel/form'
import { requireLine, requireText, Validation, validateAll } from '../kernel/validation'
import type { KeyedHash, KeyedHasher } from '../ports/keyed-hasher'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A quiz's identifier (a random UUID, drawn by the caller): the answer hashes are bound to it. */
export type QuizId = string & { readonly QuizId: unique symbol }

/** A question's or a choice's identifier as the provider gives it: 1 to 64 letters, digits, `_` or `-`. */
export type QuizItemId = string & { readonly QuizItemId: unique symbol }

/** One choice of a question. */
export interface QuizChoice {
  readonly id: string
  readonly text: string
}

/** One question as the provider sets it, its right choice in clear (held in memory only, until sealed). */
export interface QuizQuestion {
  readonly id: string
  readonly text: string
  readonly choices: ReadonlyArray<QuizChoice>
  readonly rightChoiceId: string
}

/** A quiz as the provider hands it over, answers included: seal it at once (`sealQuiz`), never store it. */
export interface Quiz {
  readonly questions: ReadonlyArray<QuizQuestion>
}

/** A question as kept: what is shown, and the keyed hash of its right choice. */
export interface QuestionOnFile {
  readonly id: QuizItemId
  readonly text: string
  readonly choices: ReadonlyArray<{ readonly id: QuizItemId; readonly text: string }>
  /** `answerDigest` of the right choice: bound to the quiz and the question. */
  readonly answerHash: KeyedHash
}

/** A quiz as kept while it is answered: no answer readable. */
export interface QuizOnFile {
  readonly id: QuizId
  readonly issuedAt: string
  readonly expiresAt: string
  readonly questions: ReadonlyArray<QuestionOnFile>
}

/** A quiz as the person sees it: questions and choices, no answer hash. */
export interface QuizView {
  readonly id: QuizId
  readonly expiresAt: string
  readonly questions: ReadonlyArray<{ readonly id: QuizItemId; readonly text: string; readonly choices: ReadonlyArray<{ readonly id: QuizItemId; readonly text: string }> }>
}

/** How knowledge-based verification is graded. */
export interface KbaPolicy {
  /** Questions in every quiz. */
  readonly questions: number
  /** Right answers needed to pass: from 1 to `questions`. */
  readonly passMark: number
  /** Quizzes a person may be given in all; after the last fails, manual proofing is offered. */
  readonly maxAttempts: number
  /** From issue to the last moment answers are taken. */
  readonly quizLifetime: Duration
}

/** This library's HARP policy: 4 of 5 right, 2 quizzes, 10 minutes each (see the module's description for why). */
export const harpKba: KbaPolicy = {
  questions: 5,
  passMark: 4,
  maxAttempts: 2,
  quizLifetime: Duration.fromObject({ minutes: 10 })
}

/** Choices a question has: at least 4 and at most 5, "None of the above" among them. */
export const QUIZ_CHOICES = { minimum: 4, maximum: 5 } as const

/** The choice every question offers. */
export const NONE_OF_THE_ABOVE = 'None of the above'

/** The purpose answer hashes are made under. */
export const KBA_ANSWER_PURPOSE = 'kba-answer'

/** Waiting for a quiz (none given yet, or the last one failed with attempts left). */
export interface AwaitingQuiz {
  readonly state: 'awaiting-quiz'
  /** Quizzes given so far. */
  readonly attempts: number
}

/** A quiz given, waiting for its answers. */
export interface AnsweringQuiz {
  readonly state: 'answering-quiz'
  readonly attempts: number
  readonly quiz: QuizOnFile
}

/** Proofed remotely: a quiz passed. */
export interface RemotelyProofed {
  readonly state: 'proofed'
  readonly attempts: number
  readonly proofedAt: string
}

/** Remote proofing is over without success: the person may initiate manual proofing. */
export interface ManualProofingOffered {
  readonly state: 'manual-proofing-offered'
  readonly attempts: number
  readonly offeredAt: string
  /** Every quiz failed (or expired), or the provider found no credit file to ask about. */
  readonly reason: 'failed-quizzes' | 'no-credit-file'
}

/** A person's remote proofing in any state. */
export type RemoteProofing = AwaitingQuiz | AnsweringQuiz | RemotelyProofed | ManualProofingOffered

/** What grading a quiz does: proofed, another quiz allowed, or manual proofing offered. */
export type QuizOutcome =
  | { readonly outcome: 'passed'; readonly proofing: RemotelyProofed }
  | { readonly outcome: 'failed-retry'; readonly proofing: AwaitingQuiz; readonly attemptsLeft: number }
  | { readonly outcome: 'failed-manual-proofing-offered'; readonly proofing: ManualProofingOffered }

/** The answers as typed: the chosen choice's id under each question's id. */
export type QuizAnswersForm = Readonly<Record<string, unknown>>

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const iso = (d: DateTime): string => d.toISO() as string

const ITEM_ID = /^[A-Za-z0-9_-]{1,64}$/
const QUESTION_MAX = 300
const CHOICE_MAX = 200

/** A remote proofing not yet begun. */
export const startRemoteProofing = (): AwaitingQuiz => ({ state: 'awaiting-quiz', attempts: 0 })

/** The keyed hash of one answer: the choice's id bound to its quiz and question (the same choice in two quizzes never hashes alike). */
export const answerDigest = (hasher: KeyedHasher, quizId: QuizId, questionId: string, choiceId: string): KeyedHash =>
  hasher.digest(KBA_ANSWER_PURPOSE, `${quizId}:${questionId}:${choiceId}`)

const isNoneOfTheAbove = (text: string): boolean => text.replace(/\s+/g, ' ').toLowerCase() === NONE_OF_THE_ABOVE.toLowerCase()

const itemId = (input: unknown, field: string): E.Either<DomainError, QuizItemId> =>
  E.chain((s: string): E.Either<DomainError, QuizItemId> => (ITEM_ID.test(s) ? E.right(s as QuizItemId) : E.left(invalid(field, '1 to 64 letters, digits, _ or -'))))(
    requireText(input, field, TEXT_LIMITS.short)
  )

const malformed = (field: string, rule: string): ErrorOf<'kba.quiz-malformed'> => domainError('kba.quiz-malformed', { field, rule })

const nonEmpty = <A>(errors: ReadonlyArray<DomainError>, value: () => A): Validation<A> => {
  const [head, ...tail] = errors
  return head === undefined ? E.right(value()) : E.left([head, ...tail])
}

/** One question of the provider's quiz, checked: its errors, or the question as kept. */
const sealQuestion = (hasher: KeyedHasher, quizId: QuizId, input: unknown, at: string): Validation<QuestionOnFile> =>
  pipe(
    readForm(input, ['id', 'text', 'choices', 'rightChoiceId'], at),
    E.chain((form) => {
      const errors: DomainError[] = []
      const take = <A>(r: E.Either<DomainError, A>): A | undefined => (E.isLeft(r) ? (errors.push(r.left), undefined) : r.right)
      const id = take(itemId(form.id, `${at}.id`))
      const text = take(requireLine(form.text, `${at}.text`, QUESTION_MAX))
      const right = take(itemId(form.rightChoiceId, `${at}.rightChoiceId`))
      const list = take(readList(form.choices, `${at}.choices`, QUIZ_CHOICES.maximum, 'choices'))
      const choices: Array<{ readonly id: QuizItemId; readonly text: string }> = []
      if (list === null) errors.push(invalid(`${at}.choices`, 'a list of choices'))
      else if (list !== undefined) {
        if (list.length < QUIZ_CHOICES.minimum) errors.push(malformed(`${at}.choices`, `${at} must offer ${QUIZ_CHOICES.minimum} or ${QUIZ_CHOICES.maximum} choices`))
        list.forEach((c, i) => {
          const r = pipe(
            readForm(c, ['id', 'text'], `${at}.choices[${i}]`),
            E.chain((choice) =>
              validateAll({ id: itemId(choice.id, `${at}.choices[${i}].id`), text: requireLine(choice.text, `${at}.choices[${i}].text`, CHOICE_MAX) })
            )
          )
          if (E.isLeft(r)) errors.push(...r.left)
          else choices.push(r.right)
        })
        const ids = choices.map((c) => c.id)
        const texts = choices.map((c) => c.text.toLowerCase())
        if (new Set(ids).size !== ids.length) errors.push(malformed(`${at}.choices`, `${at}'s choices must have different ids`))
        if (new Set(texts).size !== texts.length) errors.push(malformed(`${at}.choices`, `${at}'s choices must read differently`))
        if (choices.length === list.length && choices.filter((c) => isNoneOfTheAbove(c.text)).length !== 1)
          errors.push(malformed(`${at}.choices`, `${at} must offer "${NONE_OF_THE_ABOVE}" once`))
        if (right !== undefined && choices.length === list.length && !ids.includes(right))
          errors.push(malformed(`${at}.rightChoiceId`, `${at}'s right choice must be one of its choices`))
      }
      return nonEmpty(errors, () => ({
        id: id as QuizItemId,
        text: text as string,
        choices,
        answerHash: answerDigest(hasher, quizId, id as QuizItemId, right as QuizItemId)
      }))
    })
  )

/**
 * Seals the provider's quiz (outside input: checked, never trusted) into the
 * quiz as kept: the policy's number of questions, each with different ids, 4
 * or 5 choices that read differently, "None of the above" once, its right
 * choice among them; of the answers only their keyed hashes. Every fault is
 * `kba.quiz-malformed`, naming the part (`quiz.questions[2].choices`).
 *
 * @example
 * import { proofing } from 'health-portal-domain'
 * import type { KeyedHash } from 'health-portal-domain/ports'
 * import { DateTime } from 'luxon'
 * declare const hasher: { digest: (purpose: string, secret: string) => KeyedHash }
 * declare const quiz: proofing.Quiz
 * const now = DateTime.fromISO('2026-11-22T09:00:00', { zone: 'America/New_York' })
 * const sealed = proofing.sealQuiz(now, proofing.harpKba, hasher, '3f0c1a9e-5b7d-4c2e-9a41-6d8b2f7e0c13' as proofing.QuizId)(quiz)
 * // right: questions and choices, each right choice only as a keyed hash
 */
export const sealQuiz =
  (now: DateTime, policy: KbaPolicy, hasher: KeyedHasher, quizId: QuizId) =>
  (input: unknown): Validation<QuizOnFile> =>
    pipe(
      readForm(input, ['questions'], 'quiz'),
      E.chain((form): Validation<QuizOnFile> => {
        const list = readList(form.questions, 'quiz.questions', policy.questions, 'questions')
        if (E.isLeft(list)) return E.left([list.left])
        if (list.right === null) return E.left([invalid('quiz.questions', 'a list of questions')])
        const errors: DomainError[] = []
        if (list.right.length !== policy.questions) errors.push(malformed('quiz.questions', `a quiz must have ${policy.questions} questions`))
        const questions: QuestionOnFile[] = []
        list.right.forEach((q, i) => {
          const r = sealQuestion(hasher, quizId, q, `quiz.questions[${i}]`)
          if (E.isLeft(r)) errors.push(...r.left)
          else questions.push(r.right)
        })
        if (new Set(questions.map((q) => q.id)).size !== questions.length) errors.push(malformed('quiz.questions', 'the questions must have different ids'))
        return nonEmpty(errors, () => ({ id: quizId, issuedAt: iso(now), expiresAt: iso(now.plus({ milliseconds: policy.quizLifetime.toMillis() })), questions }))
      }),
      E.mapLeft(NEA.map((e): DomainError => (e.code === 'kba.quiz-malformed' ? e : malformed(e.field ?? 'quiz', e.rule))))
    )

// -------------------------------------------------------------------------------------
// transitions
// -------------------------------------------------------------------------------------

const wrongState = (expected: RemoteProofing['state'], actual: RemoteProofing): ErrorOf<'flow.wrong-state'> =>
  domainError('flow.wrong-state', {
    rule: `remote proofing must be ${expected.replace(/-/g, ' ')} for this step`,
    expected: `remote-proofing:${expected}`,
    actual: `remote-proofing:${actual.state}`
  })

/** After a quiz failed or expired: another quiz while attempts are left, else manual proofing. */
const afterFailure = (policy: KbaPolicy, attempts: number, at: string): AwaitingQuiz | ManualProofingOffered =>
  attempts < policy.maxAttempts ? { state: 'awaiting-quiz', attempts } : { state: 'manual-proofing-offered', attempts, offeredAt: at, reason: 'failed-quizzes' }

/**
 * Remote proofing as it stands at `now`: a quiz past its expiry (or whose
 * expiry cannot be read) has failed, whatever is stored.
 */
export const remoteProofingAt = (now: DateTime, policy: KbaPolicy, proofing: RemoteProofing): RemoteProofing => {
  if (proofing.state !== 'answering-quiz') return proofing
  const expiry = DateTime.fromISO(proofing.quiz.expiresAt, { zone: now.zone })
  if (expiry.isValid && now < expiry) return proofing
  return afterFailure(policy, proofing.attempts, expiry.isValid ? proofing.quiz.expiresAt : iso(now))
}

/** Gives a sealed quiz: only while awaiting one with attempts left; the attempt counts from now, answered or not. */
export const issueQuiz = (now: DateTime, policy: KbaPolicy, proofing: RemoteProofing, quiz: QuizOnFile): E.Either<DomainError, AnsweringQuiz> => {
  const current = remoteProofingAt(now, policy, proofing)
  if (current.state !== 'awaiting-quiz') return E.left(wrongState('awaiting-quiz', current))
  if (current.attempts >= policy.maxAttempts)
    return E.left(
      domainError('kba.attempts-exhausted', { rule: `at most ${policy.maxAttempts} quizzes are given; initiate manual proofing`, maximum: policy.maxAttempts })
    )
  return E.right({ state: 'answering-quiz', attempts: current.attempts + 1, quiz })
}

/** The provider found no credit file to ask about: manual proofing is offered at once. */
export const noCreditFile = (now: DateTime, policy: KbaPolicy, proofing: RemoteProofing): E.Either<DomainError, ManualProofingOffered> => {
  const current = remoteProofingAt(now, policy, proofing)
  return current.state === 'awaiting-quiz'
    ? E.right({ state: 'manual-proofing-offered', attempts: current.attempts, offeredAt: iso(now), reason: 'no-credit-file' })
    : E.left(wrongState('awaiting-quiz', current))
}

/** Reads the answers: one of its choices for every question, every error collected (`answers.<question id>`). */
const readAnswers = (quiz: QuizOnFile, input: unknown): Validation<ReadonlyArray<QuizItemId>> =>
  pipe(
    readForm(input, quiz.questions.map((q) => q.id), 'answers'),
    E.chain((form) => {
      const errors: DomainError[] = []
      const chosen: QuizItemId[] = []
      for (const q of quiz.questions) {
        const field = `answers.${q.id}`
        const r = pipe(
          requireText(form[q.id], field, TEXT_LIMITS.short),
          E.chain((s) => {
            const choice = q.choices.find((c) => c.id === s)
            return choice === undefined ? E.left<DomainError, QuizItemId>(invalid(field, 'one of the choices shown')) : E.right(choice.id)
          })
        )
        if (E.isLeft(r)) errors.push(r.left)
        else chosen.push(r.right)
      }
      return nonEmpty(errors, () => chosen)
    })
  )

/**
 * Grades the answers to the quiz being answered: every question must be
 * answered with one of its choices (else the form's errors, and the quiz
 * stays open); then at least the pass mark right proofs the person, fewer
 * allow another quiz while attempts are left, else manual proofing is
 * offered. Every answer is hashed and compared in constant time; the outcome
 * never says which answers were wrong. A quiz past its expiry is
 * `kba.quiz-expired` (the proofing then stands as `remoteProofingAt` says).
 *
 * @example
 * import { proofing } from 'health-portal-domain'
 * import type { KeyedHash } from 'health-portal-domain/ports'
 * import { DateTime } from 'luxon'
 * import * as E from 'fp-ts/lib/Either.js'
 * declare const hasher: { digest: (purpose: string, secret: string) => KeyedHash }
 * declare const answering: proofing.AnsweringQuiz
 * const now = DateTime.fromISO('2026-11-22T09:04:00', { zone: 'America/New_York' })
 * const r = proofing.submitAnswers(now, proofing.harpKba, hasher)(answering, { q1: 'c7', q2: 'c2' })
 * if (E.isRight(r) && r.right.outcome === 'failed-retry') console.log(`${r.right.attemptsLeft} quiz left`)
 */
export const submitAnswers =
  (now: DateTime, policy: KbaPolicy, hasher: KeyedHasher) =>
  (proofing: RemoteProofing, answers: unknown): Validation<QuizOutcome> => {
    const current = remoteProofingAt(now, policy, proofing)
    if (proofing.state === 'answering-quiz' && current.state !== 'answering-quiz')
      return E.left([domainError('kba.quiz-expired', { rule: 'the quiz must be answered before it expires', expiredAt: proofing.quiz.expiresAt })])
    if (current.state !== 'answering-quiz') return E.left([wrongState('answering-quiz', current)])
    const quiz = current.quiz
    return pipe(
      readAnswers(quiz, answers),
      E.map((chosen): QuizOutcome => {
        let right = 0
        quiz.questions.forEach((q, i) => {
          if (constantTimeEquals(answerDigest(hasher, quiz.id, q.id, chosen[i] as QuizItemId), q.answerHash)) right++
        })
        if (right >= policy.passMark) return { outcome: 'passed', proofing: { state: 'proofed', attempts: current.attempts, proofedAt: iso(now) } }
        const next = afterFailure(policy, current.attempts, iso(now))
        return next.state === 'awaiting-quiz'
          ? { outcome: 'failed-retry', proofing: next, attemptsLeft: policy.maxAttempts - next.attempts }
          : { outcome: 'failed-manual-proofing-offered', proofing: next }
      })
    )
  }

// -------------------------------------------------------------------------------------
// queries
// -------------------------------------------------------------------------------------

/** The quiz as the person sees it: no answer hash. */
export const quizView = (quiz: QuizOnFile): QuizView => ({
  id: quiz.id,
  expiresAt: quiz.expiresAt,
  questions: quiz.questions.map((q) => ({ id: q.id, text: q.text, choices: q.choices.map((c) => ({ id: c.id, text: c.text })) }))
})

/** Quizzes the person may still be given (0 once proofed or offered manual proofing). */
export const quizzesLeft = (now: DateTime, policy: KbaPolicy, proofing: RemoteProofing): number => {
  const current = remoteProofingAt(now, policy, proofing)
  return current.state === 'awaiting-quiz' ? Math.max(0, policy.maxAttempts - current.attempts) : 0
}

/** Has the person been proofed remotely? */
export const isRemotelyProofed = (proofing: RemoteProofing): proofing is RemotelyProofed => proofing.state === 'proofed'
