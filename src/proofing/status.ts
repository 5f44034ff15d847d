/**
 * Where a person's identity proofing stands, as they see it: proofed or not,
 * and the next thing to do (answer the quiz, ask for another with the SSN,
 * initiate manual proofing, send documents, wait for the reviewer).
 *
 * @since 0.4.0
 */
import { DateTime } from 'luxon'
import type { AccountId } from '../accounts/account'
import { quizzesLeft } from './knowledge-based'
import { documentsNeeded, ManualProofing, ManualProofingId, RejectionReason } from './manual'
import { IdentityRecord, manualProofingOpen, ProofingMethod, remoteNow } from './identity-record'
import type { ProofingPolicies } from './policies'

/** What the person may do next. */
export type NextProofingStep =
  | 'answer-quiz'
  | 'retry-with-ssn'
  | 'initiate-manual-proofing'
  | 'upload-documents'
  | 'submit-documents'
  | 'await-review'
  | 'none'

/** A manual proofing as its applicant sees it. */
export interface ManualProofingView {
  readonly id: ManualProofingId
  readonly state: ManualProofing['state']
  readonly photoId: { readonly idKind: string; readonly fileName: string } | null
  readonly statements: ReadonlyArray<{ readonly issuer: string; readonly fileName: string }>
  readonly needed: { readonly photoId: number; readonly statements: number }
  readonly submittedAt: string | null
  /** Why a reviewer rejected it, and their note. */
  readonly rejection: { readonly reason: RejectionReason; readonly note: string | null } | null
}

/** Where proofing stands. */
export interface ProofingStatus {
  readonly accountId: AccountId
  readonly path: IdentityRecord['path']
  readonly proofed: boolean
  readonly proofedAt: string | null
  readonly proofedBy: ProofingMethod | null
  /** Remote proofing's state now (null on the manual path), the quizzes still to be had, and when the open quiz expires. */
  readonly remote: {
    readonly state: 'awaiting-quiz' | 'answering-quiz' | 'proofed' | 'manual-proofing-offered'
    readonly quizzesLeft: number
    readonly quizExpiresAt: string | null
    readonly manualProofingReason: 'failed-quizzes' | 'no-credit-file' | null
  } | null
  readonly manualProofingOffered: boolean
  readonly manualProofing: ManualProofingView | null
  readonly next: NextProofingStep
}

/** A manual proofing as its applicant sees it. */
export const manualProofingView = (policies: ProofingPolicies, p: ManualProofing): ManualProofingView => ({
  id: p.id,
  state: p.state,
  photoId: p.photoId === null ? null : { idKind: p.photoId.idKind, fileName: p.photoId.file.fileName },
  statements: p.statements.map((s) => ({ issuer: s.issuer, fileName: s.file.fileName })),
  needed: p.state === 'collecting' ? documentsNeeded(policies.manual, p) : { photoId: 0, statements: 0 },
  submittedAt: p.state === 'collecting' ? null : p.submittedAt,
  rejection: p.state === 'rejected' ? { reason: p.reason, note: p.note } : null
})

/** Where a person's proofing stands at `now`. */
export const proofingStatus = (now: DateTime, policies: ProofingPolicies, record: IdentityRecord, manual: ManualProofing | null): ProofingStatus => {
  const remote = remoteNow(now, policies.kba, record)
  const offered = manualProofingOpen(now, policies.kba, policies.ssnRetryLimit, record)
  const next: NextProofingStep =
    record.proofedAt !== null
      ? 'none'
      : manual !== null && manual.state === 'collecting'
        ? documentsNeeded(policies.manual, manual).photoId + documentsNeeded(policies.manual, manual).statements > 0
          ? 'upload-documents'
          : 'submit-documents'
        : manual !== null && manual.state === 'submitted'
          ? 'await-review'
          : offered
            ? 'initiate-manual-proofing'
            : remote !== null && remote.state === 'answering-quiz'
              ? 'answer-quiz'
              : remote !== null && remote.state === 'awaiting-quiz'
                ? 'retry-with-ssn'
                : 'none'
  return {
    accountId: record.accountId,
    path: record.path,
    proofed: record.proofedAt !== null,
    proofedAt: record.proofedAt,
    proofedBy: record.proofedBy,
    remote:
      remote === null
        ? null
        : {
            state: remote.state,
            quizzesLeft: quizzesLeft(now, policies.kba, remote),
            quizExpiresAt: remote.state === 'answering-quiz' ? remote.quiz.expiresAt : null,
            manualProofingReason: remote.state === 'manual-proofing-offered' ? remote.reason : null
          },
    manualProofingOffered: offered,
    manualProofing: manual === null ? null : manualProofingView(policies, manual),
    next
  }
}
