/**
 * Challenge (security) questions: the plan's list, the person's answer
 * normalised for case and spacing, and the throttle on wrong answers. Answers
 * are kept only as keyed hashes. (NIST SP 800-63B-4 and OWASP ASVS 6.4.2
 * advise against them; plans that use them get this preset.)
 *
 * @since 0.1.0
 */
import * as E from '../kernel/either'
import { pipe } from 'fp-ts/lib/function.js'
import { DateTime, Duration } from 'luxon'
import { domainError, DomainError } from '../kernel/errors'
import { requireText } from '../kernel/validation'
import { TEXT_LIMITS } from '../kernel/form'
import { KeyedHash } from '../ports/keyed-hasher'
import { constantTimeEquals } from './verification-code'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** One question of a plan's list. */
export interface ChallengeQuestion {
  readonly id: string
  readonly text: string
}

/** An answer after normalisation: what is hashed and compared. */
export type NormalisedAnswer = string & { readonly NormalisedAnswer: unique symbol }

/** What an account keeps of its challenge: the question, the answer's keyed hash, and wrong tries. */
export interface ChallengeState {
  readonly questionId: string
  readonly answerHash: KeyedHash
  readonly failedAnswers: number
  readonly lockedUntil: string | null
}

/** How many wrong answers in a row are allowed, and how long the lock after them lasts. */
export interface AnswerThrottlePolicy {
  readonly maxFailedAnswers: number
  readonly lock: Duration
}

/** Bounds on an answer, counted after normalisation. */
export const ANSWER_RULE = { minimum: 2, maximum: 100 } as const

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * Normalises an answer so that case, accents-by-composition and spacing do not
 * matter: NFKC, trimmed, inner white space collapsed to one space, case-folded.
 *
 * @example
 * import { normaliseAnswer } from 'health-portal-domain/credentials'
 * normaliseAnswer('  Fluffy   McFluff ') === normaliseAnswer('fluffy mcfluff') // true
 */
export const normaliseAnswer = (answer: string): NormalisedAnswer =>
  // lower → upper → lower folds 'ẞ', 'ß' and 'SS' alike; NFKC again recomposes what case mapping split (Greek).
  answer.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLowerCase().toUpperCase().toLowerCase().normalize('NFKC') as NormalisedAnswer

/** Parses an answer: required, and 2 to 100 characters once normalised. */
export const parseAnswer = (input: unknown, field = 'securityAnswer'): E.Either<DomainError, NormalisedAnswer> =>
  pipe(
    requireText(input, field, TEXT_LIMITS.password),
    E.map(normaliseAnswer),
    E.chain((a) => {
      const n = Array.from(a).length
      return n < ANSWER_RULE.minimum || n > ANSWER_RULE.maximum
        ? E.left(
            domainError('field.invalid', {
              field,
              rule: `${field} must be ${ANSWER_RULE.minimum} to ${ANSWER_RULE.maximum} characters`,
              expected: `${ANSWER_RULE.minimum} to ${ANSWER_RULE.maximum} characters`
            })
          )
        : E.right(a)
    })
  )

/** Picks a question from the plan's list, by id or by its exact text. */
export const parseQuestion =
  (questions: ReadonlyArray<ChallengeQuestion>) =>
  (input: unknown, field = 'securityQuestion'): E.Either<DomainError, ChallengeQuestion> =>
    pipe(
      requireText(input, field),
      E.chain((s) => {
        const q = questions.find((x) => x.id === s || x.text === s)
        return q !== undefined
          ? E.right(q)
          : E.left(domainError('field.invalid', { field, rule: `${field} must be one of the plan's questions`, expected: "one of the plan's questions" }))
      })
    )

/** A new challenge: no wrong answers yet. */
export const newChallenge = (questionId: string, answerHash: KeyedHash): ChallengeState => ({
  questionId,
  answerHash,
  failedAnswers: 0,
  lockedUntil: null
})

// -------------------------------------------------------------------------------------
// transitions
// -------------------------------------------------------------------------------------

/** The outcome of answering: the state to keep either way, and the verdict. */
export interface AnswerCheck {
  readonly challenge: ChallengeState
  readonly verdict: E.Either<DomainError, 'answered'>
}

/**
 * Checks an answer's keyed hash: refused while locked; a right answer clears
 * the count; the last allowed wrong answer locks the challenge for a while.
 */
export const checkAnswer =
  (policy: AnswerThrottlePolicy) =>
  (now: DateTime, challenge: ChallengeState, candidate: KeyedHash, field = 'securityAnswer'): AnswerCheck => {
    if (challenge.lockedUntil !== null && now < DateTime.fromISO(challenge.lockedUntil, { zone: now.zone }))
      return { challenge, verdict: E.left(throttled(field, challenge.lockedUntil)) }
    const expired = challenge.lockedUntil !== null
    const base: ChallengeState = expired ? { ...challenge, failedAnswers: 0, lockedUntil: null } : challenge
    if (constantTimeEquals(base.answerHash, candidate))
      return { challenge: { ...base, failedAnswers: 0, lockedUntil: null }, verdict: E.right('answered') }
    const failedAnswers = base.failedAnswers + 1
    if (failedAnswers >= policy.maxFailedAnswers) {
      const until = now.plus(policy.lock).toISO() as string
      return { challenge: { ...base, failedAnswers, lockedUntil: until }, verdict: E.left(throttled(field, until)) }
    }
    return {
      challenge: { ...base, failedAnswers },
      verdict: E.left(
        domainError('challenge.incorrect', { field, rule: `${field} must match the answer given at registration` })
      )
    }
  }

const throttled = (field: string, retryAfter: string): DomainError =>
  domainError('challenge.throttled', { field, rule: 'too many wrong answers; wait before trying again', retryAfter })
