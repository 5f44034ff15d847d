/** Ports: the interfaces the core needs from the outside world. Adapters implement them. */
export * from './clock'
export * from './random'
export * from './password-hasher'
export * from './keyed-hasher'
export * from './hmac'
export * from './mailer'
export * from './member-directory'
export * from './provider-directory'
export * from './repositories'
export * from './secret-box'
export * from './unit-of-work'
export * from './organisations'
export * from './proofing'
export * from './harp-organisations'
export * from './mfa'

import { Clock } from './clock'
import { Random } from './random'
import { PasswordHasher } from './password-hasher'
import { KeyedHasher } from './keyed-hasher'
import { Mailer } from './mailer'
import { MemberDirectory } from './member-directory'
import { AccountRepository, CodeLedgerRepository, FlowRepository, ProviderRegistrationRepository } from './repositories'
import { ProviderDirectory } from './provider-directory'
import { UnitOfWork } from './unit-of-work'
import { AccessRequestRepository, EServicesDesk, IssuedCheckRegistry, OrganisationRepository, PostalMailer } from './organisations'
import type { HarpOrganisationRepository, HelpDeskQueue, PracticeDirectory } from './harp-organisations'
import type { SecretBox } from './secret-box'
import type { Hmac } from './hmac'
import type { AccountDevicesRepository, PushLedgerRepository, PushNotifier, SmsSender, TotpCredentialRepository, VoiceCaller } from './mfa'
import type { IdentityRecordRepository, KnowledgeBasedVerification, ManualProofingRepository } from './proofing'
import type { AttachmentStore, AuthorizationRequestRepository, DiagnosisCodeSet } from '../prior-authorization/ports'

/** Everything the account workflows use, by name. One composition root builds it per environment. */
export interface Ports {
  readonly clock: Clock
  readonly random: Random
  readonly passwordHasher: PasswordHasher
  readonly keyedHasher: KeyedHasher
  readonly mailer: Mailer
  readonly accounts: AccountRepository
  readonly flows: FlowRepository
  readonly codeLedgers: CodeLedgerRepository
  readonly members: MemberDirectory
  readonly providers: ProviderDirectory
  readonly registrations: ProviderRegistrationRepository
  /** Prior-authorization requests, drafts and submitted. */
  readonly authorizationRequests: AuthorizationRequestRepository
  /** Clinical attachments of prior-authorization requests. */
  readonly attachments: AttachmentStore
  /** The ICD-10-CM releases the plan accepts diagnoses from. */
  readonly diagnosisCodes: DiagnosisCodeSet
  /** Registered organisations (HealthPartners' provider portal), with their memberships. */
  readonly organisations: OrganisationRepository
  /** Billing organisations' requests for access to their clients. */
  readonly accessRequests: AccessRequestRepository
  /** The checks the plan issued (its payment system). */
  readonly issuedChecks: IssuedCheckRegistry
  /** Letters the plan mails (registration PINs). */
  readonly postalMailer: PostalMailer
  /** Provider e-Services' work queue ("My provider is not listed"). */
  readonly eServices: EServicesDesk
  /** HARP: the organisations people connect to, with their users and role requests. */
  readonly harpOrganisations: HarpOrganisationRepository
  /** HARP: CMS's records of practices, APM Entities and registries by Tax ID. */
  readonly practices: PracticeDirectory
  /** HARP: the QPP Help Desk's queue of Security Official replacement requests. */
  readonly helpDesk: HelpDeskQueue
  /** HMAC for one-time-password codes (TOTP). */
  readonly hmac: Hmac
  /** Seals TOTP secrets at rest (a box of their own: its key opens nothing else). */
  readonly totpSecretBox: SecretBox
  /** Texts codes to phones. */
  readonly smsSender: SmsSender
  /** Calls phones to speak codes. */
  readonly voiceCaller: VoiceCaller
  /** Sends pushes to authenticator apps. */
  readonly pushNotifier: PushNotifier
  /** Each account's second-factor devices. */
  readonly accountDevices: AccountDevicesRepository
  /** Authenticator apps' credentials (sealed secrets, replay state). */
  readonly totpCredentials: TotpCredentialRepository
  /** Each account's pushes. */
  readonly pushLedgers: PushLedgerRepository
  /** HARP: the knowledge-based verification provider (a credit bureau) remote proofing asks. */
  readonly knowledgeBasedVerification: KnowledgeBasedVerification
  /** HARP: identity records, one per individual account. */
  readonly identityRecords: IdentityRecordRepository
  /** HARP: manual proofings and the reviewers' queue. */
  readonly manualProofings: ManualProofingRepository
  /** When present, each use case runs in one transaction of it (the postgres adapter); otherwise each write stands alone. */
  readonly unitOfWork?: UnitOfWork
}
