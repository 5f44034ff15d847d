/**
 * Submission (step 10) and what follows: a submitted request is pended with a
 * reference number and a decision due time under CMS-0057-F; the plan records
 * determinations with the PAS review-action codes, and every denial carries a
 * specific reason.
 *
 * @since 0.2.0
 */
import * as E from '../kernel/either'
import { DateTime } from 'luxon'
import type { AccountId } from '../accounts/account'
import { EmailAddress } from '../kernel/email'
import { domainError, DomainError, invalid } from '../kernel/errors'
import { PersonName } from '../kernel/person'
import { PhoneNumber } from '../kernel/us-identifiers'
import { Username } from '../kernel/username'
import { requireText, Validation, validateAll } from '../kernel/validation'
import { freeTextLimit, TEXT_LIMITS, textTooLong, validateForm } from '../kernel/form'
import { decisionDueAt, parseReviewActionCode, REVIEW_ACTIONS, ReviewActionCode } from './code-sets'
import { CONTROL_CHARACTERS, ReadyToSubmit, RequestReference } from './request'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** Where a submitted request stands: pended until decided, then the last decision's outcome. */
export type RequestStatus = 'pended' | 'certified' | 'partially-certified' | 'not-certified' | 'modified' | 'cancelled'

/** The plan's specific reason for a denial (or partial approval, or change): its code and its words. */
export interface DeterminationReason {
  readonly code: string
  readonly text: string
}

/** One decision recorded on a request. */
export interface Determination {
  readonly reviewAction: ReviewActionCode
  readonly decidedAt: string
  /** Required for A2, A3 and A6 (CMS-0057-F: a specific reason for every denial). */
  readonly reason: DeterminationReason | null
  /** The authorization number the plan gives a certified (or partially certified, or modified) request. */
  readonly authorizationNumber: string | null
  /** Whether it was made by the due time. */
  readonly timely: boolean
}

/**
 * Who submitted a request: the signed-in account, and the person as the
 * provider's registration knows them (so the plan can reach whoever asked).
 */
export interface Submitter {
  readonly accountId: AccountId
  readonly username: Username
  readonly firstName: PersonName
  readonly lastName: PersonName
  readonly email: EmailAddress
  /** The person's phone on the provider's registration; null when the registration does not list them. */
  readonly phone: PhoneNumber | null
}

/** Step 10 done: the request as the plan holds it. */
export interface Submitted extends Omit<ReadyToSubmit, 'state'> {
  readonly state: 'submitted'
  readonly reference: RequestReference
  readonly submittedAt: string
  readonly submittedBy: Submitter
  /** When the plan must decide by (72 hours expedited, 7 calendar days standard, in the plan's zone). */
  readonly dueAt: string
  readonly status: RequestStatus
  readonly determinations: ReadonlyArray<Determination>
}

/** A determination as the plan's reviewer enters it. */
export interface DeterminationForm {
  readonly reviewAction?: unknown
  readonly reasonCode?: unknown
  readonly reasonText?: unknown
  readonly authorizationNumber?: unknown
}

/** A determination, validated. */
export interface ValidDetermination {
  readonly reviewAction: ReviewActionCode
  readonly reason: DeterminationReason | null
  readonly authorizationNumber: string | null
}

// -------------------------------------------------------------------------------------
// rules
// -------------------------------------------------------------------------------------

const STATUS_OF: { readonly [K in ReviewActionCode]: RequestStatus } = {
  A1: 'certified',
  A2: 'partially-certified',
  A3: 'not-certified',
  A4: 'pended',
  A6: 'modified',
  C: 'cancelled'
}

/** The status a review action leads to. */
export const statusOf = (action: ReviewActionCode): RequestStatus => STATUS_OF[action]

/** Review actions that deny some or all of what was asked, and so need a specific reason. */
export const NEEDS_REASON: ReadonlyArray<ReviewActionCode> = ['A2', 'A3', 'A6']

/** Review actions that approve something, and so may carry an authorization number. */
const APPROVES: ReadonlyArray<ReviewActionCode> = ['A1', 'A2', 'A6']

/** Is the request decided for good (no further determination but none)? */
export const isFinal = (status: RequestStatus): boolean => status !== 'pended'

const optionalText = (input: unknown, name: string, max: number): E.Either<DomainError, string | null> => {
  if (input === undefined || input === null || (typeof input === 'string' && input.trim() === '')) return E.right(null)
  if (typeof input !== 'string') return E.left(invalid(name, 'text'))
  if (input.length > freeTextLimit(max)) return E.left(textTooLong(name, freeTextLimit(max), input.length))
  const s = input.trim()
  if (CONTROL_CHARACTERS.test(s)) return E.left(invalid(name, 'text without control characters'))
  return s.length > max ? E.left(domainError('field.too-long', { field: name, rule: `${name} must be at most ${max} characters`, maximum: max })) : E.right(s)
}

/** Validates a determination: a known review action; a reason (code and words) for A2, A3 and A6. */
export const validateDetermination = (form: DeterminationForm): Validation<ValidDetermination> =>
  validateForm(['reviewAction', 'reasonCode', 'reasonText', 'authorizationNumber'], validateReadDetermination)(form)

const validateReadDetermination = (f: DeterminationForm): Validation<ValidDetermination> => {
  const parts = validateAll({
    reviewAction: parseReviewActionCode(f.reviewAction, 'reviewAction'),
    reasonCode: optionalText(f.reasonCode, 'reasonCode', 20),
    reasonText: optionalText(f.reasonText, 'reasonText', 1000),
    authorizationNumber: optionalText(f.authorizationNumber, 'authorizationNumber', 50)
  })
  if (E.isLeft(parts)) return parts
  const { reviewAction, reasonCode, reasonText, authorizationNumber } = parts.right
  const needsReason = NEEDS_REASON.includes(reviewAction)
  if (needsReason && (reasonCode === null || reasonText === null))
    return E.left([
      domainError('determination.reason-required', {
        field: reasonCode === null ? 'reasonCode' : 'reasonText',
        rule: `a ${REVIEW_ACTIONS[reviewAction].display.toLowerCase()} determination needs a specific reason: its code and its words`,
        reviewAction
      })
    ])
  // Half a reason is never dropped silently: its code and its words go together.
  if ((reasonCode === null) !== (reasonText === null))
    return E.left([
      domainError('field.required', {
        field: reasonCode === null ? 'reasonCode' : 'reasonText',
        rule: 'a reason needs both its code and its words'
      })
    ])
  if (authorizationNumber !== null && !APPROVES.includes(reviewAction))
    return E.left([invalid('authorizationNumber', 'given only when something is approved (A1, A2 or A6)')])
  return E.right({
    reviewAction,
    reason: reasonCode !== null && reasonText !== null ? { code: reasonCode, text: reasonText } : null,
    authorizationNumber
  })
}

// -------------------------------------------------------------------------------------
// transitions
// -------------------------------------------------------------------------------------

/** Step 10: the request is pended with its reference, its due time and who submitted it. */
export const submit = (request: ReadyToSubmit, reference: RequestReference, now: DateTime, zone: string, submittedBy: Submitter): E.Either<DomainError, Submitted> =>
  E.map((due: DateTime): Submitted => ({
    ...request,
    state: 'submitted',
    reference,
    submittedAt: now.toISO() as string,
    submittedBy,
    dueAt: due.toISO() as string,
    status: 'pended',
    determinations: []
  }))(decisionDueAt(now, request.service.priority, zone))

/** Records a determination; a decided request takes no more. */
export const determine = (request: Submitted, determination: ValidDetermination, now: DateTime): E.Either<DomainError, Submitted> =>
  isFinal(request.status)
    ? E.left(domainError('determination.already-final', { rule: `this request is already ${request.status}`, status: request.status }))
    : E.right({
        ...request,
        status: statusOf(determination.reviewAction),
        determinations: [
          ...request.determinations,
          { ...determination, decidedAt: now.toISO() as string, timely: now <= DateTime.fromISO(request.dueAt, { zone: now.zone }) }
        ]
      })

/** A reference number's text for people: the plan's prefix and 8 unambiguous characters. */
export const referenceOf = (prefix: string, symbols: string): RequestReference => `${prefix}-${symbols}` as RequestReference

/** Parses a reference typed by a person (case-insensitive, blanks ignored). */
export const parseReference = (prefix: string) => (input: unknown, name = 'reference'): E.Either<DomainError, RequestReference> =>
  E.chain((s: string): E.Either<DomainError, RequestReference> => {
    const r = s.replace(/\s/g, '').toUpperCase()
    return new RegExp(`^${prefix.replace(/[^A-Za-z0-9]/g, '\\$&')}-[A-HJ-NP-Z2-9]{8}$`).test(r) ? E.right(r as RequestReference) : E.left(invalid(name, `${prefix}- followed by 8 letters and digits`))
  })(requireText(input, name, TEXT_LIMITS.short))
