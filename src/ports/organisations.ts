import * as TE from 'fp-ts/lib/TaskEither.js'
import * as O from 'fp-ts/lib/Option.js'
import type { DomainError } from '../kernel/errors'
import type { EmailKey } from '../kernel/email'
import type { PostalAddress } from '../kernel/postal-address'
import type { CheckNumber, IssuedCheck } from '../organizations/issued-check'
import type { OrganisationId, RegisteredOrganisation, RegistrationKey } from '../organizations/organisation'
import type { AccessRequest, AccessRequestId } from '../organizations/client-access'

/*
 * The writes follow the repositories' rule (see `repositories.ts`): `insert`
 * stores version 1, `update` only over the version it was loaded at.
 */

/** Registered organisations with their memberships, one row each, unique by registration key. */
export interface OrganisationRepository {
  readonly findById: (id: OrganisationId) => TE.TaskEither<DomainError, O.Option<RegisteredOrganisation>>
  readonly findByRegistrationKey: (key: RegistrationKey) => TE.TaskEither<DomainError, O.Option<RegisteredOrganisation>>
  /** Fails with `organisation.already-registered` when its registration key is taken. */
  readonly insert: (organisation: RegisteredOrganisation) => TE.TaskEither<DomainError, RegisteredOrganisation>
  readonly update: (organisation: RegisteredOrganisation) => TE.TaskEither<DomainError, RegisteredOrganisation>
}

/** Billing organisations' requests for access to their clients. */
export interface AccessRequestRepository {
  readonly findById: (id: AccessRequestId) => TE.TaskEither<DomainError, O.Option<AccessRequest>>
  /** A billing organisation's requests, newest first, at most `limit`. */
  readonly findByBillingOrganisation: (id: OrganisationId, limit: number) => TE.TaskEither<DomainError, ReadonlyArray<AccessRequest>>
  readonly insert: (request: AccessRequest) => TE.TaskEither<DomainError, AccessRequest>
  readonly update: (request: AccessRequest) => TE.TaskEither<DomainError, AccessRequest>
}

/** The plan's payment system: the checks it issued, by number (read only). */
export interface IssuedCheckRegistry {
  readonly findCheck: (checkNumber: CheckNumber) => TE.TaskEither<DomainError, O.Option<IssuedCheck>>
}

/** A letter the plan mails (a registration PIN), as plain text. */
export interface OutgoingLetter {
  /** What kind of letter this is (`registration-pin`), for routing and tests. */
  readonly kind: string
  /** Whom it is addressed to: the provider's name as on file. */
  readonly addressee: string
  readonly address: PostalAddress
  readonly text: string
}

/** Mails letters (through a print-and-mail vendor). A failed hand-off is `mail.delivery-failed`. */
export interface PostalMailer {
  readonly send: (letter: OutgoingLetter) => TE.TaskEither<DomainError, void>
}

/** A request routed to Provider e-Services ("My provider is not listed"): someone there contacts the person. */
export interface EServicesRequest {
  readonly kind: 'provider-not-listed'
  readonly firstName: string
  readonly lastName: string
  readonly email: string
  readonly emailKey: EmailKey
  readonly phone: string | null
  /** The organisation's name as the person gave it. */
  readonly organisationName: string
  /** The last four digits of the Tax ID they typed (never the whole number). */
  readonly taxIdLast4: string
  /** The NPI or vendor number they typed, if any. */
  readonly providerReference: string | null
  readonly details: string | null
  readonly requestedAt: string
}

/** Provider e-Services' work queue. Answers the reference the person is given. */
export interface EServicesDesk {
  readonly open: (request: EServicesRequest) => TE.TaskEither<DomainError, { readonly reference: string }>
}
