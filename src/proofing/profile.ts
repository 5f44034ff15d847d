/**
 * The HARP profile (QPP "HARP Account Setup Checklist", "Create HARP Profile
 * and Account"): "First Name, Last Name, Date of Birth, Email Address, Phone
 * Number, Home Address, Social Security Number*". The SSN is optional: "If you
 * prefer not to enter your Social Security Number, you will need to select
 * 'Initiate Manual Proofing'".
 *
 * A validated profile holds the SSN in clear only to hand it to remote
 * proofing; what is kept (`profileOnFile`) holds only its `SsnOnFile`.
 *
 * @since 0.4.0
 */
import * as E from '../kernel/either'
import * as O from 'fp-ts/lib/Option.js'
import { EmailAddress, parseEmailAddress } from '../kernel/email'
import { optionalField, validateForm } from '../kernel/form'
import { DateOfBirth, parseDateOfBirth, parsePersonName, PersonName } from '../kernel/person'
import { PostalAddress, validatePostalAddress } from '../kernel/postal-address'
import { parsePhoneNumber, parseSsn, PhoneNumber, Ssn, SsnOnFile, ssnOnFile } from '../kernel/us-identifiers'
import { Validation, validateAll } from '../kernel/validation'
import type { KeyedHasher } from '../ports/keyed-hasher'
import type { DomainError } from '../kernel/errors'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** The profile form as typed; `homeAddress` is an address form (`line1`, `line2`, `city`, `state`, `zipCode`). */
export interface HarpProfileForm {
  readonly firstName?: unknown
  readonly lastName?: unknown
  readonly dateOfBirth?: unknown
  readonly email?: unknown
  readonly phone?: unknown
  readonly homeAddress?: unknown
  /** Optional: left blank, the person is proofed manually. */
  readonly ssn?: unknown
}

/** What a profile says of the person, whatever is kept of the SSN. */
export interface HarpProfileBase {
  readonly firstName: PersonName
  readonly lastName: PersonName
  readonly dateOfBirth: DateOfBirth
  readonly email: EmailAddress
  readonly phone: PhoneNumber
  /** The home address: where manual proofing's bills and statements must be addressed. */
  readonly homeAddress: PostalAddress
}

/** A validated profile, the SSN in clear (or null): for handing to proofing only, never to a store. */
export interface HarpProfile extends HarpProfileBase {
  readonly ssn: Ssn | null
}

/** A profile as kept: the SSN only as its masked last four and keyed hash. */
export interface ProfileOnFile extends HarpProfileBase {
  readonly ssn: SsnOnFile | null
}

/** Who a knowledge-based verification provider is asked about: the profile's identity and its SSN. */
export interface ProofingIdentity {
  readonly firstName: PersonName
  readonly lastName: PersonName
  readonly dateOfBirth: DateOfBirth
  readonly homeAddress: PostalAddress
  readonly ssn: Ssn
}

/** How a profile can be proofed: remotely (knowledge-based, needs the SSN) or manually (documents). */
export type ProofingPath = 'remote' | 'manual'

/** The profile form's fields, in the order the guide lists them. */
export const HARP_PROFILE_FIELDS = ['firstName', 'lastName', 'dateOfBirth', 'email', 'phone', 'homeAddress', 'ssn'] as const

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const optionalSsn = (input: unknown): E.Either<DomainError, Ssn | null> => optionalField(parseSsn)(input, 'ssn')

/**
 * Validates the HARP profile form, collecting every error (the address's
 * fields named `homeAddress.line1`…); a blank SSN is none. `today` is the
 * plan's local date, for the date of birth.
 *
 * @example
 * import { proofing } from 'health-portal-domain'
 * const r = proofing.validateHarpProfile('2026-11-22')({
 *   firstName: 'Ana', lastName: 'Reyes', dateOfBirth: '03-14-1985', email: 'ana@example.com', phone: '(617) 555-0134',
 *   homeAddress: { line1: '12 Elm St', city: 'Boston', state: 'MA', zipCode: '02118' }, ssn: '123-45-6789'
 * })
 * // right: ssn '123456789', to hand to remote proofing
 */
export const validateHarpProfile =
  (today: string) =>
  (input: unknown): Validation<HarpProfile> =>
    validateForm(HARP_PROFILE_FIELDS, (form) =>
      validateAll({
        firstName: parsePersonName(form.firstName, 'firstName'),
        lastName: parsePersonName(form.lastName, 'lastName'),
        dateOfBirth: parseDateOfBirth(today)(form.dateOfBirth, 'dateOfBirth'),
        email: parseEmailAddress(form.email, 'email'),
        phone: parsePhoneNumber(form.phone, 'phone'),
        homeAddress: validatePostalAddress(form.homeAddress, 'homeAddress'),
        ssn: optionalSsn(form.ssn)
      })
    )(input)

// -------------------------------------------------------------------------------------
// queries
// -------------------------------------------------------------------------------------

/**
 * What is kept of a profile: everything but the SSN, which becomes its
 * masked last four and keyed hash.
 *
 * @example
 * import { proofing } from 'health-portal-domain'
 * import { hmacKeyedHasher, randomHashKey } from 'health-portal-domain/adapters/system'
 * declare const profile: proofing.HarpProfile
 * const kept = proofing.profileOnFile(hmacKeyedHasher(randomHashKey()))(profile)
 * // kept.ssn is null or { last4Masked: '***-**-6789', hash }
 */
export const profileOnFile =
  (hasher: KeyedHasher) =>
  (profile: HarpProfile): ProfileOnFile => {
    const { ssn, ...rest } = profile
    return { ...rest, ssn: ssn === null ? null : ssnOnFile(hasher, ssn) }
  }

/** The path the profile leads to: remote proofing with an SSN, manual proofing without. */
export const proofingPath = (profile: HarpProfile): ProofingPath => (profile.ssn === null ? 'manual' : 'remote')

/** Whom to ask the knowledge-based verification provider about; none without an SSN (manual proofing). */
export const proofingIdentity = (profile: HarpProfile): O.Option<ProofingIdentity> =>
  profile.ssn === null
    ? O.none
    : O.some({ firstName: profile.firstName, lastName: profile.lastName, dateOfBirth: profile.dateOfBirth, homeAddress: profile.homeAddress, ssn: profile.ssn })
