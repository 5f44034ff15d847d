/**
 * HARP's profile, account and identity proofing: creating the profile and
 * account in one call (`harpRegistration`), the person's own proofing, remote
 * or manual (`identityProofing`), and the reviewers' queue of manual
 * proofings (`proofingReview`).
 *
 * @since 0.4.0
 */
import * as registration from '../../proofing/registration/workflow'
import * as remote from '../../proofing/remote/workflow'
import * as manual from '../../proofing/manual/workflow'
import type { ProfileAndAccountForm } from '../../proofing/registration/workflow'
import type { ActingReviewer, ReviewDecisionForm } from '../../proofing/manual/workflow'
import type { PhotoIdUploadForm, StatementUploadForm } from '../../proofing/manual'
import type { ActingPerson, ProofingPolicies } from '../../proofing/policies'
import type { AccountPolicies } from '../../accounts/policies'
import { defineCapability } from '../capability'

/** What the proofing capabilities take from a preset. */
export interface ProofingSettings {
  readonly policies: AccountPolicies
  readonly proofingPolicies: ProofingPolicies
}

const proofingSettings = (preset: ProofingSettings): ProofingSettings => ({ policies: preset.policies, proofingPolicies: preset.proofingPolicies })

/** `portal.harpRegistration`: "Create HARP Profile and Account". */
export const harpRegistrationCapability = defineCapability({
  key: 'harpRegistration',
  feature: 'HARP profile and account registration',
  settings: proofingSettings,
  calls: (exec) => ({
    /** The profile (SSN optional) and the account (User ID, password, challenge question), every error at once; with an SSN, the first quiz. */
    createProfileAndAccount: (form: ProfileAndAccountForm) => exec(() => registration.createProfileAndAccount(form))
  })
})

/** `portal.identityProofing`: the signed-in person's own identity proofing, remote or manual. */
export const identityProofingCapability = defineCapability({
  key: 'identityProofing',
  feature: 'identity proofing',
  settings: proofingSettings,
  calls: (exec) => ({
    status: (acting: ActingPerson) => exec(() => remote.proofingStatusOf(acting)),
    /** The open quiz: questions and choices, never the answers. */
    quiz: (acting: ActingPerson) => exec(() => remote.viewQuiz(acting)),
    /** The answers: a choice id under each question id. */
    answer: (acting: ActingPerson, answers: unknown) => exec(() => remote.answerQuiz(acting, answers)),
    /** Another quiz after a failed one: the SSN entered again. */
    retryWithSsn: (acting: ActingPerson, form: { readonly ssn?: unknown }) => exec(() => remote.retryWithSsn(acting, form)),
    /** "Initiate Manual Proofing". */
    initiateManualProofing: (acting: ActingPerson) => exec(() => manual.initiateManualProofing(acting)),
    uploadPhotoId: (acting: ActingPerson, form: PhotoIdUploadForm) => exec(() => manual.uploadPhotoId(acting, form)),
    uploadStatement: (acting: ActingPerson, form: StatementUploadForm) => exec(() => manual.uploadStatement(acting, form)),
    submitDocuments: (acting: ActingPerson) => exec(() => manual.submitDocuments(acting))
  })
})

/** `portal.proofingReview`: HARP's reviewers of manual proofings (the back office authenticates them). */
export const proofingReviewCapability = defineCapability({
  key: 'proofingReview',
  feature: 'the review of manual identity proofings',
  settings: proofingSettings,
  calls: (exec) => ({
    /** Submissions awaiting a decision, oldest first. */
    queue: (reviewer: ActingReviewer, form: { readonly limit?: unknown } = {}) => exec(() => manual.reviewQueue(reviewer, form)),
    /** One document of a submission. */
    document: (reviewer: ActingReviewer, form: { readonly proofingId?: unknown; readonly sha256?: unknown }) => exec(() => manual.reviewDocument(reviewer, form)),
    /** Approve, or reject with a reason (and a note for `other`). */
    decide: (reviewer: ActingReviewer, form: ReviewDecisionForm) => exec(() => manual.decide(reviewer, form))
  })
})
