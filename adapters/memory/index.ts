/**
 * In-memory adapters and the default composition root: repositories, a member
 * directory loaded from data, an outbox that keeps every e-mail, and a clock
 * that tests move by hand.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { DateTime, Duration, DurationLike } from 'luxon'
import { DomainError, domainError, storageConflict } from '../../src/kernel/errors'
import { validateAll, Validation } from '../../src/kernel/validation'
import { IdentifierFormat, memberIdParser, providerIdParser, representativeIdParser } from '../../src/kernel/identifiers'
import { requireText } from '../../src/kernel/validation'
import { parseDateOfBirth, parsePersonName } from '../../src/kernel/person'
import { Account } from '../../src/accounts/account'
import { Flow } from '../../src/accounts/flow'
import { CodeLedger } from '../../src/credentials/verification-code'
import { Clock } from '../../src/ports/clock'
import { KeyedHash, KeyedHasher } from '../../src/ports/keyed-hasher'
import { Mailer, OutgoingEmail } from '../../src/ports/mailer'
import { MemberDirectory, MemberRecord, RepresentativeGrant } from '../../src/ports/member-directory'
import { PasswordHasher } from '../../src/ports/password-hasher'
import { Random } from '../../src/ports/random'
import { AccountRepository, CodeLedgerRepository, FlowRepository, ProviderRegistrationRepository } from '../../src/ports/repositories'
import { ProviderDirectory, ProviderRecord } from '../../src/ports/provider-directory'
import { ProviderRegistration } from '../../src/organizations/provider-registration'
import { alreadyRegistered } from '../../src/accounts/provider-registration/flow'
import { parseTaxId, parseZipCode } from '../../src/kernel/us-identifiers'
import { parseNpi } from '../../src/kernel/npi'
import { Ports } from '../../src/ports'
import { AttachmentStore, AuthorizationRequest, AuthorizationRequestRepository, DiagnosisCodeSet, StoredAttachment } from '../../src/prior-authorization/ports'
import type { Submitted } from '../../src/prior-authorization/determination'
import { sampleDiagnosisCodeSet } from './icd10cm'
import { createHash } from 'node:crypto'
import { aesGcmSecretBox, nodeHmac, cryptoRandom, HashKey, hmacKeyedHasher, OWASP_SCRYPT, randomHashKey, scryptPasswordHasher, systemClock } from '../system'

import { Table } from './table'
import { memoryMfaTables, pushService, smsInbox, voiceLine } from './mfa'
import type { AccountDevicesRepository, PushLedgerRepository, PushNotifier, SmsSender, TotpCredentialRepository, VoiceCaller } from '../../src/ports/mfa'
import type { Hmac } from '../../src/ports/hmac'
import type { SecretBox } from '../../src/ports/secret-box'
import { letterbox, memoryEServicesDesk, memoryOrganisationTables, noIssuedChecks } from './organisations'
import type { AccessRequestRepository, EServicesDesk, IssuedCheckRegistry, OrganisationRepository, PostalMailer } from '../../src/ports/organisations'
import { memoryHarpOrganisations, memoryHelpDeskQueue, noPractices } from './harp-organisations'
import type { HarpOrganisationRepository, HelpDeskQueue, PracticeDirectory } from '../../src/ports/harp-organisations'
import { memoryProofingTables, noCreditFiles } from './proofing'
import type { IdentityRecordRepository, KnowledgeBasedVerification, ManualProofingRepository } from '../../src/ports/proofing'
import { validatePostalAddress } from '../../src/kernel/postal-address'
import { parseVendorNumber } from '../../src/organizations/issued-check'

const task = <A>(e: E.Either<DomainError, A>): TE.TaskEither<DomainError, A> => TE.fromEither(e)

// -------------------------------------------------------------------------------------
// repositories
// -------------------------------------------------------------------------------------

/** The in-memory store: every repository, and a snapshot of all it holds (for audits and tests). */
export interface MemoryStore {
  readonly accounts: AccountRepository
  readonly flows: FlowRepository
  readonly codeLedgers: CodeLedgerRepository
  readonly registrations: ProviderRegistrationRepository
  readonly authorizationRequests: AuthorizationRequestRepository
  readonly attachments: AttachmentStore
  readonly organisations: OrganisationRepository
  readonly accessRequests: AccessRequestRepository
  /** HARP's organisations. */
  readonly harpOrganisations: HarpOrganisationRepository
  readonly accountDevices: AccountDevicesRepository
  readonly totpCredentials: TotpCredentialRepository
  readonly pushLedgers: PushLedgerRepository
  readonly identityRecords: IdentityRecordRepository
  readonly manualProofings: ManualProofingRepository
  /** Everything stored, as JSON text: what an attacker with the store would see. */
  readonly snapshot: () => string
}

/** A fresh, empty in-memory store. */
export const memoryStore = (): MemoryStore => {
  const accounts = new Table<Account>('account', (a) => a.id, {
    username: {
      key: (a) => a.usernameKey,
      error: () => domainError('username.taken', { field: 'username', rule: 'username must not already belong to an account (in any letter case)' })
    }
  })
  const flows = new Table<Flow>('flow', (f) => f.id)
  const ledgers = new Table<CodeLedger>('code ledger', (l) => `${l.purpose}:${l.addressKey}`)
  const registrations = new Table<ProviderRegistration>('provider registration', (r) => r.id, {
    provider: { key: (r) => r.providerId, error: alreadyRegistered }
  })
  const requests = new Table<AuthorizationRequest>('prior-authorization request', (r) => r.id, {
    reference: { key: (r) => (r.state === 'submitted' ? r.reference : `draft:${r.id}`), error: () => storageConflict('prior-authorization reference') }
  })
  const files = new Map<string, StoredAttachment>()
  const organisationTables = memoryOrganisationTables()
  const harpOrganisations = memoryHarpOrganisations()
  const mfaTables = memoryMfaTables()
  const proofingTables = memoryProofingTables()
  return {
    harpOrganisations,
    accountDevices: mfaTables.accountDevices,
    totpCredentials: mfaTables.totpCredentials,
    pushLedgers: mfaTables.pushLedgers,
    identityRecords: proofingTables.identityRecords,
    manualProofings: proofingTables.manualProofings,
    organisations: organisationTables.organisations,
    accessRequests: organisationTables.accessRequests,
    accounts: {
      findById: (id) => TE.right(accounts.get(id)),
      findByUsername: (key) => TE.right(accounts.findBy('username', key)),
      insert: (a) => task(accounts.insert(a)),
      update: (a) => task(accounts.update(a))
    },
    flows: {
      find: (id) => TE.right(flows.get(id)),
      insert: (f) => task(flows.insert(f)),
      update: (f) => task(flows.update(f))
    },
    codeLedgers: {
      find: (purpose, addressKey) => TE.right(ledgers.get(`${purpose}:${addressKey}`)),
      insert: (l) => task(ledgers.insert(l)),
      update: (l) => task(ledgers.update(l))
    },
    registrations: {
      findByProviderId: (id) => TE.right(registrations.findBy('provider', id)),
      insert: (r) => task(registrations.insert(r))
    },
    authorizationRequests: {
      find: (id) => TE.right(requests.get(id)),
      findByReference: (reference) => TE.right(O.filter((r: AuthorizationRequest): r is Submitted => r.state === 'submitted')(requests.findBy('reference', reference))),
      insert: (r) => task(requests.insert(r)),
      update: (r) => task(requests.update(r))
    },
    attachments: {
      put: (content, mediaType) =>
        TE.fromIO(() => {
          const sha256 = createHash('sha256').update(content).digest('hex')
          if (!files.has(sha256)) files.set(sha256, { mediaType, content: new Uint8Array(content) })
          return { sha256, size: content.byteLength }
        }),
      get: (sha256) => TE.fromIO(() => O.map((f: StoredAttachment) => ({ mediaType: f.mediaType, content: new Uint8Array(f.content) }))(O.fromNullable(files.get(sha256))))
    },
    snapshot: () =>
      JSON.stringify({
        accounts: accounts.all(),
        flows: flows.all(),
        codeLedgers: ledgers.all(),
        registrations: registrations.all(),
        authorizationRequests: requests.all(),
        attachments: [...files.entries()].map(([sha256, f]) => ({ sha256, mediaType: f.mediaType, content: Buffer.from(f.content).toString('base64') })),
        ...organisationTables.snapshot(),
        harpOrganisations: harpOrganisations.all(),
        ...mfaTables.snapshot(),
        ...proofingTables.snapshot()
      })
  }
}

// -------------------------------------------------------------------------------------
// member directory
// -------------------------------------------------------------------------------------

/** A member as the plan's data lists it (all text, as read from a file). */
export interface MemberData {
  readonly memberId: string
  readonly firstName: string
  readonly lastName: string
  readonly dateOfBirth: string
}

/** A Personal Representative ID the plan issued, as its data lists it. */
export interface RepresentativeData {
  readonly representativeId: string
  readonly memberId: string
  readonly firstName: string
  readonly lastName: string
}

/**
 * A member directory over data. Every row is decoded with the preset's
 * formats (bad rows are reported, with their position, never loaded);
 * representative IDs are kept only as keyed hashes.
 */
export const memberDirectoryFromData = (
  data: { readonly members: ReadonlyArray<MemberData>; readonly representatives?: ReadonlyArray<RepresentativeData> },
  formats: { readonly memberId: IdentifierFormat; readonly representativeId: IdentifierFormat },
  keyedHasher: KeyedHasher,
  today: string
): Validation<MemberDirectory> => {
  const memberId = memberIdParser(formats.memberId)
  const members = data.members.map((m, i) =>
    validateAll({
      memberId: memberId(m.memberId, `members[${i}].memberId`),
      firstName: parsePersonName(m.firstName, `members[${i}].firstName`),
      lastName: parsePersonName(m.lastName, `members[${i}].lastName`),
      dateOfBirth: parseDateOfBirth(today)(m.dateOfBirth, `members[${i}].dateOfBirth`)
    })
  )
  const reps = (data.representatives ?? []).map((r, i) =>
    validateAll({
      representativeId: representativeIdParser(formats.representativeId)(r.representativeId, `representatives[${i}].representativeId`),
      memberId: memberId(r.memberId, `representatives[${i}].memberId`),
      firstName: parsePersonName(r.firstName, `representatives[${i}].firstName`),
      lastName: parsePersonName(r.lastName, `representatives[${i}].lastName`)
    })
  )
  const errors = [...members, ...reps].flatMap((v) => (E.isLeft(v) ? v.left : []))
  const [first, ...rest] = errors
  if (first !== undefined) return E.left([first, ...rest])
  const byId = new Map<string, MemberRecord>()
  for (const m of members) if (E.isRight(m)) byId.set(m.right.memberId, m.right)
  const grants = new Map<KeyedHash, RepresentativeGrant>()
  for (const r of reps)
    if (E.isRight(r)) {
      const { representativeId, ...grant } = r.right
      grants.set(keyedHasher.digest('representative-id', representativeId), grant)
    }
  return E.right({
    findMember: (id) => TE.right(O.fromNullable(byId.get(id))),
    findRepresentativeGrant: (hash) => TE.right(O.fromNullable(grants.get(hash))),
    searchMembers: (query, limit) =>
      TE.right(
        [...byId.values()]
          .filter((m) => m.dateOfBirth === query.dateOfBirth && foldName(m.firstName) === foldName(query.firstName) && foldName(m.lastName) === foldName(query.lastName))
          .slice(0, Math.max(0, limit))
      )
  })
}

/** Names compared as people expect: case, accents and extra blanks ignored. */
export const foldName = (s: string): string =>
  s.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('en-US').replace(/\s+/g, ' ').trim()

/** A provider as the plan's data lists it. */
export interface ProviderData {
  readonly providerId: string
  readonly name: string
  readonly zipCode: string
  readonly taxId: string
  /** The provider's NPI, when the plan holds it. */
  readonly npi?: string
  /** The plan's vendor number for the provider, when it has one. */
  readonly vendorNumber?: string
  /** The street address of record (its ZIP code is `zipCode`). */
  readonly address?: { readonly line1: string; readonly line2?: string; readonly city: string; readonly state: string }
}

/** A provider directory over data; rows are decoded, and Tax IDs kept only as keyed hashes. */
export const providerDirectoryFromData = (
  data: ReadonlyArray<ProviderData>,
  providerIdFormat: IdentifierFormat,
  keyedHasher: KeyedHasher
): Validation<ProviderDirectory> => {
  const rows = data.map((p, i) =>
    validateAll({
      providerId: providerIdParser(providerIdFormat)(p.providerId, `providers[${i}].providerId`),
      name: requireText(p.name, `providers[${i}].name`),
      zipCode: parseZipCode(p.zipCode, `providers[${i}].zipCode`),
      taxId: parseTaxId(p.taxId, `providers[${i}].taxId`),
      npi: p.npi === undefined ? E.right(null) : parseNpi(p.npi, `providers[${i}].npi`),
      vendorNumber: p.vendorNumber === undefined ? E.right(null) : parseVendorNumber(p.vendorNumber, `providers[${i}].vendorNumber`),
      address: p.address === undefined ? E.right(null) : validatePostalAddress({ ...p.address, zipCode: p.zipCode }, `providers[${i}].address`)
    })
  )
  const errors = rows.flatMap((v) => (E.isLeft(v) ? v.left : []))
  const [first, ...rest] = errors
  if (first !== undefined) return E.left([first, ...rest])
  const byId = new Map<string, ProviderRecord>()
  for (const r of rows)
    if (E.isRight(r)) {
      const { taxId, ...record } = r.right
      byId.set(record.providerId, { ...record, taxIdHash: keyedHasher.digest('tax-id', taxId) })
    }
  const byNpi = new Map<string, ProviderRecord>()
  for (const r of byId.values()) if (r.npi) byNpi.set(r.npi, r)
  const sorted = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'en-US'))
  return E.right({
    findProvider: (id) => TE.right(O.fromNullable(byId.get(id))),
    findProviderByNpi: (npi) => TE.right(O.fromNullable(byNpi.get(npi))),
    findProvidersByTaxId: (taxIdHash, limit) => TE.right(sorted.filter((p) => p.taxIdHash === taxIdHash).slice(0, Math.max(0, limit))),
    searchProviders: (name, limit) => {
      const words = foldName(name).split(' ').filter((w) => w !== '')
      return TE.right(words.length === 0 ? [] : sorted.filter((p) => words.every((w) => foldName(p.name).includes(w))).slice(0, Math.max(0, limit)))
    }
  })
}

// -------------------------------------------------------------------------------------
// mail
// -------------------------------------------------------------------------------------

/** A mailer that delivers into a list, newest last: what a test reads "in the inbox". */
export interface OutboxMailer extends Mailer {
  readonly messages: () => ReadonlyArray<OutgoingEmail>
  /** The messages sent to one address (compared case-insensitively). */
  readonly inbox: (address: string) => ReadonlyArray<OutgoingEmail>
  /** Makes the next deliveries fail, to test what happens when mail is down. */
  readonly failDeliveries: (failing: boolean) => void
  /** The temporary password in the newest `temporary-password` e-mail to an address ("Temporary password: …"), if any. */
  readonly temporaryPassword: (address: string) => string | undefined
  /** The code in the newest `verification-code` e-mail to an address ("Your code is: …"), if any. */
  readonly verificationCode: (address: string) => string | undefined
}

/** The value after `label` in the newest message of a kind (the presets' templates write it on a line of its own). */
const newestValue = (messages: ReadonlyArray<OutgoingEmail>, kind: string, label: string): string | undefined => {
  const newest = messages.filter((m) => m.kind === kind).at(-1)
  const at = newest === undefined ? -1 : newest.text.indexOf(label)
  return newest === undefined || at < 0 ? undefined : /^\S+/.exec(newest.text.slice(at + label.length))?.[0]
}

/** An outbox mailer. */
export const outboxMailer = (): OutboxMailer => {
  const sent: OutgoingEmail[] = []
  let failing = false
  const inbox = (address: string): ReadonlyArray<OutgoingEmail> => sent.filter((m) => m.to.toLowerCase() === address.toLowerCase())
  return {
    send: (email) =>
      failing
        ? TE.left(domainError('mail.delivery-failed', { rule: 'the message must reach the mail relay', cause: 'outbox set to fail' }))
        : TE.fromIO(() => {
            sent.push(email)
          }),
    messages: () => [...sent],
    inbox,
    failDeliveries: (f) => {
      failing = f
    },
    temporaryPassword: (address) => newestValue(inbox(address), 'temporary-password', 'Temporary password: '),
    verificationCode: (address) => newestValue(inbox(address), 'verification-code', 'Your code is: ')
  }
}

// -------------------------------------------------------------------------------------
// clock
// -------------------------------------------------------------------------------------

/** A clock that stands still until moved: for tests and the specification. */
export interface ManualClock extends Clock {
  readonly advance: (by: DurationLike) => void
  readonly set: (to: DateTime) => void
}

/** A manual clock starting at `start` (its zone is the clock's zone). */
export const manualClock = (start: DateTime): ManualClock => {
  let current = start
  return {
    now: () => current,
    advance: (by) => {
      current = current.plus(Duration.fromDurationLike(by))
    },
    set: (to) => {
      current = to.setZone(start.zone)
    }
  }
}

// -------------------------------------------------------------------------------------
// composition root
// -------------------------------------------------------------------------------------

/** Options for the in-memory environment; anything left out gets a sensible default. */
export interface MemoryPortsOptions {
  /** The plan's time zone (for the system clock). */
  readonly zone?: string
  readonly clock?: Clock
  readonly random?: Random
  readonly passwordHasher?: PasswordHasher
  /** The server key for keyed hashes; a random one per process when left out. */
  readonly hashKey?: HashKey
  readonly keyedHasher?: KeyedHasher
  readonly mailer?: Mailer
  readonly members?: MemberDirectory
  readonly providers?: ProviderDirectory
  readonly store?: MemoryStore
  /** The ICD-10-CM code set; the bundled sample (tests and examples only) when left out. */
  readonly diagnosisCodes?: DiagnosisCodeSet
  /** The plan's issued checks; none when left out. */
  readonly issuedChecks?: IssuedCheckRegistry
  /** Where mailed letters go; a fresh letterbox when left out. */
  readonly postalMailer?: PostalMailer
  /** Provider e-Services' queue; a fresh in-memory one when left out. */
  readonly eServices?: EServicesDesk
  /** HARP: CMS's records of practices; none known when left out. */
  readonly practices?: PracticeDirectory
  /** HARP: the QPP Help Desk's queue; a fresh in-memory one when left out. */
  readonly helpDesk?: HelpDeskQueue
  /** HMAC for TOTP codes; node's when left out. */
  readonly hmac?: Hmac
  /** Seals TOTP secrets; AES-GCM under the hash key (or a random per-process key) when left out. */
  readonly totpSecretBox?: SecretBox
  /** Texts; a fresh SMS inbox when left out. */
  readonly smsSender?: SmsSender
  /** Calls; a fresh voice line when left out. */
  readonly voiceCaller?: VoiceCaller
  /** Pushes; a fresh push service when left out. */
  readonly pushNotifier?: PushNotifier
  /** HARP's knowledge-based verification provider; one that knows no credit file when left out. */
  readonly knowledgeBasedVerification?: KnowledgeBasedVerification
}



/** A member directory that knows no one: the default until the plan's data is given. */
export const emptyMemberDirectory: MemberDirectory = { findMember: () => TE.right(O.none), findRepresentativeGrant: () => TE.right(O.none), searchMembers: () => TE.right([]) }

/** A provider directory that knows no provider: the default until the plan's data is given. */
export const emptyProviderDirectory: ProviderDirectory = {
  findProvider: () => TE.right(O.none),
  findProviderByNpi: () => TE.right(O.none),
  searchProviders: () => TE.right([]),
  findProvidersByTaxId: () => TE.right([])
}

/**
 * Every port, in memory: the default environment.
 *
 * @example
 * import { memoryPorts } from 'health-portal-domain/adapters/memory'
 * const ports = memoryPorts({ zone: 'America/New_York' })
 */
export const memoryPorts = (options: MemoryPortsOptions = {}): Ports => {
  const store = options.store ?? memoryStore()
  const hashKey = options.hashKey ?? randomHashKey()
  return {
    clock: options.clock ?? systemClock(options.zone ?? 'America/New_York'),
    random: options.random ?? cryptoRandom(),
    passwordHasher: options.passwordHasher ?? scryptPasswordHasher(OWASP_SCRYPT),
    keyedHasher: options.keyedHasher ?? hmacKeyedHasher(hashKey),
    mailer: options.mailer ?? outboxMailer(),
    members: options.members ?? emptyMemberDirectory,
    providers: options.providers ?? emptyProviderDirectory,
    accounts: store.accounts,
    flows: store.flows,
    codeLedgers: store.codeLedgers,
    registrations: store.registrations,
    authorizationRequests: store.authorizationRequests,
    attachments: store.attachments,
    organisations: store.organisations,
    accessRequests: store.accessRequests,
    issuedChecks: options.issuedChecks ?? noIssuedChecks,
    postalMailer: options.postalMailer ?? letterbox(),
    eServices: options.eServices ?? memoryEServicesDesk(),
    harpOrganisations: store.harpOrganisations,
    practices: options.practices ?? noPractices,
    helpDesk: options.helpDesk ?? memoryHelpDeskQueue(),
    diagnosisCodes: options.diagnosisCodes ?? sampleDiagnosisCodeSet(),
    hmac: options.hmac ?? nodeHmac(),
    totpSecretBox: options.totpSecretBox ?? aesGcmSecretBox(hashKey, 'totp-secret'),
    smsSender: options.smsSender ?? smsInbox(),
    voiceCaller: options.voiceCaller ?? voiceLine(),
    pushNotifier: options.pushNotifier ?? pushService(),
    accountDevices: store.accountDevices,
    totpCredentials: store.totpCredentials,
    pushLedgers: store.pushLedgers,
    knowledgeBasedVerification: options.knowledgeBasedVerification ?? noCreditFiles,
    identityRecords: store.identityRecords,
    manualProofings: store.manualProofings
  }
}

export { memoryOrganisationTables, issuedChecksFromData, noIssuedChecks, letterbox, memoryEServicesDesk } from './organisations'
export type { MemoryOrganisationTables, IssuedCheckData, Letterbox, MemoryEServicesDesk } from './organisations'
export { parseIcd10cmOrderFile, memoryDiagnosisCodeSet, formatIcd10cmOrderLine, sampleDiagnosisCodeSet } from './icd10cm'
export { ICD10CM_ORDER_SAMPLE, ICD10CM_SAMPLE_VALIDITY } from './data/icd10cm-order-sample'
export type { Icd10cmRelease } from './icd10cm'
export { knowledgeBasedVerificationFromData, SERVICER_POOL, EMPLOYER_POOL, CITY_POOL, memoryProofingTables, noCreditFiles } from './proofing'
export type { CreditFileData, MemoryKbaOptions, MemoryProofingTables } from './proofing'
export { seededRandom } from './random'
export { memoryHarpOrganisations, memoryHelpDeskQueue, noPractices, practiceDirectoryFromData } from './harp-organisations'
export type { MemoryHarpOrganisations, MemoryHelpDeskQueue, PracticeData, ClinicianData } from './harp-organisations'
export { memoryMfaTables, smsInbox, voiceLine, pushService } from './mfa'
export type { MemoryMfaTables, SmsInbox, VoiceLine, PushService, PhoneLog } from './mfa'
