import type { AccountRepository, CodeLedgerRepository, FlowRepository, ProviderRegistrationRepository } from './repositories'
import type { Mailer } from './mailer'
import type { AccessRequestRepository, EServicesDesk, OrganisationRepository, PostalMailer } from './organisations'
import type { HarpOrganisationRepository, HelpDeskQueue } from './harp-organisations'
import type { AccountDevicesRepository, PushLedgerRepository, SmsSender, TotpCredentialRepository, VoiceCaller } from './mfa'
import type { IdentityRecordRepository, ManualProofingRepository } from './proofing'
import type { AttachmentStore, AuthorizationRequestRepository } from '../prior-authorization/ports'

/** The ports a use case writes through; a unit of work hands out copies bound to one transaction. */
export interface TransactionalPorts {
  readonly accounts: AccountRepository
  readonly flows: FlowRepository
  readonly codeLedgers: CodeLedgerRepository
  readonly registrations: ProviderRegistrationRepository
  readonly authorizationRequests: AuthorizationRequestRepository
  readonly attachments: AttachmentStore
  readonly mailer: Mailer
  readonly organisations: OrganisationRepository
  readonly accessRequests: AccessRequestRepository
  readonly postalMailer: PostalMailer
  readonly eServices: EServicesDesk
  readonly harpOrganisations: HarpOrganisationRepository
  readonly helpDesk: HelpDeskQueue
  readonly accountDevices: AccountDevicesRepository
  readonly totpCredentials: TotpCredentialRepository
  readonly pushLedgers: PushLedgerRepository
  readonly smsSender: SmsSender
  readonly voiceCaller: VoiceCaller
  readonly identityRecords: IdentityRecordRepository
  readonly manualProofings: ManualProofingRepository
}

/**
 * Runs one use case as one unit: its writes (and the e-mails it queues)
 * commit together when `body` resolves, and none do when it throws.
 */
export interface UnitOfWork {
  readonly transaction: <A>(body: (scope: TransactionalPorts) => Promise<A>) => Promise<A>
}
