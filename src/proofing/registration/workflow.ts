/**
 * "Create HARP Profile and Account" (QPP "HARP Account Setup Checklist"), as
 * one workflow: the profile ("First Name, Last Name, Date of Birth, Email
 * Address, Phone Number, Home Address, Social Security Number*") and the
 * account ("User ID, Password, Challenge Question and Answer"), every error
 * of both at once. It creates the individual account (identity not yet
 * proofed) and its identity record. With an SSN the path is remote: the SSN
 * goes at once to the knowledge-based verification provider, the quiz it
 * sets is sealed (answers only as keyed hashes) and kept, and the SSN itself
 * only as its last four digits and a keyed hash. Without one the path is
 * manual ("Initiate Manual Proofing").
 *
 * @since 0.4.0
 */
import * as E from '../../kernel/either'
import * as O from 'fp-ts/lib/Option.js'
import * as RTE from 'fp-ts/lib/ReaderTaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { AccountId, newIndividualAccount } from '../../accounts/account'
import type { Errors } from '../../accounts/policies'
import { newChallenge, normaliseAnswer, parseAnswer, parseQuestion } from '../../credentials/challenge-question'
import { checkNewPassword } from '../../credentials/password-policy'
import { domainError } from '../../kernel/errors'
import { readForm, TEXT_LIMITS } from '../../kernel/form'
import { parseUsername, Username, usernameKey } from '../../kernel/username'
import { validateAll } from '../../kernel/validation'
import { QuizView, quizView } from '../knowledge-based'
import { HARP_PROFILE_FIELDS, HarpProfileForm, profileOnFile, proofingIdentity, validateHarpProfile } from '../profile'
import { newIdentityRecord } from '../identity-record'
import { clockNow, port, ProofingEnv, ProofingWorkflow, pure, saveRecord, validated } from '../policies'
import { afterDraw, drawQuiz, statusOfRecord } from '../remote/workflow'
import type { ProofingStatus } from '../status'

type W<A> = ProofingWorkflow<A>

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** The profile and account form as typed: the profile's fields, then the account's. */
export interface ProfileAndAccountForm extends HarpProfileForm {
  /** The User ID: unique whatever its letter case. */
  readonly userId?: unknown
  readonly newPassword?: unknown
  readonly confirmNewPassword?: unknown
  /** One of the preset's challenge questions, by id or text. */
  readonly challengeQuestion?: unknown
  readonly challengeAnswer?: unknown
}

/** What creating the profile and account gives back. */
export interface HarpRegistration {
  readonly accountId: AccountId
  readonly userId: Username
  /** Remote (a quiz on the credit file) or manual (documents). */
  readonly path: 'remote' | 'manual'
  /** The quiz to answer at once on the remote path; null on the manual path, or when no credit file matched. */
  readonly quiz: QuizView | null
  readonly status: ProofingStatus
}

const ACCOUNT_FIELDS = ['userId', 'newPassword', 'confirmNewPassword', 'challengeQuestion', 'challengeAnswer'] as const

/** The keyed hash of a challenge answer, bound to its account (as every preset's accounts keep it). */
export const challengeDigest = (env: ProofingEnv, accountId: AccountId, answer: string): ReturnType<ProofingEnv['keyedHasher']['digest']> =>
  env.keyedHasher.digest('challenge-answer', `${accountId}:${normaliseAnswer(answer)}`)

// -------------------------------------------------------------------------------------
// workflow
// -------------------------------------------------------------------------------------

/**
 * Creates the HARP profile and account in one call: every field of both is
 * checked and every error returned at once; the User ID must be free in any
 * letter case. Nothing is written unless all is well (and, on the remote
 * path, the provider's quiz could be read).
 */
export const createProfileAndAccount = (form: ProfileAndAccountForm): W<HarpRegistration> =>
  pipe(
    RTE.Do,
    RTE.bindW('env', () => RTE.ask<ProofingEnv, Errors>()),
    RTE.bindW('now', () => clockNow),
    RTE.bindW('raw', () => validated(readForm(form, [...HARP_PROFILE_FIELDS, ...ACCOUNT_FIELDS]))),
    RTE.bindW('fields', ({ env, now, raw }) =>
      validated(
        validateAll({
          profile: validateHarpProfile(now.toISODate() as string)({
            firstName: raw.firstName,
            lastName: raw.lastName,
            dateOfBirth: raw.dateOfBirth,
            email: raw.email,
            phone: raw.phone,
            homeAddress: raw.homeAddress,
            ssn: raw.ssn
          }),
          userId: parseUsername(raw.userId, 'userId'),
          password: checkNewPassword(env.policies.passwordPolicy)(
            raw.newPassword,
            raw.confirmNewPassword,
            typeof raw.userId === 'string' && raw.userId.length <= TEXT_LIMITS.short ? { username: raw.userId.trim() } : {},
            { password: 'newPassword', confirmation: 'confirmNewPassword' }
          ),
          question: parseQuestion(env.proofingPolicies.challengeQuestions)(raw.challengeQuestion, 'challengeQuestion'),
          answer: parseAnswer(raw.challengeAnswer, 'challengeAnswer')
        })
      )
    ),
    RTE.chainFirstW(({ fields }) =>
      pipe(
        port((env) => env.accounts.findByUsername(usernameKey(fields.userId))),
        RTE.chainW((found) =>
          pure(O.isSome(found) ? E.left(domainError('username.taken', { field: 'userId', rule: 'userId must not already belong to an account (in any letter case)' })) : E.right(undefined))
        )
      )
    ),
    // The SSN goes to the provider at once, before anything is written; only its sealed quiz is kept.
    RTE.bindW('quiz', ({ now, fields }) => {
      const identity = proofingIdentity(fields.profile)
      return O.isNone(identity) ? RTE.right<ProofingEnv, Errors, O.Option<never> | null>(null) : drawQuiz(now, identity.value)
    }),
    RTE.bindW('passwordHash', ({ fields }) => port((env) => env.passwordHasher.hash(fields.password))),
    RTE.bindW('account', ({ env, now, fields, passwordHash }) => {
      const id = env.random.uuid() as AccountId
      return RTE.right<ProofingEnv, Errors, ReturnType<typeof newIndividualAccount>>(
        newIndividualAccount({
          id,
          username: fields.userId,
          person: { firstName: fields.profile.firstName, lastName: fields.profile.lastName, email: fields.profile.email, dateOfBirth: fields.profile.dateOfBirth },
          passwordHash,
          challenge: newChallenge(fields.question.id, challengeDigest(env, id, fields.answer)),
          now
        })
      )
    }),
    RTE.bindW('record', ({ env, now, fields, account, quiz }) => {
      const fresh = newIdentityRecord(now, account.id, profileOnFile(env.keyedHasher)(fields.profile))
      if (fresh.remote === null || quiz === null) return RTE.right<ProofingEnv, Errors, typeof fresh>(fresh)
      return pipe(
        pure(afterDraw(now, env, fresh.remote, quiz)),
        RTE.map((remote) => ({ ...fresh, remote }))
      )
    }),
    RTE.bindW('stored', ({ account }) => port((env) => env.accounts.insert(account))),
    RTE.bindW('saved', ({ record }) => saveRecord(record)),
    RTE.bindW('status', ({ saved }) => statusOfRecord(saved)),
    RTE.map(({ stored, saved, status }) => ({
      accountId: stored.id,
      userId: stored.username,
      path: saved.path,
      quiz: saved.remote !== null && saved.remote.state === 'answering-quiz' ? quizView(saved.remote.quiz) : null,
      status
    }))
  )
