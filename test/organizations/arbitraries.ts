/**
 * Testkit-style arbitraries of the organisations domain (kept beside its tests,
 * not in src/testkit): a valid organisation in the form its codec accepts
 * unchanged, and the pieces it is built from.
 */
import type { ProviderVerification } from '../../src/organizations/mailed-pin'
import fc from 'fast-check'
import { DateTime } from 'luxon'
import type { AccountId } from '../../src/accounts/account'
import { emailKey } from '../../src/kernel/email'
import type { KeyedHash } from '../../src/ports/keyed-hasher'
import {
  ApplicationId,
  Contact,
  CurrentTerms,
  DEFAULT_APPLICATION,
  Membership,
  MembershipRole,
  OrganisationId,
  OrganisationName,
  RegisteredOrganisation,
  TERMS_DOCUMENTS,
  TermsAcceptance,
  TermsVersion
} from '../../src/organizations'
import { harmonyProviderId, validEmailAddress, validOrganisationName, validPersonName, validPhoneNumber } from '../../src/testkit'

/** The plan's zone: acceptances and registrations are written with its offset. */
export const ZONE = 'America/Chicago'

/** An instant as luxon writes it in the plan's zone. */
export const instant: fc.Arbitrary<string> = fc
  .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) })
  .map((ms) => DateTime.fromMillis(ms, { zone: ZONE }).toISO() as string)

/** A lower-case UUID, as an account id. */
export const accountId: fc.Arbitrary<AccountId> = fc.uuid().map((u) => u as AccountId)

/** A person's contact information, phone or none. */
export const validContact: fc.Arbitrary<Contact> = fc.record({
  firstName: validPersonName,
  lastName: validPersonName,
  email: validEmailAddress,
  phone: fc.option(validPhoneNumber, { nil: null })
}, { noNullPrototype: true })

/** A terms version label. */
export const termsVersion: fc.Arbitrary<TermsVersion> = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,7}$/).map((v) => v as TermsVersion)

/** The versions in force. */
export const currentTerms: fc.Arbitrary<CurrentTerms> = fc.record({ 'provider-portal': termsVersion, 'delegate-site-administrator': termsVersion })

/** At most one acceptance per document. */
export const acceptances: fc.Arbitrary<ReadonlyArray<TermsAcceptance>> = fc
  .subarray([...TERMS_DOCUMENTS])
  .chain((docs) => fc.tuple(...docs.map((document) => fc.record({ document: fc.constant(document), version: termsVersion, acceptedAt: instant }, { noNullPrototype: true }))))

/** Applications beyond the default, as slugs. */
export const extraApplication: fc.Arbitrary<ApplicationId> = fc.stringMatching(/^[a-z][a-z0-9]{0,9}(-[a-z0-9]{1,6}){0,2}$/).map((a) => a as ApplicationId)

/** A membership of a role. */
export const validMembership = (role: fc.Arbitrary<MembershipRole>): fc.Arbitrary<Membership> =>
  fc
    .record({ accountId, contact: validContact, role, extra: fc.uniqueArray(extraApplication, { maxLength: 3 }), acceptances })
    .map(({ accountId, contact, role, extra, acceptances }) => ({
      ...contact,
      accountId,
      emailKey: emailKey(contact.email),
      role,
      applications: [...new Set([DEFAULT_APPLICATION, ...extra])].sort(),
      acceptances
    }))

/** A valid organisation: one to six members, the first a delegate, no account and no e-mail key twice. */
export const validOrganisation: fc.Arbitrary<RegisteredOrganisation> = fc
  .record({
    id: fc.uuid().map((u) => u as OrganisationId),
    fullName: validOrganisationName.map((n) => n as OrganisationName),
    taxId: fc.record({ hash: fc.stringMatching(/^[0-9a-f]{64}$/).map((h) => h as KeyedHash), last4: fc.stringMatching(/^\d{4}$/) }, { noNullPrototype: true }),
    first: validMembership(fc.constant('delegate')),
    others: fc.array(validMembership(fc.constantFrom('delegate', 'staff')), { maxLength: 5 }),
    registeredAt: instant,
    version: fc.nat({ max: 1000 }),
    providerKey: fc.option(harmonyProviderId, { nil: null }),
    verification: fc.oneof(
      instant.map((verifiedAt): ProviderVerification => ({ method: 'check', verifiedAt })),
      instant.map((verifiedAt): ProviderVerification => ({ method: 'us-mail', verifiedAt, pin: null })),
      fc
        .record({ hash: fc.stringMatching(/^[0-9a-f]{64}$/).map((h) => h as KeyedHash), mailedAt: instant, expiresAt: instant, failedAttempts: fc.nat({ max: 10 }), lettersSent: fc.integer({ min: 1, max: 5 }) }, { noNullPrototype: true })
        .map((pin): ProviderVerification => ({ method: 'us-mail', verifiedAt: null, pin }))
    )
  })
  .map(({ first, others, providerKey, verification, ...rest }) => {
    const memberships = [first, ...others].filter(
      (m, i, all) => all.findIndex((o) => o.accountId === m.accountId || o.emailKey === m.emailKey) === i
    )
    return providerKey === null ? { ...rest, memberships, kind: 'billing' as const } : { ...rest, memberships, kind: 'provider' as const, providerKey, verification }
  })
