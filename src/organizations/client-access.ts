/**
 * A billing organisation's access to its clients' data (HealthPartners
 * provider portal, "Billing organization/third party registrations", steps
 * 8–11): it asks for a client provider group, an e-mail goes to the client's
 * contact at once with a single-use, expiring approval link, and access is
 * immediate once the contact approves. A refusal or an expired request grants
 * nothing; either side may end the access later. Every request lives under
 * the billing organisation's account.
 *
 * Single use is a state transition: approving or refusing moves a request out
 * of `pending`, and a transition keeps the version it was loaded at, so a
 * store's versioned update lets only one of two uses of the same link win.
 *
 * @since 0.3.0
 */
import * as E from '../kernel/either'
import { DateTime, Duration } from 'luxon'
import { approvalTokenMatches, ApprovalToken } from '../credentials/approval-token'
import { EmailAddress, emailKey, parseEmailAddress } from '../kernel/email'
import { domainError, DomainError, invalid } from '../kernel/errors'
import { readForm, TEXT_LIMITS, textTooLong } from '../kernel/form'
import { ProviderId } from '../kernel/identifiers'
import { parsePersonName, PersonName } from '../kernel/person'
import { Validation, validateAll } from '../kernel/validation'
import { KeyedHash } from '../ports/keyed-hasher'
import type { OrganisationId } from './organisation'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** An access request's identifier (a random UUID, drawn by the caller). */
export type AccessRequestId = string & { readonly AccessRequestId: unique symbol }

/**
 * A client provider group, as found by its Tax ID and a HealthPartners-issued
 * check: the keyed hash of the Tax ID and the provider together are its key.
 */
export interface ClientProviderGroup {
  readonly taxIdHash: KeyedHash
  readonly providerId: ProviderId
  /** Its display name, as the plan's directory gives it. */
  readonly name: string
}

/** The client's contact: who is e-mailed and may approve (not the billing organisation's own staff). */
export interface ClientContact {
  readonly firstName: PersonName
  readonly lastName: PersonName
  readonly email: EmailAddress
}

/** Which side of a client access acts. */
export type Side = 'billing-organisation' | 'client'

/** Who is looking or acting: a billing organisation, or a client contact (by e-mail). */
export type Party =
  | { readonly side: 'billing-organisation'; readonly organisationId: OrganisationId }
  | { readonly side: 'client'; readonly contactEmail: EmailAddress }

/** What every access request carries, whatever its state. */
export interface AccessRequestBase {
  readonly id: AccessRequestId
  /** The billing organisation asking: every request lives under its account. */
  readonly billingOrganisationId: OrganisationId
  readonly client: ClientProviderGroup
  readonly contact: ClientContact
  /** Keyed hash of the link token, bound to `id`; the token itself is never kept. */
  readonly tokenHash: KeyedHash
  readonly requestedAt: string
  readonly expiresAt: string
  /** Optimistic-concurrency version: 0 before the first save; transitions keep it, the store bumps it. */
  readonly version: number
}

/** Sent, waiting for the client contact's answer. */
export interface Pending extends AccessRequestBase {
  readonly state: 'pending'
}

/** Approved by the client contact through the link: access is immediate. */
export interface Approved extends AccessRequestBase {
  readonly state: 'approved'
  readonly approvedAt: string
  /** The contact whose link approved it. */
  readonly approvedBy: EmailAddress
}

/** Refused by the client contact: grants nothing. */
export interface Refused extends AccessRequestBase {
  readonly state: 'refused'
  readonly refusedAt: string
}

/** Not answered in time: grants nothing. A pending request past its expiry is this, whatever is stored. */
export interface Expired extends AccessRequestBase {
  readonly state: 'expired'
}

/** Approved once, then ended by one side: grants nothing any more. */
export interface Ended extends AccessRequestBase {
  readonly state: 'ended'
  readonly approvedAt: string
  readonly approvedBy: EmailAddress
  readonly endedAt: string
  readonly endedBy: Side
}

/** An access request in any state. */
export type AccessRequest = Pending | Approved | Refused | Expired | Ended

/** Every state, in the order a request can reach them. */
export const ACCESS_REQUEST_STATES: ReadonlyArray<AccessRequest['state']> = ['pending', 'approved', 'refused', 'expired', 'ended']

/** The ids a new request is made with, drawn by the caller (the token hash is bound to `requestId`). */
export interface AccessRequestIds {
  readonly requestId: AccessRequestId
  readonly billingOrganisationId: OrganisationId
}

/** The client contact as typed (step 10). */
export interface ClientContactForm {
  readonly firstName?: unknown
  readonly lastName?: unknown
  readonly email?: unknown
}

/** A pending request as either side sees it: never its token hash, nor the client's Tax ID hash. */
export interface PendingView {
  readonly id: AccessRequestId
  readonly billingOrganisationId: OrganisationId
  readonly client: { readonly providerId: ProviderId; readonly name: string }
  readonly contact: ClientContact
  readonly requestedAt: string
  readonly expiresAt: string
}

/**
 * How long the client contact has to answer. The guide is silent; 7 days is
 * this library's policy (long enough for a contact away for a week, short
 * enough that a forgotten link does not stay live).
 */
export const CLIENT_ACCESS_REQUEST_LIFETIME: Duration = Duration.fromObject({ days: 7 })

/** Longest lifetime a preset may choose: a link live for more than 30 days is a standing credential. */
export const MAX_CLIENT_ACCESS_REQUEST_LIFETIME: Duration = Duration.fromObject({ days: 30 })

/** Starts a request for a client (steps 8–10). */
export type RequestClientAccess = (
  now: DateTime,
  lifetime: Duration,
  ids: AccessRequestIds,
  client: ClientProviderGroup,
  form: unknown,
  tokenHash: KeyedHash,
  existing: ReadonlyArray<AccessRequest>
) => Validation<Pending>

/** The client contact follows the approval link. */
export type Approve = (now: DateTime, request: AccessRequest, presentedTokenHash: KeyedHash) => E.Either<DomainError, Approved>

/** The client contact follows the refusal link. */
export type Refuse = (now: DateTime, request: AccessRequest, presentedTokenHash: KeyedHash) => E.Either<DomainError, Refused>

/** Either side ends an approved access. */
export type EndAccess = (now: DateTime, request: AccessRequest, by: Party) => E.Either<DomainError, Ended>

// -------------------------------------------------------------------------------------
// state at a moment
// -------------------------------------------------------------------------------------

const iso = (d: DateTime): string => d.toISO() as string
const instant = (s: string, now: DateTime): DateTime => DateTime.fromISO(s, { zone: now.zone })

/**
 * The request as it stands at `now`: a pending request past its expiry is
 * expired, whatever is stored; so is one whose expiry cannot be read (it must
 * never stay answerable for ever).
 */
export const stateAt = (now: DateTime, request: AccessRequest): AccessRequest => {
  if (request.state !== 'pending') return request
  const expiry = instant(request.expiresAt, now)
  return !expiry.isValid || now >= expiry ? { ...request, state: 'expired' } : request
}

/** The comparison key of a client provider group: its Tax ID hash and provider together. */
export const clientKey = (client: ClientProviderGroup): string => `${client.taxIdHash}:${client.providerId}`

const sameClient = (a: ClientProviderGroup, b: ClientProviderGroup): boolean => clientKey(a) === clientKey(b)

/** Is this party one side of the request? */
export const isPartyTo = (party: Party, request: AccessRequestBase): boolean => {
  // A caller holding `unknown` may pass anything: it is no party, never a throw.
  const p = party as Partial<Record<'side' | 'organisationId' | 'contactEmail', unknown>> | null
  if (typeof p !== 'object' || p === null) return false
  if (p.side === 'billing-organisation') return p.organisationId === request.billingOrganisationId
  return p.side === 'client' && typeof p.contactEmail === 'string' && emailKey(p.contactEmail as EmailAddress) === emailKey(request.contact.email)
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const lifetimeCheck = (lifetime: Duration): E.Either<DomainError, Duration> => {
  const ms = Duration.isDuration(lifetime) && lifetime.isValid ? lifetime.toMillis() : NaN
  const maximum = MAX_CLIENT_ACCESS_REQUEST_LIFETIME.toMillis()
  return ms > 0 && ms <= maximum
    ? E.right(lifetime)
    : E.left(
        domainError('number.out-of-range', {
          field: 'lifetime',
          rule: `an access request must live more than 0 and at most ${MAX_CLIENT_ACCESS_REQUEST_LIFETIME.toHuman()}`,
          minimum: 1,
          maximum
        })
      )
}

/** The client contact's name and e-mail, collecting every error. */
export const validateClientContact = (input: unknown): Validation<ClientContact> =>
  E.chain((form: { readonly firstName: unknown; readonly lastName: unknown; readonly email: unknown }) =>
    validateAll({
      firstName: parsePersonName(form.firstName, 'contact.firstName'),
      lastName: parsePersonName(form.lastName, 'contact.lastName'),
      email: parseEmailAddress(form.email, 'contact.email')
    })
  )(readForm(input, ['firstName', 'lastName', 'email'], 'contact'))

/** Refuses a second live request (pending and unexpired, or approved) for the same client by the same organisation. */
const noLiveRequest = (
  now: DateTime,
  ids: AccessRequestIds,
  client: ClientProviderGroup,
  existing: ReadonlyArray<AccessRequest>
): E.Either<DomainError, null> => {
  const live = existing
    .map((r) => stateAt(now, r))
    .find((r) => r.billingOrganisationId === ids.billingOrganisationId && sameClient(r.client, client) && (r.state === 'pending' || r.state === 'approved'))
  return live === undefined
    ? E.right(null)
    : E.left(
        domainError('access-request.already-exists', {
          field: 'client',
          rule: live.state === 'approved'
            ? 'this client has already given your organisation access'
            : 'a request for this client is already waiting for the client contact’s answer',
          state: live.state
        })
      )
}

/**
 * Starts a request for a client provider group the billing organisation has
 * selected, addressed to the client's contact, with the keyed hash of the
 * link token drawn for it. Collects every error of the contact form, the
 * lifetime and the one-live-request rule.
 *
 * @example
 * import { organizations } from 'health-portal-domain'
 * import type { ProviderId } from 'health-portal-domain/kernel'
 * import type { KeyedHash } from 'health-portal-domain/ports'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { DateTime } from 'luxon'
 * const now = DateTime.fromISO('2026-03-02T09:00:00', { zone: 'America/Chicago' })
 * const client = { taxIdHash: 'c0ffee' as KeyedHash, providerId: '100234' as ProviderId, name: 'Lakes Family Clinic' }
 * const ids = { requestId: '6f1c2a4e-0b7d-4e8a-9c3f-2d5b8a7e1f00' as organizations.AccessRequestId, billingOrganisationId: 'org-1' as organizations.OrganisationId }
 * const tokenHash = 'ab12' as KeyedHash // the caller's keyed hash of the link token, bound to the request id
 * const asked = organizations.requestClientAccess(now, organizations.CLIENT_ACCESS_REQUEST_LIFETIME, ids, client,
 *   { firstName: 'Maria', lastName: 'Lopez', email: 'maria.lopez@lakesclinic.com' }, tokenHash, [])
 * const approved = E.isRight(asked) ? organizations.approve(now.plus({ hours: 2 }), asked.right, tokenHash) : asked
 * // E.isRight(approved) && organizations.mayAccessClient(now.plus({ hours: 3 }), [approved.right], ids.billingOrganisationId, client) === true
 */
export const requestClientAccess: RequestClientAccess = (now, lifetime, ids, client, form, tokenHash, existing) =>
  E.map(({ contact }: { readonly contact: ClientContact }): Pending => ({
    state: 'pending',
    id: ids.requestId,
    billingOrganisationId: ids.billingOrganisationId,
    client,
    contact,
    tokenHash,
    requestedAt: iso(now),
    // Elapsed time, not calendar days: a week across a DST change is still 168 hours.
    expiresAt: iso(now.plus({ milliseconds: lifetime.toMillis() })),
    version: 0
  }))(
    validateAll({
      contact: validateClientContact(form),
      lifetime: lifetimeCheck(lifetime),
      client: noLiveRequest(now, ids, client, existing)
    })
  )

// -------------------------------------------------------------------------------------
// transitions
// -------------------------------------------------------------------------------------

const invalidLink = (): DomainError =>
  domainError('access-request.invalid-link', {
    field: 'token',
    rule: 'an approval link works once, for the request it was sent for; ask for a new request'
  })

/**
 * Answers a link: the request must still be pending (reused links fail) and
 * the token must be its own (checked first and always, in constant time, so
 * a wrong token learns nothing about the request); a right token past expiry
 * is expired.
 */
const answerable = (now: DateTime, request: AccessRequest, presented: KeyedHash): E.Either<DomainError, Pending> => {
  const matches = approvalTokenMatches(request.tokenHash, presented)
  if (!matches || (request.state !== 'pending' && request.state !== 'expired')) return E.left(invalidLink())
  const current = stateAt(now, request)
  return current.state === 'pending'
    ? E.right(current)
    : E.left(
        domainError('access-request.expired', {
          field: 'token',
          rule: 'an approval link is valid only for a limited time; the billing organisation must send a new request',
          expiredAt: request.expiresAt
        })
      )
}

/** The contact approves through the link: only a pending, unexpired request, with its own token. */
export const approve: Approve = (now, request, presentedTokenHash) =>
  E.map((pending: Pending): Approved => ({ ...pending, state: 'approved', approvedAt: iso(now), approvedBy: pending.contact.email }))(
    answerable(now, request, presentedTokenHash)
  )

/** The contact refuses through the link: as for approving, and it grants nothing. */
export const refuse: Refuse = (now, request, presentedTokenHash) =>
  E.map((pending: Pending): Refused => ({ ...pending, state: 'refused', refusedAt: iso(now) }))(answerable(now, request, presentedTokenHash))

/** Either side ends an approved access; only a party to the request, and only while it is approved. */
export const endAccess: EndAccess = (now, request, by) => {
  if (!isPartyTo(by, request))
    return E.left(domainError('access-request.not-a-party', { field: 'party', rule: 'only the billing organisation or the client contact of a request may end it' }))
  const current = stateAt(now, request)
  if (current.state !== 'approved')
    return E.left(
      domainError('access-request.not-active', { field: 'request', rule: 'only an approved access can be ended', state: current.state })
    )
  return E.right({ ...current, state: 'ended', endedAt: iso(now), endedBy: by.side })
}

// -------------------------------------------------------------------------------------
// queries
// -------------------------------------------------------------------------------------

/** May this billing organisation reach this client's data now? Only through an approved request not since ended. */
export const mayAccessClient = (
  now: DateTime,
  requests: ReadonlyArray<AccessRequest>,
  billingOrganisationId: OrganisationId,
  client: ClientProviderGroup
): boolean =>
  requests.some(
    (r) => stateAt(now, r).state === 'approved' && r.billingOrganisationId === billingOrganisationId && sameClient(r.client, client)
  )

/** The pending, unexpired requests a party sees: the organisation its own, a contact those addressed to them. */
export const pendingFor = (now: DateTime, party: Party, requests: ReadonlyArray<AccessRequest>): ReadonlyArray<PendingView> =>
  requests.flatMap((r) => {
    const current = stateAt(now, r)
    return current.state === 'pending' && isPartyTo(party, current) ? [pendingView(current)] : []
  })

const pendingView = (r: Pending): PendingView => ({
  id: r.id,
  billingOrganisationId: r.billingOrganisationId,
  client: { providerId: r.client.providerId, name: r.client.name },
  contact: r.contact,
  requestedAt: r.requestedAt,
  expiresAt: r.expiresAt
})

// -------------------------------------------------------------------------------------
// the e-mail
// -------------------------------------------------------------------------------------

/** What the access-request e-mail says, as data: a preset words it. */
export interface AccessRequestEmail {
  readonly to: EmailAddress
  readonly contactName: string
  readonly billingOrganisationName: string
  readonly client: { readonly providerId: ProviderId; readonly name: string }
  readonly approveUrl: string
  readonly refuseUrl: string
  readonly expiresAt: string
  /** The IANA zone to show times in (the plan's clock's); without it, the offset `expiresAt` carries. */
  readonly zone?: string
}

const URL_MAX = TEXT_LIMITS.line
const BASE_URL_EXPECTED = 'an https address without a query or fragment, such as https://provider.example.com/client-access'

/** Trims the slashes a base address ends with, by hand: `/\/+$/` would backtrack quadratically on a run of slashes. */
const withoutTrailingSlashes = (s: string): string => {
  let end = s.length
  while (end > 0 && s[end - 1] === '/') end--
  return s.slice(0, end)
}

const parseBaseUrl = (input: unknown, field: string): E.Either<DomainError, string> => {
  if (typeof input !== 'string') return E.left(invalid(field, BASE_URL_EXPECTED))
  if (input.length > URL_MAX) return E.left(textTooLong(field, URL_MAX, input.length))
  try {
    const url = new URL(input)
    return url.protocol === 'https:' && url.search === '' && url.hash === '' && url.username === '' && url.password === ''
      ? E.right(withoutTrailingSlashes(url.href))
      : E.left(invalid(field, BASE_URL_EXPECTED))
  } catch {
    return E.left(invalid(field, BASE_URL_EXPECTED))
  }
}

/**
 * The e-mail sent to the client contact at once (step 10): to whom, from which
 * billing organisation, for which client, and the approval and refusal links
 * (`<base>/approve?request=…&token=…`, `<base>/refuse?…`). No I/O: a mailer
 * sends it.
 */
export const accessRequestEmail = (
  request: Pending,
  billingOrganisationName: string,
  baseUrl: string,
  token: ApprovalToken
): E.Either<DomainError, AccessRequestEmail> =>
  E.map((base: string): AccessRequestEmail => {
    const link = (action: 'approve' | 'refuse'): string => {
      const url = new URL(`${base}/${action}`)
      url.searchParams.set('request', request.id)
      url.searchParams.set('token', token)
      return url.href
    }
    return {
      to: request.contact.email,
      contactName: `${request.contact.firstName} ${request.contact.lastName}`,
      billingOrganisationName,
      client: { providerId: request.client.providerId, name: request.client.name },
      approveUrl: link('approve'),
      refuseUrl: link('refuse'),
      expiresAt: request.expiresAt
    }
  })(parseBaseUrl(baseUrl, 'baseUrl'))
