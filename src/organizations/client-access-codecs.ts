/**
 * Codecs of client access requests: a stored row decoded back into one of the
 * request's states, never trusted. Every branded field is re-parsed and must
 * already be in its canonical form; a row carries exactly its state's fields
 * (an unknown field is refused, not dropped); the order of its instants is
 * checked again (requested before it expires, approved before expiry and not
 * before the request, ended not before the approval).
 *
 * @since 0.3.0
 */
import * as E from '../kernel/either'
import { pipe } from 'fp-ts/lib/function.js'
import * as t from 'io-ts'
import { DateTime } from 'luxon'
import { emailKey, parseEmailAddress } from '../kernel/email'
import { DomainError, invalidRow } from '../kernel/errors'
import { IdentifierFormat, ProviderId, providerIdParser } from '../kernel/identifiers'
import { parsePersonName } from '../kernel/person'
import { KeyedHash } from '../ports/keyed-hasher'
import { AccessRequest, ACCESS_REQUEST_STATES, AccessRequestId } from './client-access'
import type { OrganisationId } from './organisation'

// -------------------------------------------------------------------------------------
// leaves
// -------------------------------------------------------------------------------------

/** Text that passes `test`, as a branded type; `expected` says what it must be. */
const refined = <A>(name: string, test: (s: string) => boolean, expected: string): t.Type<A, string, unknown> =>
  new t.Type<A, string, unknown>(
    name,
    (u): u is A => typeof u === 'string' && test(u),
    (u, c) => (typeof u === 'string' && test(u) ? t.success(u as A) : t.failure(u, c, `must be ${expected}`)),
    (a) => a as unknown as string
  )

/** Accepts only text a library parser leaves unchanged: its canonical form. */
const canonical = <A extends string>(name: string, parse: (input: unknown, field: string) => E.Either<DomainError, A>): t.Type<A, string, unknown> =>
  refined<A>(name, (s) => pipe(parse(s, name), E.exists((a) => a === s)), `${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name} in canonical form`)

const isInstant = (s: string): boolean => s.length <= 64 && s.includes('T') && DateTime.fromISO(s, { setZone: true }).isValid
const Instant = refined<string>('Instant', isInstant, 'an ISO 8601 date and time')

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
/** A keyed hash as the HMAC adapters write it: lower-case hex of 32 to 64 bytes. */
const HEX_HASH = /^(?:[0-9a-f]{2}){32,64}$/
const ORGANISATION_ID = /^[A-Za-z0-9._:-]{1,128}$/
/** The shape every plan's Provider ID format normalises to. */
const ANY_IDENTIFIER: IdentifierFormat = { pattern: /^[A-Z0-9]{1,64}$/, description: '1 to 64 upper-case letters or digits' }

const RequestIdCodec = refined<AccessRequestId>('AccessRequestId', (s) => UUID.test(s), 'a lower-case UUID')
const OrganisationIdCodec = refined<OrganisationId>('OrganisationId', (s) => ORGANISATION_ID.test(s), 'an organisation id')
const KeyedHashCodec = refined<KeyedHash>('KeyedHash', (s) => HEX_HASH.test(s), 'a keyed hash in lower-case hex')
const ClientName = refined<string>('ClientName', (s) => s !== '' && s.length <= 256 && s === s.trim(), 'a name, not blank, without blanks around it')
const Version = new t.Type<number, number, unknown>(
  'Version',
  (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= 0,
  (u, c) => (typeof u === 'number' && Number.isSafeInteger(u) && u >= 0 ? t.success(u) : t.failure(u, c, 'must be a whole number of at least 0')),
  (a) => a
)

/** One state's codec, seen as a codec of any request (the state's literal keeps them apart). */
const member = <P extends t.Props>(name: string, props: P): t.Type<AccessRequest, unknown, unknown> =>
  strict(name, props) as unknown as t.Type<AccessRequest, unknown, unknown>

/** An object codec that refuses any field it does not name (io-ts `exact` would silently drop it). */
const strict = <P extends t.Props>(name: string, props: P): t.Type<t.TypeOf<t.TypeC<P>>, t.OutputOf<t.TypeC<P>>, unknown> => {
  const inner = t.exact(t.type(props))
  const names = new Set(Object.keys(props))
  return new t.Type(
    name,
    (u): u is t.TypeOf<t.TypeC<P>> => inner.is(u) && Object.keys(u as object).every((k) => names.has(k)),
    (u, c) => {
      if (typeof u === 'object' && u !== null && !Array.isArray(u)) {
        const extra = Object.keys(u).find((k) => !names.has(k))
        if (extra !== undefined) return t.failure(u, c, `has a field ${JSON.stringify(extra.slice(0, 64))} no ${name} has`)
      }
      return inner.validate(u, c)
    },
    (a) => inner.encode(a)
  )
}

// -------------------------------------------------------------------------------------
// the request
// -------------------------------------------------------------------------------------

/** What the codecs check a stored request against: the plan's Provider ID format, when known. */
export interface AccessRequestFormats {
  readonly providerId?: IdentifierFormat
}

const buildCodecs = (formats: AccessRequestFormats) => {
  const Email = canonical('email', parseEmailAddress)
  const Client = strict('ClientProviderGroup', {
    taxIdHash: KeyedHashCodec,
    providerId: canonical<ProviderId>('providerId', (u, f) => providerIdParser(formats.providerId ?? ANY_IDENTIFIER)(u, f)),
    name: ClientName
  })
  const Contact = strict('ClientContact', {
    firstName: canonical('firstName', parsePersonName),
    lastName: canonical('lastName', parsePersonName),
    email: Email
  })
  const base = {
    id: RequestIdCodec,
    billingOrganisationId: OrganisationIdCodec,
    client: Client,
    contact: Contact,
    tokenHash: KeyedHashCodec,
    requestedAt: Instant,
    expiresAt: Instant,
    version: Version
  }
  const approval = { approvedAt: Instant, approvedBy: Email }
  const members: { readonly [S in AccessRequest['state']]: t.Type<AccessRequest, unknown, unknown> } = {
    pending: member('Pending', { ...base, state: t.literal('pending') }),
    approved: member('Approved', { ...base, ...approval, state: t.literal('approved') }),
    refused: member('Refused', { ...base, refusedAt: Instant, state: t.literal('refused') }),
    expired: member('Expired', { ...base, state: t.literal('expired') }),
    ended: member('Ended', {
      ...base,
      ...approval,
      endedAt: Instant,
      endedBy: t.keyof({ 'billing-organisation': null, client: null }),
      state: t.literal('ended')
    })
  }
  return members
}

/** The member codec of the row's state: read first, so the errors are those of the state the row claims. */
const memberOf = (members: ReturnType<typeof buildCodecs>, u: unknown): t.Type<AccessRequest, unknown, unknown> | undefined => {
  if (typeof u !== 'object' || u === null) return undefined
  const d = Object.getOwnPropertyDescriptor(u, 'state')
  const state: unknown = d !== undefined && 'value' in d ? d.value : undefined
  return typeof state === 'string' && Object.prototype.hasOwnProperty.call(members, state) ? members[state as AccessRequest['state']] : undefined
}

const ms = (s: string): number => DateTime.fromISO(s, { setZone: true }).toMillis()

/** The order of a request's instants, which every transition keeps; the first broken rule, if any. */
const brokenInvariant = (r: AccessRequest): string | undefined => {
  if (!(ms(r.requestedAt) < ms(r.expiresAt))) return 'expiresAt must be after requestedAt'
  if (r.state === 'approved' || r.state === 'ended') {
    if (!(ms(r.requestedAt) <= ms(r.approvedAt) && ms(r.approvedAt) < ms(r.expiresAt)))
      return 'approvedAt must be at or after requestedAt and before expiresAt'
    if (emailKey(r.approvedBy) !== emailKey(r.contact.email)) return 'approvedBy must be the client contact'
  }
  if (r.state === 'ended' && !(ms(r.approvedAt) <= ms(r.endedAt))) return 'endedAt must be at or after approvedAt'
  if (r.state === 'refused' && !(ms(r.requestedAt) <= ms(r.refusedAt) && ms(r.refusedAt) < ms(r.expiresAt)))
    return 'refusedAt must be at or after requestedAt and before expiresAt'
  return undefined
}

/**
 * The codec of a stored access request for a plan's formats: the state's
 * shape, then the order of its instants.
 */
export const accessRequestCodec = (formats: AccessRequestFormats = {}): t.Type<AccessRequest, unknown, unknown> => {
  const members = buildCodecs(formats)
  const stateExpected = `must be a row with a state of ${ACCESS_REQUEST_STATES.join(', ')}`
  return new t.Type<AccessRequest, unknown, unknown>(
    'AccessRequest',
    (u): u is AccessRequest => {
      const member = memberOf(members, u)
      return member !== undefined && member.is(u) && brokenInvariant(u) === undefined
    },
    (u, c) => {
      const member = memberOf(members, u)
      if (member === undefined) return t.failure(u, c, stateExpected)
      return pipe(
        member.validate(u, c),
        E.chain((r) => {
          const broken = brokenInvariant(r)
          return broken === undefined ? t.success(r) : t.failure(u, c, broken)
        })
      )
    },
    (a) => members[a.state].encode(a)
  )
}

/** The codec with generic formats: what a store uses, not knowing the plan. */
export const AccessRequestCodec: t.Type<AccessRequest, unknown, unknown> = accessRequestCodec()

/** The table (or collection) name errors of stored requests cite. */
export const ACCESS_REQUEST_TABLE = 'client_access_requests'

/**
 * Decodes a stored request; on failure a `storage.invalid-row` says where and
 * why (the first error), e.g. `contact.email: must be an email in canonical form`.
 */
export const decodeAccessRequest =
  (codec: t.Type<AccessRequest, unknown, unknown> = AccessRequestCodec) =>
  (u: unknown): E.Either<DomainError, AccessRequest> => {
    let decoded: t.Validation<AccessRequest>
    try {
      decoded = codec.decode(u)
    } catch {
      // A getter or Proxy trap in a row that threw while being read.
      return E.left(invalidRow(ACCESS_REQUEST_TABLE, 'the row could not be read'))
    }
    return pipe(
      decoded,
      E.mapLeft((errors) => {
        const first = errors[0]
        if (first === undefined) return invalidRow(ACCESS_REQUEST_TABLE, 'does not decode')
        const path = first.context
          .map((c) => c.key)
          .filter((k) => k !== '' && !/^\d+$/.test(k))
          .join('.')
        const why = first.message ?? `must be ${first.context[first.context.length - 1]?.type.name ?? 'valid'}`
        return invalidRow(ACCESS_REQUEST_TABLE, path === '' ? why : `${path}: ${why}`)
      })
    )
  }

/** An object codec that refuses any field it does not name, for other stored documents (the registration flows). */
export const closedObject = strict
