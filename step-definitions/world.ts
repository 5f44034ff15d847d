/**
 * The World: one portal per scenario, built over the adapter set the profile
 * asks for, with a clock the scenario moves and an outbox it reads like an
 * inbox. All scenario state lives here.
 */
import { Before, IWorldOptions, setWorldConstructor, World } from '@cucumber/cucumber'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime } from 'luxon'
import { capabilities, createPortal, harmony, harp, healthpartners, hpp, Portal } from '../src'
import type { PortalPreset } from '../src/portals/portal'
import type { ChallengeQuestion } from '../src/credentials/challenge-question'
import type { RegistrationConfirmation } from '../src/accounts/provider-registration/flow'
import type { MemberCandidate, ProviderCandidate, RequestSummary, SubmissionReceipt } from '../src/prior-authorization/workflow'
import { DomainError } from '../src/kernel/errors'
import { Ports } from '../src/ports'
import type { MemberDirectory } from '../src/ports/member-directory'
import type { ProviderDirectory } from '../src/ports/provider-directory'
import {
  manualClock,
  ManualClock,
  MemberData,
  memberDirectoryFromData,
  memoryPorts,
  memoryStore,
  MemoryStore,
  outboxMailer,
  OutboxMailer,
  ProviderData,
  providerDirectoryFromData,
  RepresentativeData,
  IssuedCheckData,
  issuedChecksFromData,
  letterbox,
  Letterbox,
  memoryEServicesDesk,
  MemoryEServicesDesk,
  memoryHelpDeskQueue,
  MemoryHelpDeskQueue,
  PracticeData,
  practiceDirectoryFromData,
  smsInbox,
  SmsInbox,
  voiceLine,
  VoiceLine,
  pushService,
  PushService,
  CreditFileData,
  knowledgeBasedVerificationFromData,
  seededRandom
} from '../adapters/memory'
import type { PracticeDirectory } from '../src/ports/harp-organisations'
import type { KnowledgeBasedVerification } from '../src/ports/proofing'
import type { IssuedCheckRegistry } from '../src/ports/organisations'
import { hmacKeyedHasher, randomHashKey, scryptPasswordHasher, TEST_ONLY_SCRYPT } from '../adapters/system'
import { postgresPorts } from '../adapters/postgres'
import type { OrganisationRegistrationConfirmation, ProviderCandidate as OrganisationCandidate } from '../src/organizations/registration/flow'
import type { TermsDocument, TermsVersion } from '../src/organizations/terms-of-use'
import { FlowKind, newPersona, Persona, PersonaDefaults } from './personas'
import { freshSharedStore, SharedStore, StoreKind } from './stores'

/** The presets the specification runs. */
export type ScenarioPreset = typeof hpp.preset | typeof harmony.preset | typeof healthpartners.preset | typeof harp.preset

/** A portal with the calls of every capability the library ships. */
export type ScenarioPortal = Portal<PortalPreset<typeof capabilities.shippedCapabilities>>

/** Where every scenario starts: a Sunday morning in Philadelphia. */
export const SCENARIO_START = '2026-11-22T09:00:00'
export const PLAN_ZONE = 'America/New_York'

export interface WorldParameters {
  readonly store: StoreKind
}

/** An e-mail as the person reads it, whichever way it was delivered. */
export interface ReadEmail {
  readonly kind: string
  readonly from: string
  /** The To line as the mail program shows it. */
  readonly to: string
  readonly subject: string
  readonly text: string
  readonly html: string
}

/** Whom a person registering at HealthPartners works for: a provider on HealthPartners' records, or a billing organisation. */
export type Employer =
  | { readonly kind: 'provider'; readonly name: string }
  | { readonly kind: 'billing'; readonly name: string; readonly taxId: string }

/** A person's HealthPartners self registration as it stands: the page, the path, the flow, what it listed and confirmed. */
export interface Registrant {
  employer?: Employer
  /** The Self Registration page, once opened. */
  page?: healthpartners.SelfRegistrationPage
  /** Where the page's choice led. */
  path?: 'provider' | 'billing'
  /** The registration under way. */
  flowId?: string
  /** The providers step 5 listed, with their address hints. */
  candidates?: ReadonlyArray<OrganisationCandidate>
  /** The last confirmation page shown. */
  confirmation?: OrganisationRegistrationConfirmation
  /** Provider e-Services' reference for "My provider is not listed". */
  referral?: { readonly reference: string }
}

/** Which device a scenario speaks of: "text messages", "voice calls", "Google Authenticator", "Okta Verify". */
export type DeviceKind = 'sms' | 'voice' | 'totp' | 'push'

/** A persona's two-factor sign-in and devices as they stand. */
export interface TwoFactorProgress {
  /** The sign-in under way, and the step it asks for. */
  flowId?: string
  step?: string
  /** Signed in with both factors (device management acts as this account). */
  signedIn?: boolean
  /** The device being added (not confirmed yet). */
  adding?: { readonly deviceId: string; readonly kind: DeviceKind }
  /** Each kind's device, once added. */
  readonly devices: Map<DeviceKind, string>
  /** The key URI Google Authenticator scanned. */
  keyUri?: string
  /** The number the log-in page shows for an Okta Verify push. */
  number?: string
  /** The push device id of the persona's Okta Verify. */
  pushDeviceId?: string
  /** How far the phone's clock is off, in seconds (negative: behind). */
  clockOffsetSeconds?: number
}

export class PortalWorld extends World<WorldParameters> {
  readonly clock: ManualClock = manualClock(DateTime.fromISO(SCENARIO_START, { zone: PLAN_ZONE }))
  readonly mailer: OutboxMailer = outboxMailer()
  readonly store: MemoryStore = memoryStore()
  /** The database this scenario runs on, when the profile is not `memory` (set by the Before hook). */
  shared?: SharedStore
  readonly hashKey = randomHashKey()
  readonly keyedHasher = hmacKeyedHasher(this.hashKey)
  /** The plan's own records in this scenario: members, representatives' IDs, providers. */
  readonly directory: { members: MemberData[]; representatives: RepresentativeData[]; providers: ProviderData[]; checks: IssuedCheckData[] } = {
    members: [],
    representatives: [],
    providers: [],
    checks: []
  }
  /** Letters the plan mailed (registration PINs), as the provider's office receives them. */
  readonly letters: Letterbox = letterbox()
  /** Provider e-Services' queue. */
  readonly eServices: MemoryEServicesDesk = memoryEServicesDesk()
  /** HARP: CMS's records of practices, APM Entities and registries (the practice directory's fixture). */
  readonly practices: PracticeData[] = []
  /** HARP: the QPP Help Desk's queue, when the scenario runs in memory (on a database, its table). */
  readonly helpDesk: MemoryHelpDeskQueue = memoryHelpDeskQueue()
  /** The password hasher of every store (cheap parameters: tests only). */
  readonly passwordHasher = scryptPasswordHasher(TEST_ONLY_SCRYPT)
  /** The texts each phone received. */
  readonly sms: SmsInbox = smsInbox()
  /** The calls each phone received: what they said. */
  readonly voice: VoiceLine = voiceLine()
  /** The pushes each authenticator app received. */
  readonly pushes: PushService = pushService()
  /** Each persona's two-factor sign-in and devices as they stand (by first name, lower case). */
  readonly twoFactor = new Map<string, TwoFactorProgress>()
  /** The credit bureau's files (HARP remote proofing asks its questions from them). */
  readonly creditFiles: CreditFileData[] = []
  /** The portal preset under test: HPP's member portal unless a feature's guide tag says otherwise (see the Before hooks). */
  preset: ScenarioPreset = hpp.preset
  /** What a new persona picks when no step says otherwise (the password must meet the preset's policy). */
  personaDefaults: PersonaDefaults = { password: 'Spring#2026' }
  readonly personas = new Map<string, Persona>()
  /** Per address (lower case): the flow each e-mail of its inbox arrived during, oldest first ('none': no flow under way); codes.steps.ts keeps it. */
  readonly emailArrivals = new Map<string, Array<FlowKind | 'none'>>()
  /** The persona a pronoun ("she", "her") refers to. */
  current?: Persona
  /** The last outcome of a step that called the library. */
  lastResult?: E.Either<ReadonlyArray<DomainError>, unknown>
  /** The answer to a request for access to another member's account. */
  accessOutcome?: hpp.ContactMemberRelations
  /** The answer to a reported data or technical issue. */
  supportOutcome?: ReturnType<typeof hpp.reportDataOrTechnicalIssue>
  /** The last provider-registration confirmation page shown. */
  confirmation?: RegistrationConfirmation
  /** The security questions shown by "Forgot Your Password?", oldest first. */
  readonly questionsShown: ChallengeQuestion[] = []
  /** The outpatient authorization request being filled in (its id), and who opened it. */
  authorizationRequest?: { readonly id: string; readonly openedBy: Persona }
  /** The candidates the last member or provider lookup listed to choose from. */
  lookup?: { readonly kind: 'member'; readonly candidates: ReadonlyArray<MemberCandidate> } | { readonly kind: 'provider'; readonly candidates: ReadonlyArray<ProviderCandidate> }
  /** What the last "Submit" gave back: the reference number, status and due time. */
  submission?: SubmissionReceipt
  /** The last summary report downloaded: text, printable page, PAS Bundle. */
  summaryReport?: RequestSummary
  /** HealthPartners self registrations, by persona (first name, lower case). */
  readonly registrants = new Map<string, Registrant>()
  private built?: ScenarioPortal
  private builtPorts?: Ports
  private decoded?: { readonly key: string; readonly members: MemberDirectory; readonly providers: ProviderDirectory; readonly checks: IssuedCheckRegistry }

  constructor(options: IWorldOptions<WorldParameters>) {
    super(options)
  }

  /**
   * The plan's directories over the scenario's data as it stands now, decoded
   * with the preset's formats (a row that does not decode fails the step that
   * needs it, loudly). A Given may add a member or a provider after the
   * portal is first used: lookups always see the current data.
   */
  directories(): { readonly members: MemberDirectory; readonly providers: ProviderDirectory; readonly checks: IssuedCheckRegistry } {
    const key = JSON.stringify(this.directory)
    if (this.decoded?.key !== key) {
      const { policies } = this.preset
      const providerIdFormat =
        'organisationPolicies' in this.preset ? this.preset.organisationPolicies.providerIdFormat : (policies.providers?.providerIdFormat ?? harmony.providerIdFormat)
      const members = memberDirectoryFromData(
        this.directory,
        { memberId: policies.memberIdFormat, representativeId: policies.representativeIdFormat },
        this.keyedHasher,
        this.clock.now().toISODate() as string
      )
      if (E.isLeft(members)) throw new Error(`the plan's member directory in this scenario is invalid: ${JSON.stringify(members.left)}`)
      const providers = providerDirectoryFromData(
        this.directory.providers,
        providerIdFormat,
        this.keyedHasher
      )
      if (E.isLeft(providers)) throw new Error(`the plan's provider directory in this scenario is invalid: ${JSON.stringify(providers.left)}`)
      const checks = issuedChecksFromData(this.directory.checks, this.keyedHasher)
      if (E.isLeft(checks)) throw new Error(`the plan's issued checks in this scenario are invalid: ${JSON.stringify(checks.left)}`)
      this.decoded = { key, members: members.right, providers: providers.right, checks: checks.right }
    }
    return this.decoded
  }

  /** The portal, built on first use with the preset the scenario's guide asks for. */
  get portal(): ScenarioPortal {
    if (this.built === undefined) {
      this.directories()
      const common = {
        clock: this.clock,
        keyedHasher: this.keyedHasher,
        members: {
          findMember: (id) => this.directories().members.findMember(id),
          findRepresentativeGrant: (hash) => this.directories().members.findRepresentativeGrant(hash),
          searchMembers: (query, limit) => this.directories().members.searchMembers(query, limit)
        } satisfies MemberDirectory,
        providers: {
          findProvider: (id) => this.directories().providers.findProvider(id),
          findProviderByNpi: (npi) => this.directories().providers.findProviderByNpi(npi),
          searchProviders: (name, limit) => this.directories().providers.searchProviders(name, limit),
          findProvidersByTaxId: (hash, limit) => this.directories().providers.findProvidersByTaxId(hash, limit)
        } satisfies ProviderDirectory,
        issuedChecks: { findCheck: (n) => this.directories().checks.findCheck(n) } satisfies IssuedCheckRegistry,
        eServices: this.eServices,
        practices: { findByTaxId: (hash) => this.practiceDirectory().findByTaxId(hash) } satisfies PracticeDirectory,
        knowledgeBasedVerification: { quizFor: (identity) => this.creditBureau().quizFor(identity) } satisfies KnowledgeBasedVerification,
        passwordHasher: this.passwordHasher
      }
      const ports: Ports =
        this.shared === undefined
          ? memoryPorts({
              ...common,
              helpDesk: this.helpDesk,
              mailer: this.mailer,
              store: this.store,
              postalMailer: this.letters,
              hashKey: this.hashKey,
              smsSender: this.sms,
              voiceCaller: this.voice,
              pushNotifier: this.pushes
            })
          : postgresPorts({
              ...common,
              db: this.shared.db,
              hashKey: this.hashKey,
              delivery: this.shared.smtp?.mailer ?? this.mailer,
              postalDelivery: this.letters,
              smsDelivery: this.sms,
              voiceDelivery: this.voice,
              pushNotifier: this.pushes
            })
      this.builtPorts = ports
      // Typed with every capability: a step for one the preset lacks gets `portal.not-offered` at run time, as a JavaScript caller would.
      this.built = createPortal(this.preset, ports) as unknown as ScenarioPortal
    }
    return this.built
  }

  /** The ports the portal runs over (for Given steps that put facts in place, as the plan's systems would). */
  get ports(): Ports {
    if (this.builtPorts === undefined) void this.portal
    return this.builtPorts as Ports
  }

  /** CMS's practice records as the scenario gives them now, decoded (a row that does not decode fails the step, loudly). */
  practiceDirectory(): PracticeDirectory {
    const decoded = practiceDirectoryFromData(this.practices, this.keyedHasher)
    if (E.isLeft(decoded)) throw new Error(`CMS's practice records in this scenario are invalid: ${JSON.stringify(decoded.left)}`)
    return decoded.right
  }

  /** The credit bureau over the scenario's credit files as they are now, its quizzes drawn from a seeded source (the same every run). */
  creditBureau(): KnowledgeBasedVerification {
    if (this.bureau !== undefined && this.bureau.files === this.creditFiles.length) return this.bureau.kbv
    const decoded = knowledgeBasedVerificationFromData(this.creditFiles, this.keyedHasher, seededRandom('credit-bureau'), this.clock.now().toISODate() as string)
    if (E.isLeft(decoded)) throw new Error(`the credit files in this scenario are invalid: ${JSON.stringify(decoded.left)}`)
    this.bureau = { files: this.creditFiles.length, kbv: decoded.right }
    return decoded.right
  }

  private bureau?: { readonly files: number; readonly kbv: KnowledgeBasedVerification }

  /** A persona's two-factor progress (created empty on first use). */
  twoFactorOf(p: Persona): TwoFactorProgress {
    const key = p.firstName.toLowerCase()
    let progress = this.twoFactor.get(key)
    if (progress === undefined) {
      progress = { devices: new Map() }
      this.twoFactor.set(key, progress)
    }
    return progress
  }

  /** A persona's HealthPartners self registration (created empty on first use). */
  registrant(p: Persona): Registrant {
    const key = p.firstName.toLowerCase()
    let r = this.registrants.get(key)
    if (r === undefined) {
      r = {}
      this.registrants.set(key, r)
    }
    return r
  }

  /**
   * The plan publishes a new version of a terms document: the portal from now
   * on runs with it, over the same stores (what people accepted stays on file).
   */
  publishTerms(document: TermsDocument, version: string): void {
    if (!('organisationPolicies' in this.preset)) throw new Error(`the preset ${this.preset.id} has no terms of use`)
    const policies = this.preset.organisationPolicies
    this.preset = { ...this.preset, organisationPolicies: { ...policies, terms: { ...policies.terms, [document]: version as TermsVersion } } }
    this.built = undefined
  }

  /** Finds (or, for a new name, creates) a persona, and makes it the one pronouns refer to. */
  persona(name: string): Persona {
    const key = name.toLowerCase()
    if (['she', 'he', 'they', 'her', 'him', 'them'].includes(key)) {
      if (this.current === undefined) throw new Error(`"${name}" refers to nobody yet`)
      return this.current
    }
    const first = name.split(' ')[0] as string
    let p = this.personas.get(first.toLowerCase())
    if (p === undefined) {
      p = newPersona(first, name.split(' ')[1] ?? 'Doe', this.personaDefaults)
      this.personas.set(first.toLowerCase(), p)
    }
    this.current = p
    return p
  }

  /** Records a library outcome for later Then steps; returns the success value, if any. */
  record<A>(result: E.Either<ReadonlyArray<DomainError>, A>): A | undefined {
    this.lastResult = result
    return E.isRight(result) ? result.right : undefined
  }

  /** The errors of the last outcome (empty when it succeeded). */
  get lastErrors(): ReadonlyArray<DomainError> {
    return this.lastResult !== undefined && E.isLeft(this.lastResult) ? this.lastResult.left : []
  }

  /** Asserts the last outcome succeeded, showing its errors otherwise. */
  expectSuccess(): void {
    if (this.lastResult === undefined) throw new Error('nothing was attempted')
    if (E.isLeft(this.lastResult))
      throw new Error(`expected success, got: ${this.lastResult.left.map((e) => `${e.code} (${this.portal.messageFor(e)})`).join('; ')}`)
  }

  /** Every message a person would see for the last outcome. */
  get messagesShown(): ReadonlyArray<string> {
    return this.lastErrors.map((e) => this.portal.messageFor(e))
  }

  /** The messages in a persona's inbox, oldest first: the outbox, or what the SMTP server received. */
  inbox(address: string): ReadonlyArray<ReadEmail> {
    const smtp = this.shared?.smtp
    if (smtp === undefined) return this.mailer.inbox(address)
    return smtp.inbox.inbox(address).map((m) => ({
      kind: m.headers['x-health-portal-kind'] ?? '',
      from: m.from,
      to: m.to,
      subject: m.subject,
      text: m.text ?? '',
      html: m.html ?? ''
    }))
  }

  /** The newest message in a persona's inbox. */
  latestEmail(p: Persona): ReadEmail {
    const inbox = this.inbox(p.email)
    const last = inbox[inbox.length - 1]
    if (last === undefined) throw new Error(`${p.firstName} has no e-mail at ${p.email}`)
    return last
  }

  /** Reads the code out of an e-mail the way a person would: the digits after "Your code is:". */
  codeIn(email: ReadEmail): string {
    const m = /Your code is: (\d+)/.exec(email.text)
    if (m === null) throw new Error(`no code in the e-mail "${email.subject}"`)
    return m[1] as string
  }

  /** Reads a temporary password out of an e-mail the way a person would: the line "Temporary password: …". */
  temporaryPasswordIn(email: ReadEmail): string {
    const m = /^Temporary password: (\S+)$/m.exec(email.text)
    if (m === null) throw new Error(`no temporary password in the e-mail "${email.subject}"`)
    return m[1] as string
  }

  /** The newest e-mail in a persona's inbox that carries a temporary password. */
  latestTemporaryPasswordEmail(p: Persona): ReadEmail {
    const found = [...this.inbox(p.email)].reverse().find((m) => /^Temporary password: /m.test(m.text))
    if (found === undefined) throw new Error(`${p.firstName} has no e-mail with a temporary password at ${p.email}`)
    return found
  }

  /** The flow a persona is in, of the kind a step expects. */
  flowOf(p: Persona, kind: FlowKind): string {
    if (p.flow === undefined || p.flow.kind !== kind) throw new Error(`${p.firstName} has not started a ${kind}`)
    return p.flow.id
  }
}

setWorldConstructor(PortalWorld)

Before(async function (this: PortalWorld) {
  const kind = this.parameters.store
  if (kind !== 'memory') this.shared = await freshSharedStore(kind)
})

/**
 * Harmony's guides (web registration, outpatient authorization requests)
 * run against the Harmony preset. A password of one's own there must be 15
 * characters or more, so personas default to a passphrase.
 */
Before({ tags: '@guide:harmony-web-registration or @guide:harmony-outpatient-authorization' }, function (this: PortalWorld) {
  this.preset = harmony.preset
  this.personaDefaults = { password: 'sunrise over tampa bay' }
})

/**
 * HealthPartners' provider portal registration runs against the HealthPartners
 * preset: NIST SP 800-63B-4 passwords, so personas default to a passphrase.
 */
Before({ tags: '@guide:healthpartners-provider-portal-registration' }, function (this: PortalWorld) {
  this.preset = healthpartners.preset
  this.personaDefaults = { password: 'lakes and loons in june' }
})

/**
 * QPP HARP's account setup runs against the HARP preset: NIST SP 800-63B-4
 * passwords with a second factor (8 characters or more), so personas default
 * to a short passphrase.
 */
Before({ tags: '@guide:qpp-harp-account-setup' }, function (this: PortalWorld) {
  this.preset = harp.preset
  this.personaDefaults = { password: 'quality payment 2026' }
})
