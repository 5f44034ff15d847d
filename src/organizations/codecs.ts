/**
 * Codecs of the organisation aggregate: a stored organisation (a database
 * row's document) decoded back into the domain's types, never trusted. Every
 * branded field is re-parsed with the library's own parser and must already be
 * in its canonical form; the rules the transitions keep are checked again: at
 * least one delegate, no account and no e-mail key twice, each e-mail key the
 * key of its address, the default application always held, one acceptance per
 * document, a provider key for a provider organisation only.
 *
 * @since 0.3.0
 */
import * as E from '../kernel/either'
import { pipe } from 'fp-ts/lib/function.js'
import * as t from 'io-ts'
import { DateTime } from 'luxon'
import type { AccountId } from '../accounts/account'
import { EmailAddress, EmailKey, emailKey, parseEmailAddress } from '../kernel/email'
import { TEXT_LIMITS } from '../kernel/form'
import { IdentifierFormat, ProviderId, providerIdParser } from '../kernel/identifiers'
import { parsePersonName, PersonName } from '../kernel/person'
import { parsePhoneNumber, PhoneNumber } from '../kernel/us-identifiers'
import { codecFrom, FieldParser } from '../kernel/validation'
import type { KeyedHash } from '../ports/keyed-hasher'
import { ApplicationId, DEFAULT_APPLICATION, MAX_MEMBERSHIPS, Membership, MembershipRole, parseApplicationId } from './membership'
import { BillingOrganisation, OrganisationId, OrganisationName, parseOrganisationName, ProviderOrganisation, RegisteredOrganisation } from './organisation'
import type { MailedPin, ProviderVerification } from './mailed-pin'
import { parseTermsVersion, TERMS_DOCUMENTS, TermsAcceptance, TermsDocument, TermsVersion } from './terms-of-use'

// -------------------------------------------------------------------------------------
// leaves
// -------------------------------------------------------------------------------------

/**
 * Text the library's parser leaves as it is: the kernel's codec (its failure
 * carries the domain error), and no normalising on the way in.
 */
const canonical = <A extends string>(name: string, parse: FieldParser<A>): t.Type<A, string, unknown> => {
  const parsed = codecFrom<A>(name, name, parse)
  return new t.Type<A, string, unknown>(
    name,
    parsed.is,
    (u, c) => pipe(parsed.validate(u, c), E.chain((a) => (a === u ? t.success(a) : t.failure(u, c, `${JSON.stringify(u)} is not in its canonical form ${JSON.stringify(a)}`)))),
    (a) => a
  )
}

/** Text of at most `maximum` characters matching a pattern, as a branded type. */
const matching = <A extends string>(name: string, pattern: RegExp, maximum: number, expected: string): t.Type<A, string, unknown> => {
  const ok = (u: unknown): u is A => typeof u === 'string' && u.length <= maximum && pattern.test(u)
  return new t.Type<A, string, unknown>(name, ok, (u, c) => (ok(u) ? t.success(u) : t.failure(u, c, `must be ${expected}`)), (a) => a)
}

/** An array of at most `maximum` entries: a longer one is refused before any entry is read. */
const boundedArray = <C extends t.Mixed>(codec: C, maximum: number, name: string): t.Type<Array<t.TypeOf<C>>, Array<t.OutputOf<C>>, unknown> => {
  const array = t.array(codec)
  return new t.Type(
    name,
    (u): u is Array<t.TypeOf<C>> => Array.isArray(u) && u.length <= maximum && array.is(u),
    (u, c) => (Array.isArray(u) && u.length > maximum ? t.failure(u, c, `must list at most ${maximum} entries`) : array.validate(u, c)),
    array.encode
  )
}

/** A check over a decoded value, with the rule it breaks. */
const refined = <A, O>(codec: t.Type<A, O, unknown>, name: string, rule: (a: A) => string | undefined): t.Type<A, O, unknown> =>
  new t.Type<A, O, unknown>(
    name,
    (u): u is A => codec.is(u) && rule(u) === undefined,
    (u, c) =>
      pipe(
        codec.validate(u, c),
        E.chain((a) => {
          const broken = rule(a)
          return broken === undefined ? t.success(a) : t.failure(u, c, broken)
        })
      ),
    codec.encode
  )

/** An instant written in ISO 8601 with its offset, as luxon writes it. */
const Instant = new t.Type<string, string, unknown>(
  'Instant',
  (u): u is string => typeof u === 'string' && u.length <= 64 && DateTime.fromISO(u, { setZone: true }).toISO() === u,
  (u, c) =>
    typeof u === 'string' && u.length <= 64 && DateTime.fromISO(u, { setZone: true }).toISO() === u ? t.success(u) : t.failure(u, c, 'must be an ISO 8601 instant with its offset'),
  (a) => a
)

const Uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const AccountIdCodec = matching<AccountId>('AccountId', Uuid, 36, 'a UUID in lower case')
const OrganisationIdCodec = matching<OrganisationId>('OrganisationId', Uuid, 36, 'a UUID in lower case')
// An HMAC of 256 bits or more, in hex: anything shorter (a PIN's 8 digits are hex too) is not a hash.
const KeyedHashCodec = matching<KeyedHash>('KeyedHash', /^(?:[0-9a-f]{2}){32,64}$/, 128, 'a keyed hash: 32 to 64 bytes in lower-case hex')
const Last4 = matching<string>('Last4', /^\d{4}$/, 4, 'the last four digits of the Tax ID')
const EmailAddressCodec = canonical<EmailAddress>('email', parseEmailAddress)
const EmailKeyCodec = canonical<EmailKey>('emailKey', (u, f) => pipe(parseEmailAddress(u, f), E.map((e) => emailKey(e))))
const PersonNameCodec = canonical<PersonName>('name', parsePersonName)
const PhoneCodec = canonical<PhoneNumber>('phone', parsePhoneNumber)
const ApplicationIdCodec = canonical<ApplicationId>('application', parseApplicationId)
const TermsVersionCodec = canonical<TermsVersion>('version', parseTermsVersion)
const OrganisationNameCodec = canonical<OrganisationName>('fullName', parseOrganisationName)
/** One of a few names, as a string-literal type. */
const literals = <A extends string>(name: string, values: ReadonlyArray<A>): t.Type<A, string, unknown> => {
  const ok = (u: unknown): u is A => typeof u === 'string' && (values as ReadonlyArray<string>).includes(u)
  return new t.Type<A, string, unknown>(name, ok, (u, c) => (ok(u) ? t.success(u) : t.failure(u, c, `must be one of ${values.join(', ')}`)), (a) => a)
}

/** A codec that answers a failure, never a throw, for input whose getters or Proxy traps throw. */
const readable = <A, O>(codec: t.Type<A, O, unknown>): t.Type<A, O, unknown> =>
  new t.Type<A, O, unknown>(
    codec.name,
    (u): u is A => {
      try {
        return codec.is(u)
      } catch {
        return false
      }
    },
    (u, c) => {
      try {
        return codec.validate(u, c)
      } catch {
        return t.failure(u, c, 'must be plain data that can be read')
      }
    },
    codec.encode
  )

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

const MAX_APPLICATIONS = 64

/** io-ts codec for a terms acceptance. */
export const TermsAcceptanceCodec: t.Type<TermsAcceptance, unknown, unknown> = readable(t.strict({
  document: literals<TermsDocument>('TermsDocument', TERMS_DOCUMENTS),
  version: TermsVersionCodec,
  acceptedAt: Instant
}) as unknown as t.Type<TermsAcceptance, unknown, unknown>)

const unique = <A>(values: ReadonlyArray<A>): boolean => new Set(values).size === values.length

/** io-ts codec for a membership: its e-mail key is its address's; it holds the default application; one acceptance per document. */
export const MembershipCodec: t.Type<Membership, unknown, unknown> = readable(refined(
  t.strict({
    accountId: AccountIdCodec,
    firstName: PersonNameCodec,
    lastName: PersonNameCodec,
    email: EmailAddressCodec,
    phone: t.union([PhoneCodec, t.null]),
    emailKey: EmailKeyCodec,
    role: literals<MembershipRole>('MembershipRole', ['delegate', 'staff']),
    applications: boundedArray(ApplicationIdCodec, MAX_APPLICATIONS, 'applications'),
    acceptances: boundedArray(TermsAcceptanceCodec, TERMS_DOCUMENTS.length, 'acceptances')
  }) as unknown as t.Type<Membership, unknown, unknown>,
  'Membership',
  (m) =>
    m.emailKey !== emailKey(m.email)
      ? 'emailKey must be the key of email'
      : !m.applications.includes(DEFAULT_APPLICATION)
        ? `applications must include ${DEFAULT_APPLICATION}`
        : !unique(m.applications) || [...m.applications].sort().join() !== m.applications.join()
          ? 'applications must be sorted, without repeats'
          : !unique(m.acceptances.map((a) => a.document))
            ? 'acceptances must hold one per document'
            : undefined
))

const rosterRule = (o: RegisteredOrganisation): string | undefined =>
  !o.memberships.some((m) => m.role === 'delegate')
    ? 'an organisation must have at least one delegate'
    : !unique(o.memberships.map((m) => m.accountId))
      ? 'no account may appear twice'
      : !unique(o.memberships.map((m) => m.emailKey))
        ? 'an e-mail address holds at most one account per organisation'
        : undefined

const Count = refined(t.number, 'count', (n) => (Number.isSafeInteger(n) && n >= 0 && n <= 1000 ? undefined : 'must be a whole number from 0 to 1000'))

/** io-ts codec for the PIN last mailed. */
export const MailedPinCodec: t.Type<MailedPin, unknown, unknown> = readable(
  t.strict({ hash: KeyedHashCodec, mailedAt: Instant, expiresAt: Instant, failedAttempts: Count, lettersSent: Count }) as unknown as t.Type<MailedPin, unknown, unknown>
)

/** io-ts codec for how a provider organisation proved itself. */
export const VerificationCodec: t.Type<ProviderVerification, unknown, unknown> = readable(
  t.union([
    t.strict({ method: t.literal('check'), verifiedAt: Instant }),
    t.strict({ method: t.literal('us-mail'), verifiedAt: t.null, pin: MailedPinCodec }),
    t.strict({ method: t.literal('us-mail'), verifiedAt: Instant, pin: t.null })
  ]) as unknown as t.Type<ProviderVerification, unknown, unknown>
)

/** A Provider ID in the plan's format when one is given, else in the shape every format normalises to. */
const providerKeyCodec = (providerIdFormat?: IdentifierFormat): t.Type<ProviderId, string, unknown> =>
  providerIdFormat === undefined
    ? matching<ProviderId>('ProviderId', /^[A-Z0-9]+$/, TEXT_LIMITS.short, 'a Provider ID of upper-case letters and digits')
    : canonical<ProviderId>('providerKey', providerIdParser(providerIdFormat))

/**
 * io-ts codec for a stored organisation. Provider keys are checked against
 * the plan's Provider ID format when one is given, else against the shape
 * every format normalises to (upper-case letters and digits).
 */
export const organisationCodec = (providerIdFormat?: IdentifierFormat): t.Type<RegisteredOrganisation, unknown, unknown> => {
  const ProviderKeyCodec = providerKeyCodec(providerIdFormat)
  const base = {
    id: OrganisationIdCodec,
    fullName: OrganisationNameCodec,
    taxId: t.strict({ hash: KeyedHashCodec, last4: Last4 }),
    memberships: boundedArray(MembershipCodec, MAX_MEMBERSHIPS, 'memberships'),
    registeredAt: Instant,
    version: refined(t.number, 'version', (n) => (Number.isSafeInteger(n) && n >= 0 ? undefined : 'version must be a whole number, 0 or more'))
  }
  const provider = t.strict({ ...base, kind: t.literal('provider'), providerKey: ProviderKeyCodec, verification: VerificationCodec }) as unknown as t.Type<ProviderOrganisation, unknown, unknown>
  const billing = t.strict({ ...base, kind: t.literal('billing') }) as unknown as t.Type<BillingOrganisation, unknown, unknown>
  const either = new t.Type<RegisteredOrganisation, unknown, unknown>(
    'Organisation',
    (u): u is RegisteredOrganisation => provider.is(u) || billing.is(u),
    (u, c) => {
      const kind = typeof u === 'object' && u !== null ? (u as { kind?: unknown }).kind : undefined
      return kind === 'provider' ? provider.validate(u, c) : kind === 'billing' ? billing.validate(u, c) : t.failure(u, c, 'kind must be provider or billing')
    },
    (a) => (a.kind === 'provider' ? provider.encode(a) : billing.encode(a))
  )
  return readable(refined(either, 'Organisation', rosterRule))
}

/** The codec for stored organisations whatever the plan's Provider ID format. */
export const OrganisationCodec: t.Type<RegisteredOrganisation, unknown, unknown> = organisationCodec()

/**
 * The leaves and combinators the organisation codecs are built from, for the
 * codecs of other stored documents holding the same values (the registration
 * flows), so that a value decodes the same wherever it is stored.
 */
export const organisationCodecKit = {
  Instant,
  AccountId: AccountIdCodec,
  OrganisationId: OrganisationIdCodec,
  KeyedHash: KeyedHashCodec,
  TaxIdLast4: Last4,
  EmailAddress: EmailAddressCodec,
  PersonName: PersonNameCodec,
  Phone: PhoneCodec,
  OrganisationName: OrganisationNameCodec,
  providerKey: providerKeyCodec,
  canonical,
  matching,
  literals,
  boundedArray,
  refined,
  readable
} as const
