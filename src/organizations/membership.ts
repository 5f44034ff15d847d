/**
 * An organisation's members: who holds an account in it, as delegate or staff,
 * with which applications, and what an acting member may change.
 *
 *   delegate ─► add staff account · add delegate · promote · demote · remove
 *               · grant application · revoke application
 *   staff ────► none of these (`organisation.not-a-delegate`)
 *
 * The roster always keeps at least one delegate (`organisation.last-delegate`);
 * an e-mail address holds at most one account in it (`organisation.email-taken`).
 * Asking for what already holds (promoting a delegate, granting an application
 * held) succeeds and changes nothing, as accepting terms twice does.
 * ("Member" in the glossary is a plan enrolee, so a person's place in an
 * organisation is a *membership*.)
 *
 * @since 0.3.0
 */
import * as E from '../kernel/either'
import { pipe } from 'fp-ts/lib/function.js'
import type { AccountId } from '../accounts/account'
import { EmailAddress, EmailKey, emailKey, parseEmailAddress } from '../kernel/email'
import { domainError, DomainError, ErrorOf } from '../kernel/errors'
import { fieldUnder, listTooLong, optionalField, TEXT_LIMITS, validateForm } from '../kernel/form'
import { parsePersonName, PersonName } from '../kernel/person'
import { parsePhoneNumber, PhoneNumber } from '../kernel/us-identifiers'
import { requireText, Validation, validateAll } from '../kernel/validation'
import type { TermsAcceptance } from './terms-of-use'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A delegate (site administrator) manages the organisation's accounts; staff only use theirs. */
export type MembershipRole = 'delegate' | 'staff'

/** An application of the portal an account may use, as a lower-case slug (`remittance-inquiry`). */
export type ApplicationId = string & { readonly ApplicationId: unique symbol }

/** "Remittance Inquiry": check detail and EOB information; every account has it. */
export const REMITTANCE_INQUIRY = 'remittance-inquiry' as ApplicationId

/** The application every account gets, and keeps (it cannot be revoked). */
export const DEFAULT_APPLICATION: ApplicationId = REMITTANCE_INQUIRY

/** The applications a portal offers, the default among them. */
export type ApplicationCatalogue = ReadonlyArray<ApplicationId>

/** HealthPartners' applications: the guide names only the default. */
export const HEALTHPARTNERS_APPLICATIONS: ApplicationCatalogue = [REMITTANCE_INQUIRY]

/** The person's own contact information (not the doctor's or the facility's). */
export interface Contact {
  readonly firstName: PersonName
  readonly lastName: PersonName
  readonly email: EmailAddress
  readonly phone: PhoneNumber | null
}

/** One person's account in an organisation. */
export interface Membership extends Contact {
  readonly accountId: AccountId
  /** The e-mail address's comparison key: at most one account per key in an organisation. */
  readonly emailKey: EmailKey
  readonly role: MembershipRole
  /** Sorted, without repeats, always including the default. */
  readonly applications: ReadonlyArray<ApplicationId>
  /** The latest acceptance of each terms document. */
  readonly acceptances: ReadonlyArray<TermsAcceptance>
}

/** Anything holding an organisation's memberships (the organisation itself). */
export interface Roster {
  readonly memberships: ReadonlyArray<Membership>
}

/** A new account to add: its id (already drawn) and its person's contact information. */
export interface NewAccount {
  readonly accountId: AccountId
  readonly contact: Contact
}

/** Contact information, as typed. */
export interface ContactForm {
  readonly firstName?: unknown
  readonly lastName?: unknown
  readonly email?: unknown
  readonly phone?: unknown
}

/** How many accounts an organisation holds at most (a bound on every stored row). */
export const MAX_MEMBERSHIPS = 1000

/** Adds an account with a role, by an acting delegate. */
export type AddAccount = <R extends Roster>(roster: R, actor: AccountId, account: NewAccount) => E.Either<DomainError, R>

/** Changes or ends one member's membership, by an acting delegate. */
export type ChangeMembership = <R extends Roster>(roster: R, actor: AccountId, target: AccountId) => E.Either<DomainError, R>

/** Grants or revokes one of the catalogue's applications, by an acting delegate. */
export type ChangeApplication = (
  catalogue: ApplicationCatalogue
) => <R extends Roster>(roster: R, actor: AccountId, target: AccountId, application: ApplicationId) => E.Either<DomainError, R>

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const APPLICATION = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/
const APPLICATION_EXPECTED = 'an application name of lower-case letters, digits and single hyphens, such as remittance-inquiry'

/** Parses an application's id (a lower-case slug of at most 64 characters). */
export const parseApplicationId = (input: unknown, field = 'application'): E.Either<DomainError, ApplicationId> =>
  pipe(
    requireText(input, field, TEXT_LIMITS.short),
    E.chain((s) =>
      s.length <= 64 && APPLICATION.test(s)
        ? E.right(s as ApplicationId)
        : E.left(domainError('field.invalid', { field, rule: `${field} must be ${APPLICATION_EXPECTED}`, expected: APPLICATION_EXPECTED }))
    )
  )

// A blank phone is no phone: the provider path asks only for a name and an e-mail address.
const optionalPhone = optionalField(parsePhoneNumber)

/** Validates a person's contact information (name and e-mail required, phone optional), collecting every error. */
export const validateContact = (input: unknown, at?: string): Validation<Contact> => {
  const f = fieldUnder(at)
  return validateForm(
    ['firstName', 'lastName', 'email', 'phone'],
    (form) =>
      validateAll({
        firstName: parsePersonName(form.firstName, f('firstName')),
        lastName: parsePersonName(form.lastName, f('lastName')),
        email: parseEmailAddress(form.email, f('email')),
        phone: optionalPhone(form.phone, f('phone'))
      }),
    at
  )(input)
}

/** A new membership: the default application, no terms accepted yet. */
export const newMembership = (account: NewAccount, role: MembershipRole): Membership => ({
  ...account.contact,
  accountId: account.accountId,
  emailKey: emailKey(account.contact.email),
  role,
  applications: [DEFAULT_APPLICATION],
  acceptances: []
})

// -------------------------------------------------------------------------------------
// errors
// -------------------------------------------------------------------------------------

/** The account named in `field` holds no membership in the organisation. */
export const notAMember = (field: string): ErrorOf<'organisation.not-a-member'> =>
  domainError('organisation.not-a-member', { field, rule: `${field} must be an account of the organisation` })

/** Only a delegate manages the organisation's accounts and applications. */
export const notADelegate = (): ErrorOf<'organisation.not-a-delegate'> =>
  domainError('organisation.not-a-delegate', { field: 'actor', rule: "only a delegate may manage the organisation's accounts and applications" })

/** The last delegate stays one. */
export const lastDelegate = (): ErrorOf<'organisation.last-delegate'> =>
  domainError('organisation.last-delegate', { field: 'accountId', rule: 'an organisation keeps at least one delegate: the last cannot be demoted or removed' })

// -------------------------------------------------------------------------------------
// queries
// -------------------------------------------------------------------------------------

/** The membership of an account, if it holds one. */
export const membershipOf = (roster: Roster, accountId: AccountId): Membership | undefined =>
  roster.memberships.find((m) => m.accountId === accountId)

/** The organisation's delegates. */
export const delegatesOf = (roster: Roster): ReadonlyArray<Membership> => roster.memberships.filter((m) => m.role === 'delegate')

/** Does an account hold a membership with this e-mail address's key? */
export const holdsEmail = (roster: Roster, email: EmailAddress): boolean => {
  const key = emailKey(email)
  return roster.memberships.some((m) => m.emailKey === key)
}

const member = (roster: Roster, accountId: AccountId, field: string): E.Either<DomainError, Membership> => {
  const found = membershipOf(roster, accountId)
  return found === undefined ? E.left(notAMember(field)) : E.right(found)
}

/** The acting account, when it is one of the organisation's delegates. */
export const actingDelegate = (roster: Roster, actor: AccountId): E.Either<DomainError, Membership> =>
  pipe(
    member(roster, actor, 'actor'),
    E.filterOrElseW((m) => m.role === 'delegate', notADelegate)
  )

// -------------------------------------------------------------------------------------
// transitions
// -------------------------------------------------------------------------------------

/** Applies a change to one member's membership (`organisation.not-a-member` when it holds none). */
export const withMembership = <R extends Roster>(
  roster: R,
  accountId: AccountId,
  change: (m: Membership) => E.Either<DomainError, Membership>,
  field = 'accountId'
): E.Either<DomainError, R> =>
  pipe(
    member(roster, accountId, field),
    E.chain(change),
    E.map((changed) => ({ ...roster, memberships: roster.memberships.map((m) => (m.accountId === accountId ? changed : m)) }))
  )

const addAs =
  (role: MembershipRole): AddAccount =>
  (roster, actor, account) =>
    pipe(
      actingDelegate(roster, actor),
      E.chain((): E.Either<DomainError, unknown> => {
        if (membershipOf(roster, account.accountId) !== undefined)
          return E.left(domainError('organisation.account-taken', { field: 'accountId', rule: 'an account belongs to one person: accountId must be new' }))
        if (holdsEmail(roster, account.contact.email))
          return E.left(
            domainError('organisation.email-taken', { field: 'email', rule: 'individuals cannot share accounts: an e-mail address holds at most one account per organisation' })
          )
        if (roster.memberships.length >= MAX_MEMBERSHIPS) return E.left(listTooLong('memberships', MAX_MEMBERSHIPS, roster.memberships.length + 1, 'accounts'))
        return E.right(undefined)
      }),
      E.map(() => ({ ...roster, memberships: [...roster.memberships, newMembership(account, role)] }))
    )

/** A delegate creates a staff account (with the default application). */
export const addStaffAccount: AddAccount = addAs('staff')

/** A delegate creates a further delegate account (with the default application). */
export const addDelegate: AddAccount = addAs('delegate')

const keepsADelegate = (roster: Roster, target: Membership): E.Either<DomainError, Membership> =>
  target.role === 'delegate' && delegatesOf(roster).length <= 1 ? E.left(lastDelegate()) : E.right(target)

const setRole =
  (role: MembershipRole): ChangeMembership =>
  (roster, actor, target) =>
    pipe(
      actingDelegate(roster, actor),
      E.chain(() => withMembership(roster, target, (m) => (m.role === role ? E.right(m) : pipe(keepsADelegate(roster, m), E.map((kept) => ({ ...kept, role }))))))
    )

/** A delegate makes a staff member a delegate (a delegate stays one). */
export const promoteToDelegate: ChangeMembership = setRole('delegate')

/** A delegate makes a delegate staff, unless it is the last (staff stays staff). */
export const demoteToStaff: ChangeMembership = setRole('staff')

/** A delegate removes an account (itself included), unless it is the last delegate. */
export const removeMember: ChangeMembership = (roster, actor, target) =>
  pipe(
    actingDelegate(roster, actor),
    E.chain(() => member(roster, target, 'accountId')),
    E.chain((m) => keepsADelegate(roster, m)),
    E.map(() => ({ ...roster, memberships: roster.memberships.filter((m) => m.accountId !== target) }))
  )

const known = (catalogue: ApplicationCatalogue, application: ApplicationId): E.Either<DomainError, ApplicationId> =>
  catalogue.includes(application)
    ? E.right(application)
    : E.left(domainError('application.unknown', { field: 'application', rule: `application must be one the portal offers: ${catalogue.join(', ')}`, known: catalogue }))

const changeApplications =
  (change: (held: ReadonlyArray<ApplicationId>, application: ApplicationId) => E.Either<DomainError, ReadonlyArray<ApplicationId>>): ChangeApplication =>
  (catalogue) =>
  (roster, actor, target, application) =>
    pipe(
      actingDelegate(roster, actor),
      E.chain(() => known(catalogue, application)),
      E.chain(() => withMembership(roster, target, (m) => pipe(change(m.applications, application), E.map((applications) => ({ ...m, applications })))))
    )

/** A delegate grants an account one of the portal's applications (held already: unchanged). */
export const grantApplication: ChangeApplication = changeApplications((held, application) =>
  E.right(held.includes(application) ? held : [...held, application].sort())
)

/** A delegate revokes an application from an account; the default stays (not held: unchanged). */
export const revokeApplication: ChangeApplication = changeApplications((held, application) =>
  application === DEFAULT_APPLICATION
    ? E.left(domainError('application.not-revocable', { field: 'application', rule: `${DEFAULT_APPLICATION} is every account's default application and cannot be revoked` }))
    : E.right(held.filter((a) => a !== application))
)
