/**
 * Manual proofing ("Initiate Manual Proofing": "one of three approved forms
 * of Government Photo IDs AND two copies of financial institution official
 * bills or statements addressed to the address used for registration"), as
 * workflows: the person initiates it (at once without an SSN; with one, once
 * remote proofing is over without success), uploads the photo ID and the
 * statements (each checked by media type, size and content, and kept
 * content-addressed in the attachment store), and submits; a reviewer takes
 * submissions from the queue, oldest first, and approves or rejects with a
 * reason. Only approval marks the identity proofed. A rejected submission
 * stays rejected, with its reason shown; the person initiates a new one and
 * uploads again.
 *
 * @since 0.4.0
 */
import * as E from '../../kernel/either'
import * as O from 'fp-ts/lib/Option.js'
import * as RTE from 'fp-ts/lib/ReaderTaskEither.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { AccountId, markIdentityProofed } from '../../accounts/account'
import type { Errors } from '../../accounts/policies'
import { domainError, DomainError, invalid } from '../../kernel/errors'
import { readForm, TEXT_LIMITS } from '../../kernel/form'
import type { PostalAddress } from '../../kernel/postal-address'
import type { ValidUpload } from '../../kernel/upload'
import { requireText } from '../../kernel/validation'
import type { StoredAttachment } from '../../prior-authorization/ports'
import {
  attachPhotoId,
  attachStatement,
  Collecting,
  decideManualProofing,
  DocumentRef,
  ManualProofing,
  ManualProofingId,
  PhotoIdUploadForm,
  RejectionReason,
  ReviewerId,
  startManualProofing,
  StatementUploadForm,
  submitManualProofing,
  validatePhotoIdUpload,
  validateReviewDecision,
  validateStatementUpload
} from '../manual'
import { manualProofingOpen, remoteNow } from '../identity-record'
import { ActingPerson, clockNow, ensureNotProofed, loadPerson, PersonContext, port, ProofingEnv, ProofingWorkflow, pure, saveRecord, validated } from '../policies'
import { manualProofingView, ManualProofingView, ProofingStatus } from '../status'
import { currentManual, statusOfRecord } from '../remote/workflow'

type W<A> = ProofingWorkflow<A>

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** The staff member reviewing: their id as the back office gives it (it authenticates them). */
export interface ActingReviewer {
  readonly reviewerId: unknown
}

/** A submission as the reviewer sees it: who applies (the registration address the statements must show) and the documents. */
export interface SubmissionForReview {
  readonly id: ManualProofingId
  readonly submittedAt: string
  readonly applicant: { readonly firstName: string; readonly lastName: string; readonly dateOfBirth: string; readonly homeAddress: PostalAddress }
  readonly photoId: { readonly idKind: string; readonly file: DocumentRef } | null
  readonly statements: ReadonlyArray<{ readonly issuer: string; readonly file: DocumentRef }>
}

/** A reviewer's decision as recorded. */
export interface ReviewOutcome {
  readonly proofingId: ManualProofingId
  readonly state: 'approved' | 'rejected'
  readonly reason: RejectionReason | null
  readonly note: string | null
}

/** The decision form: the proofing, then approve (with both confirmations) or reject (with a reason, and a note for `other`). */
export interface ReviewDecisionForm {
  readonly proofingId?: unknown
  readonly decision?: unknown
  readonly photoIdMatchesApplicant?: unknown
  readonly statementsAddressedToRegistrationAddress?: unknown
  readonly reason?: unknown
  readonly note?: unknown
}

/** What the person sees after a manual proofing step: the proofing and where proofing stands. */
export interface ManualProofingStep {
  readonly manualProofing: ManualProofingView
  readonly status: ProofingStatus
}

// -------------------------------------------------------------------------------------
// shared pieces
// -------------------------------------------------------------------------------------

const REVIEWER_ID = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/
const SHA256 = /^[0-9a-f]{64}$/

const parseReviewer = (acting: ActingReviewer): W<ReviewerId> =>
  pipe(
    validated(readForm(acting, ['reviewerId'], 'reviewer')),
    RTE.chainW((f) => pure(requireText(f.reviewerId, 'reviewerId', TEXT_LIMITS.short))),
    RTE.chainW((s) => pure(REVIEWER_ID.test(s) ? E.right(s as ReviewerId) : E.left(invalid('reviewerId', '1 to 64 letters, digits and . _ - @'))))
  )

const notFound = (): DomainError => domainError('manual-proofing.not-found', { field: 'proofingId', rule: 'proofingId must name a manual proofing on file' })

const loadById = (input: unknown): W<ManualProofing> =>
  pipe(
    pure(requireText(input, 'proofingId', TEXT_LIMITS.short)),
    RTE.chainW((id) => port((env) => env.manualProofings.findById(id as ManualProofingId))),
    RTE.chainW((found) => pure(O.isSome(found) ? E.right(found.value) : E.left(notFound())))
  )

const saveManual = <P extends ManualProofing>(p: P): W<P> =>
  port((env) => (p.version === 0 ? env.manualProofings.insert(p) : env.manualProofings.update(p)) as TE.TaskEither<DomainError, P>)

/** The acting person's manual proofing that is gathering documents. */
const loadCollecting = (acting: ActingPerson): W<PersonContext & { readonly proofing: Collecting }> =>
  pipe(
    RTE.Do,
    RTE.bindW('ctx', () => loadPerson(acting)),
    RTE.chainFirstW(({ ctx }) => pure(ensureNotProofed(ctx.record))),
    RTE.bindW('proofing', ({ ctx }) => currentManual(ctx.record)),
    RTE.chainW(({ ctx, proofing }) =>
      proofing !== null && proofing.state === 'collecting'
        ? RTE.right({ ...ctx, proofing })
        : pure(
            E.left(
              proofing === null || proofing.state === 'rejected'
                ? domainError('manual-proofing.not-found', { rule: 'initiate manual proofing first' })
                : domainError('flow.wrong-state', { rule: 'the documents are sent already', expected: 'manual-proofing:collecting', actual: `manual-proofing:${proofing.state}` })
            )
          )
    )
  )

const stepResult = (ctx: PersonContext, proofing: ManualProofing): W<ManualProofingStep> =>
  pipe(
    RTE.Do,
    RTE.bindW('status', () => statusOfRecord(ctx.record)),
    RTE.bindW('env', () => RTE.ask<ProofingEnv, Errors>()),
    RTE.map(({ status, env }) => ({ manualProofing: manualProofingView(env.proofingPolicies, proofing), status }))
  )

/** Stores an upload's bytes (content-addressed) and describes the stored file. */
const store = (upload: ValidUpload): W<DocumentRef> =>
  pipe(
    port((env) => env.attachments.put(upload.content, upload.mediaType)),
    RTE.map((stored) => ({ fileName: upload.fileName, mediaType: upload.mediaType, size: stored.size, sha256: stored.sha256 }))
  )

// -------------------------------------------------------------------------------------
// the person
// -------------------------------------------------------------------------------------

/**
 * "Initiate Manual Proofing": without an SSN at once; with one, once remote
 * proofing is over without success. A proofing already gathering documents
 * or awaiting review is answered as it stands; after a rejection a new one
 * starts.
 */
export const initiateManualProofing = (acting: ActingPerson): W<ManualProofingStep> =>
  pipe(
    RTE.Do,
    RTE.bindW('ctx', () => loadPerson(acting)),
    RTE.chainFirstW(({ ctx }) => pure(ensureNotProofed(ctx.record))),
    RTE.bindW('now', () => clockNow),
    RTE.bindW('env', () => RTE.ask<ProofingEnv, Errors>()),
    RTE.bindW('current', ({ ctx }) => currentManual(ctx.record)),
    RTE.chainW(({ ctx, now, env, current }) => {
      if (current !== null && (current.state === 'collecting' || current.state === 'submitted')) return stepResult(ctx, current)
      const policies = env.proofingPolicies
      if (!manualProofingOpen(now, policies.kba, policies.ssnRetryLimit, ctx.record))
        return pure<ManualProofingStep>(
          E.left(
            domainError('proofing.manual-not-offered', {
              rule: 'manual proofing is offered once remote proofing is over without success; answer the questions first',
              state: remoteNow(now, policies.kba, ctx.record)?.state ?? 'none'
            })
          )
        )
      const { profile } = ctx.record
      const started = startManualProofing(now, env.random.uuid() as ManualProofingId, {
        accountId: ctx.account.id,
        firstName: profile.firstName,
        lastName: profile.lastName,
        dateOfBirth: profile.dateOfBirth,
        homeAddress: profile.homeAddress
      })
      return pipe(
        saveManual(started),
        RTE.bindTo('proofing'),
        RTE.bindW('record', ({ proofing }) => saveRecord({ ...ctx.record, manualProofingId: proofing.id })),
        RTE.chainW(({ proofing, record }) => stepResult({ ...ctx, record }, proofing))
      )
    })
  )

/** Uploads the government photo ID (of an approved kind), replacing one uploaded before. */
export const uploadPhotoId = (acting: ActingPerson, form: PhotoIdUploadForm): W<ManualProofingStep> =>
  pipe(
    RTE.Do,
    RTE.bindW('ctx', () => loadCollecting(acting)),
    RTE.bindW('env', () => RTE.ask<ProofingEnv, Errors>()),
    RTE.bindW('upload', ({ env }) => validated(validatePhotoIdUpload(env.proofingPolicies.manual)(form))),
    RTE.bindW('file', ({ upload }) => store(upload.upload)),
    RTE.bindW('attached', ({ ctx, env, upload, file }) => pure(attachPhotoId(env.proofingPolicies.manual)(ctx.proofing, { idKind: upload.idKind, file }))),
    RTE.bindW('saved', ({ attached }) => saveManual(attached)),
    RTE.chainW(({ ctx, saved }) => stepResult(ctx, saved))
  )

/** Uploads a bill or statement from a financial institution (its name given), addressed to the registration address. */
export const uploadStatement = (acting: ActingPerson, form: StatementUploadForm): W<ManualProofingStep> =>
  pipe(
    RTE.Do,
    RTE.bindW('ctx', () => loadCollecting(acting)),
    RTE.bindW('env', () => RTE.ask<ProofingEnv, Errors>()),
    RTE.bindW('upload', ({ env }) => validated(validateStatementUpload(env.proofingPolicies.manual)(form))),
    RTE.bindW('file', ({ upload }) => store(upload.upload)),
    RTE.bindW('attached', ({ ctx, env, upload, file }) => pure(attachStatement(env.proofingPolicies.manual)(ctx.proofing, { issuer: upload.issuer, file }))),
    RTE.bindW('saved', ({ attached }) => saveManual(attached)),
    RTE.chainW(({ ctx, saved }) => stepResult(ctx, saved))
  )

/** Sends the documents for review: the photo ID and every statement must be there. */
export const submitDocuments = (acting: ActingPerson): W<ManualProofingStep> =>
  pipe(
    RTE.Do,
    RTE.bindW('ctx', () => loadCollecting(acting)),
    RTE.bindW('now', () => clockNow),
    RTE.bindW('env', () => RTE.ask<ProofingEnv, Errors>()),
    RTE.bindW('submitted', ({ ctx, now, env }) => pure(submitManualProofing(now, env.proofingPolicies.manual)(ctx.proofing))),
    RTE.bindW('saved', ({ submitted }) => saveManual(submitted)),
    RTE.chainW(({ ctx, saved }) => stepResult(ctx, saved))
  )

// -------------------------------------------------------------------------------------
// the reviewer
// -------------------------------------------------------------------------------------

const forReview = (p: ManualProofing): SubmissionForReview => ({
  id: p.id,
  submittedAt: p.state === 'collecting' ? '' : p.submittedAt,
  applicant: { firstName: p.applicant.firstName, lastName: p.applicant.lastName, dateOfBirth: p.applicant.dateOfBirth, homeAddress: p.applicant.homeAddress },
  photoId: p.photoId === null ? null : { idKind: p.photoId.idKind, file: p.photoId.file },
  statements: p.statements.map((s) => ({ issuer: s.issuer, file: s.file }))
})

/** The reviewers' queue: submissions awaiting a decision, oldest first, at most the preset's page (or fewer, when asked). */
export const reviewQueue = (reviewer: ActingReviewer, form: { readonly limit?: unknown } = {}): W<ReadonlyArray<SubmissionForReview>> =>
  pipe(
    RTE.Do,
    RTE.bindW('reviewer', () => parseReviewer(reviewer)),
    RTE.bindW('raw', () => validated(readForm(form, ['limit']))),
    RTE.bindW('env', () => RTE.ask<ProofingEnv, Errors>()),
    RTE.bindW('limit', ({ raw, env }) => {
      const page = env.proofingPolicies.reviewQueueLimit
      if (raw.limit === undefined || raw.limit === null) return RTE.right<ProofingEnv, Errors, number>(page)
      return pure(
        typeof raw.limit === 'number' && Number.isInteger(raw.limit) && raw.limit >= 1 && raw.limit <= page
          ? E.right(raw.limit)
          : E.left(domainError('number.out-of-range', { field: 'limit', rule: `limit must be a whole number from 1 to ${page}`, minimum: 1, maximum: page }))
      )
    }),
    RTE.bindW('queue', ({ limit }) => port((env) => env.manualProofings.submittedQueue(limit))),
    RTE.map(({ queue }) => queue.filter((p) => p.state === 'submitted').map(forReview))
  )

/** One document of a submission, for the reviewer to look at: only a document of that proofing. */
export const reviewDocument = (reviewer: ActingReviewer, form: { readonly proofingId?: unknown; readonly sha256?: unknown }): W<StoredAttachment> =>
  pipe(
    RTE.Do,
    RTE.bindW('reviewer', () => parseReviewer(reviewer)),
    RTE.bindW('raw', () => validated(readForm(form, ['proofingId', 'sha256']))),
    RTE.bindW('proofing', ({ raw }) => loadById(raw.proofingId)),
    RTE.bindW('sha256', ({ raw, proofing }) =>
      pure(
        pipe(
          requireText(raw.sha256, 'sha256', TEXT_LIMITS.short),
          E.chain((s) =>
            SHA256.test(s) && [...(proofing.photoId === null ? [] : [proofing.photoId]), ...proofing.statements].some((d) => d.file.sha256 === s)
              ? E.right(s)
              : E.left<DomainError, string>(invalid('sha256', 'the SHA-256 of one of this proofing\u2019s documents'))
          )
        )
      )
    ),
    RTE.bindW('found', ({ sha256 }) => port((env) => env.attachments.get(sha256))),
    RTE.chainW(({ found }) => pure(O.isSome(found) ? E.right(found.value) : E.left(notFound())))
  )

/**
 * A reviewer's decision: approve (confirming the photo ID shows the
 * applicant and the statements are addressed to the registration address:
 * the account is then marked proofed) or reject with a reason (and a note
 * for `other`). Never the applicant's own.
 */
export const decide = (reviewer: ActingReviewer, form: ReviewDecisionForm): W<ReviewOutcome> =>
  pipe(
    RTE.Do,
    RTE.bindW('reviewer', () => parseReviewer(reviewer)),
    RTE.bindW('raw', () => validated(readForm(form, ['proofingId', 'decision', 'photoIdMatchesApplicant', 'statementsAddressedToRegistrationAddress', 'reason', 'note']))),
    RTE.bindW('env', () => RTE.ask<ProofingEnv, Errors>()),
    RTE.bindW('decision', ({ raw, env }) =>
      validated(
        validateReviewDecision(env.proofingPolicies.manual)({
          decision: raw.decision,
          photoIdMatchesApplicant: raw.photoIdMatchesApplicant,
          statementsAddressedToRegistrationAddress: raw.statementsAddressedToRegistrationAddress,
          reason: raw.reason,
          note: raw.note
        })
      )
    ),
    RTE.bindW('proofing', ({ raw }) => loadById(raw.proofingId)),
    RTE.bindW('now', () => clockNow),
    RTE.bindW('decided', ({ proofing, reviewer, decision, now }) => pure(decideManualProofing(now)(proofing, reviewer, decision))),
    RTE.bindW('saved', ({ decided }) => saveManual(decided)),
    RTE.chainFirstW(({ saved, now }) =>
      saved.state !== 'approved'
        ? RTE.right(undefined)
        : pipe(
            port((env) => env.identityRecords.findByAccount(saved.applicant.accountId as AccountId)),
            RTE.chainW((found) =>
              O.isNone(found)
                ? RTE.right<ProofingEnv, Errors, unknown>(undefined)
                : saveRecord({ ...found.value, proofedAt: found.value.proofedAt ?? saved.decidedAt, proofedBy: found.value.proofedBy ?? 'manual' })
            ),
            RTE.chainW(() => port((env) => env.accounts.findById(saved.applicant.accountId as AccountId))),
            RTE.chainW((account) => (O.isNone(account) ? RTE.right<ProofingEnv, Errors, unknown>(undefined) : port((env) => env.accounts.update(markIdentityProofed(now, account.value)))))
          )
    ),
    RTE.map(({ saved }) => ({
      proofingId: saved.id,
      state: saved.state === 'approved' ? ('approved' as const) : ('rejected' as const),
      reason: saved.state === 'rejected' ? saved.reason : null,
      note: saved.state === 'rejected' ? saved.note : null
    }))
  )
