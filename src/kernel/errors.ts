/**
 * Domain errors: one tagged union, discriminated by a stable `code`.
 *
 * Every error names the field it concerns (when there is one) and the rule it
 * breaks, in plain English, so a caller can show or log it without a lookup.
 * Portal presets map codes to their own wording (see `src/portals`).
 *
 * @since 0.1.0
 */

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** The extra data each error code carries, beyond `code`, `field` and `rule`. */
export interface ErrorParams {
  // form fields
  readonly 'field.required': {}
  readonly 'field.invalid': { readonly expected: string }
  readonly 'field.too-long': { readonly maximum: number }
  // outside input too large or unreadable to parse at all
  readonly 'text.too-long': { readonly maximum: number; readonly length: number }
  readonly 'form.unreadable': {}
  readonly 'date.not-a-date': {}
  readonly 'date.not-in-past': {}
  readonly 'date.too-old': { readonly maximumAgeYears: number }
  readonly 'date.out-of-range': { readonly earliest: string; readonly latest: string }
  readonly 'number.out-of-range': { readonly minimum: number; readonly maximum: number }
  readonly 'list.too-long': { readonly maximum: number; readonly given: number }
  readonly 'list.duplicate': { readonly value: string }
  // identifiers: the part of an SSN never issued (area, group or serial) and its forbidden value
  readonly 'ssn.never-issued': { readonly part: 'area' | 'group' | 'serial'; readonly value: string }
  // passwords
  readonly 'password.too-short': { readonly minimum: number }
  readonly 'password.too-long': { readonly maximum: number }
  readonly 'password.too-few-classes': { readonly required: number; readonly found: number }
  readonly 'password.disallowed-character': { readonly characters: string }
  readonly 'password.blocklisted': {}
  readonly 'password.contains-username': {}
  readonly 'password.mismatch': {}
  // verification codes
  readonly 'code.incorrect': { readonly attemptsLeft: number }
  readonly 'code.expired': {}
  readonly 'code.too-many-attempts': { readonly retryAfter: string }
  readonly 'code.too-many-codes': { readonly retryAfter: string }
  readonly 'code.already-used': {}
  // TOTP (authenticator app) codes and secrets
  readonly 'totp.too-few-bytes': { readonly minimum: number; readonly given: number }
  readonly 'totp.invalid-code': {}
  // A code of a time step already accepted (or earlier): each code is accepted at most once.
  readonly 'totp.replayed': {}
  // accounts
  readonly 'username.taken': {}
  readonly 'username.immutable': {}
  readonly 'account.not-found': {}
  readonly 'sign-in.invalid-credentials': {}
  readonly 'sign-in.throttled': { readonly retryAfter: string }
  readonly 'member.not-matched': {}
  readonly 'provider.not-matched': {}
  readonly 'provider.already-registered': {}
  // No attempts-left count: it would tell an unknown username from a known one.
  readonly 'challenge.incorrect': {}
  readonly 'challenge.throttled': { readonly retryAfter: string }
  readonly 'temporary-password.expired': { readonly expiredAt: string }
  readonly 'password.same-as-temporary': {}
  readonly 'password.change-required': {}
  readonly 'portal.not-offered': { readonly feature: string }
  readonly 'representative.not-recognised': {}
  // prior authorization
  readonly 'access.not-permitted': { readonly providerId: string }
  readonly 'member.not-found': {}
  readonly 'provider.not-found': {}
  readonly 'diagnosis.not-billable': { readonly diagnosisCode: string; readonly serviceDate: string }
  readonly 'attachment.media-type': { readonly allowed: ReadonlyArray<string> }
  readonly 'attachment.too-large': { readonly maximumBytes: number }
  readonly 'attachment.content-mismatch': { readonly mediaType: string }
  readonly 'determination.reason-required': { readonly reviewAction: string }
  readonly 'determination.already-final': { readonly status: string }
  readonly 'request.not-found': {}
  // identity proofing: knowledge-based verification (a provider's quiz that cannot be used; a quiz past its time; no quiz left)
  readonly 'kba.quiz-malformed': {}
  readonly 'kba.quiz-expired': { readonly expiredAt: string }
  readonly 'kba.attempts-exhausted': { readonly maximum: number }
  // identity proofing: manual (documents still needed before submitting; a reviewer deciding their own proofing)
  readonly 'manual-proofing.documents-missing': { readonly photoId: number; readonly statements: number }
  readonly 'manual-proofing.reviewer-is-applicant': {}
  // identity proofing workflows (HARP): no record yet; proofed already; a re-entered SSN that is not the one on file (and too many
  // of them); no quiz to see or answer; remote proofing without an SSN; manual proofing before remote proofing is over; no such proofing
  readonly 'proofing.not-started': {}
  readonly 'proofing.already-proofed': { readonly proofedAt: string }
  readonly 'proofing.ssn-mismatch': { readonly attemptsLeft: number }
  readonly 'proofing.ssn-attempts-exhausted': { readonly maximum: number }
  readonly 'proofing.no-quiz': { readonly state: string }
  readonly 'proofing.remote-not-available': {}
  readonly 'proofing.manual-not-offered': { readonly state: string }
  readonly 'manual-proofing.not-found': {}
  // client access (billing organisations and their clients)
  readonly 'approval-token.too-few-bytes': { readonly minimum: number; readonly given: number }
  // One answer for a wrong token and a used one: it must not tell which.
  readonly 'access-request.invalid-link': {}
  readonly 'access-request.expired': { readonly expiredAt: string }
  readonly 'access-request.already-exists': { readonly state: string }
  readonly 'access-request.not-active': { readonly state: string }
  readonly 'access-request.not-a-party': {}
  // No field, as for a registration's check: it must not say whether the Tax ID or the check number was wrong.
  readonly 'access-request.client-not-matched': {}
  // The contact named is someone at the billing organisation itself, who could then approve its own request.
  readonly 'access-request.contact-not-client': {}
  // organisations, their members' roles and applications, terms of use
  // Never names the organisation's delegate: the refusal only says to ask them.
  readonly 'organisation.already-registered': {}
  readonly 'organisation.not-a-member': {}
  readonly 'organisation.not-a-delegate': {}
  readonly 'organisation.last-delegate': {}
  readonly 'organisation.email-taken': {}
  readonly 'organisation.account-taken': {}
  // No field: it must not say whether the Tax ID, the check number or the NPI was wrong.
  readonly 'organisation.check-not-matched': {}
  readonly 'organisation.awaiting-pin': {}
  readonly 'organisation.proof-throttled': { readonly retryAfter: string }
  readonly 'organisation.not-a-billing-organisation': {}
  readonly 'contact.not-a-person': {}
  readonly 'pin.incorrect': { readonly attemptsLeft: number }
  readonly 'pin.expired': { readonly expiredAt: string }
  readonly 'pin.too-many-attempts': { readonly maximum: number }
  readonly 'pin.too-many-letters': { readonly maximum: number }
  readonly 'pin.not-awaited': {}
  readonly 'access-request.not-found': {}
  readonly 'access-request.no-access': {}
  readonly 'application.unknown': { readonly known: ReadonlyArray<string> }
  readonly 'application.not-revocable': {}
  readonly 'terms.not-current': { readonly document: string; readonly current: string }
  readonly 'terms.not-accepted': { readonly outstanding: ReadonlyArray<string> }
  // HARP: connecting to an organisation, its roles and the help desk's replacement of a Security Official
  readonly 'organisation.not-a-security-official': {}
  readonly 'organisation.last-security-official': {}
  // Never names the Security Official: the refusal only says to request a role from them.
  readonly 'organisation.has-security-official': {}
  // Its field is the pair (`clinician`), never `ptan` or `npi`: it must not say which of the two was wrong.
  readonly 'organisation.clinician-not-matched': {}
  readonly 'role-request.not-found': {}
  readonly 'role-request.own-request': {}
  readonly 'role-request.role-held': { readonly role: string }
  readonly 'role-request.already-pending': { readonly role: string }
  readonly 'help-desk.group-identifier': { readonly identifier: 'npi' | 'ptan' }
  readonly 'help-desk.organisation-not-matched': {}
  // HARP organisation access (capability organisationAccess / helpDesk): who may connect, and to what
  readonly 'harp-access.not-an-individual': {}
  readonly 'harp-access.identity-not-proofed': {}
  // CMS's records list no organisation of that type under the Tax ID typed.
  readonly 'harp-access.organisation-not-found': {}
  readonly 'harp-access.not-confirmed': {}
  readonly 'help-desk.request-not-found': {}
  // second factors: devices, out-of-band codes, push approvals
  readonly 'mfa.device-not-found': {}
  readonly 'mfa.device-not-pending': { readonly state: string }
  readonly 'mfa.duplicate-device': { readonly kind: string }
  readonly 'mfa.too-many-devices': { readonly maximum: number }
  readonly 'mfa.last-active-device': {}
  readonly 'mfa.wrong-kind': { readonly expected: string; readonly actual: string }
  // A preset's code policy outside a bound (lifetime and window in seconds).
  readonly 'mfa.code-policy-out-of-bounds': { readonly bound: string; readonly limit: number; readonly given: number }
  readonly 'push.not-found': {}
  readonly 'push.wrong-device': {}
  readonly 'push.already-answered': { readonly state: string }
  readonly 'push.superseded': {}
  readonly 'push.expired': {}
  readonly 'push.denied': {}
  readonly 'push.number-mismatch': {}
  readonly 'push.throttled': { readonly retryAfter: string }
  // two-factor sign-in and device management (HARP): an individual whose identity is not proofed yet; a text, call or push the
  // provider could not take; a push not answered yet; a device chosen that is not confirmed; a code typed before a device was chosen
  readonly 'sign-in.identity-not-proofed': {}
  readonly 'sms.delivery-failed': { readonly cause: string }
  readonly 'voice.delivery-failed': { readonly cause: string }
  readonly 'push.delivery-failed': { readonly cause: string }
  readonly 'push.not-answered': {}
  readonly 'mfa.device-not-active': {}
  readonly 'mfa.no-challenge': {}
  // flows
  readonly 'flow.not-found': {}
  readonly 'flow.expired': {}
  readonly 'flow.wrong-state': { readonly expected: string; readonly actual: string }
  // A step taken too early: `needs` is the state the step to take first reaches, e.g. "sign-up:email-verified".
  readonly 'flow.step-not-reached': { readonly needs: string; readonly actual: string }
  // infrastructure
  readonly 'storage.conflict': {}
  readonly 'storage.unavailable': { readonly cause: string }
  readonly 'storage.invalid-row': { readonly table: string; readonly cause: string }
  readonly 'mail.delivery-failed': { readonly cause: string }
  readonly 'system.unexpected': { readonly cause: string }
}

/** Every stable error code. */
export type ErrorCode = keyof ErrorParams

/** A domain error with a given code: the code, the field, the rule, and its data. */
export type ErrorOf<C extends ErrorCode> = {
  readonly code: C
  readonly field?: string
  readonly rule: string
} & ErrorParams[C]

/** Any domain error; switch on `code` to narrow it. */
export type DomainError = { [C in ErrorCode]: ErrorOf<C> }[ErrorCode]

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * Builds a domain error.
 *
 * @example
 * import { domainError } from 'health-portal-domain/kernel'
 * const e = domainError('field.required', { field: 'username', rule: 'username is required' })
 * // e.code === 'field.required'
 */
export const domainError = <C extends ErrorCode>(
  code: C,
  data: { readonly field?: string; readonly rule: string } & ErrorParams[C]
): ErrorOf<C> => ({ code, ...data }) as ErrorOf<C>

/** "This information is required." — the missing-field error for `field`. */
export const required = (field: string): ErrorOf<'field.required'> =>
  domainError('field.required', { field, rule: `${field} is required` })

/** A field that does not match its expected format. */
export const invalid = (field: string, expected: string): ErrorOf<'field.invalid'> =>
  domainError('field.invalid', { field, rule: `${field} must be ${expected}`, expected })

/** A storage or delivery failure turned into a domain error. */
export const storageUnavailable = (cause: unknown): ErrorOf<'storage.unavailable'> =>
  domainError('storage.unavailable', { rule: 'the store must be reachable', cause: describeCause(cause) })

/** Something threw where nothing should: reported, never rethrown. */
export const unexpected = (cause: unknown): ErrorOf<'system.unexpected'> =>
  domainError('system.unexpected', { rule: 'the library hit an unexpected fault', cause: describeCause(cause) })

/** A stored row that does not decode: reported with its table, never trusted. */
export const invalidRow = (table: string, cause: string): ErrorOf<'storage.invalid-row'> =>
  domainError('storage.invalid-row', { rule: `rows of ${table} must decode to the domain's types`, table, cause })

/** Is this a fault of the infrastructure (store, mail relay, a bug) rather than a domain outcome? */
export const isInfrastructureError = (e: DomainError): boolean =>
  e.code.startsWith('storage.') || e.code.startsWith('system.') || e.code.startsWith('mail.')

/** A write that lost an optimistic-concurrency race. */
export const storageConflict = (what: string): ErrorOf<'storage.conflict'> =>
  domainError('storage.conflict', { rule: `${what} was changed by someone else; reload and try again` })

const describeCause = (cause: unknown): string =>
  cause instanceof Error ? cause.message : typeof cause === 'string' ? cause : 'unknown cause'

// -------------------------------------------------------------------------------------
// guards
// -------------------------------------------------------------------------------------

/** Narrows an error to one code. */
export const isError =
  <C extends ErrorCode>(code: C) =>
  (e: DomainError): e is Extract<DomainError, { readonly code: C }> =>
    e.code === code

/** Does this value look like a domain error (for callers holding `unknown`)? */
export const isDomainError = (u: unknown): u is DomainError =>
  typeof u === 'object' && u !== null && typeof (u as { code?: unknown }).code === 'string' &&
  typeof (u as { rule?: unknown }).rule === 'string'
