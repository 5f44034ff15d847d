/**
 * Ports of HARP's organisations: the organisations people connect to (with
 * their users and the role requests waiting), CMS's records of the
 * practices, APM Entities and registries by Tax ID, and the QPP Help Desk's
 * queue of Security Official replacement requests.
 *
 * The writes follow the repositories' rule (see `repositories.ts`): `insert`
 * stores version 1, `update` only over the version it was loaded at.
 *
 * @since 0.4.0
 */
import * as TE from 'fp-ts/lib/TaskEither.js'
import * as O from 'fp-ts/lib/Option.js'
import type { DomainError } from '../kernel/errors'
import type { AccountId } from '../accounts/account'
import type { Npi } from '../kernel/npi'
import type { Ptan } from '../kernel/us-identifiers'
import type { PersonName } from '../kernel/person'
import type { KeyedHash } from './keyed-hasher'
import type { OrganisationId, OrganisationName, RegistrationKey, TaxIdOnFile } from '../organizations/organisation'
import type { HarpOrganisation, HarpOrganisationType } from '../organizations/role-requests'
import type { HelpDeskRequestOnFile, Practitioner } from '../organizations/help-desk-request'

/** HARP organisations, one row each, unique by registration key (type and Tax ID hash). */
export interface HarpOrganisationRepository {
  readonly findById: (id: OrganisationId) => TE.TaskEither<DomainError, O.Option<HarpOrganisation>>
  readonly findByRegistrationKey: (key: RegistrationKey) => TE.TaskEither<DomainError, O.Option<HarpOrganisation>>
  /** The organisations an account is connected to or has a request waiting in, at most `limit` (below 1: none), oldest registered first. */
  readonly findByAccount: (accountId: AccountId, limit: number) => TE.TaskEither<DomainError, ReadonlyArray<HarpOrganisation>>
  /** Fails with `organisation.has-security-official` when an organisation holds its registration key already (its first user came first). */
  readonly insert: (organisation: HarpOrganisation) => TE.TaskEither<DomainError, HarpOrganisation>
  readonly update: (organisation: HarpOrganisation) => TE.TaskEither<DomainError, HarpOrganisation>
}

/** A clinician CMS lists as billing under a Tax ID, with their own (individual) NPI and PTAN. */
export interface BillingClinician {
  readonly firstName: PersonName
  readonly lastName: PersonName
  readonly npi: Npi
  readonly ptan: Ptan
}

/** An organisation as CMS's records hold it: its type, legal business name, Tax ID (hash) and the clinicians billing under it. */
export interface PracticeRecord {
  readonly type: HarpOrganisationType
  readonly legalBusinessName: OrganisationName
  readonly taxIdHash: KeyedHash
  readonly clinicians: ReadonlyArray<BillingClinician>
  /** The group's own NPI and PTAN, when it has them (refused where an individual one is asked). */
  readonly groupNpi: Npi | null
  readonly groupPtan: Ptan | null
}

/** CMS's records of practices, APM Entities and registries (read only). */
export interface PracticeDirectory {
  /** Every record under a Tax ID (by its keyed hash): one per type of organisation it is registered as. */
  readonly findByTaxId: (taxIdHash: KeyedHash) => TE.TaskEither<DomainError, ReadonlyArray<PracticeRecord>>
}

/** A practitioner as a queued request keeps them: the billing Tax ID only as its hash and last four digits. */
export type PractitionerOnFile = Omit<Practitioner, 'billingTin'> & { readonly billingTin: TaxIdOnFile }

/** A help-desk request as queued: the SSN as `SsnOnFile`, every billing Tax ID as `TaxIdOnFile`. */
export interface SecurityOfficialRequest {
  /** The HARP account of the person asking. */
  readonly requester: AccountId
  readonly yourInformation: HelpDeskRequestOnFile['yourInformation']
  readonly businessContact: HelpDeskRequestOnFile['businessContact']
  readonly professionalInformation: { readonly practitioners: ReadonlyArray<PractitionerOnFile> }
  readonly requestedAt: string
}

/** A queued request with the reference the person was given. */
export type QueuedSecurityOfficialRequest = SecurityOfficialRequest & { readonly reference: string }

/** The QPP Help Desk's queue of Security Official replacement requests. */
export interface HelpDeskQueue {
  /** Queues a request; answers the reference the person is given (`QPP-` and six digits or more), unique. */
  readonly open: (request: SecurityOfficialRequest) => TE.TaskEither<DomainError, { readonly reference: string }>
  readonly findByReference: (reference: string) => TE.TaskEither<DomainError, O.Option<QueuedSecurityOfficialRequest>>
}
