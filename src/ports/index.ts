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
  /** When present, each use case runs in one transaction of it (the postgres adapter); otherwise each write stands alone. */
  readonly unitOfWork?: UnitOfWork
}
