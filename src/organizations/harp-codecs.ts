/**
 * Codecs of HARP's stored documents: an organisation with its users'
 * connections and the role requests waiting, and a Security Official
 * replacement request as the QPP Help Desk's queue keeps it. Every branded
 * field is re-parsed with the library's own parser and must already be in
 * its canonical form; the rules the transitions keep are checked again (an
 * organisation with users has a Security Official, no account twice, a
 * pending request's account not holding the role it asks for).
 *
 * @since 0.4.0
 */
import * as t from 'io-ts'
import { DateTime } from 'luxon'
import { parseEmailAddress, EmailAddress } from '../kernel/email'
import { parseNpi, Npi } from '../kernel/npi'
import type { DateOfBirth } from '../kernel/person'
import { AddressLine, parseAddressLine, parseStateCode, PostalAddress, StateCode } from '../kernel/postal-address'
import { parsePtan, parseZipCode, Ptan, SsnOnFile, ZipCode } from '../kernel/us-identifiers'
import { organisationCodecKit as kit } from './codecs'
import { HARP_ORGANISATION_TYPES, HARP_ROLES, HarpOrganisation, MAX_CONNECTIONS, MAX_PENDING_REQUESTS } from './role-requests'
import type { Connection, HarpOrganisationType, HarpRole, PendingRoleRequest, RoleGrant, RoleRequestId } from './role-requests'
import { MAX_PRACTITIONERS } from './help-desk-request'
import type { QueuedSecurityOfficialRequest } from '../ports/harp-organisations'

// -------------------------------------------------------------------------------------
// leaves
// -------------------------------------------------------------------------------------

const Uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const RoleRequestIdCodec = kit.matching<RoleRequestId>('RoleRequestId', Uuid, 36, 'a UUID in lower case')
const TypeCodec = kit.literals<HarpOrganisationType>('HarpOrganisationType', HARP_ORGANISATION_TYPES)
const RoleCodec = kit.literals<HarpRole>('HarpRole', HARP_ROLES)
const NpiCodec = kit.canonical<Npi>('npi', parseNpi)
const PtanCodec = kit.canonical<Ptan>('ptan', parsePtan)
const EmailCodec = kit.canonical<EmailAddress>('email', parseEmailAddress)
const LineCodec = kit.canonical<AddressLine>('line', parseAddressLine)
const StateCodec = kit.canonical<StateCode>('state', parseStateCode)
const ZipCodec = kit.canonical<ZipCode>('zipCode', parseZipCode)
const Reference = kit.matching<string>('Reference', /^QPP-\d{6,18}$/, 22, 'QPP- and six digits or more')
const DateOfBirthCodec = kit.refined(
  kit.matching<DateOfBirth>('DateOfBirth', /^\d{4}-\d{2}-\d{2}$/, 10, 'a date YYYY-MM-DD'),
  'DateOfBirth',
  (d) => (DateTime.fromISO(d, { zone: 'utc' }).isValid ? undefined : 'must be a real calendar date')
)
const Last4Masked = kit.matching<string>('SsnLast4Masked', /^\*\*\*-\*\*-\d{4}$/, 11, 'the SSN masked but its last four digits (***-**-1234)')

const Grant: t.Type<RoleGrant, unknown, unknown> = t.union([
  t.strict({ by: t.literal('first-user') }),
  t.strict({ by: t.literal('approval'), requestId: RoleRequestIdCodec, approvedBy: kit.AccountId }),
  t.strict({ by: t.literal('help-desk') })
]) as unknown as t.Type<RoleGrant, unknown, unknown>

const ConnectionCodec = t.strict({ accountId: kit.AccountId, role: RoleCodec, since: kit.Instant, grant: Grant }) as unknown as t.Type<Connection, unknown, unknown>

const PendingCodec = t.strict({
  state: t.literal('pending'),
  id: RoleRequestIdCodec,
  accountId: kit.AccountId,
  role: RoleCodec,
  requestedAt: kit.Instant
}) as unknown as t.Type<PendingRoleRequest, unknown, unknown>

const Version = kit.refined(t.number, 'version', (n) => (Number.isSafeInteger(n) && n >= 0 ? undefined : 'version must be a whole number, 0 or more'))

const unique = <A>(values: ReadonlyArray<A>): boolean => new Set(values).size === values.length

const rosterRule = (o: HarpOrganisation): string | undefined => {
  if (!o.connections.some((c) => c.role === 'security-official')) return 'an organisation with users must have a Security Official'
  if (!unique(o.connections.map((c) => c.accountId))) return 'no account may be connected twice'
  if (!unique(o.pending.map((r) => r.id))) return 'no request may wait twice'
  if (!unique(o.pending.map((r) => r.accountId))) return 'an account has at most one request waiting'
  const held = o.pending.find((r) => o.connections.some((c) => c.accountId === r.accountId && (c.role === 'security-official' || c.role === r.role)))
  return held === undefined ? undefined : 'a request waits only for a role its account does not hold'
}

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/** io-ts codec for a stored HARP organisation. */
export const HarpOrganisationCodec: t.Type<HarpOrganisation, unknown, unknown> = kit.readable(
  kit.refined(
    t.strict({
      id: kit.OrganisationId,
      type: TypeCodec,
      taxId: t.strict({ hash: kit.KeyedHash, last4: kit.TaxIdLast4 }),
      clinician: t.strict({ npi: NpiCodec, ptan: PtanCodec }),
      connections: kit.boundedArray(ConnectionCodec, MAX_CONNECTIONS, 'connections'),
      pending: kit.boundedArray(PendingCodec, MAX_PENDING_REQUESTS, 'pending'),
      registeredAt: kit.Instant,
      version: Version
    }) as unknown as t.Type<HarpOrganisation, unknown, unknown>,
    'HarpOrganisation',
    rosterRule
  )
)

const AddressCodec = t.strict({ line1: LineCodec, line2: t.union([LineCodec, t.null]), city: LineCodec, state: StateCodec, zipCode: ZipCodec }) as unknown as t.Type<
  PostalAddress,
  unknown,
  unknown
>

const SsnOnFileCodec = t.strict({ last4Masked: Last4Masked, hash: kit.KeyedHash }) as unknown as t.Type<SsnOnFile, unknown, unknown>

const PractitionerCodec = t.strict({
  firstName: kit.PersonName,
  lastName: kit.PersonName,
  legalBusinessName: kit.OrganisationName,
  billingTin: t.strict({ hash: kit.KeyedHash, last4: kit.TaxIdLast4 }),
  renderingNpi: NpiCodec,
  individualPtan: PtanCodec,
  address: AddressCodec,
  phone: kit.Phone
})

/** io-ts codec for a Security Official replacement request as the help desk's queue keeps it. */
export const SecurityOfficialRequestCodec: t.Type<QueuedSecurityOfficialRequest, unknown, unknown> = kit.readable(
  kit.refined(
    t.strict({
      reference: Reference,
      requester: kit.AccountId,
      yourInformation: t.strict({
        firstName: kit.PersonName,
        lastName: kit.PersonName,
        email: EmailCodec,
        ssn: SsnOnFileCodec,
        dateOfBirth: DateOfBirthCodec,
        homeAddress: AddressCodec,
        primaryPhone: kit.Phone
      }),
      businessContact: t.strict({ companyName: kit.OrganisationName, address: AddressCodec, companyPhone: kit.Phone, officePhone: kit.Phone }),
      professionalInformation: t.strict({ practitioners: kit.boundedArray(PractitionerCodec, MAX_PRACTITIONERS, 'practitioners') }),
      requestedAt: kit.Instant
    }) as unknown as t.Type<QueuedSecurityOfficialRequest, unknown, unknown>,
    'SecurityOfficialRequest',
    (r) => (r.professionalInformation.practitioners.length === 0 ? 'a request names at least one practitioner' : undefined)
  )
)
