/**
 * HARP's "Manage Access" → "Connect to an Organization", as workflows over
 * the ports, each acting for a signed-in person by account id: the account
 * must be an individual's HARP account whose identity is proofed.
 *
 *   findOrganisation  type + Tax ID → the organisation as CMS knows it, and where the person stands
 *   connect           (confirmed) the first user becomes Security Official, proving a clinician;
 *                     a later user requests Staff User or Security Official, which waits
 *   pendingRequests / approve / reject / removeUser   a Security Official's ("manage users")
 *   connections / permissions                         what a person holds, organisation by organisation
 *
 * A concurrent first connection that loses the race (another first user's
 * organisation was stored first) is refused with
 * `organisation.has-security-official`: the person is told to request a role,
 * and nothing of theirs is written.
 *
 * @since 0.4.0
 */
import * as E from '../../kernel/either'
import * as O from 'fp-ts/lib/Option.js'
import * as RTE from 'fp-ts/lib/ReaderTaskEither.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { DateTime } from 'luxon'
import { domainError, DomainError, ErrorOf } from '../../kernel/errors'
import { boundText, isBlank, readForm, TEXT_LIMITS } from '../../kernel/form'
import * as NEA from 'fp-ts/lib/NonEmptyArray.js'
import { requireText, validateAll } from '../../kernel/validation'
import { Account, AccountId, identityProofed } from '../../accounts/account'
import type { AccountsEnv, Errors } from '../../accounts/policies'
import { fromEither, fromPort, fromValidation } from '../../accounts/workflow-kit'
import type { PracticeRecord } from '../../ports/harp-organisations'
import { notAMember } from '../membership'
import type { OrganisationId } from '../organisation'
import {
  actingSecurityOfficial,
  approveRoleRequest,
  connectFirstUser,
  connectionOf,
  disconnect,
  HARP_ORGANISATION_TYPE_NAMES,
  HARP_ORGANISATION_TYPES,
  HARP_ROLE_PERMISSIONS,
  HarpOrganisation,
  HarpOrganisationType,
  HarpPermission,
  HarpRole,
  harpRegistrationKey,
  HashedOrganisationSearch,
  parseHarpRole,
  rejectRoleRequest,
  requestRole as requestRoleIn,
  RoleRequestId,
  validateClinician,
  validateOrganisationSearch
} from '../role-requests'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** What a preset decides for HARP's organisations. */
export interface HarpOrganisationPolicies {
  /** The QPP Help Desk, shown with every help-desk request. */
  readonly helpDesk: { readonly phone: string; readonly tty: string }
  /** At most this many organisations are listed for one person. */
  readonly maxConnectionsListed: number
}

/** The environment of HARP's organisation workflows. */
export type HarpAccessEnv = AccountsEnv & { readonly harpOrganisationPolicies: HarpOrganisationPolicies }

/** A HARP organisation workflow. */
export type HarpWorkflow<A> = RTE.ReaderTaskEither<HarpAccessEnv, Errors, A>

type W<A> = HarpWorkflow<A>

/** The signed-in person a call acts for. */
export interface ActingPerson {
  readonly accountId: unknown
}

/** "Find a Practice": the organisation's type and Tax ID. */
export interface FindOrganisationForm {
  readonly organisationType?: unknown
  readonly taxId?: unknown
}

/** "Connect", once confirmed: the first user's clinician (PTAN, NPI), or the role a later user requests. */
export interface ConnectForm extends FindOrganisationForm {
  /** `true` once the person confirmed the organisation found is theirs. */
  readonly confirmed?: unknown
  readonly npi?: unknown
  readonly ptan?: unknown
  readonly role?: unknown
}

/** The organisation found, as CMS knows it, and where the person stands with it. */
export interface OrganisationFound {
  readonly type: HarpOrganisationType
  readonly typeName: string
  readonly legalBusinessName: string
  readonly taxIdLast4: string
  /** No one is connected yet: connecting makes the person its Security Official. */
  readonly firstUser: boolean
  readonly connection: { readonly role: HarpRole; readonly permissions: ReadonlyArray<HarpPermission> } | null
  readonly pending: { readonly role: HarpRole; readonly requestedAt: string } | null
}

/** What connecting gave: the role (first user), or the request now waiting. */
export type ConnectOutcome =
  | { readonly outcome: 'connected'; readonly organisationId: OrganisationId; readonly role: 'security-official'; readonly permissions: ReadonlyArray<HarpPermission> }
  | { readonly outcome: 'requested'; readonly organisationId: OrganisationId; readonly role: HarpRole; readonly requestId: RoleRequestId }

/** A waiting request as a Security Official sees it. */
export interface RoleRequestView {
  readonly requestId: RoleRequestId
  readonly accountId: AccountId
  readonly firstName: string
  readonly lastName: string
  readonly role: HarpRole
  readonly requestedAt: string
}

/** A request as decided. */
export interface RoleDecisionView {
  readonly requestId: RoleRequestId
  readonly accountId: AccountId
  readonly role: HarpRole
  readonly state: 'approved' | 'rejected'
  readonly decidedAt: string
}

/** One of a person's organisations: their role there (or the one they asked for) and what it permits. */
export interface ConnectionView {
  readonly organisationId: OrganisationId
  readonly type: HarpOrganisationType
  readonly typeName: string
  readonly legalBusinessName: string | null
  readonly taxIdLast4: string
  readonly role: HarpRole | null
  readonly permissions: ReadonlyArray<HarpPermission>
  readonly pendingRole: HarpRole | null
}

/** What a person may do in one organisation. */
export interface PermissionsView {
  readonly organisationId: OrganisationId
  readonly role: HarpRole
  readonly permissions: ReadonlyArray<HarpPermission>
  readonly mayReportData: boolean
  readonly mayManageUsers: boolean
}

// -------------------------------------------------------------------------------------
// errors
// -------------------------------------------------------------------------------------

const signInFirst = (): ErrorOf<'account.not-found'> => domainError('account.not-found', { field: 'accountId', rule: 'sign in first' })

/** Only a person's own HARP account connects to organisations. */
export const notAnIndividual = (): ErrorOf<'harp-access.not-an-individual'> =>
  domainError('harp-access.not-an-individual', { field: 'accountId', rule: "only a person's own HARP account connects to organisations" })

/** Identity proofing comes first. */
export const identityNotProofed = (): ErrorOf<'harp-access.identity-not-proofed'> =>
  domainError('harp-access.identity-not-proofed', { field: 'accountId', rule: 'complete identity proofing before connecting to an organisation' })

/** CMS's records list no organisation of that type under the Tax ID. */
export const organisationNotFound = (): ErrorOf<'harp-access.organisation-not-found'> =>
  domainError('harp-access.organisation-not-found', { field: 'taxId', rule: "taxId must be the Tax ID of an organisation of that type on CMS's records" })

/** The organisation has its first user (and Security Official) already: request a role. */
const hasSecurityOfficial = (): ErrorOf<'organisation.has-security-official'> =>
  domainError('organisation.has-security-official', { field: 'role', rule: 'this organisation has a Security Official already: request a role, which a Security Official approves' })

const notConfirmed = (): ErrorOf<'harp-access.not-confirmed'> =>
  domainError('harp-access.not-confirmed', { field: 'confirmed', rule: 'confirm that the organisation found is yours before connecting' })

// -------------------------------------------------------------------------------------
// shared pieces
// -------------------------------------------------------------------------------------

const clockNow: W<DateTime> = RTE.asks((env: HarpAccessEnv) => env.clock.now())

const port = <A>(f: (env: HarpAccessEnv) => TE.TaskEither<DomainError, A>): W<A> => fromPort<A, HarpAccessEnv>(f)
const lift = <A>(e: E.Either<DomainError, A>): W<A> => fromEither<A, HarpAccessEnv>(e)

/**
 * The acting person: an individual's account (HARP's own), found by id,
 * whose identity is proofed. Anything else as `acting` is refused, typed.
 */
export const loadPerson = (acting: ActingPerson): W<Account> =>
  pipe(
    fromValidation<{ readonly accountId: unknown }, HarpAccessEnv>(readForm(acting, ['accountId'], 'acting')),
    RTE.chainW(({ accountId }) => lift(boundText(accountId, 'accountId', TEXT_LIMITS.short))),
    RTE.chainW((accountId) =>
      typeof accountId === 'string' && accountId !== '' ? port((env) => env.accounts.findById(accountId as AccountId)) : RTE.right<HarpAccessEnv, Errors, O.Option<Account>>(O.none)
    ),
    RTE.chainW((found) => lift(O.isSome(found) ? E.right(found.value) : E.left(signInFirst()))),
    RTE.chainW((account) =>
      lift(account.relationship.kind !== 'individual' ? E.left(notAnIndividual()) : identityProofed(account) ? E.right(account) : E.left(identityNotProofed()))
    )
  )

/** The organisation types and roles as the guide names them, for what a refusal expects. */
const TYPES_EXPECTED = 'Practice, Alternative Payment Model (APM) Entity or Registry'
const ROLES_EXPECTED = 'Staff User or Security Official'

/** The role chosen; anything else is refused naming the two role types. */
const parseRole = (input: unknown): E.Either<DomainError, HarpRole> =>
  pipe(
    parseHarpRole(input, 'role'),
    E.mapLeft((e) => (e.code === 'field.invalid' ? domainError('field.invalid', { field: 'role', rule: `role must be ${ROLES_EXPECTED}`, expected: ROLES_EXPECTED }) : e))
  )

/** The search validated (an unknown organisation type refused naming the three), with its Tax ID's keyed hash. */
const hashedSearch = (form: unknown): W<HashedOrganisationSearch> =>
  pipe(
    fromValidation<ReturnType<typeof validateOrganisationSearch> extends E.Either<unknown, infer A> ? A : never, HarpAccessEnv>(
      pipe(
        validateOrganisationSearch(form),
        E.mapLeft((errors) =>
          NEA.map((e: DomainError) =>
            e.code === 'field.invalid' && e.field === 'organisationType'
              ? domainError('field.invalid', { field: 'organisationType', rule: `organisationType must be ${TYPES_EXPECTED}`, expected: TYPES_EXPECTED })
              : e
          )(errors)
        )
      )
    ),
    RTE.chainW((search) => RTE.asks((env: HarpAccessEnv) => ({ ...search, taxIdHash: env.keyedHasher.digest('tax-id', search.taxId) })))
  )

/** CMS's record of the organisation searched for. */
const recordOf = (search: HashedOrganisationSearch): W<PracticeRecord> =>
  pipe(
    port((env) => env.practices.findByTaxId(search.taxIdHash)),
    RTE.chainW((records) => {
      const record = records.find((r) => r.type === search.type)
      return lift(record === undefined ? E.left(organisationNotFound()) : E.right(record))
    })
  )

const existingOf = (search: HashedOrganisationSearch): W<HarpOrganisation | null> =>
  pipe(
    port((env) => env.harpOrganisations.findByRegistrationKey(harpRegistrationKey(search))),
    RTE.map(O.toNullable)
  )

/** An organisation by the id a caller gave; one unknown (or malformed) is "not a member" (it says nothing of what exists). */
const organisationById = (form: unknown): W<HarpOrganisation> =>
  pipe(
    fromValidation<{ readonly organisationId: unknown }, HarpAccessEnv>(readForm(form, ['organisationId'])),
    RTE.chainW(({ organisationId }) => lift(requireText(organisationId, 'organisationId', TEXT_LIMITS.short))),
    RTE.chainW((id) => port((env) => env.harpOrganisations.findById(id as OrganisationId))),
    RTE.chainW((found) => lift(O.isSome(found) ? E.right(found.value) : E.left(notAMember('organisationId'))))
  )

const save = (organisation: HarpOrganisation): W<HarpOrganisation> =>
  port((env) => (organisation.version === 0 ? env.harpOrganisations.insert(organisation) : env.harpOrganisations.update(organisation)))

const permissionsOf = (role: HarpRole): ReadonlyArray<HarpPermission> => HARP_ROLE_PERMISSIONS[role]

// -------------------------------------------------------------------------------------
// workflows
// -------------------------------------------------------------------------------------

/** The role types as the guide names them. */
export const HARP_ROLE_NAMES: Readonly<Record<HarpRole, string>> = { 'staff-user': 'Staff User', 'security-official': 'Security Official' }

/** "Connect to an Organization", as opened: the organisation types to select from and the two role types, each with what it permits. */
export interface ConnectPage {
  readonly organisationTypes: ReadonlyArray<{ readonly type: HarpOrganisationType; readonly name: string }>
  readonly roles: ReadonlyArray<{ readonly role: HarpRole; readonly name: string; readonly permissions: ReadonlyArray<HarpPermission> }>
}

/** "Manage Access" → "Connect to an Organization": for a signed-in person whose identity is proofed, what they select from. */
export const connectPage = (acting: ActingPerson): W<ConnectPage> =>
  pipe(
    loadPerson(acting),
    RTE.map(() => ({
      organisationTypes: HARP_ORGANISATION_TYPES.map((type) => ({ type, name: HARP_ORGANISATION_TYPE_NAMES[type] })),
      roles: (['staff-user', 'security-official'] as const).map((role) => ({ role, name: HARP_ROLE_NAMES[role], permissions: permissionsOf(role) }))
    }))
  )

/**
 * "Find a Practice" (and an APM Entity or a Registry): the organisation's
 * type and Tax ID. Answers the organisation as CMS's records name it, whether
 * the person would be its first user, and whether they are connected already
 * or have a request waiting. A Tax ID CMS lists no such organisation under is
 * `harp-access.organisation-not-found`.
 */
export const findOrganisation = (acting: ActingPerson, form: FindOrganisationForm): W<OrganisationFound> =>
  pipe(
    RTE.Do,
    RTE.bindW('account', () => loadPerson(acting)),
    RTE.bindW('search', () => hashedSearch(form)),
    RTE.bindW('record', ({ search }) => recordOf(search)),
    RTE.bindW('existing', ({ search }) => existingOf(search)),
    RTE.map(({ account, search, record, existing }): OrganisationFound => {
      const held = existing === null ? undefined : connectionOf(existing, account.id)
      const waiting = existing?.pending.find((r) => r.accountId === account.id)
      return {
        type: search.type,
        typeName: HARP_ORGANISATION_TYPE_NAMES[search.type],
        legalBusinessName: record.legalBusinessName,
        taxIdLast4: search.taxId.slice(-4),
        firstUser: existing === null,
        connection: held === undefined ? null : { role: held.role, permissions: permissionsOf(held.role) },
        pending: waiting === undefined ? null : { role: waiting.role, requestedAt: waiting.requestedAt }
      }
    })
  )

/**
 * Connects, once the person confirmed the organisation found: the first user
 * becomes its Security Official, giving the PTAN and NPI of one clinician who
 * bills under the Tax ID on CMS's records; a later user requests a role
 * (Staff User or Security Official), which waits for a Security Official.
 */
export const connect = (acting: ActingPerson, form: ConnectForm): W<ConnectOutcome> =>
  pipe(
    RTE.Do,
    RTE.bindW('account', () => loadPerson(acting)),
    RTE.bindW('fields', () => fromValidation<Record<'organisationType' | 'taxId' | 'confirmed' | 'npi' | 'ptan' | 'role', unknown>, HarpAccessEnv>(
      readForm(form, ['organisationType', 'taxId', 'confirmed', 'npi', 'ptan', 'role'])
    )),
    RTE.bindW('search', ({ fields }) =>
      pipe(
        fromValidation<unknown, HarpAccessEnv>(
          validateAll({
            search: validateOrganisationSearch({ organisationType: fields.organisationType, taxId: fields.taxId }),
            confirmed: fields.confirmed === true ? E.right(true) : E.left(notConfirmed())
          })
        ),
        RTE.chainW(() => hashedSearch({ organisationType: fields.organisationType, taxId: fields.taxId }))
      )
    ),
    RTE.bindW('record', ({ search }) => recordOf(search)),
    RTE.bindW('existing', ({ search }) => existingOf(search)),
    RTE.bindW('at', () => clockNow),
    RTE.bindW('env', () => RTE.ask<HarpAccessEnv, Errors>()),
    RTE.chainW(({ account, fields, search, record, existing, at, env }): W<ConnectOutcome> => {
      if (existing === null)
        return pipe(
          fromValidation<ReturnType<typeof validateClinician> extends E.Either<unknown, infer A> ? A : never, HarpAccessEnv>(
            validateClinician({ npi: fields.npi, ptan: fields.ptan })
          ),
          RTE.chainW((clinician) =>
            lift(connectFirstUser(at, null, { organisationId: env.random.uuid() as OrganisationId, accountId: account.id }, search, clinician, record.clinicians))
          ),
          RTE.chainW(save),
          RTE.map((o): ConnectOutcome => ({ outcome: 'connected', organisationId: o.id, role: 'security-official', permissions: permissionsOf('security-official') }))
        )
      // A later user who gives no role (a first user's form, or a first connection that lost the race) is told to request one.
      if (isBlank(fields.role)) return lift<ConnectOutcome>(E.left(hasSecurityOfficial()))
      const requestId = env.random.uuid() as RoleRequestId
      return pipe(
        fromValidation<HarpRole, HarpAccessEnv>(pipe(parseRole(fields.role), E.mapLeft((e): Errors => [e]))),
        RTE.chainW((role) =>
          pipe(
            lift(requestRoleIn(at, existing, requestId, account.id, role)),
            RTE.chainW(save),
            RTE.map((o): ConnectOutcome => ({ outcome: 'requested', organisationId: o.id, role, requestId }))
          )
        )
      )
    })
  )

/** The requests waiting in an organisation, for one of its Security Officials (anyone else: refused). */
export const pendingRequests = (acting: ActingPerson, form: { readonly organisationId?: unknown }): W<ReadonlyArray<RoleRequestView>> =>
  pipe(
    RTE.Do,
    RTE.bindW('account', () => loadPerson(acting)),
    RTE.bindW('organisation', () => organisationById(form)),
    RTE.chainFirstW(({ account, organisation }) => lift(actingSecurityOfficial(organisation, account.id))),
    RTE.chainW(({ organisation }) =>
      RTE.sequenceArray(
        organisation.pending.map((r) =>
          pipe(
            port((env) => env.accounts.findById(r.accountId)),
            RTE.map(
              (found): RoleRequestView => ({
                requestId: r.id,
                accountId: r.accountId,
                firstName: O.isSome(found) ? found.value.firstName : '',
                lastName: O.isSome(found) ? found.value.lastName : '',
                role: r.role,
                requestedAt: r.requestedAt
              })
            )
          )
        )
      )
    )
  )

/** The organisation and the request a decision names. */
const decisionForm = (form: unknown): W<{ readonly organisation: HarpOrganisation; readonly requestId: RoleRequestId }> =>
  pipe(
    fromValidation<{ readonly organisationId: unknown; readonly requestId: unknown }, HarpAccessEnv>(readForm(form, ['organisationId', 'requestId'])),
    RTE.chainW((f) =>
      pipe(
        lift(requireText(f.requestId, 'requestId', TEXT_LIMITS.short)),
        RTE.chainW((requestId) =>
          pipe(
            organisationById({ organisationId: f.organisationId }),
            RTE.map((organisation) => ({ organisation, requestId: requestId as RoleRequestId }))
          )
        )
      )
    )
  )

const decide =
  (how: typeof approveRoleRequest) =>
  (acting: ActingPerson, form: { readonly organisationId?: unknown; readonly requestId?: unknown }): W<RoleDecisionView> =>
    pipe(
      RTE.Do,
      RTE.bindW('account', () => loadPerson(acting)),
      RTE.bindW('target', () => decisionForm(form)),
      RTE.bindW('at', () => clockNow),
      RTE.bindW('decision', ({ account, target, at }) => lift(how(at, target.organisation, account.id, target.requestId))),
      RTE.chainFirstW(({ decision }) => save(decision.organisation)),
      RTE.map(({ decision }) => ({
        requestId: decision.request.id,
        accountId: decision.request.accountId,
        role: decision.request.role,
        state: decision.request.state,
        decidedAt: decision.request.decidedAt
      }))
    )

/** A Security Official, not the requester, approves a waiting request: the requester holds the role. */
export const approve = decide(approveRoleRequest)

/** A Security Official, not the requester, rejects a waiting request: nothing is granted. */
export const reject = decide(rejectRoleRequest)

/** A Security Official removes a user (a Staff User may remove only themselves: leave); the last Security Official stays. */
export const removeUser = (acting: ActingPerson, form: { readonly organisationId?: unknown; readonly accountId?: unknown }): W<{ readonly removed: AccountId }> =>
  pipe(
    RTE.Do,
    RTE.bindW('account', () => loadPerson(acting)),
    RTE.bindW('fields', () => fromValidation<{ readonly organisationId: unknown; readonly accountId: unknown }, HarpAccessEnv>(readForm(form, ['organisationId', 'accountId']))),
    RTE.bindW('target', ({ fields }) => lift(requireText(fields.accountId, 'accountId', TEXT_LIMITS.short))),
    RTE.bindW('organisation', ({ fields }) => organisationById({ organisationId: fields.organisationId })),
    RTE.bindW('changed', ({ account, organisation, target }) => lift(disconnect(organisation, account.id, target as AccountId))),
    RTE.chainFirstW(({ changed }) => save(changed)),
    RTE.map(({ target }) => ({ removed: target as AccountId }))
  )

/** Every organisation the person is connected to (several Tax IDs), or asked to join: the role, what it permits, the role asked for. */
export const connections = (acting: ActingPerson): W<ReadonlyArray<ConnectionView>> =>
  pipe(
    RTE.Do,
    RTE.bindW('account', () => loadPerson(acting)),
    RTE.bindW('organisations', ({ account }) => port((env) => env.harpOrganisations.findByAccount(account.id, env.harpOrganisationPolicies.maxConnectionsListed))),
    RTE.chainW(({ account, organisations }) =>
      RTE.sequenceArray(
        organisations.map((o) =>
          pipe(
            port((env) => env.practices.findByTaxId(o.taxId.hash)),
            RTE.map((records): ConnectionView => {
              const held = connectionOf(o, account.id)
              const waiting = o.pending.find((r) => r.accountId === account.id)
              return {
                organisationId: o.id,
                type: o.type,
                typeName: HARP_ORGANISATION_TYPE_NAMES[o.type],
                legalBusinessName: records.find((r) => r.type === o.type)?.legalBusinessName ?? null,
                taxIdLast4: o.taxId.last4,
                role: held?.role ?? null,
                permissions: held === undefined ? [] : permissionsOf(held.role),
                pendingRole: waiting?.role ?? null
              }
            })
          )
        )
      )
    )
  )

/** What the person may do in one organisation: report data (both roles), manage users (Security Officials). Not connected: `organisation.not-a-member`. */
export const permissions = (acting: ActingPerson, form: { readonly organisationId?: unknown }): W<PermissionsView> =>
  pipe(
    RTE.Do,
    RTE.bindW('account', () => loadPerson(acting)),
    RTE.bindW('organisation', () => organisationById(form)),
    RTE.chainW(({ account, organisation }) => {
      const held = connectionOf(organisation, account.id)
      if (held === undefined) return lift<PermissionsView>(E.left(notAMember('accountId')))
      const granted = permissionsOf(held.role)
      return RTE.right<HarpAccessEnv, Errors, PermissionsView>({
        organisationId: organisation.id,
        role: held.role,
        permissions: granted,
        mayReportData: granted.includes('report-data'),
        mayManageUsers: granted.includes('manage-users')
      })
    })
  )
