/**
 * HARP's "Connect to an Organization": an organisation of one of three types
 * (Practice, Alternative Payment Model Entity, Registry), found by its Tax
 * ID; the first user to connect becomes its Security Official, proving a
 * clinician who bills under the Tax ID (PTAN and NPI); every later user
 * requests a role, which waits until a Security Official approves or rejects
 * it — never the requester themselves.
 *
 *   first user ─connectFirstUser (clinician matched)─► HarpOrganisation, the user its Security Official
 *   later user ─requestRole─► pending ─approveRoleRequest (a Security Official, not the requester)─► connected
 *                                     └─rejectRoleRequest (likewise)─► rejected
 *   disconnect: a Security Official removes anyone; a Staff User may leave; the last Security Official stays
 *
 * A Staff User reports data only; a Security Official reports data and
 * manages users. An organisation with users always has a Security Official.
 * One HARP account may connect to several organisations: each organisation
 * holds its own connection, with its own role.
 *
 * Why a roster of its own, not `membership.ts`'s: a membership is an account
 * a delegate created (with the person's contact, the portal's applications
 * and its terms accepted), one person one account in one organisation; a
 * HARP connection is a person's own HARP account joining by a request that
 * someone else decides, holding only its role and how it was granted. What
 * is the same — the manager acts, at least one manager stays — is a line
 * each; reusing `Membership` would carry HealthPartners' fields and name a
 * Security Official a delegate, against the glossary. `notAMember`, the Tax
 * ID as kept (`TaxIdOnFile`) and the registration key are shared.
 *
 * @since 0.4.0
 */
import * as E from '../kernel/either'
import { pipe } from 'fp-ts/lib/function.js'
import { DateTime } from 'luxon'
import type { AccountId } from '../accounts/account'
import { domainError, DomainError, ErrorOf, invalid } from '../kernel/errors'
import { listTooLong, readForm, TEXT_LIMITS } from '../kernel/form'
import { Npi, parseNpi } from '../kernel/npi'
import { parseTaxId, TaxId } from '../kernel/us-identifiers'
import { requireText, Validation, validateAll } from '../kernel/validation'
import type { KeyedHash } from '../ports/keyed-hasher'
import { parsePtan, Ptan } from '../kernel/us-identifiers'
import { notAMember } from './membership'
import type { OrganisationId, RegistrationKey, TaxIdOnFile } from './organisation'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** The types of organisation a HARP user connects to. */
export type HarpOrganisationType = 'practice' | 'apm-entity' | 'registry'

/** Every type, in the guide's order. */
export const HARP_ORGANISATION_TYPES: ReadonlyArray<HarpOrganisationType> = ['practice', 'apm-entity', 'registry']

/** Each type as the guide names it. */
export const HARP_ORGANISATION_TYPE_NAMES: Readonly<Record<HarpOrganisationType, string>> = {
  practice: 'Practice',
  'apm-entity': 'Alternative Payment Model (APM) Entity',
  registry: 'Registry'
}

/** A Security Official reports data and manages users; a Staff User reports data only. */
export type HarpRole = 'security-official' | 'staff-user'

/** Every role. */
export const HARP_ROLES: ReadonlyArray<HarpRole> = ['security-official', 'staff-user']

/** What a role permits in the organisation. */
export type HarpPermission = 'report-data' | 'manage-users'

/** The permissions of each role. */
export const HARP_ROLE_PERMISSIONS: Readonly<Record<HarpRole, ReadonlyArray<HarpPermission>>> = {
  'security-official': ['report-data', 'manage-users'],
  'staff-user': ['report-data']
}

/** A role request's identifier (drawn by the caller, a random UUID). */
export type RoleRequestId = string & { readonly RoleRequestId: unique symbol }

/** A clinician who bills under the organisation's Tax ID, by NPI and PTAN. */
export interface Clinician {
  readonly npi: Npi
  readonly ptan: Ptan
}

/** How a connection got its role: as the first user, by a Security Official's approval, or by the help desk. */
export type RoleGrant =
  | { readonly by: 'first-user' }
  | { readonly by: 'approval'; readonly requestId: RoleRequestId; readonly approvedBy: AccountId }
  | { readonly by: 'help-desk' }

/** One HARP account's connection to the organisation. */
export interface Connection {
  readonly accountId: AccountId
  readonly role: HarpRole
  /** When the role was granted. */
  readonly since: string
  readonly grant: RoleGrant
}

/** A request for a role, waiting for a Security Official. */
export interface PendingRoleRequest {
  readonly state: 'pending'
  readonly id: RoleRequestId
  readonly accountId: AccountId
  readonly role: HarpRole
  readonly requestedAt: string
}

/** A request a Security Official decided. */
export interface DecidedRoleRequest extends Omit<PendingRoleRequest, 'state'> {
  readonly state: 'approved' | 'rejected'
  readonly decidedBy: AccountId
  readonly decidedAt: string
}

/** A role request in any state. */
export type RoleRequest = PendingRoleRequest | DecidedRoleRequest

/** An organisation as HARP holds it: its users' connections and the requests waiting. */
export interface HarpOrganisation {
  readonly id: OrganisationId
  readonly type: HarpOrganisationType
  readonly taxId: TaxIdOnFile
  /** The clinician the first user proved the organisation with. */
  readonly clinician: Clinician
  /** Never empty: the first user is connected when the organisation is. */
  readonly connections: ReadonlyArray<Connection>
  readonly pending: ReadonlyArray<PendingRoleRequest>
  readonly registeredAt: string
  /** Optimistic-concurrency version: 0 before the first save; the store raises it. */
  readonly version: number
}

/** "Find a Practice", as typed: the organisation's type and its Tax ID. */
export interface OrganisationSearchForm {
  readonly organisationType?: unknown
  readonly taxId?: unknown
}

/** The search, validated. */
export interface OrganisationSearch {
  readonly type: HarpOrganisationType
  readonly taxId: TaxId
}

/** A validated search with its Tax ID's keyed hash, computed by the caller. */
export type HashedOrganisationSearch = OrganisationSearch & { readonly taxIdHash: KeyedHash }

/** A decision on a request: the organisation to save and the request as decided. */
export interface RoleDecision {
  readonly organisation: HarpOrganisation
  readonly request: DecidedRoleRequest
}

/** The ids the caller drew for a first connection. */
export interface FirstConnectionIds {
  readonly organisationId: OrganisationId
  readonly accountId: AccountId
}

/** How many users an organisation holds at most, and how many requests may wait (bounds on every stored row). */
export const MAX_CONNECTIONS = 1000
/** How many requests may wait at once. */
export const MAX_PENDING_REQUESTS = 100

/** Connects the first user of an organisation, who becomes its Security Official. */
export type ConnectFirstUser = (
  now: DateTime,
  existing: HarpOrganisation | null,
  ids: FirstConnectionIds,
  search: HashedOrganisationSearch,
  clinician: Clinician,
  cliniciansOnTaxId: ReadonlyArray<Clinician>
) => E.Either<DomainError, HarpOrganisation>

/** A later user asks for a role. */
export type RequestRole = (now: DateTime, organisation: HarpOrganisation, id: RoleRequestId, accountId: AccountId, role: HarpRole) => E.Either<DomainError, HarpOrganisation>

/** A Security Official decides a waiting request. */
export type DecideRoleRequest = (now: DateTime, organisation: HarpOrganisation, actor: AccountId, id: RoleRequestId) => E.Either<DomainError, RoleDecision>

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const oneOf =
  <A extends string>(values: ReadonlyArray<A>) =>
  (input: unknown, field: string): E.Either<DomainError, A> =>
    pipe(
      requireText(input, field, TEXT_LIMITS.short),
      E.chain((s) => ((values as ReadonlyArray<string>).includes(s) ? E.right(s as A) : E.left(invalid(field, values.join(', ')))))
    )

/** Parses the type of organisation (`practice`, `apm-entity`, `registry`). */
export const parseHarpOrganisationType = (input: unknown, field = 'organisationType'): E.Either<DomainError, HarpOrganisationType> =>
  oneOf(HARP_ORGANISATION_TYPES)(input, field)

/** Parses the role chosen (`security-official`, `staff-user`). */
export const parseHarpRole = (input: unknown, field = 'role'): E.Either<DomainError, HarpRole> => oneOf(HARP_ROLES)(input, field)

/**
 * Validates "Find a Practice": the organisation's type and its Tax ID,
 * collecting every error.
 *
 * @example
 * import { organizations } from 'health-portal-domain'
 * organizations.validateOrganisationSearch({ organisationType: 'practice', taxId: '41-1234567' }) // right({ type: 'practice', taxId: '411234567' })
 */
export const validateOrganisationSearch = (input: unknown): Validation<OrganisationSearch> =>
  pipe(
    readForm(input, ['organisationType', 'taxId']),
    E.chain((form) => validateAll({ type: parseHarpOrganisationType(form.organisationType), taxId: parseTaxId(form.taxId) }))
  )

/** Validates the first user's proof: a clinician's PTAN and NPI (its check digit), collecting every error. */
export const validateClinician = (input: unknown): Validation<Clinician> =>
  pipe(
    readForm(input, ['ptan', 'npi']),
    E.chain((form) => validateAll({ npi: parseNpi(form.npi, 'npi'), ptan: parsePtan(form.ptan, 'ptan') }))
  )

/** The key under which an organisation connects its first user once: its type and its Tax ID's hash. */
export const harpRegistrationKey = (search: { readonly type: HarpOrganisationType; readonly taxIdHash: KeyedHash }): RegistrationKey =>
  `harp:${search.type}:${search.taxIdHash}` as RegistrationKey

// -------------------------------------------------------------------------------------
// errors
// -------------------------------------------------------------------------------------

/** Only a Security Official manages the organisation's users. */
export const notASecurityOfficial = (field = 'actor'): ErrorOf<'organisation.not-a-security-official'> =>
  domainError('organisation.not-a-security-official', { field, rule: "only a Security Official may manage the organisation's users" })

/** The last Security Official stays while the organisation has users. */
export const lastSecurityOfficial = (): ErrorOf<'organisation.last-security-official'> =>
  domainError('organisation.last-security-official', {
    field: 'accountId',
    rule: 'an organisation with users keeps a Security Official: the last cannot leave or be removed (the help desk replaces one)'
  })

// -------------------------------------------------------------------------------------
// queries
// -------------------------------------------------------------------------------------

/** The connection of an account, if it holds one. */
export const connectionOf = (organisation: HarpOrganisation, accountId: AccountId): Connection | undefined =>
  organisation.connections.find((c) => c.accountId === accountId)

/** The organisation's Security Officials. */
export const securityOfficialsOf = (organisation: HarpOrganisation): ReadonlyArray<Connection> =>
  organisation.connections.filter((c) => c.role === 'security-official')

/** May this account do this in the organisation? (Not connected: nothing.) */
export const mayInOrganisation = (organisation: HarpOrganisation, accountId: AccountId, permission: HarpPermission): boolean => {
  const c = connectionOf(organisation, accountId)
  return c !== undefined && HARP_ROLE_PERMISSIONS[c.role].includes(permission)
}

/** An account's role in each organisation it is connected to, one entry per organisation. */
export const rolesOf = (
  organisations: ReadonlyArray<HarpOrganisation>,
  accountId: AccountId
): ReadonlyArray<{ readonly organisationId: OrganisationId; readonly type: HarpOrganisationType; readonly role: HarpRole }> =>
  organisations.flatMap((o) => {
    const c = connectionOf(o, accountId)
    return c === undefined ? [] : [{ organisationId: o.id, type: o.type, role: c.role }]
  })

/** The requests waiting, as a Security Official sees them (anyone else sees none). */
export const roleRequestsFor = (organisation: HarpOrganisation, actor: AccountId): ReadonlyArray<PendingRoleRequest> =>
  mayInOrganisation(organisation, actor, 'manage-users') ? organisation.pending : []

/** The acting account, when it is one of the organisation's Security Officials. */
export const actingSecurityOfficial = (organisation: HarpOrganisation, actor: AccountId): E.Either<DomainError, Connection> => {
  const c = connectionOf(organisation, actor)
  return c === undefined ? E.left(notAMember('actor')) : c.role === 'security-official' ? E.right(c) : E.left(notASecurityOfficial())
}

const covers = (held: HarpRole, requested: HarpRole): boolean => held === 'security-official' || held === requested

// -------------------------------------------------------------------------------------
// transitions
// -------------------------------------------------------------------------------------

/**
 * Connects the first user of an organisation: they become its Security
 * Official, once the clinician they give (PTAN and NPI) is one of those the
 * directory lists under the Tax ID (`organisation.clinician-not-matched`,
 * saying neither which nor whether the Tax ID is known). An organisation
 * that has users already is refused (`organisation.has-security-official`):
 * request a role instead.
 *
 * @example
 * import { organizations } from 'health-portal-domain'
 * import type { AccountId } from 'health-portal-domain/accounts'
 * import type { KeyedHash } from 'health-portal-domain/ports'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { DateTime } from 'luxon'
 * const search = organizations.validateOrganisationSearch({ organisationType: 'practice', taxId: '41-1234567' })
 * const clinician = organizations.validateClinician({ ptan: 'AB1234', npi: '1234567893' })
 * if (E.isRight(search) && E.isRight(clinician)) {
 *   const taxIdHash = 'ef'.repeat(32) as KeyedHash // keyedHasher.digest('tax-id', search.right.taxId)
 *   const ids = { organisationId: '11111111-1111-4111-8111-111111111111' as organizations.OrganisationId, accountId: '00000000-0000-4000-8000-000000000001' as AccountId }
 *   organizations.connectFirstUser(DateTime.utc(), null, ids, { ...search.right, taxIdHash }, clinician.right, [clinician.right]) // right: its Security Official
 * }
 */
export const connectFirstUser: ConnectFirstUser = (now, existing, ids, search, clinician, cliniciansOnTaxId) => {
  if (existing !== null)
    return E.left(
      domainError('organisation.has-security-official', { field: 'taxId', rule: 'this organisation has a Security Official already: request a role, which a Security Official approves' })
    )
  if (!cliniciansOnTaxId.some((c) => c.npi === clinician.npi && c.ptan === clinician.ptan))
    return E.left(domainError('organisation.clinician-not-matched', { field: 'clinician', rule: "the PTAN and NPI must be those of one clinician who bills under the organisation's Tax ID" }))
  const at = now.toISO()
  if (at === null) return E.left(domainError('date.not-a-date', { field: 'now', rule: 'now must be a valid instant' }))
  return E.right({
    id: ids.organisationId,
    type: search.type,
    taxId: { hash: search.taxIdHash, last4: search.taxId.slice(-4) },
    clinician,
    connections: [{ accountId: ids.accountId, role: 'security-official', since: at, grant: { by: 'first-user' } }],
    pending: [],
    registeredAt: at,
    version: 0
  })
}

/**
 * A later user requests a role (a Staff User may request to become a
 * Security Official). Refused when the role held already covers it
 * (`role-request.role-held`; a Security Official reports data too), or a
 * request of theirs is waiting (`role-request.already-pending`).
 */
export const requestRole: RequestRole = (now, organisation, id, accountId, role) => {
  const held = connectionOf(organisation, accountId)
  if (held !== undefined && covers(held.role, role))
    return E.left(domainError('role-request.role-held', { field: 'role', rule: `the account is connected as ${held.role} already, which includes ${role}`, role: held.role }))
  const waiting = organisation.pending.find((r) => r.accountId === accountId)
  if (waiting !== undefined)
    return E.left(domainError('role-request.already-pending', { field: 'role', rule: 'a request of this account is waiting for a Security Official already', role: waiting.role }))
  if (organisation.pending.some((r) => r.id === id)) return E.left(domainError('list.duplicate', { field: 'requestId', rule: 'requestId must be new', value: id }))
  if (organisation.pending.length >= MAX_PENDING_REQUESTS) return E.left(listTooLong('pending', MAX_PENDING_REQUESTS, organisation.pending.length + 1, 'waiting requests'))
  const request: PendingRoleRequest = { state: 'pending', id, accountId, role, requestedAt: now.toISO() as string }
  return E.right({ ...organisation, pending: [...organisation.pending, request] })
}

/** The waiting request and its decider: someone other than the requester, a Security Official. */
const decidable = (organisation: HarpOrganisation, actor: AccountId, id: RoleRequestId): E.Either<DomainError, PendingRoleRequest> => {
  const request = organisation.pending.find((r) => r.id === id)
  if (request === undefined) return E.left(domainError('role-request.not-found', { field: 'requestId', rule: 'requestId must be a request waiting in the organisation' }))
  if (request.accountId === actor) return E.left(domainError('role-request.own-request', { field: 'actor', rule: 'nobody decides their own request: another Security Official must' }))
  return pipe(actingSecurityOfficial(organisation, actor), E.map(() => request))
}

const decided = (now: DateTime, request: PendingRoleRequest, actor: AccountId, state: 'approved' | 'rejected'): DecidedRoleRequest => ({
  ...request,
  state,
  decidedBy: actor,
  decidedAt: now.toISO() as string
})

/**
 * A Security Official approves a waiting request, not their own
 * (`role-request.own-request`): the requester is connected with the role
 * (a Staff User's connection becomes a Security Official's).
 */
export const approveRoleRequest: DecideRoleRequest = (now, organisation, actor, id) =>
  pipe(
    decidable(organisation, actor, id),
    E.chain((request): E.Either<DomainError, RoleDecision> => {
      const held = connectionOf(organisation, request.accountId)
      if (held === undefined && organisation.connections.length >= MAX_CONNECTIONS)
        return E.left(listTooLong('connections', MAX_CONNECTIONS, organisation.connections.length + 1, 'users'))
      const done = decided(now, request, actor, 'approved')
      const connection: Connection = { accountId: request.accountId, role: request.role, since: done.decidedAt, grant: { by: 'approval', requestId: id, approvedBy: actor } }
      const connections = held === undefined ? [...organisation.connections, connection] : organisation.connections.map((c) => (c === held ? connection : c))
      return E.right({ organisation: { ...organisation, connections, pending: organisation.pending.filter((r) => r.id !== id) }, request: done })
    })
  )

/** A Security Official rejects a waiting request, not their own: nothing is granted. */
export const rejectRoleRequest: DecideRoleRequest = (now, organisation, actor, id) =>
  pipe(
    decidable(organisation, actor, id),
    E.map((request) => ({ organisation: { ...organisation, pending: organisation.pending.filter((r) => r.id !== id) }, request: decided(now, request, actor, 'rejected') }))
  )

/**
 * Ends a user's connection: a Security Official removes anyone (themselves
 * included); a Staff User may only leave. The last Security Official stays
 * (`organisation.last-security-official`): the help desk replaces one. A
 * request the user had waiting goes with them.
 */
export const disconnect = (organisation: HarpOrganisation, actor: AccountId, target: AccountId): E.Either<DomainError, HarpOrganisation> => {
  const leaving = connectionOf(organisation, target)
  if (leaving === undefined) return E.left(notAMember('accountId'))
  if (actor !== target) {
    const acting = actingSecurityOfficial(organisation, actor)
    if (E.isLeft(acting)) return acting
  }
  if (leaving.role === 'security-official' && securityOfficialsOf(organisation).length <= 1) return E.left(lastSecurityOfficial())
  return E.right({
    ...organisation,
    connections: organisation.connections.filter((c) => c.accountId !== target),
    pending: organisation.pending.filter((r) => r.accountId !== target)
  })
}
