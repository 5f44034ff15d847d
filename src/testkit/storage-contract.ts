/**
 * The storage contract: what every implementation of the repositories must
 * do, as a list of named checks — accounts, flows, code ledgers, provider
 * registrations, prior-authorization requests (every state, references given
 * once), clinical attachments (content-addressed, byte for byte), registered
 * organisations (registered once, by registration key), client access
 * requests (listed newest first), Provider e-Services' references and HARP's
 * TOTP credentials (replay state written, and removed, only at the version
 * loaded), manual proofings (by account, and the review queue), identity
 * records, devices and push ledgers (one per account), and HARP organisations
 * (unique by registration key, listed by the people in them). Memory,
 * PGlite and PostgreSQL all pass it; a team writing its own adapter runs it
 * too, under any test runner (Node 20 or later: the attachment checks hash
 * with Web Crypto).
 *
 * @example
 * import { test } from 'node:test'
 * import { randomUUID } from 'node:crypto'
 * import { storageContract } from 'health-portal-domain/testkit'
 * import { memoryEServicesDesk, memoryStore } from 'health-portal-domain/adapters/memory'
 * for (const check of storageContract(async () => ({ store: { ...memoryStore(), eServices: memoryEServicesDesk() }, close: async () => {} }), randomUUID))
 *   test(check.name, check.run)
 *
 * @since 0.1.0
 */
import * as E from '../kernel/either'
import * as O from 'fp-ts/lib/Option.js'
import { pipe } from 'fp-ts/lib/function.js'
import { DateTime, Duration } from 'luxon'
import { Account, AccountId } from '../accounts/account'
import { Flow, FlowId } from '../accounts/flow'
import { ANY_PURPOSE, CodeLedger } from '../credentials/verification-code'
import { DomainError } from '../kernel/errors'
import { EmailAddress, EmailKey } from '../kernel/email'
import { MemberId, ProviderId } from '../kernel/identifiers'
import { DateOfBirth, PersonName } from '../kernel/person'
import { Username, UsernameKey } from '../kernel/username'
import { Ptan, PhoneNumber, TaxId } from '../kernel/us-identifiers'
import { KeyedHash } from '../ports/keyed-hasher'
import type { AccountDevicesRepository, PushLedgerRepository, TotpCredential, TotpCredentialRepository } from '../ports/mfa'
import { confirmDevice, enrolDevice, MfaDeviceId, noDevices, SecretRef } from '../mfa/devices'
import { emptyPushLedger } from '../mfa/push'
import type { HarpOrganisationRepository } from '../ports/harp-organisations'
import { connectFirstUser, harpRegistrationKey, HarpOrganisation, requestRole, RoleRequestId } from '../organizations/role-requests'
import { newIdentityRecord } from '../proofing/identity-record'
import type { IdentityRecordRepository, ManualProofingRepository } from '../ports/proofing'
import { attachPhotoId, harpManualProofing, ManualProofing, ManualProofingId, MAX_REVIEW_QUEUE, ReviewerId, startManualProofing } from '../proofing/manual'
import type { PostalAddress } from '../kernel/postal-address'
import { PasswordHash } from '../ports/password-hasher'
import { AccountRepository, CodeLedgerRepository, FlowRepository, ProviderRegistrationRepository } from '../ports/repositories'
import { ProviderRegistration } from '../organizations/provider-registration'
import { ProviderRegistrationFlow } from '../accounts/provider-registration/flow'
import { Npi } from '../kernel/npi'
import { IcdCode, PlaceOfServiceCode, ProcedureCode } from '../prior-authorization/code-sets'
import {
  chooseCodes,
  chooseMember,
  chooseRequestingProvider,
  chooseServicingProvider,
  describeService,
  Draft,
  giveClinicals,
  giveContacts,
  ReadyToSubmit,
  RequestId,
  RequestReference,
  ServiceDate,
  startRequest
} from '../prior-authorization/request'
import { determine, referenceOf, submit, Submitted, Submitter } from '../prior-authorization/determination'
import { AttachmentStore, AuthorizationRequest, AuthorizationRequestRepository } from '../prior-authorization/ports'
import type { AccessRequestRepository, EServicesDesk, EServicesRequest, OrganisationRepository } from '../ports/organisations'
import { BillingOrganisation, OrganisationId, OrganisationName, ProviderOrganisation, RegisteredOrganisation, registrationKey, RegistrationKey } from '../organizations/organisation'
import { ApplicationId, DEFAULT_APPLICATION, Membership } from '../organizations/membership'
import type { TermsVersion } from '../organizations/terms-of-use'
import { AccessRequestId, approve, endAccess, Pending, refuse, requestClientAccess } from '../organizations/client-access'
import {
  BillingOrganisationFlow,
  completeOrganisationRegistration,
  giveContact,
  ProviderOrganisationFlow,
  selectProvider,
  startBillingRegistration,
  startProviderRegistration
} from '../organizations/registration/flow'

/** The repositories under test, and how to let go of them. */
export interface StoreUnderTest {
  readonly store: {
    readonly accounts: AccountRepository
    readonly flows: FlowRepository
    readonly codeLedgers: CodeLedgerRepository
    readonly registrations: ProviderRegistrationRepository
    readonly authorizationRequests: AuthorizationRequestRepository
    readonly attachments: AttachmentStore
    readonly organisations: OrganisationRepository
    readonly accessRequests: AccessRequestRepository
    readonly eServices: EServicesDesk
    readonly totpCredentials: TotpCredentialRepository
    readonly manualProofings: ManualProofingRepository
    readonly identityRecords: IdentityRecordRepository
    readonly accountDevices: AccountDevicesRepository
    readonly pushLedgers: PushLedgerRepository
    readonly harpOrganisations: HarpOrganisationRepository
  }
  readonly close: () => Promise<void>
}

/** One named check; `run` rejects (an assertion error) when the store breaks the contract. */
export interface ContractCheck {
  readonly name: string
  readonly run: () => Promise<void>
}

// -------------------------------------------------------------------------------------
// sample data
// -------------------------------------------------------------------------------------

/** Where fresh identifiers come from: pass node:crypto's `randomUUID` (the contract reads no randomness itself). */
export type NewId = () => string

const at = (iso: string): string => DateTime.fromISO(iso, { zone: 'America/New_York' }).toISO() as string

/** A member account with a unique username (the contract's sample). */
export const sampleAccount = (newId: NewId, overrides: Partial<Account> = {}): Account => {
  const id = newId()
  const n = id.replace(/-/g, '').slice(0, 12)
  const username = `Contract${n}` as Username
  return {
    id: id as AccountId,
    username,
    usernameKey: username.toLowerCase() as UsernameKey,
    email: `contract${n}@example.com` as EmailAddress,
    emailKey: `contract${n}@example.com` as EmailKey,
    passwordHash: '$scrypt$ln=4,r=1,p=1$c2FsdA$aGFzaA' as PasswordHash,
    firstName: 'José' as PersonName,
    lastName: "O'Neil" as PersonName,
    dateOfBirth: '1985-03-14' as DateOfBirth,
    relationship: { kind: 'member', memberId: 'HP12345678' as MemberId },
    status: 'active',
    createdAt: at('2026-11-22T09:00:00'),
    passwordChangedAt: at('2026-11-22T09:00:00'),
    signIn: { consecutiveFailures: 0, lockedUntil: null },
    temporaryPassword: null,
    issuedTemporaryPasswords: [],
    challenge: null,
    version: 0,
    ...overrides
  }
}

const sampleFlow = (newId: NewId): Flow => ({
  kind: 'sign-up',
  state: 'awaiting-email-code',
  id: newId() as FlowId,
  startedAt: at('2026-11-22T09:00:00'),
  expiresAt: at('2026-11-22T10:00:00'),
  version: 0,
  username: 'JaneDoe' as Username,
  usernameKey: 'janedoe' as UsernameKey,
  passwordHash: '$scrypt$ln=4,r=1,p=1$c2FsdA$aGFzaA' as PasswordHash,
  email: 'JaneDoe@gmail.com' as EmailAddress,
  emailKey: 'janedoe@gmail.com' as EmailKey
})

const sampleLedger = (newId: NewId): CodeLedger => ({
  purpose: 'sign-up',
  addressKey: `address-${newId()}` as KeyedHash,
  current: { codeHash: 'c0de' as KeyedHash, issuedAt: at('2026-11-22T09:00:00'), expiresAt: at('2026-11-22T09:10:00'), used: false },
  failedAttempts: 2,
  codesIssued: 3,
  windowStartedAt: at('2026-11-22T08:00:00'),
  lockedUntil: null,
  version: 0
})

/** A Provider ID of the Harmony format, unique per call (the stores of one run may be shared). */
const sampleProviderId = (newId: NewId): ProviderId => `P${newId().replace(/-/g, '').slice(0, 9).toUpperCase()}` as ProviderId

/** A provider's account (Harmony): no date of birth, a temporary password, a security question. */
export const sampleProviderAccount = (newId: NewId, providerId: ProviderId, registrationId: string, overrides: Partial<Account> = {}): Account =>
  sampleAccount(newId, {
    dateOfBirth: null,
    relationship: { kind: 'provider', providerId, registrationId },
    temporaryPassword: { issuedAt: at('2026-11-22T09:00:00'), expiresAt: at('2026-12-22T09:00:00') },
    issuedTemporaryPasswords: [{ digest: '7e'.repeat(32) as KeyedHash, expiresAt: at('2026-12-22T09:00:00') }],
    challenge: { questionId: 'first-pet', answerHash: 'ef'.repeat(32) as KeyedHash, failedAnswers: 0, lockedUntil: null },
    ...overrides
  })

/** A provider registration (the contract's sample): two users with different access, names with accents and apostrophes. */
export const sampleRegistration = (newId: NewId, accountId: AccountId, providerId: ProviderId, overrides: Partial<ProviderRegistration> = {}): ProviderRegistration => ({
  id: `HWR-${newId().replace(/-/g, '').slice(0, 8).toUpperCase()}`,
  providerId,
  providerName: 'Riverside Family Practice',
  accountId,
  organisation: { name: 'Riverside Family Practice', phone: '8135550142' as PhoneNumber },
  users: [
    {
      firstName: 'Grace' as PersonName,
      lastName: 'Okafor' as PersonName,
      email: 'grace.okafor@riversidefp.com' as EmailAddress,
      phone: '8135550143' as PhoneNumber,
      access: ['claims', 'prior-authorizations']
    },
    {
      firstName: 'José' as PersonName,
      lastName: "D'Souza-Núñez" as PersonName,
      email: 'Jose.DSouza@riversidefp.com' as EmailAddress,
      phone: '8135550144' as PhoneNumber,
      access: ['eligibility']
    }
  ],
  registeredAt: at('2026-11-22T09:05:00'),
  version: 0,
  ...overrides
})

const sampleProviderFlow = (newId: NewId, providerId: ProviderId): ProviderRegistrationFlow => ({
  kind: 'provider-registration',
  state: 'identified',
  id: newId() as FlowId,
  startedAt: at('2026-11-22T09:00:00'),
  expiresAt: at('2026-11-22T10:00:00'),
  version: 0,
  providerId,
  providerName: 'Riverside Family Practice'
})

// -------------------------------------------------------------------------------------
// sample prior-authorization requests
// -------------------------------------------------------------------------------------

const DRAFT_LIFETIME = Duration.fromObject({ minutes: 30 })
const PLAN_ZONE = 'America/New_York'
const minute = (n: number): DateTime => DateTime.fromISO('2026-11-22T09:00:00', { zone: PLAN_ZONE }).plus({ minutes: n })

// 16 of the reference alphabet's unambiguous symbols, one per hex digit.
const SYMBOLS = 'ABCDEFGHJKMNPQRS'

/** A reference number unique per call (`HPA-` and 8 symbols drawn from a fresh id). */
export const sampleReference = (newId: NewId): RequestReference =>
  referenceOf('HPA', Array.from(newId().replace(/-/g, '').slice(-8), (c) => SYMBOLS[parseInt(c, 16)] ?? 'Z').join(''))

/**
 * A request taken through every step of the wizard with the pure transitions,
 * a minute per step: `states[0]` is Started, `states[7]` is ReadyToSubmit.
 * Names with accents and apostrophes, an NPI and a missing one, a 7-character
 * ICD-10-CM code, CPT and HCPCS codes, an attachment and typed text.
 */
export const sampleRequestStates = (newId: NewId, accountId: AccountId = newId() as AccountId): { readonly states: ReadonlyArray<Draft>; readonly ready: ReadyToSubmit } => {
  const started = startRequest(minute(0), newId() as RequestId, accountId, DRAFT_LIFETIME)
  const rp = chooseRequestingProvider(minute(1), DRAFT_LIFETIME)(started, { providerId: sampleProviderId(newId), npi: '1234567893' as Npi, name: 'Riverside Family Practice' })
  const member = chooseMember(minute(2), DRAFT_LIFETIME)(rp, {
    memberId: 'HP12345678' as MemberId,
    firstName: 'José' as PersonName,
    lastName: "O'Neil-Núñez" as PersonName,
    dateOfBirth: '1985-03-14' as DateOfBirth
  })
  const service = describeService(minute(3), DRAFT_LIFETIME)(member, {
    placeOfService: '11' as PlaceOfServiceCode,
    visits: 6,
    serviceDate: '2026-12-01' as ServiceDate,
    priority: 'expedited'
  })
  const codes = chooseCodes(minute(4), DRAFT_LIFETIME)(service, {
    diagnoses: ['M54.50', 'E11.9', 'T36.0X1A'] as IcdCode[],
    procedures: ['97110', '0001F', 'J1100'] as ProcedureCode[]
  })
  const servicing = chooseServicingProvider(minute(5), DRAFT_LIFETIME)(codes, { providerId: sampleProviderId(newId), npi: null, name: 'Bayshore Physical Therapy' })
  const clinicals = giveClinicals(minute(6), DRAFT_LIFETIME)(servicing, {
    attachments: [{ fileName: 'MRI report (lumbar) – 2026.pdf', mediaType: 'application/pdf', size: 48213, sha256: 'ab'.repeat(32) }],
    text: 'Low back pain for 8 weeks; 6 weeks of physical therapy without relief. “See MRI.”'
  })
  const ready = giveContacts(minute(7), DRAFT_LIFETIME)(clinicals, { phone: '8135550142' as PhoneNumber, fax: '8135550199' as PhoneNumber, servicingFax: null })
  return { states: [started, rp, member, service, codes, servicing, clinicals, ready], ready }
}

/** Who submits the sample requests: Grace Okafor, the registrant of `sampleRegistration`, as her registration lists her. */
export const sampleSubmitter = (accountId: AccountId): Submitter => ({
  accountId,
  username: 'grace.okafor' as Username,
  firstName: 'Grace' as PersonName,
  lastName: 'Okafor' as PersonName,
  email: 'grace.okafor@riversidefp.com' as EmailAddress,
  phone: '8135550143' as PhoneNumber
})

/** A sample request submitted with `reference` (pended, no determination yet). */
export const sampleSubmitted = (newId: NewId, reference: RequestReference = sampleReference(newId)): Submitted => {
  const { ready } = sampleRequestStates(newId)
  const r = submit(ready, reference, minute(8), PLAN_ZONE, sampleSubmitter(ready.accountId))
  return E.isRight(r) ? r.right : fail(`the sample request does not submit: ${r.left.rule}`)
}

// -------------------------------------------------------------------------------------
// sample organisations and access requests
// -------------------------------------------------------------------------------------

/** Lower-case hex of 32 bytes drawn from fresh ids: a keyed hash as the HMAC adapters write it, unique per call. */
const HOME = { line1: '12 Harbor Way', line2: null, city: 'Baltimore', state: 'MD', zipCode: '21230' } as unknown as PostalAddress

/** An identity record as registration leaves it: the SSN only as its masked last four and a keyed hash, remote proofing not begun. */
const sampleIdentityRecord = (newId: NewId, accountId: AccountId = newId() as AccountId) =>
  newIdentityRecord(minute(0), accountId, {
    firstName: 'Maria' as PersonName,
    lastName: "O'Neil-Álvarez" as PersonName,
    dateOfBirth: '1984-03-09' as DateOfBirth,
    email: 'Maria.Alvarez@example.org' as EmailAddress,
    phone: '4105550142' as PhoneNumber,
    homeAddress: HOME,
    ssn: { last4Masked: '***-**-6789', hash: sampleHash(newId) }
  })

/** A HARP organisation its first user connected to (the Security Official), with a Staff User's request waiting. */
const sampleHarpOrganisation = (newId: NewId, firstUser: AccountId, requester: AccountId): HarpOrganisation => {
  const clinician = { npi: '1234567893' as Npi, ptan: 'AB1234' as Ptan }
  const connected = connectFirstUser(
    minute(0),
    null,
    { organisationId: newId() as OrganisationId, accountId: firstUser },
    { type: 'practice', taxId: '411234567' as TaxId, taxIdHash: sampleHash(newId) },
    clinician,
    [clinician]
  )
  const requested = E.chain((o: HarpOrganisation) => requestRole(minute(1), o, newId() as RoleRequestId, requester, 'staff-user'))(connected)
  return E.isRight(requested) ? requested.right : fail(`the sample organisation was refused: ${requested.left.code}`)
}

/** A TOTP credential as enrolment leaves it: sealed secret (the `v1.` AES-GCM form), no code accepted yet. */
const sampleTotpCredential = (newId: NewId): TotpCredential => ({
  id: `totp-${newId()}` as SecretRef,
  accountId: newId() as AccountId,
  sealedSecret: `v1.${newId().replace(/-/g, '')}.${newId().replace(/-/g, '')}.${newId().replace(/-/g, '')}`,
  lastAcceptedStep: null,
  version: 0
})

/** A manual proofing started through the domain, with a photo ID attached: collecting, then submitted at `minute(submittedAt)`. */
const sampleManualProofing = (newId: NewId, accountId: AccountId, startedAt: number): ManualProofing => {
  const started = startManualProofing(minute(startedAt), newId() as ManualProofingId, {
    accountId,
    firstName: 'Maria' as PersonName,
    lastName: 'Alvarez' as PersonName,
    dateOfBirth: '1984-03-09' as DateOfBirth,
    homeAddress: { line1: '12 Harbor Way', line2: null, city: 'Baltimore', state: 'MD', zipCode: '21230' } as unknown as PostalAddress
  })
  const withId = attachPhotoId(harpManualProofing)(started, { idKind: harpManualProofing.photoIdKinds[0]?.id ?? 'drivers-license', file: { fileName: 'licence.jpg', mediaType: 'image/jpeg', size: 20480, sha256: 'ab'.repeat(32) } })
  return E.isRight(withId) ? withId.right : fail(`the sample photo ID was refused: ${withId.left.code}`)
}
const submittedAt = (p: ManualProofing, n: number): ManualProofing => ({ ...p, state: 'submitted', submittedAt: minute(n).toISO() as string }) as ManualProofing

const sampleHash = (newId: NewId): KeyedHash => `${newId()}${newId()}`.replace(/-/g, '') as KeyedHash

/** A membership (the contract's sample): names with accents and apostrophes, an application beyond the default, terms accepted. */
export const sampleMembership = (newId: NewId, role: Membership['role'], overrides: Partial<Membership> = {}): Membership => {
  const n = newId().slice(0, 8)
  return {
    accountId: newId() as AccountId,
    firstName: 'José' as PersonName,
    lastName: "D'Souza-Núñez" as PersonName,
    email: `Jose.DSouza.${n}@lakesclinic.com` as EmailAddress,
    emailKey: `jose.dsouza.${n}@lakesclinic.com` as EmailKey,
    phone: role === 'delegate' ? ('6515550142' as PhoneNumber) : null,
    role,
    applications: ['claims-status' as ApplicationId, DEFAULT_APPLICATION],
    acceptances: role === 'delegate' ? [{ document: 'provider-portal', version: '2026.1' as TermsVersion, acceptedAt: at('2026-11-22T09:06:00') }] : [],
    ...overrides
  }
}

const sampleOrganisationBase = (newId: NewId, fullName: string) => ({
  id: newId() as OrganisationId,
  fullName: fullName as OrganisationName,
  taxId: { hash: sampleHash(newId), last4: '4567' },
  memberships: [sampleMembership(newId, 'delegate'), sampleMembership(newId, 'staff')],
  registeredAt: at('2026-11-22T09:05:00'),
  version: 0
})

/** A provider's organisation (the contract's sample), under a Tax ID of its own, waiting for its mailed PIN (kept as a keyed hash); a delegate and a staff member. */
export const sampleProviderOrganisation = (newId: NewId): ProviderOrganisation => ({
  ...sampleOrganisationBase(newId, 'Lakes Family Clinic'),
  kind: 'provider',
  providerKey: sampleProviderId(newId),
  verification: {
    method: 'us-mail',
    verifiedAt: null,
    pin: { hash: sampleHash(newId), mailedAt: at('2026-11-22T09:05:00'), expiresAt: at('2026-12-22T09:05:00'), failedAttempts: 1, lettersSent: 2 }
  }
})

/** A billing organisation (the contract's sample), under a Tax ID of its own; a delegate and a staff member. */
export const sampleBillingOrganisation = (newId: NewId): BillingOrganisation => ({ ...sampleOrganisationBase(newId, 'Northstar Billing & Collections'), kind: 'billing' })

/** A pending request for client access by `billingOrganisationId`, made `minutes` after 9:00 with a token hash of its own. */
export const sampleAccessRequest = (newId: NewId, billingOrganisationId: OrganisationId, minutes = 0): Pending => {
  const made = requestClientAccess(
    minute(minutes),
    Duration.fromObject({ days: 7 }),
    { requestId: newId() as AccessRequestId, billingOrganisationId },
    { taxIdHash: sampleHash(newId), providerId: sampleProviderId(newId), name: 'Lakes Family Clinic' },
    { firstName: 'María', lastName: "O'Brien-López", email: 'Maria.Lopez@lakesclinic.com' },
    sampleHash(newId),
    []
  )
  return E.isRight(made) ? made.right : fail(`the sample access request is not made: ${made.left[0].rule}`)
}

/**
 * HealthPartners' registration flows taken through every state with the pure
 * transitions: a provider's on the US Mail path (two candidates, one with no
 * address on file), a billing organisation's. A flow holds the Tax ID only as
 * its keyed hash and last four digits.
 */
export const sampleOrganisationFlows = (newId: NewId): { readonly provider: ReadonlyArray<ProviderOrganisationFlow>; readonly billing: ReadonlyArray<BillingOrganisationFlow> } => {
  const lifetime = Duration.fromObject({ minutes: 30 })
  const taxId = { hash: sampleHash(newId), last4: '4567' }
  const contact = { firstName: 'María' as PersonName, lastName: "O'Brien-López" as PersonName, email: 'Maria.Lopez@lakesclinic.com' as EmailAddress, phone: '6515550142' as PhoneNumber }
  const candidates = [
    { providerKey: sampleProviderId(newId), name: 'Lakes Family Clinic', addressHint: '1 Main St, Suite 2, Saint Paul, MN 55101' },
    { providerKey: sampleProviderId(newId), name: 'Lakes Family Clinic – Eagan', addressHint: null }
  ]
  const done = (username: string) => ({ organisationId: newId() as OrganisationId, accountId: newId() as AccountId, username: username as Username })
  const identified = startProviderRegistration(minute(0), newId() as FlowId, lifetime, { path: 'us-mail', taxId, reference: { npi: '1234567893' as Npi }, candidates })
  const selected = selectProvider(identified, candidates[1]!)
  const contactGiven = giveContact(selected, contact)
  const named = startBillingRegistration(minute(0), newId() as FlowId, lifetime, { fullName: 'Northstar Billing & Collections' as OrganisationName, taxId })
  const billingContact = giveContact(named, { ...contact, phone: null })
  return {
    provider: [identified, selected, contactGiven, completeOrganisationRegistration(contactGiven, done('MLopez.Lakes')) as ProviderOrganisationFlow],
    billing: [named, billingContact, completeOrganisationRegistration(billingContact, done('MLopez@northstar')) as BillingOrganisationFlow]
  }
}

const sampleEServicesRequest = (newId: NewId): EServicesRequest => ({
  kind: 'provider-not-listed',
  firstName: 'Grace',
  lastName: 'Okafor',
  email: 'Grace.Okafor@riversidefp.com',
  emailKey: 'grace.okafor@riversidefp.com' as EmailKey,
  phone: null,
  organisationName: `Riverside Family Practice ${newId().slice(0, 8)}`,
  taxIdLast4: '4567',
  providerReference: null,
  details: 'We opened a second location in 2026.',
  requestedAt: at('2026-11-22T09:10:00')
})

// -------------------------------------------------------------------------------------
// assertions (no test framework needed)
// -------------------------------------------------------------------------------------

const fail = (message: string): never => {
  throw new Error(`storage contract: ${message}`)
}

const right = async <A>(task: () => Promise<E.Either<DomainError, A>>, what: string): Promise<A> => {
  const r = await task()
  return E.isRight(r) ? r.right : fail(`${what} failed with ${r.left.code}: ${r.left.rule}`)
}

const leftCode = async (task: () => Promise<E.Either<DomainError, unknown>>, code: string, what: string): Promise<void> => {
  const r = await task()
  if (E.isRight(r)) fail(`${what} succeeded; expected ${code}`)
  else if (r.left.code !== code) fail(`${what} failed with ${r.left.code}; expected ${code}`)
}

/** Times compare as instants (a store may give them back in another zone); key order does not matter. */
const normalise = (value: unknown): unknown => {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return DateTime.fromISO(value).toMillis()
  if (Array.isArray(value)) return value.map(normalise)
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== 'version')
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, normalise(v)])
    )
  return value
}

const same = (actual: unknown, expected: unknown, what: string): void => {
  const a = JSON.stringify(normalise(actual))
  const b = JSON.stringify(normalise(expected))
  if (a !== b) fail(`${what} came back different:\n  stored   ${b}\n  returned ${a}`)
}

const found = <A>(o: O.Option<A>, what: string): A => (O.isSome(o) ? o.value : fail(`${what} was not found`))

// -------------------------------------------------------------------------------------
// the contract
// -------------------------------------------------------------------------------------

/** Every check of the contract, each on a store `open` makes (and closes) for it. */
export const storageContract = (open: () => Promise<StoreUnderTest>, newId: NewId): ReadonlyArray<ContractCheck> => {
  const check = (name: string, body: (s: StoreUnderTest['store']) => Promise<void>): ContractCheck => ({
    name,
    run: async () => {
      const under = await open()
      try {
        await body(under.store)
      } finally {
        await under.close()
      }
    }
  })
  return [
    check('an identity record round-trips by account at version 1, updates at the loaded version only; a second for one account is storage.conflict', async ({ identityRecords }) => {
      const record = sampleIdentityRecord(newId)
      const stored = await right(identityRecords.insert(record), 'insert')
      same(found(await right(identityRecords.findByAccount(record.accountId), 'findByAccount'), 'the identity record'), { ...record, version: 1 }, 'the identity record')
      const failed = await right(identityRecords.update({ ...stored, ssnFailures: 1 }), 'update')
      if (failed.version !== 2) fail(`update stored version ${failed.version}`)
      await leftCode(identityRecords.update({ ...stored, ssnFailures: 2 }), 'storage.conflict', 'a stale identity record update')
      same(found(await right(identityRecords.findByAccount(record.accountId), 'findByAccount'), 'the identity record'), failed, 'the record after a stale update')
      await leftCode(identityRecords.insert(record), 'storage.conflict', 'a second identity record for one account')
      if (O.isSome(await right(identityRecords.findByAccount(newId() as AccountId), 'findByAccount'))) fail('an unknown account has an identity record')
      const manual = sampleIdentityRecord(newId)
      const noSsn = { ...manual, profile: { ...manual.profile, ssn: null }, path: 'manual' as const, remote: null }
      await right(identityRecords.insert(noSsn), 'insert')
      same(found(await right(identityRecords.findByAccount(noSsn.accountId), 'findByAccount'), 'the manual-path record'), { ...noSsn, version: 1 }, 'the record without an SSN')
    }),
    check("manual proofings: an account's are listed newest first, another account's never", async ({ manualProofings }) => {
      const accountId = newId() as AccountId
      const first = await right(manualProofings.insert(sampleManualProofing(newId, accountId, 0)), 'insert')
      // collecting ones only: the review-queue check counts every submitted proofing in the store
      const second = await right(manualProofings.insert(sampleManualProofing(newId, accountId, 5)), 'insert')
      await right(manualProofings.insert(sampleManualProofing(newId, newId() as AccountId, 9)), 'insert')
      same((await right(manualProofings.findByAccount(accountId), 'findByAccount')).map((p) => p.id), [second.id, first.id], "the account's proofings")
      same(await right(manualProofings.findByAccount(newId() as AccountId), 'findByAccount'), [], 'an unknown account')
      await leftCode(manualProofings.insert(first), 'storage.conflict', 'inserting a proofing twice')
    }),
    check("an account's devices round-trip through enrolled and confirmed, one version per write; a stale update is storage.conflict", async ({ accountDevices }) => {
      const accountId = newId() as AccountId
      const policy = { required: true, maxDevices: 5 }
      const enrolled = pipe(
        enrolDevice(policy)(minute(0), noDevices(accountId), newId() as MfaDeviceId, { kind: 'sms', phone: '4105550142' as PhoneNumber }),
        E.chain((d) => enrolDevice(policy)(minute(1), d, newId() as MfaDeviceId, { kind: 'totp', secretRef: `totp-${newId()}` as SecretRef }))
      )
      if (E.isLeft(enrolled)) return fail(`the sample devices were refused: ${enrolled.left.code}`)
      const stored = await right(accountDevices.insert(enrolled.right), 'insert')
      same(found(await right(accountDevices.find(accountId), 'find'), 'the devices'), { ...enrolled.right, version: 1 }, 'the enrolled devices')
      const confirmed = confirmDevice(minute(2), stored, stored.devices[0]?.id as MfaDeviceId, E.right('verified'))
      if (E.isLeft(confirmed)) return fail(`the sample confirmation was refused: ${confirmed.left.code}`)
      const updated = await right(accountDevices.update(confirmed.right), 'update')
      same(found(await right(accountDevices.find(accountId), 'find'), 'the devices'), { ...confirmed.right, version: 2 }, 'the confirmed devices')
      await leftCode(accountDevices.update(stored), 'storage.conflict', 'a stale devices update')
      await leftCode(accountDevices.insert(enrolled.right), 'storage.conflict', 'a second devices record for one account')
      same(found(await right(accountDevices.find(accountId), 'find'), 'the devices'), updated, 'the devices after refused writes')
      if (O.isSome(await right(accountDevices.find(newId() as AccountId), 'find'))) fail('an unknown account has devices')
    }),
    check('a push ledger round-trips by account at version 1; a stale update is storage.conflict', async ({ pushLedgers }) => {
      const ledger = emptyPushLedger(newId() as AccountId)
      const stored = await right(pushLedgers.insert(ledger), 'insert')
      same(found(await right(pushLedgers.find(ledger.accountId), 'find'), 'the ledger'), { ...ledger, version: 1 }, 'the push ledger')
      await right(pushLedgers.update(stored), 'update')
      await leftCode(pushLedgers.update(stored), 'storage.conflict', 'a stale push ledger update')
      await leftCode(pushLedgers.insert(ledger), 'storage.conflict', 'a second push ledger for one account')
      if (O.isSome(await right(pushLedgers.find(newId() as AccountId), 'find'))) fail('an unknown account has a push ledger')
    }),
    check('a HARP organisation round-trips by id and registration key; a second with its key is organisation.has-security-official; a stale update is storage.conflict', async ({ harpOrganisations }) => {
      const official = newId() as AccountId
      const requester = newId() as AccountId
      const organisation = sampleHarpOrganisation(newId, official, requester)
      const key = harpRegistrationKey({ type: organisation.type, taxIdHash: organisation.taxId.hash })
      const stored = await right(harpOrganisations.insert(organisation), 'insert')
      same(found(await right(harpOrganisations.findById(organisation.id), 'findById'), 'the organisation'), { ...organisation, version: 1 }, 'the organisation by id')
      same(found(await right(harpOrganisations.findByRegistrationKey(key), 'findByRegistrationKey'), 'the organisation'), { ...organisation, version: 1 }, 'the organisation by key')
      await leftCode(harpOrganisations.insert({ ...organisation, id: newId() as OrganisationId }), 'organisation.has-security-official', 'a second organisation with one registration key')
      const updated = await right(harpOrganisations.update({ ...stored, pending: [] }), 'update')
      if (updated.version !== 2) fail(`update stored version ${updated.version}`)
      await leftCode(harpOrganisations.update(stored), 'storage.conflict', 'a stale organisation update')
      if (O.isSome(await right(harpOrganisations.findById(newId() as OrganisationId), 'findById'))) fail('an unknown id found an organisation')
    }),
    check("a person's HARP organisations are those they are connected to or wait in, oldest registered first, at most the limit", async ({ harpOrganisations }) => {
      const official = newId() as AccountId
      const requester = newId() as AccountId
      const first = await right(harpOrganisations.insert(sampleHarpOrganisation(newId, official, requester)), 'insert')
      const second = await right(harpOrganisations.insert({ ...sampleHarpOrganisation(newId, requester, newId() as AccountId), registeredAt: minute(10).toISO() as string }), 'insert')
      await right(harpOrganisations.insert(sampleHarpOrganisation(newId, newId() as AccountId, newId() as AccountId)), 'insert')
      same((await right(harpOrganisations.findByAccount(official, 10), 'findByAccount')).map((o) => o.id), [first.id], "the Security Official's")
      same((await right(harpOrganisations.findByAccount(requester, 10), 'findByAccount')).map((o) => o.id), [first.id, second.id], "the requester's (waiting in one, connected to the other)")
      same((await right(harpOrganisations.findByAccount(requester, 1), 'findByAccount')).map((o) => o.id), [first.id], 'a limit of 1')
      same(await right(harpOrganisations.findByAccount(requester, 0), 'findByAccount'), [], 'a limit of 0')
      same(await right(harpOrganisations.findByAccount(newId() as AccountId, 10), 'findByAccount'), [], 'a person with none')
    }),
    check('a TOTP credential round-trips at version 1, its replay state updates at the loaded version only, and a stale update is storage.conflict', async ({ totpCredentials }) => {
      const credential = sampleTotpCredential(newId)
      const stored = await right(totpCredentials.insert(credential), 'insert')
      if (stored.version !== 1) fail(`insert stored version ${stored.version}`)
      same(found(await right(totpCredentials.find(credential.id), 'find'), 'the credential'), { ...credential, version: 1 }, 'the credential')
      const accepted = await right(totpCredentials.update({ ...stored, lastAcceptedStep: 59_000_123 }), 'update')
      if (accepted.version !== 2) fail(`update stored version ${accepted.version}`)
      same(found(await right(totpCredentials.find(credential.id), 'find'), 'the credential'), { ...credential, lastAcceptedStep: 59_000_123, version: 2 }, 'the updated credential')
      // the same code replayed from the version first loaded: refused, and the accepted step stays
      await leftCode(totpCredentials.update({ ...stored, lastAcceptedStep: 59_000_124 }), 'storage.conflict', 'a stale TOTP update')
      same(found(await right(totpCredentials.find(credential.id), 'find'), 'the credential'), accepted, 'the credential after a stale update')
      await leftCode(totpCredentials.insert(credential), 'storage.conflict', 'inserting the same TOTP credential twice')
      await leftCode(totpCredentials.update({ ...sampleTotpCredential(newId), version: 1 }), 'storage.conflict', 'updating a credential never stored')
    }),
    check('a TOTP credential is removed only at the version loaded; unknown references are none', async ({ totpCredentials }) => {
      const stored = await right(totpCredentials.insert(sampleTotpCredential(newId)), 'insert')
      const updated = await right(totpCredentials.update({ ...stored, lastAcceptedStep: 7 }), 'update')
      await leftCode(totpCredentials.remove(stored), 'storage.conflict', 'a stale remove')
      same(found(await right(totpCredentials.find(stored.id), 'find'), 'the credential'), updated, 'the credential after a stale remove')
      await right(totpCredentials.remove(updated), 'remove')
      if (O.isSome(await right(totpCredentials.find(stored.id), 'find'))) fail('a removed credential is still found')
      if (O.isSome(await right(totpCredentials.find(`totp-${newId()}` as SecretRef), 'find'))) fail('found a credential never stored')
    }),
    check('manual proofings: the review queue lists only submitted ones, oldest first, none below a limit of 1, never more than MAX_REVIEW_QUEUE', async ({ manualProofings }) => {
      const accountId = newId() as AccountId
      const later = await right(manualProofings.insert(submittedAt(sampleManualProofing(newId, accountId, 0), 20)), 'insert')
      const earlier = await right(manualProofings.insert(submittedAt(sampleManualProofing(newId, accountId, 1), 10)), 'insert')
      const collecting = await right(manualProofings.insert(sampleManualProofing(newId, accountId, 2)), 'insert')
      const decided = await right(manualProofings.insert({ ...submittedAt(sampleManualProofing(newId, accountId, 3), 5), state: 'approved', decidedAt: minute(30).toISO() as string, reviewer: 'reviewer-1' as ReviewerId } as ManualProofing), 'insert')
      if (later.version !== 1) fail(`insert stored version ${later.version}`)
      same(found(await right(manualProofings.findById(decided.id), 'findById'), 'the approved proofing'), decided, 'the approved proofing')
      same(found(await right(manualProofings.findById(collecting.id), 'findById'), 'the collecting proofing'), collecting, 'the collecting proofing')
      const queue = await right(manualProofings.submittedQueue(10), 'submittedQueue')
      same(queue.map((p) => p.id), [earlier.id, later.id], 'the review queue')
      same(await right(manualProofings.submittedQueue(1), 'submittedQueue'), [earlier], 'the review queue of 1')
      same(await right(manualProofings.submittedQueue(0), 'submittedQueue'), [], 'the review queue of 0')
      same(await right(manualProofings.submittedQueue(-3), 'submittedQueue'), [], 'the review queue of -3')
      if ((await right(manualProofings.submittedQueue(MAX_REVIEW_QUEUE + 50), 'submittedQueue')).length > MAX_REVIEW_QUEUE) fail('the queue went past MAX_REVIEW_QUEUE')
      await leftCode(manualProofings.update({ ...later, version: 0 }), 'storage.conflict', 'a stale manual proofing update')
      if (O.isSome(await right(manualProofings.findById(newId() as ManualProofingId), 'findById'))) fail('found a manual proofing never stored')
    }),
    check('an inserted account is stored at version 1 and found by id and by username key', async ({ accounts }) => {
      const account = sampleAccount(newId)
      const stored = await right(accounts.insert(account), 'insert')
      if (stored.version !== 1) fail(`insert stored version ${stored.version}`)
      same(found(await right(accounts.findById(account.id), 'findById'), 'the account'), account, 'the account by id')
      same(found(await right(accounts.findByUsername(account.usernameKey), 'findByUsername'), 'the account'), account, 'the account by username')
    }),
    check('an account that does not exist is none, for any id', async ({ accounts }) => {
      if (O.isSome(await right(accounts.findById(newId() as AccountId), 'findById'))) fail('found an account never stored')
      if (O.isSome(await right(accounts.findById('not-a-uuid' as AccountId), 'findById'))) fail('found an account by a malformed id')
      if (O.isSome(await right(accounts.findByUsername('nobody' as UsernameKey), 'findByUsername'))) fail('found an unknown username')
    }),
    check('a representative account keeps its represented member and ID hash', async ({ accounts }) => {
      const account = sampleAccount(newId, {
        relationship: { kind: 'representative', representedMemberId: 'HP12345678' as MemberId, representativeIdHash: 'ab'.repeat(32) as KeyedHash },
        signIn: { consecutiveFailures: 3, lockedUntil: at('2026-11-22T09:05:00') }
      })
      await right(accounts.insert(account), 'insert')
      same(found(await right(accounts.findById(account.id), 'findById'), 'the account'), account, 'the representative account')
    }),
    check("a provider's account with a temporary password and a security question round-trips", async ({ accounts }) => {
      const account = sampleAccount(newId, {
        dateOfBirth: null,
        relationship: { kind: 'provider', providerId: 'HP0012345' as ProviderId, registrationId: 'HWR-7Q4K2M' },
        temporaryPassword: { issuedAt: at('2026-11-22T09:00:00'), expiresAt: at('2026-12-22T09:00:00') },
        issuedTemporaryPasswords: [{ digest: '7e'.repeat(32) as KeyedHash, expiresAt: at('2026-12-22T09:00:00') }],
        challenge: { questionId: 'first-pet', answerHash: 'cd'.repeat(32) as KeyedHash, failedAnswers: 2, lockedUntil: at('2026-11-22T09:30:00') }
      })
      const stored = await right(accounts.insert(account), 'insert')
      same(found(await right(accounts.findById(account.id), 'findById'), 'the account'), account, 'the provider account')
      const chosen: Account = { ...stored, temporaryPassword: null, challenge: { ...account.challenge!, failedAnswers: 0, lockedUntil: null } }
      await right(accounts.update(chosen), 'update')
      same(found(await right(accounts.findById(account.id), 'findById'), 'the account'), chosen, 'the provider account after choosing a password')
    }),
    check('the temporary passwords an account was issued are kept, in order, and only as their keyed hashes and expiries', async ({ accounts }) => {
      const issued = [
        { digest: '1a'.repeat(32) as KeyedHash, expiresAt: at('2026-12-01T09:00:00') },
        { digest: '2b'.repeat(32) as KeyedHash, expiresAt: at('2026-12-22T09:00:00') }
      ]
      const account = sampleAccount(newId, {
        dateOfBirth: null,
        relationship: { kind: 'provider', providerId: 'HP0012346' as ProviderId, registrationId: 'HWR-7Q4K2N' },
        issuedTemporaryPasswords: issued
      })
      const stored = await right(accounts.insert(account), 'insert')
      same(found(await right(accounts.findById(account.id), 'findById'), 'the account'), account, 'the account with two issued temporary passwords')
      // The earlier one has expired and been forgotten; an own password replaced the current one, which is still remembered.
      const pruned: Account = { ...stored, temporaryPassword: null, issuedTemporaryPasswords: [issued[1]!] }
      await right(accounts.update(pruned), 'update')
      same(found(await right(accounts.findById(account.id), 'findById'), 'the account'), pruned, 'the account after the earlier one was forgotten')
      const none: Account = { ...pruned, version: pruned.version + 1, issuedTemporaryPasswords: [] }
      await right(accounts.update(none), 'update')
      same(found(await right(accounts.findById(account.id), 'findById'), 'the account'), none, 'the account with none left')
    }),
    check('a second account with the same username in another case is username.taken', async ({ accounts }) => {
      const first = sampleAccount(newId)
      await right(accounts.insert(first), 'insert')
      const twin = sampleAccount(newId, { username: first.username.toUpperCase() as Username, usernameKey: first.usernameKey })
      await leftCode(accounts.insert(twin), 'username.taken', 'inserting the twin')
    }),
    check('an update needs the stored version and stores the next one', async ({ accounts }) => {
      const stored = await right(accounts.insert(sampleAccount(newId)), 'insert')
      const changed = await right(accounts.update({ ...stored, signIn: { consecutiveFailures: 1, lockedUntil: null } }), 'update')
      if (changed.version !== 2) fail(`update stored version ${changed.version}`)
      await leftCode(accounts.update({ ...stored, signIn: { consecutiveFailures: 5, lockedUntil: null } }), 'storage.conflict', 'a stale update')
      same(found(await right(accounts.findById(stored.id), 'findById'), 'the account').signIn, changed.signIn, 'the account after a stale update')
    }),
    check('of two updates from one version, exactly one wins', async ({ accounts }) => {
      const stored = await right(accounts.insert(sampleAccount(newId)), 'insert')
      const results = await Promise.all([1, 2].map((n) => accounts.update({ ...stored, signIn: { consecutiveFailures: n, lockedUntil: null } })()))
      const wins = results.filter(E.isRight).length
      if (wins !== 1) fail(`${wins} of two concurrent updates won`)
      for (const r of results) if (E.isLeft(r) && r.left.code !== 'storage.conflict') fail(`the loser failed with ${r.left.code}`)
    }),
    check('updating an account that was never stored is storage.conflict', async ({ accounts }) => {
      await leftCode(accounts.update({ ...sampleAccount(newId), version: 1 }), 'storage.conflict', 'updating a missing account')
    }),
    check('a flow round-trips through every state it can be in', async ({ flows }) => {
      const flow = sampleFlow(newId)
      const stored = await right(flows.insert(flow), 'insert')
      same(found(await right(flows.find(flow.id), 'find'), 'the flow'), flow, 'the flow')
      if (flow.kind !== 'sign-up') return
      const verified = await right(flows.update({ ...flow, version: stored.version, state: 'email-verified', verifiedAt: at('2026-11-22T09:03:00') }), 'update')
      same(found(await right(flows.find(flow.id), 'find'), 'the flow'), verified, 'the verified flow')
      await leftCode(flows.update({ ...flow, version: stored.version }), 'storage.conflict', 'a stale flow update')
      if (O.isSome(await right(flows.find(newId() as FlowId), 'find'))) fail('found a flow never stored')
    }),
    check('a code ledger round-trips, with and without a current code', async ({ codeLedgers }) => {
      const ledger = sampleLedger(newId)
      const stored = await right(codeLedgers.insert(ledger), 'insert')
      same(found(await right(codeLedgers.find(ledger.purpose, ledger.addressKey), 'find'), 'the ledger'), ledger, 'the ledger')
      const cleared: CodeLedger = { ...stored, current: null, lockedUntil: at('2026-11-22T09:20:00'), failedAttempts: 5 }
      await right(codeLedgers.update(cleared), 'update')
      same(found(await right(codeLedgers.find(ledger.purpose, ledger.addressKey), 'find'), 'the ledger'), cleared, 'the cleared ledger')
      if (O.isSome(await right(codeLedgers.find('password-reset', ledger.addressKey), 'find'))) fail('a ledger leaked across purposes')
      await leftCode(codeLedgers.insert(ledger), 'storage.conflict', 'inserting the same ledger twice')
    }),
    check("an address's quota ledger (ANY_PURPOSE, no code) lives beside its per-purpose ledgers, each kept apart", async ({ codeLedgers }) => {
      const signUp = sampleLedger(newId)
      const quota: CodeLedger = { ...signUp, purpose: ANY_PURPOSE, current: null, failedAttempts: 0, codesIssued: 7 }
      await right(codeLedgers.insert(signUp), 'insert the sign-up ledger')
      const stored = await right(codeLedgers.insert(quota), 'insert the quota ledger')
      same(found(await right(codeLedgers.find(ANY_PURPOSE, signUp.addressKey), 'find'), 'the quota ledger'), quota, 'the quota ledger')
      await right(codeLedgers.update({ ...stored, codesIssued: 8 }), 'count one more code')
      same(found(await right(codeLedgers.find('sign-up', signUp.addressKey), 'find'), 'the sign-up ledger'), signUp, 'the sign-up ledger, untouched')
      if (found(await right(codeLedgers.find(ANY_PURPOSE, signUp.addressKey), 'find'), 'the quota ledger').codesIssued !== 8) fail('the quota ledger lost its count')
    }),
    check('of concurrent updates of one ledger, exactly one wins each round (no lost update)', async ({ codeLedgers }) => {
      let current = await right(codeLedgers.insert(sampleLedger(newId)), 'insert')
      for (let round = 0; round < 5; round++) {
        const base = current
        const results = await Promise.all([0, 1, 2, 3].map(() => codeLedgers.update({ ...base, failedAttempts: base.failedAttempts + 1 })()))
        const winners = results.filter(E.isRight)
        if (winners.length !== 1) fail(`${winners.length} of four concurrent updates won in round ${round}`)
        current = (winners[0] as E.Right<CodeLedger>).right
      }
      const final = found(await right(codeLedgers.find(current.purpose, current.addressKey), 'find'), 'the ledger')
      if (final.failedAttempts !== 2 + 5) fail(`after five won rounds the count is ${final.failedAttempts}, not 7`)
    }),
    check('a provider registration is stored at version 1 and found by its Provider ID, organisation and users intact', async ({ accounts, registrations }) => {
      const providerId = sampleProviderId(newId)
      const reference = `HWR-${newId().slice(0, 8).toUpperCase()}`
      const account = sampleProviderAccount(newId, providerId, reference)
      await right(accounts.insert(account), 'inserting the account')
      const registration = sampleRegistration(newId, account.id, providerId, { id: reference })
      const stored = await right(registrations.insert(registration), 'insert')
      if (stored.version !== 1) fail(`insert stored version ${stored.version}`)
      same(stored, registration, 'the registration as inserted')
      same(found(await right(registrations.findByProviderId(providerId), 'findByProviderId'), 'the registration'), registration, 'the registration')
      if (O.isSome(await right(registrations.findByProviderId(sampleProviderId(newId)), 'findByProviderId'))) fail('found a registration never stored')
      same(found(await right(accounts.findById(account.id), 'findById'), "the provider's account"), account, "the provider's account")
    }),
    check('a second registration for the same Provider ID is provider.already-registered; the first stays', async ({ accounts, registrations }) => {
      const providerId = sampleProviderId(newId)
      const first = sampleProviderAccount(newId, providerId, 'HWR-FIRST000')
      const second = sampleProviderAccount(newId, providerId, 'HWR-SECOND00')
      await right(accounts.insert(first), 'inserting the first account')
      await right(accounts.insert(second), 'inserting the second account')
      const registration = sampleRegistration(newId, first.id, providerId)
      await right(registrations.insert(registration), 'the first registration')
      const twin = sampleRegistration(newId, second.id, providerId, { providerName: 'Someone Else', users: [] })
      await leftCode(registrations.insert(twin), 'provider.already-registered', 'a second registration for the provider')
      same(found(await right(registrations.findByProviderId(providerId), 'findByProviderId'), 'the registration'), registration, 'the first registration')
      // another provider registers independently
      const otherId = sampleProviderId(newId)
      const other = sampleRegistration(newId, second.id, otherId)
      await right(registrations.insert(other), 'a registration for another provider')
      same(found(await right(registrations.findByProviderId(otherId), 'findByProviderId'), 'the other registration'), other, 'the other registration')
    }),
    check("an organisation registration flow round-trips through every state, a provider's and a billing organisation's", async ({ flows }) => {
      const { provider, billing } = sampleOrganisationFlows(newId)
      for (const states of [provider, billing] as ReadonlyArray<ReadonlyArray<Flow>>) {
        const [first, ...later] = states as [Flow, ...Flow[]]
        let stored = await right(flows.insert(first), `inserting the ${first.kind} flow`)
        same(found(await right(flows.find(first.id), 'find'), 'the flow'), first, `the ${first.kind} flow in state ${first.state}`)
        for (const next of later) {
          stored = await right(flows.update({ ...next, version: stored.version }), `update to ${next.state}`)
          same(stored, next, `the ${next.kind} flow in state ${next.state} as updated`)
          same(found(await right(flows.find(first.id), 'find'), 'the flow'), next, `the ${next.kind} flow in state ${next.state}`)
        }
        await leftCode(flows.update({ ...first, version: 1 }), 'storage.conflict', `a stale ${first.kind} flow update`)
      }
    }),
    check("an organisation's account keeps its organisation", async ({ accounts }) => {
      const account = sampleAccount(newId, { dateOfBirth: null, relationship: { kind: 'organisation', organisationId: newId() as OrganisationId } })
      const stored = await right(accounts.insert(account), 'insert')
      same(found(await right(accounts.findById(account.id), 'findById'), 'the account'), account, "the organisation's account")
      const locked: Account = { ...stored, signIn: { consecutiveFailures: 5, lockedUntil: at('2026-11-22T09:30:00') } }
      await right(accounts.update(locked), 'update')
      same(found(await right(accounts.findByUsername(account.usernameKey), 'findByUsername'), 'the account'), locked, "the organisation's account after an update")
    }),
    check("an individual's account keeps whether and when its identity was proofed", async ({ accounts }) => {
      const account = sampleAccount(newId, { relationship: { kind: 'individual', identityProofedAt: null } })
      const stored = await right(accounts.insert(account), 'insert')
      same(found(await right(accounts.findById(account.id), 'findById'), 'the account'), account, 'the unproofed account')
      const proofed: Account = { ...stored, relationship: { kind: 'individual', identityProofedAt: at('2026-11-22T09:30:00') } }
      await right(accounts.update(proofed), 'update')
      same(found(await right(accounts.findByUsername(account.usernameKey), 'findByUsername'), 'the account'), { ...proofed, version: 2 }, 'the proofed account')
    }),
    check('a provider-registration flow round-trips through identified, described and completed', async ({ flows }) => {
      const providerId = sampleProviderId(newId)
      const identified = sampleProviderFlow(newId, providerId)
      const stored = await right(flows.insert(identified), 'insert')
      same(found(await right(flows.find(identified.id), 'find'), 'the flow'), identified, 'the identified flow')
      const sample = sampleRegistration(newId, newId() as AccountId, providerId)
      const described: ProviderRegistrationFlow = { ...identified, version: stored.version, state: 'described', organisation: sample.organisation, users: sample.users }
      const d = await right(flows.update(described), 'update to described')
      same(found(await right(flows.find(identified.id), 'find'), 'the flow'), described, 'the described flow')
      const completed: ProviderRegistrationFlow = { ...described, version: d.version, state: 'completed', accountId: sample.accountId, registrationId: sample.id }
      await right(flows.update(completed), 'update to completed')
      same(found(await right(flows.find(identified.id), 'find'), 'the flow'), completed, 'the completed flow')
      await leftCode(flows.update(described), 'storage.conflict', 'a stale flow update')
    }),

    // prior-authorization requests
    check('a prior-authorization request round-trips through every state of the wizard, submission and determinations, one version per write', async ({ authorizationRequests: requests }) => {
      const { states } = sampleRequestStates(newId)
      const [started, ...later] = states as [Draft, ...Draft[]]
      let current = await right(requests.insert(started), 'insert')
      if (current.version !== 1) fail(`insert stored version ${current.version}`)
      same(current, started, 'the started request as inserted')
      same(found(await right(requests.find(started.id), 'find'), 'the request'), started, 'the started request')
      const write = async (next: AuthorizationRequest, what: string): Promise<AuthorizationRequest> => {
        const stored = await right(requests.update({ ...next, version: current.version } as AuthorizationRequest), `update to ${what}`)
        if (stored.version !== current.version + 1) fail(`the update to ${what} stored version ${stored.version} after ${current.version}`)
        same(stored, next, `the request in state ${what} as updated`)
        const back = found(await right(requests.find(next.id), 'find'), 'the request')
        same(back, next, `the request in state ${what}`)
        if (back.version !== stored.version) fail(`find gave version ${back.version}, the update ${stored.version}`)
        current = back
        return back
      }
      for (const next of later) await write(next, next.state)
      const last = later[later.length - 1] as ReadyToSubmit
      const submitted = submit(last, sampleReference(newId), minute(8), PLAN_ZONE, sampleSubmitter(last.accountId))
      if (E.isLeft(submitted)) return fail(`submit: ${submitted.left.rule}`)
      await write(submitted.right, 'submitted')
      // pended (A4), then partially certified with a reason and an authorization number
      const pended = determine(submitted.right, { reviewAction: 'A4', reason: null, authorizationNumber: null }, minute(60))
      if (E.isLeft(pended)) return fail(`determine A4: ${pended.left.rule}`)
      const afterA4 = await write(pended.right, 'submitted, pended')
      const partly = determine(afterA4 as Submitted, { reviewAction: 'A2', reason: { code: 'MN-04', text: 'Six visits requested; four are medically necessary.' }, authorizationNumber: 'AUTH-2026-000417' }, minute(90))
      if (E.isLeft(partly)) return fail(`determine A2: ${partly.left.rule}`)
      await write(partly.right, 'submitted, partially certified')
      same(found(await right(requests.findByReference(partly.right.reference), 'findByReference'), 'the request by reference'), partly.right, 'the determined request by reference')
    }),
    check('a request that does not exist is none, by any id or reference', async ({ authorizationRequests: requests }) => {
      if (O.isSome(await right(requests.find(newId() as RequestId), 'find'))) fail('found a request never stored')
      if (O.isSome(await right(requests.find('not-a-uuid' as RequestId), 'find'))) fail('found a request by a malformed id')
      if (O.isSome(await right(requests.findByReference(sampleReference(newId)), 'findByReference'))) fail('found a reference never given')
      if (O.isSome(await right(requests.findByReference('nonsense' as RequestReference), 'findByReference'))) fail('found a malformed reference')
    }),
    check('a stale update of a request is storage.conflict and changes nothing; so is updating one never stored, or inserting one twice', async ({ authorizationRequests: requests }) => {
      const { states } = sampleRequestStates(newId)
      const [started, rp, member] = states as [Draft, Draft, Draft]
      const v1 = await right(requests.insert(started), 'insert')
      const v2 = await right(requests.update({ ...rp, version: v1.version }), 'update')
      await leftCode(requests.update({ ...member, version: v1.version }), 'storage.conflict', 'a stale update')
      same(found(await right(requests.find(started.id), 'find'), 'the request'), v2, 'the request after a stale update')
      await leftCode(requests.insert(started), 'storage.conflict', 'inserting the same request twice')
      const never = sampleRequestStates(newId).states[0] as Draft
      await leftCode(requests.update({ ...never, version: 1 }), 'storage.conflict', 'updating a request never stored')
      if (O.isSome(await right(requests.find(never.id), 'find'))) fail('an update of a request never stored created it')
    }),
    check('of concurrent updates of one request, exactly one wins each round', async ({ authorizationRequests: requests }) => {
      const { states } = sampleRequestStates(newId)
      let current = await right(requests.insert(states[0] as Draft), 'insert')
      for (const [round, next] of states.slice(1, 5).entries()) {
        const base = current
        const results = await Promise.all([0, 1, 2].map(() => requests.update({ ...next, version: base.version } as AuthorizationRequest)()))
        const winners = results.filter(E.isRight)
        if (winners.length !== 1) fail(`${winners.length} of three concurrent updates won in round ${round}`)
        for (const r of results) if (E.isLeft(r) && r.left.code !== 'storage.conflict') fail(`a loser failed with ${r.left.code}`)
        current = (winners[0] as E.Right<AuthorizationRequest>).right
      }
      const final = found(await right(requests.find(current.id), 'find'), 'the request')
      if (final.version !== 5 || final.state !== 'codes') fail(`after four won rounds the request is at version ${final.version} in state ${final.state}`)
    }),
    check('a submitted request is found by its reference; a draft is not, until it is submitted', async ({ authorizationRequests: requests }) => {
      const { ready } = sampleRequestStates(newId)
      const reference = sampleReference(newId)
      const draft = await right(requests.insert(ready), 'inserting the draft')
      if (O.isSome(await right(requests.findByReference(reference), 'findByReference'))) fail('found a reference before submission')
      const submitted = submit({ ...ready, version: draft.version }, reference, minute(8), PLAN_ZONE, sampleSubmitter(ready.accountId))
      if (E.isLeft(submitted)) return fail(`submit: ${submitted.left.rule}`)
      await right(requests.update(submitted.right), 'submitting')
      same(found(await right(requests.findByReference(reference), 'findByReference'), 'the submitted request'), submitted.right, 'the submitted request by reference')
      // inserted already submitted, too
      const other = sampleSubmitted(newId)
      await right(requests.insert(other), 'inserting a submitted request')
      same(found(await right(requests.findByReference(other.reference), 'findByReference'), 'the other request'), other, 'the other request by reference')
    }),
    check('a reference is given once: a second request with it is storage.conflict, inserted or updated, and the first keeps it', async ({ authorizationRequests: requests }) => {
      const first = sampleSubmitted(newId)
      await right(requests.insert(first), 'the first request')
      await leftCode(requests.insert(sampleSubmitted(newId, first.reference)), 'storage.conflict', 'inserting a second request with the reference')
      const { ready } = sampleRequestStates(newId)
      const draft = await right(requests.insert(ready), 'a draft')
      const twin = submit({ ...ready, version: draft.version }, first.reference, minute(8), PLAN_ZONE, sampleSubmitter(ready.accountId))
      if (E.isLeft(twin)) return fail(`submit: ${twin.left.rule}`)
      await leftCode(requests.update(twin.right), 'storage.conflict', 'submitting a draft with the reference')
      same(found(await right(requests.find(ready.id), 'find'), 'the draft'), ready, 'the draft after its refused submission')
      same(found(await right(requests.findByReference(first.reference), 'findByReference'), 'the first request'), first, 'the first request by reference')
      // the holder itself may be written again with its reference
      const decided = determine(first, { reviewAction: 'A1', reason: null, authorizationNumber: 'AUTH-1' }, minute(120))
      if (E.isLeft(decided)) return fail(`determine: ${decided.left.rule}`)
      await right(requests.update({ ...decided.right, version: 1 }), 'updating the holder of the reference')
    }),

    // clinical attachments
    check('an attachment is stored once under its SHA-256, whatever is put again, and comes back byte for byte', async ({ attachments }) => {
      const original = sampleBytes(newId(), 100_000)
      const content = new Uint8Array(original)
      const expected = await sha256Hex(content)
      const first = await right(attachments.put(content, 'application/pdf'), 'put')
      // what was put is the caller's: changing it afterwards changes nothing stored
      content.fill(0)
      if (first.sha256 !== expected || first.size !== content.byteLength) fail(`put answered ${JSON.stringify(first)}; expected ${expected} and ${content.byteLength} bytes`)
      const again = await right(attachments.put(new Uint8Array(original), 'image/png'), 'putting the same bytes again')
      if (again.sha256 !== first.sha256 || again.size !== first.size) fail(`the second put answered ${JSON.stringify(again)}`)
      const stored = found(await right(attachments.get(first.sha256), 'get'), 'the attachment')
      if (stored.mediaType !== 'application/pdf') fail(`the second put replaced the stored attachment (media type ${stored.mediaType})`)
      if (!(stored.content instanceof Uint8Array)) fail('get did not give a Uint8Array')
      if (!sameBytes(stored.content, original)) fail('get gave back different bytes')
      // what get gives is the caller's: changing it changes nothing stored
      stored.content[0] = (stored.content[0] ?? 0) ^ 0xff
      if (!sameBytes(found(await right(attachments.get(first.sha256), 'get'), 'the attachment').content, original)) fail('changing the bytes get gave changed the store')
    }),
    check('of concurrent puts of the same new bytes, every one succeeds with the same SHA-256', async ({ attachments }) => {
      const content = sampleBytes(newId(), 4096)
      const results = await Promise.all([0, 1, 2, 3].map(() => attachments.put(content, 'text/plain')()))
      const hashes = new Set(results.map((r) => (E.isRight(r) ? r.right.sha256 : fail(`a put failed with ${r.left.code}`))))
      if (hashes.size !== 1) fail(`concurrent puts answered ${hashes.size} different hashes`)
      const stored = found(await right(attachments.get([...hashes][0] as string), 'get'), 'the attachment')
      if (!sameBytes(stored.content, content)) fail('get gave back different bytes')
    }),
    check('an attachment never stored is none, for any hash', async ({ attachments }) => {
      const unknown = await sha256Hex(sampleBytes(newId(), 64))
      if (O.isSome(await right(attachments.get(unknown), 'get'))) fail('found an attachment never stored')
      if (O.isSome(await right(attachments.get('not-a-hash'), 'get'))) fail('found an attachment by a malformed hash')
    }),

    // organisations
    check('an organisation is stored at version 1 and found by id and by registration key, every field kept (verification, memberships)', async ({ organisations }) => {
      for (const organisation of [sampleProviderOrganisation(newId), sampleBillingOrganisation(newId)] as ReadonlyArray<RegisteredOrganisation>) {
        const stored = await right(organisations.insert(organisation), `inserting a ${organisation.kind} organisation`)
        if (stored.version !== 1) fail(`insert stored version ${stored.version}`)
        same(stored, organisation, `the ${organisation.kind} organisation as inserted`)
        same(found(await right(organisations.findById(organisation.id), 'findById'), 'the organisation'), organisation, `the ${organisation.kind} organisation by id`)
        const byKey = found(await right(organisations.findByRegistrationKey(registrationKey(organisation)), 'findByRegistrationKey'), 'the organisation')
        same(byKey, organisation, `the ${organisation.kind} organisation by registration key`)
        if (byKey.version !== 1) fail(`findByRegistrationKey gave version ${byKey.version}`)
      }
    }),
    check('an organisation that does not exist is none, by any id or registration key', async ({ organisations }) => {
      if (O.isSome(await right(organisations.findById(newId() as OrganisationId), 'findById'))) fail('found an organisation never stored')
      if (O.isSome(await right(organisations.findById('not-a-uuid' as OrganisationId), 'findById'))) fail('found an organisation by a malformed id')
      const never = registrationKey(sampleProviderOrganisation(newId))
      if (O.isSome(await right(organisations.findByRegistrationKey(never), 'findByRegistrationKey'))) fail('found a registration key never stored')
      if (O.isSome(await right(organisations.findByRegistrationKey('nonsense' as RegistrationKey), 'findByRegistrationKey'))) fail('found a malformed registration key')
    }),
    check('an organisation registers once: a second with its registration key is organisation.already-registered, and the first stays', async ({ organisations }) => {
      const first = sampleProviderOrganisation(newId)
      await right(organisations.insert(first), 'the first registration')
      const twin: ProviderOrganisation = { ...sampleProviderOrganisation(newId), taxId: first.taxId, providerKey: first.providerKey }
      await leftCode(organisations.insert(twin), 'organisation.already-registered', 'a second registration under the key')
      same(found(await right(organisations.findByRegistrationKey(registrationKey(first)), 'findByRegistrationKey'), 'the first'), first, 'the first registration')
      if (O.isSome(await right(organisations.findById(twin.id), 'findById'))) fail('the refused registration was stored')
      // under the same Tax ID, another provider, or a billing organisation, registers of its own
      await right(organisations.insert({ ...twin, providerKey: sampleProviderId(newId) }), 'another provider under the Tax ID')
      await right(organisations.insert({ ...sampleBillingOrganisation(newId), taxId: first.taxId }), 'a billing organisation under the Tax ID')
      await leftCode(organisations.insert({ ...sampleBillingOrganisation(newId), id: first.id }), 'storage.conflict', 'another organisation with the id')
    }),
    check('an update of an organisation needs the stored version and stores the next; its PIN entered and a member added are kept', async ({ organisations }) => {
      const organisation = sampleProviderOrganisation(newId)
      const stored = (await right(organisations.insert(organisation), 'insert')) as ProviderOrganisation
      const verified: ProviderOrganisation = {
        ...stored,
        verification: { method: 'us-mail', verifiedAt: at('2026-11-25T14:00:00'), pin: null },
        memberships: [...stored.memberships, sampleMembership(newId, 'staff', { phone: '6515550143' as PhoneNumber })]
      }
      const changed = await right(organisations.update(verified), 'update')
      if (changed.version !== 2) fail(`update stored version ${changed.version}`)
      same(found(await right(organisations.findById(organisation.id), 'findById'), 'the organisation'), verified, 'the organisation after its PIN was entered')
      same(found(await right(organisations.findByRegistrationKey(registrationKey(organisation)), 'findByRegistrationKey'), 'the organisation'), verified, 'the organisation by key after the update')
      await leftCode(organisations.update({ ...stored, memberships: stored.memberships.slice(0, 1) }), 'storage.conflict', 'a stale update')
      same(found(await right(organisations.findById(organisation.id), 'findById'), 'the organisation'), verified, 'the organisation after a stale update')
      const never = { ...sampleBillingOrganisation(newId), version: 1 }
      await leftCode(organisations.update(never), 'storage.conflict', 'updating an organisation never stored')
      if (O.isSome(await right(organisations.findById(never.id), 'findById'))) fail('an update of an organisation never stored created it')
    }),
    check('of concurrent updates of one organisation, exactly one wins', async ({ organisations }) => {
      const stored = await right(organisations.insert(sampleBillingOrganisation(newId)), 'insert')
      const results = await Promise.all([0, 1, 2].map(() => organisations.update({ ...stored, memberships: [...stored.memberships, sampleMembership(newId, 'staff')] })()))
      const wins = results.filter(E.isRight).length
      if (wins !== 1) fail(`${wins} of three concurrent updates won`)
      for (const r of results) if (E.isLeft(r) && r.left.code !== 'storage.conflict') fail(`a loser failed with ${r.left.code}`)
      if (found(await right(organisations.findById(stored.id), 'findById'), 'the organisation').memberships.length !== 3) fail('the winner was not kept')
    }),

    // client access requests
    check('a client access request round-trips through pending, approved and ended, one version per write; a stale update is storage.conflict', async ({ accessRequests }) => {
      const pending = sampleAccessRequest(newId, newId() as OrganisationId)
      const v1 = await right(accessRequests.insert(pending), 'insert')
      if (v1.version !== 1) fail(`insert stored version ${v1.version}`)
      same(found(await right(accessRequests.findById(pending.id), 'findById'), 'the request'), pending, 'the pending request')
      const approved = approve(minute(120), v1, pending.tokenHash)
      if (E.isLeft(approved)) return fail(`approve: ${approved.left.rule}`)
      const v2 = await right(accessRequests.update(approved.right), 'approving')
      if (v2.version !== 2) fail(`the approval stored version ${v2.version}`)
      same(found(await right(accessRequests.findById(pending.id), 'findById'), 'the request'), approved.right, 'the approved request')
      const ended = endAccess(minute(60 * 24), v2, { side: 'client', contactEmail: pending.contact.email })
      if (E.isLeft(ended)) return fail(`endAccess: ${ended.left.rule}`)
      await right(accessRequests.update(ended.right), 'ending')
      same(found(await right(accessRequests.findById(pending.id), 'findById'), 'the request'), ended.right, 'the ended request')
      await leftCode(accessRequests.update(approved.right), 'storage.conflict', 'a stale update')
      same(found(await right(accessRequests.findById(pending.id), 'findById'), 'the request'), ended.right, 'the request after a stale update')
    }),
    check('a request that does not exist is none; inserting one twice, or updating one never stored, is storage.conflict', async ({ accessRequests }) => {
      if (O.isSome(await right(accessRequests.findById(newId() as AccessRequestId), 'findById'))) fail('found a request never stored')
      if (O.isSome(await right(accessRequests.findById('not-a-uuid' as AccessRequestId), 'findById'))) fail('found a request by a malformed id')
      const request = sampleAccessRequest(newId, newId() as OrganisationId)
      await right(accessRequests.insert(request), 'insert')
      await leftCode(accessRequests.insert(request), 'storage.conflict', 'inserting the request twice')
      const never = { ...sampleAccessRequest(newId, newId() as OrganisationId), version: 1 }
      await leftCode(accessRequests.update(never), 'storage.conflict', 'updating a request never stored')
      if (O.isSome(await right(accessRequests.findById(never.id), 'findById'))) fail('an update of a request never stored created it')
    }),
    check('a link is answered once: of an approval and a refusal of one pending request, exactly one wins', async ({ accessRequests }) => {
      const pending = await right(accessRequests.insert(sampleAccessRequest(newId, newId() as OrganisationId)), 'insert')
      const approved = approve(minute(30), pending, pending.tokenHash)
      const refused = refuse(minute(30), pending, pending.tokenHash)
      if (E.isLeft(approved) || E.isLeft(refused)) return fail('the sample request cannot be answered')
      const results = await Promise.all([accessRequests.update(approved.right)(), accessRequests.update(refused.right)()])
      if (results.filter(E.isRight).length !== 1) fail(`${results.filter(E.isRight).length} of two answers won`)
      for (const r of results) if (E.isLeft(r) && r.left.code !== 'storage.conflict') fail(`the loser failed with ${r.left.code}`)
    }),
    check("a billing organisation's requests are listed newest first, at most the limit, and only its own", async ({ accessRequests }) => {
      const billing = newId() as OrganisationId
      // inserted out of order: the listing orders them by when they were made
      const made = [10, 30, 20, 40].map((m) => sampleAccessRequest(newId, billing, m))
      for (const r of made) await right(accessRequests.insert(r), 'insert')
      const other = sampleAccessRequest(newId, newId() as OrganisationId, 50)
      await right(accessRequests.insert(other), 'another organisation’s request')
      const newestFirst = [...made].sort((a, b) => Date.parse(b.requestedAt) - Date.parse(a.requestedAt))
      same(await right(accessRequests.findByBillingOrganisation(billing, 10), 'list'), newestFirst, 'the requests, newest first')
      same(await right(accessRequests.findByBillingOrganisation(billing, 2), 'list'), newestFirst.slice(0, 2), 'the two newest requests')
      for (const limit of [0, -1]) if ((await right(accessRequests.findByBillingOrganisation(billing, limit), 'list')).length !== 0) fail(`a limit of ${limit} listed requests`)
      same(await right(accessRequests.findByBillingOrganisation(other.billingOrganisationId, 10), 'list'), [other], 'the other organisation’s request')
      if ((await right(accessRequests.findByBillingOrganisation(newId() as OrganisationId, 10), 'list')).length !== 0) fail('listed requests of an organisation that made none')
    }),

    // Provider e-Services
    check('Provider e-Services answers each request with a reference of its own', async ({ eServices }) => {
      const opened = await Promise.all([0, 1, 2].map(() => right(eServices.open(sampleEServicesRequest(newId)), 'open')))
      const references = opened.map((o) => o.reference)
      if (!references.every((r) => /^ES-\d{6,}$/.test(r))) fail(`references are not ES- and six digits or more: ${references.join(', ')}`)
      if (new Set(references).size !== references.length) fail(`a reference was given twice: ${references.join(', ')}`)
    })
  ]
}

/** `size` bytes: `seed` as UTF-8, then every byte value 0–255, then a pattern drawn from `seed` (so no two seeds give the same bytes). */
const sampleBytes = (seed: string, size: number): Uint8Array => {
  const out = new Uint8Array(size)
  const tag = new TextEncoder().encode(seed)
  let x = 0x811c9dc5
  for (const c of tag) x = Math.imul(x ^ c, 0x01000193) >>> 0
  for (let i = 0; i < size; i++) {
    const j = i - tag.byteLength
    if (j < 0) out[i] = tag[i] ?? 0
    else if (j < 256) out[i] = j
    else {
      x ^= x << 13
      x ^= x >>> 17
      x ^= x << 5
      out[i] = x & 0xff
    }
  }
  return out
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.byteLength === b.byteLength && a.every((v, i) => v === b[i])

/** SHA-256 in lower-case hex, with the platform's Web Crypto (Node 20 and browsers). */
const sha256Hex = async (bytes: Uint8Array): Promise<string> =>
  Array.from(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('')
