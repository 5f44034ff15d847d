/**
 * Manual identity proofing, for a person who gives no SSN (QPP "HARP Account
 * Setup Checklist": "select 'Initiate Manual Proofing' process which requires
 * submitting profile and account information then sending one of three
 * approved forms of Government Photo IDs AND two copies of financial
 * institution official bills or statements addressed to the address used for
 * registration").
 *
 * The guide does not name the three approved photo IDs. `harpManualProofing`
 * assumes the commonest three US government photo IDs (a state driver's
 * license, a state identification card, a U.S. passport); a preset replaces
 * them once HARP's help pages confirm its list. Each document is an upload
 * checked by media type, size and content (`kernel/upload.ts`); the address on
 * a statement cannot be read by machine, so the reviewer confirms it.
 *
 *   collecting ─attach / replace / remove documents─► collecting
 *        └─submit (one photo ID, two statements)─► submitted ─reviewer approves─► approved (proofed)
 *                                                       └─reviewer rejects, with a reason─► rejected
 *
 * The person is proofed only once approved; a rejected submission stays
 * rejected (the person starts a new one).
 *
 * @since 0.4.0
 */
import * as E from '../kernel/either'
import { pipe } from 'fp-ts/lib/function.js'
import { DateTime } from 'luxon'
import { domainError, DomainError, ErrorOf, invalid, required } from '../kernel/errors'
import { freeTextLimit, FormOf, readForm, TEXT_LIMITS } from '../kernel/form'
import type { DateOfBirth, PersonName } from '../kernel/person'
import type { PostalAddress } from '../kernel/postal-address'
import { UploadPolicy, validateUpload, ValidUpload } from '../kernel/upload'
import { requireLine, requireText, Validation, validateAll } from '../kernel/validation'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A manual proofing's identifier (a random UUID, drawn by the caller). */
export type ManualProofingId = string & { readonly ManualProofingId: unique symbol }

/** Most submissions one page of the reviewers' queue reads, whatever limit is asked for (every `ManualProofingRepository` caps at it). */
export const MAX_REVIEW_QUEUE = 200

/** The staff member who reviews submissions (never the applicant). */
export type ReviewerId = string & { readonly ReviewerId: unique symbol }

/** One kind of government photo ID a preset approves. */
export interface PhotoIdKind {
  readonly id: string
  readonly label: string
}

/** What a preset decides for manual proofing. */
export interface ManualProofingPolicy {
  /** The approved government photo IDs; one of them is required. */
  readonly photoIdKinds: ReadonlyArray<PhotoIdKind>
  /** Bills or statements from financial institutions, addressed to the registration address, required. */
  readonly statementsRequired: number
  /** What each document's upload accepts. */
  readonly upload: UploadPolicy
  /** A reviewer's note: at most this many characters. */
  readonly noteMaxLength: number
}

/**
 * This library's HARP policy: one of three photo IDs (assumed: the guide does
 * not name them), two statements, each a PDF, JPEG or PNG of at most 10 MiB
 * (a phone's photo of a card or a scanned statement).
 */
export const harpManualProofing: ManualProofingPolicy = {
  photoIdKinds: [
    { id: 'drivers-license', label: 'State driver\u2019s license' },
    { id: 'state-id-card', label: 'State identification card' },
    { id: 'us-passport', label: 'U.S. passport' }
  ],
  statementsRequired: 2,
  upload: { mediaTypes: ['application/pdf', 'image/jpeg', 'image/png'], maxBytes: 10 * 1024 * 1024 },
  noteMaxLength: 500
}

/** A stored document, by its content hash (the bytes live in a document store). */
export interface DocumentRef {
  readonly fileName: string
  readonly mediaType: string
  readonly size: number
  /** SHA-256 of the content, lowercase hex. */
  readonly sha256: string
}

/** The government photo ID sent. */
export interface PhotoIdDocument {
  readonly kind: 'photo-id'
  /** One of the policy's `photoIdKinds` ids. */
  readonly idKind: string
  readonly file: DocumentRef
}

/** A bill or statement from a financial institution. */
export interface StatementDocument {
  readonly kind: 'financial-statement'
  /** The institution that sent it, as the person names it. */
  readonly issuer: string
  readonly file: DocumentRef
}

/** A document of a manual proofing. */
export type ProofingDocument = PhotoIdDocument | StatementDocument

/** Who is proofed: the profile's name, birth date and registration (home) address, which the documents must match. */
export interface Applicant {
  readonly accountId: string
  readonly firstName: PersonName
  readonly lastName: PersonName
  readonly dateOfBirth: DateOfBirth
  readonly homeAddress: PostalAddress
}

/** What every manual proofing carries, whatever its state. */
export interface ManualProofingBase {
  readonly id: ManualProofingId
  readonly applicant: Applicant
  readonly startedAt: string
  readonly photoId: PhotoIdDocument | null
  readonly statements: ReadonlyArray<StatementDocument>
  /** Optimistic-concurrency version: 0 before the first save; transitions keep it, the store bumps it. */
  readonly version: number
}

/** Documents being gathered. */
export interface Collecting extends ManualProofingBase {
  readonly state: 'collecting'
}

/** Sent for review: the documents can no longer change. */
export interface Submitted extends ManualProofingBase {
  readonly state: 'submitted'
  readonly submittedAt: string
}

/** Approved by a reviewer: the person is proofed. */
export interface Approved extends ManualProofingBase {
  readonly state: 'approved'
  readonly submittedAt: string
  readonly decidedAt: string
  readonly reviewer: ReviewerId
}

/** Rejected by a reviewer, for a reason: the person is not proofed. */
export interface Rejected extends ManualProofingBase {
  readonly state: 'rejected'
  readonly submittedAt: string
  readonly decidedAt: string
  readonly reviewer: ReviewerId
  readonly reason: RejectionReason
  /** The reviewer's words; required when the reason is `other`. */
  readonly note: string | null
}

/** A manual proofing in any state. */
export type ManualProofing = Collecting | Submitted | Approved | Rejected

/** Why a reviewer rejects a submission. */
export type RejectionReason = (typeof REJECTION_REASONS)[number]

/** Every reason a reviewer may give. */
export const REJECTION_REASONS = [
  'photo-id-unreadable',
  'photo-id-not-approved',
  'photo-id-expired',
  'photo-id-does-not-match',
  'statement-unreadable',
  'statement-not-from-financial-institution',
  'statement-not-addressed-to-registration-address',
  'statement-name-does-not-match',
  'other'
] as const

/**
 * A reviewer's decision: approve, confirming what a machine cannot check
 * (the photo ID shows the applicant; the statements are addressed to the
 * registration address), or reject with a reason.
 */
export type ReviewDecision =
  | { readonly decision: 'approve'; readonly photoIdMatchesApplicant: true; readonly statementsAddressedToRegistrationAddress: true }
  | { readonly decision: 'reject'; readonly reason: RejectionReason; readonly note: string | null }

/** A photo ID upload as typed: its kind and the file. */
export interface PhotoIdUploadForm {
  readonly idKind?: unknown
  readonly fileName?: unknown
  readonly mediaType?: unknown
  readonly content?: unknown
}

/** A statement upload as typed: the institution and the file. */
export interface StatementUploadForm {
  readonly issuer?: unknown
  readonly fileName?: unknown
  readonly mediaType?: unknown
  readonly content?: unknown
}

/** A checked photo ID upload, its bytes not yet stored. */
export interface ValidPhotoIdUpload {
  readonly idKind: string
  readonly upload: ValidUpload
}

/** A checked statement upload, its bytes not yet stored. */
export interface ValidStatementUpload {
  readonly issuer: string
  readonly upload: ValidUpload
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const iso = (d: DateTime): string => d.toISO() as string

const FILE_FIELDS = ['fileName', 'mediaType', 'content'] as const

/** The file part of an upload form already read (a plain record: nothing is read twice). */
const fileOf = (form: FormOf<(typeof FILE_FIELDS)[number]>, policy: ManualProofingPolicy, at: string): Validation<ValidUpload> =>
  validateUpload(policy.upload, at)({ fileName: form.fileName, mediaType: form.mediaType, content: form.content })

const photoIdKind = (policy: ManualProofingPolicy, input: unknown, field: string): E.Either<DomainError, string> => {
  const expected = `one of ${policy.photoIdKinds.map((k) => k.id).join(', ')}`
  return E.chain((s: string): E.Either<DomainError, string> => (policy.photoIdKinds.some((k) => k.id === s) ? E.right(s) : E.left(invalid(field, expected))))(
    requireText(input, field, TEXT_LIMITS.short)
  )
}

/**
 * Checks a photo ID upload, collecting every error: an approved kind
 * (`photoId.idKind`) and a file of an accepted type and size whose content
 * matches it (`photoId.content`…).
 *
 * @example
 * import { proofing } from 'health-portal-domain'
 * const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0])
 * proofing.validatePhotoIdUpload(proofing.harpManualProofing)({ idKind: 'us-passport', fileName: 'passport.jpg', mediaType: 'image/jpeg', content: jpeg })
 * // right: { idKind: 'us-passport', upload: { fileName, mediaType: 'image/jpeg', content } }
 */
export const validatePhotoIdUpload =
  (policy: ManualProofingPolicy) =>
  (input: unknown): Validation<ValidPhotoIdUpload> =>
    pipe(
      readForm(input, ['idKind', ...FILE_FIELDS], 'photoId'),
      E.chain((form) => validateAll({ idKind: photoIdKind(policy, form.idKind, 'photoId.idKind'), upload: fileOf(form, policy, 'photoId') }))
    )

/** Checks a statement upload, collecting every error: the institution's name (`statement.issuer`) and the file. */
export const validateStatementUpload =
  (policy: ManualProofingPolicy) =>
  (input: unknown): Validation<ValidStatementUpload> =>
    pipe(
      readForm(input, ['issuer', ...FILE_FIELDS], 'statement'),
      E.chain((form) => validateAll({ issuer: requireLine(form.issuer, 'statement.issuer', 100), upload: fileOf(form, policy, 'statement') }))
    )

/** Reads a reviewer's decision form, collecting every error. */
export const validateReviewDecision =
  (policy: ManualProofingPolicy) =>
  (input: unknown): Validation<ReviewDecision> =>
    pipe(
      readForm(input, ['decision', 'photoIdMatchesApplicant', 'statementsAddressedToRegistrationAddress', 'reason', 'note'], 'review'),
      E.chain((form): Validation<ReviewDecision> => {
        if (form.decision === 'approve') {
          const confirmed = (value: unknown, field: string, what: string): E.Either<DomainError, true> =>
            value === true ? E.right(true) : E.left(domainError('field.required', { field, rule: `${field} must be confirmed: ${what}` }))
          return E.map((): ReviewDecision => ({ decision: 'approve', photoIdMatchesApplicant: true, statementsAddressedToRegistrationAddress: true }))(
            validateAll({
              photo: confirmed(form.photoIdMatchesApplicant, 'photoIdMatchesApplicant', 'the photo ID shows the applicant, by name and date of birth'),
              address: confirmed(form.statementsAddressedToRegistrationAddress, 'statementsAddressedToRegistrationAddress', 'the statements are addressed to the registration address')
            })
          )
        }
        if (form.decision !== 'reject')
          return E.left([form.decision === undefined || form.decision === null || form.decision === '' ? required('decision') : invalid('decision', 'approve or reject')])
        const reason = E.chain((s: string): E.Either<DomainError, RejectionReason> =>
          (REJECTION_REASONS as ReadonlyArray<string>).includes(s) ? E.right(s as RejectionReason) : E.left(invalid('reason', `one of ${REJECTION_REASONS.join(', ')}`))
        )(requireText(form.reason, 'reason', TEXT_LIMITS.short))
        const blankNote = form.note === undefined || form.note === null || (typeof form.note === 'string' && form.note.length <= freeTextLimit(0) && form.note.trim() === '')
        const note: E.Either<DomainError, string | null> =
          blankNote
            ? E.isRight(reason) && reason.right === 'other'
              ? E.left(domainError('field.required', { field: 'note', rule: 'note is required when the reason is other: say what is wrong' }))
              : E.right(null)
            : requireLine(form.note, 'note', policy.noteMaxLength, freeTextLimit(policy.noteMaxLength))
        return E.map((v: { readonly reason: RejectionReason; readonly note: string | null }): ReviewDecision => ({ decision: 'reject', reason: v.reason, note: v.note }))(
          validateAll({ reason, note })
        )
      })
    )

/** A new manual proofing for an applicant, with no documents yet. */
export const startManualProofing = (now: DateTime, id: ManualProofingId, applicant: Applicant): Collecting => ({
  state: 'collecting',
  id,
  applicant,
  startedAt: iso(now),
  photoId: null,
  statements: [],
  version: 0
})

// -------------------------------------------------------------------------------------
// transitions
// -------------------------------------------------------------------------------------

const wrongState = (expected: ManualProofing['state'], actual: ManualProofing): ErrorOf<'flow.wrong-state'> =>
  domainError('flow.wrong-state', { rule: `manual proofing must be ${expected} for this step`, expected: `manual-proofing:${expected}`, actual: `manual-proofing:${actual.state}` })

const collecting = (p: ManualProofing): E.Either<DomainError, Collecting> => (p.state === 'collecting' ? E.right(p) : E.left(wrongState('collecting', p)))

/** Is this file already one of the documents (other than `except`)? */
const duplicate = (p: ManualProofingBase, file: DocumentRef, field: string, except?: ProofingDocument): E.Either<DomainError, null> => {
  const held = [...(p.photoId === null ? [] : [p.photoId]), ...p.statements].filter((d) => d !== except)
  return held.some((d) => d.file.sha256 === file.sha256)
    ? E.left(domainError('list.duplicate', { field, rule: `${field} must be a different file from the documents already sent`, value: file.fileName }))
    : E.right(null)
}

/** Attaches the photo ID (replacing the one attached before), while collecting; an unapproved kind or a file already sent is refused. */
export const attachPhotoId =
  (policy: ManualProofingPolicy) =>
  (proofing: ManualProofing, document: { readonly idKind: string; readonly file: DocumentRef }): E.Either<DomainError, Collecting> =>
    pipe(
      collecting(proofing),
      E.chainFirst(() => photoIdKind(policy, document.idKind, 'photoId.idKind')),
      E.chainFirst((p) => duplicate(p, document.file, 'photoId', p.photoId ?? undefined)),
      E.map((p): Collecting => ({ ...p, photoId: { kind: 'photo-id', idKind: document.idKind, file: document.file } }))
    )

/** Attaches a statement, while collecting and fewer than required are attached; a file already sent is refused. */
export const attachStatement =
  (policy: ManualProofingPolicy) =>
  (proofing: ManualProofing, document: { readonly issuer: string; readonly file: DocumentRef }): E.Either<DomainError, Collecting> =>
    pipe(
      collecting(proofing),
      E.chainFirst((p) =>
        p.statements.length >= policy.statementsRequired
          ? E.left(
              domainError('list.too-long', {
                field: 'statements',
                rule: `statements may list at most ${policy.statementsRequired} bills or statements; remove one to send another`,
                maximum: policy.statementsRequired,
                given: p.statements.length + 1
              })
            )
          : E.right(null)
      ),
      E.chainFirst((p) => duplicate(p, document.file, 'statement')),
      E.map((p): Collecting => ({ ...p, statements: [...p.statements, { kind: 'financial-statement', issuer: document.issuer, file: document.file }] }))
    )

/** Removes a document (by its content hash) while collecting; removing one not attached changes nothing. */
export const removeDocument = (proofing: ManualProofing, sha256: string): E.Either<DomainError, Collecting> =>
  E.map((p: Collecting): Collecting => ({
    ...p,
    photoId: p.photoId !== null && p.photoId.file.sha256 === sha256 ? null : p.photoId,
    statements: p.statements.filter((s) => s.file.sha256 !== sha256)
  }))(collecting(proofing))

/** The documents still needed before submitting. */
export const documentsNeeded = (policy: ManualProofingPolicy, proofing: ManualProofingBase): { readonly photoId: number; readonly statements: number } => ({
  photoId: proofing.photoId === null ? 1 : 0,
  statements: Math.max(0, policy.statementsRequired - proofing.statements.length)
})

/**
 * Submits the documents for review: only while collecting, and only with the
 * photo ID and every statement attached (else `manual-proofing.documents-missing`,
 * with what is still needed).
 *
 * @example
 * import { proofing } from 'health-portal-domain'
 * import { DateTime } from 'luxon'
 * declare const gathered: proofing.Collecting
 * proofing.submitManualProofing(DateTime.fromISO('2026-11-22T10:00:00', { zone: 'America/New_York' }), proofing.harpManualProofing)(gathered)
 * // right: submitted; or left: manual-proofing.documents-missing { photoId: 0, statements: 1 }
 */
export const submitManualProofing =
  (now: DateTime, policy: ManualProofingPolicy) =>
  (proofing: ManualProofing): E.Either<DomainError, Submitted> =>
    pipe(
      collecting(proofing),
      E.chain((p): E.Either<DomainError, Submitted> => {
        const needed = documentsNeeded(policy, p)
        if (needed.photoId > 0 || needed.statements > 0)
          return E.left(
            domainError('manual-proofing.documents-missing', {
              field: needed.photoId > 0 ? 'photoId' : 'statements',
              rule: `manual proofing needs one approved government photo ID and ${policy.statementsRequired} bills or statements from financial institutions addressed to the registration address`,
              ...needed
            })
          )
        return E.right({ ...p, state: 'submitted', submittedAt: iso(now) })
      })
    )

/**
 * A reviewer's decision on a submitted proofing: approved (the person is
 * proofed) or rejected with its reason. Only a submitted proofing is decided,
 * and never by the applicant.
 *
 * @example
 * import { proofing } from 'health-portal-domain'
 * import { DateTime } from 'luxon'
 * declare const submitted: proofing.Submitted
 * proofing.decideManualProofing(DateTime.fromISO('2026-11-23T10:00:00', { zone: 'America/New_York' }))(
 *   submitted, 'reviewer-17' as proofing.ReviewerId, { decision: 'reject', reason: 'statement-not-addressed-to-registration-address', note: null }
 * )
 * // right: rejected, with its reason
 */
export const decideManualProofing =
  (now: DateTime) =>
  (proofing: ManualProofing, reviewer: ReviewerId, decision: ReviewDecision): E.Either<DomainError, Approved | Rejected> => {
    if (proofing.state !== 'submitted') return E.left(wrongState('submitted', proofing))
    if (reviewer === proofing.applicant.accountId)
      return E.left(domainError('manual-proofing.reviewer-is-applicant', { rule: 'a manual proofing must be reviewed by someone other than the applicant' }))
    const decided = { ...proofing, decidedAt: iso(now), reviewer }
    return E.right(decision.decision === 'approve' ? { ...decided, state: 'approved' } : { ...decided, state: 'rejected', reason: decision.reason, note: decision.note })
  }

// -------------------------------------------------------------------------------------
// queries
// -------------------------------------------------------------------------------------

/** Is the person proofed by this manual proofing? Only once a reviewer approved it. */
export const isManuallyProofed = (proofing: ManualProofing): proofing is Approved => proofing.state === 'approved'
