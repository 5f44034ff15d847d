/**
 * An organisation registered with the portal: a provider (for the provider it
 * selected) or a billing organisation, its Tax ID kept only as a keyed hash
 * and its last four digits, and its memberships. It registers once; the first
 * person to register becomes its delegate.
 *
 *   registration form ─validate─► ValidOrganisationRegistration
 *                     ─(caller hashes the Tax ID, checks the registration key)─►
 *   registerOrganisation ─► RegisteredOrganisation (registrant: delegate)
 *
 * @since 0.3.0
 */
import * as E from '../kernel/either'
import { pipe } from 'fp-ts/lib/function.js'
import { DateTime } from 'luxon'
import type { AccountId } from '../accounts/account'
import { domainError, DomainError, ErrorOf, invalid } from '../kernel/errors'
import { readForm, TEXT_LIMITS } from '../kernel/form'
import { IdentifierFormat, ProviderId, providerIdParser } from '../kernel/identifiers'
import { parseTaxId, TaxId } from '../kernel/us-identifiers'
import { requireLine, requireText, Validation, validateAll } from '../kernel/validation'
import type { KeyedHash } from '../ports/keyed-hasher'
import { Contact, ContactForm, newMembership, Roster, validateContact } from './membership'
import type { ProviderVerification } from './mailed-pin'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** An organisation's identifier (drawn by the caller, a random UUID). */
export type OrganisationId = string & { readonly OrganisationId: unique symbol }

/** A provider registers for the provider it selects; a billing organisation acts for providers (its clients). */
export type OrganisationKind = 'provider' | 'billing'

/** Every kind of organisation. */
export const ORGANISATION_KINDS: ReadonlyArray<OrganisationKind> = ['provider', 'billing']

/** An organisation's full name, blanks collapsed. */
export type OrganisationName = string & { readonly OrganisationName: unique symbol }

/** A Tax ID as kept: its keyed hash (to compare) and its last four digits (to show). */
export interface TaxIdOnFile {
  readonly hash: KeyedHash
  readonly last4: string
}

interface OrganisationBase extends Roster {
  readonly id: OrganisationId
  readonly fullName: OrganisationName
  readonly taxId: TaxIdOnFile
  readonly registeredAt: string
  /** Optimistic-concurrency version: 0 before the first save; the store raises it. */
  readonly version: number
}

/** A provider's organisation, for the provider it selected. */
export interface ProviderOrganisation extends OrganisationBase {
  readonly kind: 'provider'
  readonly providerKey: ProviderId
  /** How it proved itself: a HealthPartners-issued check, or a mailed PIN (waiting until entered). */
  readonly verification: ProviderVerification
}

/** A billing organisation or third party. */
export interface BillingOrganisation extends OrganisationBase {
  readonly kind: 'billing'
}

/** An organisation as registered. (`Organisation` is Harmony's registration's name for its details.) */
export type RegisteredOrganisation = ProviderOrganisation | BillingOrganisation

/** What makes "registers once" checkable by a store: kind, Tax ID hash and, for a provider, the provider selected. */
export type RegistrationKey = string & { readonly RegistrationKey: unique symbol }

/** The registration form, as typed. */
export interface OrganisationRegistrationForm {
  readonly kind?: unknown
  readonly fullName?: unknown
  readonly taxId?: unknown
  /** The provider selected (provider organisations only). */
  readonly providerKey?: unknown
  readonly registrant?: ContactForm | unknown
}

interface ValidRegistrationBase {
  readonly fullName: OrganisationName
  readonly taxId: TaxId
  readonly registrant: Contact
}

/** The registration form, validated. */
export type ValidOrganisationRegistration =
  | (ValidRegistrationBase & { readonly kind: 'provider'; readonly providerKey: ProviderId })
  | (ValidRegistrationBase & { readonly kind: 'billing' })

/** A validated registration with its Tax ID's keyed hash, computed by the caller. */
export type HashedOrganisationRegistration = ValidOrganisationRegistration & { readonly taxIdHash: KeyedHash }

/**
 * What a registration flow hands over at its end: the Tax ID already as kept
 * (a flow never stores the number) and, for a provider, how it proved itself.
 */
export type OrganisationToRegister =
  | {
      readonly kind: 'provider'
      readonly fullName: OrganisationName
      readonly taxId: TaxIdOnFile
      readonly registrant: Contact
      readonly providerKey: ProviderId
      readonly verification: ProviderVerification
    }
  | { readonly kind: 'billing'; readonly fullName: OrganisationName; readonly taxId: TaxIdOnFile; readonly registrant: Contact }

/** The ids the caller drew for a registration. */
export interface RegistrationIds {
  readonly organisationId: OrganisationId
  readonly accountId: AccountId
}

/** Registers an organisation, its registrant the first delegate. */
export type RegisterOrganisation = (
  now: DateTime,
  ids: RegistrationIds,
  form: HashedOrganisationRegistration | OrganisationToRegister
) => E.Either<DomainError, RegisteredOrganisation>

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const NAME_MAX = 100

/** Parses an organisation's full name (at most 100 characters once blanks are collapsed). */
export const parseOrganisationName = (input: unknown, field = 'fullName'): E.Either<DomainError, OrganisationName> =>
  E.map((s: string) => s as OrganisationName)(requireLine(input, field, NAME_MAX))

/** Parses the kind of organisation. */
export const parseOrganisationKind = (input: unknown, field = 'kind'): E.Either<DomainError, OrganisationKind> =>
  pipe(
    requireText(input, field, TEXT_LIMITS.short),
    E.chain((s) => ((ORGANISATION_KINDS as ReadonlyArray<string>).includes(s) ? E.right(s as OrganisationKind) : E.left(invalid(field, 'provider or billing'))))
  )

/**
 * Validates a registration, collecting every error: kind, full name, Tax ID,
 * the registrant's contact information and, for a provider, the provider
 * selected (in the plan's Provider ID format); a billing organisation selects
 * none.
 */
export const validateOrganisationRegistration =
  (providerIdFormat: IdentifierFormat) =>
  (input: unknown): Validation<ValidOrganisationRegistration> =>
    pipe(
      readForm(input, ['kind', 'fullName', 'taxId', 'providerKey', 'registrant']),
      E.chain((form) => {
        const kind = parseOrganisationKind(form.kind, 'kind')
        const providerKey: E.Either<DomainError, ProviderId | null> =
          E.isRight(kind) && kind.right === 'billing'
            ? form.providerKey === undefined || form.providerKey === null
              ? E.right(null)
              : E.left(domainError('field.invalid', { field: 'providerKey', rule: 'providerKey must be absent for a billing organisation', expected: 'no provider' }))
            : providerIdParser(providerIdFormat)(form.providerKey, 'providerKey')
        return pipe(
          validateAll({
            kind,
            fullName: parseOrganisationName(form.fullName, 'fullName'),
            taxId: parseTaxId(form.taxId, 'taxId'),
            providerKey,
            registrant: validateContact(form.registrant, 'registrant')
          }),
          E.map(({ kind, providerKey, ...rest }): ValidOrganisationRegistration =>
            kind === 'provider' && providerKey !== null ? { ...rest, kind, providerKey } : { ...rest, kind: 'billing' }
          )
        )
      })
    )

/** The key under which an organisation registers once. */
export const registrationKeyOf = (registration: { readonly kind: OrganisationKind; readonly taxIdHash: KeyedHash; readonly providerKey?: ProviderId }): RegistrationKey =>
  (registration.kind === 'provider' ? `provider:${registration.taxIdHash}:${registration.providerKey ?? ''}` : `billing:${registration.taxIdHash}`) as RegistrationKey

/** A registered organisation's key (the same as its registration's). */
export const registrationKey = (organisation: RegisteredOrganisation): RegistrationKey =>
  registrationKeyOf({ ...organisation, taxIdHash: organisation.taxId.hash })

/** The refusal of a second registration: it says to ask the organisation's delegate, never who that is. */
export const alreadyRegistered = (): ErrorOf<'organisation.already-registered'> =>
  domainError('organisation.already-registered', {
    field: 'taxId',
    rule: "an organisation registers once: ask your organisation's delegate to create your account"
  })

/** Refuses a registration whose key the store already holds (nothing of the holder is passed on). */
export const ensureNotRegistered = (existing: RegisteredOrganisation | null): E.Either<ErrorOf<'organisation.already-registered'>, void> =>
  existing === null ? E.right(undefined) : E.left(alreadyRegistered())

/**
 * Registers an organisation: the registrant becomes its first delegate, with
 * the default application; the Tax ID is kept as its hash and last four digits.
 *
 * @example
 * import { organizations } from 'health-portal-domain'
 * import type { AccountId } from 'health-portal-domain/accounts'
 * import type { KeyedHash } from 'health-portal-domain/ports'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { DateTime } from 'luxon'
 * const form = organizations.validateOrganisationRegistration({ pattern: /^[A-Z0-9]{6,10}$/, description: '6 to 10 letters or digits' })({
 *   kind: 'billing',
 *   fullName: 'Northstar Billing Services',
 *   taxId: '41-1234567',
 *   registrant: { firstName: 'Ada', lastName: 'Olsen', email: 'ada@northstar.example' }
 * })
 * if (E.isRight(form)) {
 *   const taxIdHash = 'ef'.repeat(32) as KeyedHash // keyedHasher.digest('tax-id', form.right.taxId)
 *   const organisationId = '11111111-1111-4111-8111-111111111111' as organizations.OrganisationId
 *   const accountId = '00000000-0000-4000-8000-000000000001' as AccountId
 *   organizations.registerOrganisation(DateTime.utc(), { organisationId, accountId }, { ...form.right, taxIdHash }) // right: Ada is its delegate
 * }
 */
export const registerOrganisation: RegisterOrganisation = (now, ids, form) => {
  const registeredAt = now.toISO()
  if (registeredAt === null) return E.left(domainError('date.not-a-date', { field: 'now', rule: 'now must be a valid instant' }))
  const taxId: TaxIdOnFile = 'taxIdHash' in form ? { hash: form.taxIdHash, last4: form.taxId.slice(-4) } : form.taxId
  const base = {
    id: ids.organisationId,
    fullName: form.fullName,
    taxId,
    memberships: [newMembership({ accountId: ids.accountId, contact: form.registrant }, 'delegate')],
    registeredAt,
    version: 0
  }
  if (form.kind === 'billing') return E.right({ ...base, kind: 'billing' })
  // A validated form alone proves nothing: it registers as proved by a check, the caller having matched one.
  const verification: ProviderVerification = 'verification' in form ? form.verification : { method: 'check', verifiedAt: registeredAt }
  return E.right({ ...base, kind: 'provider', providerKey: form.providerKey, verification })
}
