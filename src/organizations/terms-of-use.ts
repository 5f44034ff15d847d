/**
 * Terms of use: before anything else a person accepts the Provider Portal
 * Terms of Use and, as a delegate, the Delegate/Site Administrator Terms of
 * Use. An acceptance records the version and the time; a new version asks
 * again; `ensureTermsAccepted` is the gate every capability puts first.
 *
 * @since 0.3.0
 */
import * as E from '../kernel/either'
import { pipe } from 'fp-ts/lib/function.js'
import { DateTime } from 'luxon'
import { domainError, DomainError, ErrorOf } from '../kernel/errors'
import { TEXT_LIMITS } from '../kernel/form'
import { requireText } from '../kernel/validation'
import type { Membership, MembershipRole } from './membership'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A terms document a person may have to accept. */
export type TermsDocument = 'provider-portal' | 'delegate-site-administrator'

/** Every terms document, in the order the portal asks for them. */
export const TERMS_DOCUMENTS: ReadonlyArray<TermsDocument> = ['provider-portal', 'delegate-site-administrator']

/** Each document's title, as the guide names it. */
export const TERMS_TITLES: Readonly<Record<TermsDocument, string>> = {
  'provider-portal': 'Provider Portal Terms of Use',
  'delegate-site-administrator': 'Delegate/Site Administrator Terms of Use'
}

/** A version of a terms document, as the plan labels it ("2026-01", "3.2"). */
export type TermsVersion = string & { readonly TermsVersion: unique symbol }

/** The version of each document in force now. */
export type CurrentTerms = { readonly [D in TermsDocument]: TermsVersion }

/** A person's acceptance of one version of one document, at an instant (ISO 8601). */
export interface TermsAcceptance {
  readonly document: TermsDocument
  readonly version: TermsVersion
  readonly acceptedAt: string
}

/** What terms judge of a member: its role and what it accepted. */
export type TermsHolder = Pick<Membership, 'role' | 'acceptances'>

/** Records an acceptance of the current version of a document. */
export type AcceptTerms = <M extends TermsHolder>(now: DateTime, member: M, document: TermsDocument, version: TermsVersion, current: CurrentTerms) => E.Either<DomainError, M>

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const VERSION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/
const VERSION_EXPECTED = 'a version label of 1 to 32 letters, digits, dots, hyphens or underscores'

/** Parses a terms version label. */
export const parseTermsVersion = (input: unknown, field = 'version'): E.Either<DomainError, TermsVersion> =>
  pipe(
    requireText(input, field, TEXT_LIMITS.short),
    E.chain((s) =>
      VERSION.test(s) ? E.right(s as TermsVersion) : E.left(domainError('field.invalid', { field, rule: `${field} must be ${VERSION_EXPECTED}`, expected: VERSION_EXPECTED }))
    )
  )

const DOCUMENT_EXPECTED = `one of ${TERMS_DOCUMENTS.join(', ')}`

/** Parses the name of a terms document. */
export const parseTermsDocument = (input: unknown, field = 'document'): E.Either<DomainError, TermsDocument> =>
  pipe(
    requireText(input, field, TEXT_LIMITS.short),
    E.chain((s) =>
      (TERMS_DOCUMENTS as ReadonlyArray<string>).includes(s)
        ? E.right(s as TermsDocument)
        : E.left(domainError('field.invalid', { field, rule: `${field} must be ${DOCUMENT_EXPECTED}`, expected: DOCUMENT_EXPECTED }))
    )
  )

// -------------------------------------------------------------------------------------
// queries
// -------------------------------------------------------------------------------------

/** The documents a role must accept: everyone the portal terms, a delegate also the delegate terms. */
export const termsRequiredOf = (role: MembershipRole): ReadonlyArray<TermsDocument> =>
  role === 'delegate' ? TERMS_DOCUMENTS : ['provider-portal']

/** The documents the member must still accept: required of its role and not accepted in their current version. */
export const termsOutstanding = (member: TermsHolder, current: CurrentTerms): ReadonlyArray<TermsDocument> =>
  termsRequiredOf(member.role).filter((d) => !member.acceptances.some((a) => a.document === d && a.version === current[d]))

/**
 * Nothing else works until the member has accepted every document outstanding (`terms.not-accepted` names them).
 *
 * @example
 * import { organizations } from 'health-portal-domain'
 * const current = { 'provider-portal': '2026-01', 'delegate-site-administrator': '3.2' } as organizations.CurrentTerms
 * organizations.ensureTermsAccepted({ role: 'staff', acceptances: [] }, current)
 * // left: terms.not-accepted, outstanding ['provider-portal']
 */
export const ensureTermsAccepted = <M extends TermsHolder>(member: M, current: CurrentTerms): E.Either<ErrorOf<'terms.not-accepted'>, M> => {
  const outstanding = termsOutstanding(member, current)
  return outstanding.length === 0
    ? E.right(member)
    : E.left(
        domainError('terms.not-accepted', {
          rule: `the ${outstanding.map((d) => TERMS_TITLES[d]).join(' and the ')} must be accepted first`,
          outstanding
        })
      )
}

// -------------------------------------------------------------------------------------
// transitions
// -------------------------------------------------------------------------------------

/**
 * Accepts the current version of a document: the latest acceptance of each
 * document is kept. Accepting it again keeps the first acceptance's time;
 * any other version is refused (`terms.not-current`). A staff member may
 * accept the delegate terms ahead of a promotion.
 */
export const acceptTerms: AcceptTerms = (now, member, document, version, current) => {
  if (version !== current[document])
    return E.left(
      domainError('terms.not-current', {
        field: 'version',
        rule: `only the current version (${current[document]}) of the ${TERMS_TITLES[document]} can be accepted`,
        document,
        current: current[document]
      })
    )
  if (member.acceptances.some((a) => a.document === document && a.version === version)) return E.right(member)
  const acceptedAt = now.toISO()
  if (acceptedAt === null) return E.left(domainError('date.not-a-date', { field: 'now', rule: 'now must be a valid instant' }))
  return E.right({ ...member, acceptances: [...member.acceptances.filter((a) => a.document !== document), { document, version, acceptedAt }] })
}
