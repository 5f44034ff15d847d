import * as TE from 'fp-ts/lib/TaskEither.js'
import * as O from 'fp-ts/lib/Option.js'
import type { DomainError } from '../kernel/errors'
import type { ProofingIdentity } from '../proofing/profile'
import type { Quiz } from '../proofing/knowledge-based'
import type { AccountId } from '../accounts/account'
import type { IdentityRecord } from '../proofing/identity-record'
import type { ManualProofing, ManualProofingId } from '../proofing/manual'
// `MAX_REVIEW_QUEUE` (src/proofing/manual.ts) caps `submittedQueue`: the ports namespace holds types only.

/**
 * A knowledge-based verification provider (a credit bureau): quizzes on a
 * person's credit file. (NIST SP 800-63A-4 no longer accepts knowledge-based
 * verification for identity verification; HARP's preset uses it.)
 */
export interface KnowledgeBasedVerification {
  /**
   * A quiz on the credit file that matches the identity, its answers
   * included (seal it at once with `sealQuiz`); none when no file matches.
   */
  readonly quizFor: (identity: ProofingIdentity) => TE.TaskEither<DomainError, O.Option<Quiz>>
}

/** Identity records (HARP), one per individual account, by its id (`storage.conflict` on a second). */
export interface IdentityRecordRepository {
  readonly findByAccount: (accountId: AccountId) => TE.TaskEither<DomainError, O.Option<IdentityRecord>>
  readonly insert: (record: IdentityRecord) => TE.TaskEither<DomainError, IdentityRecord>
  readonly update: (record: IdentityRecord) => TE.TaskEither<DomainError, IdentityRecord>
}

/** Manual proofings, by id and by applicant's account; the reviewers' queue of submitted ones. */
export interface ManualProofingRepository {
  readonly findById: (id: ManualProofingId) => TE.TaskEither<DomainError, O.Option<ManualProofing>>
  /** An account's manual proofings, newest first. */
  readonly findByAccount: (accountId: AccountId) => TE.TaskEither<DomainError, ReadonlyArray<ManualProofing>>
  /** Submitted proofings awaiting a decision, oldest submission first, at most `limit` (capped at `MAX_REVIEW_QUEUE`; below 1 none). */
  readonly submittedQueue: (limit: number) => TE.TaskEither<DomainError, ReadonlyArray<ManualProofing>>
  readonly insert: (proofing: ManualProofing) => TE.TaskEither<DomainError, ManualProofing>
  readonly update: (proofing: ManualProofing) => TE.TaskEither<DomainError, ManualProofing>
}
