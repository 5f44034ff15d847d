/**
 * What a preset decides for the organisations workflows (HealthPartners'
 * provider portal), and their environment.
 *
 * @since 0.3.0
 */
import * as RTE from 'fp-ts/lib/ReaderTaskEither.js'
import { DateTime, Duration } from 'luxon'
import type { AccountsEnv, Errors } from '../accounts/policies'
import type { EmailAddress } from '../kernel/email'
import type { IdentifierFormat } from '../kernel/identifiers'
import type { PostalAddress } from '../kernel/postal-address'
import type { TemporaryPasswordPolicy } from '../credentials/temporary-password'
import type { OutgoingEmail } from '../ports/mailer'
import type { OutgoingLetter } from '../ports/organisations'
import type { AccessRequestEmail } from './client-access'
import type { PinPolicy } from './mailed-pin'
import type { ApplicationCatalogue, MembershipRole } from './membership'
import type { CurrentTerms } from './terms-of-use'

/** The letters a preset writes. */
export interface OrganisationLetters {
  /** The registration PIN letter, to the provider's address of record. */
  readonly registrationPin: (args: {
    readonly addressee: string
    readonly address: PostalAddress
    readonly pin: string
    readonly expiresAt: DateTime
    readonly registeredBy: string
  }) => OutgoingLetter
}

/** The e-mails a preset writes for organisations. */
export interface OrganisationEmails {
  /** To a client's contact, at once: approve or refuse a billing organisation's access. */
  readonly accessRequest: (request: AccessRequestEmail) => OutgoingEmail
  /** To a person a delegate added: their username and a temporary password. */
  readonly accountCreated: (args: {
    readonly to: EmailAddress
    readonly username: string
    readonly temporaryPassword: string
    readonly expiresAt: DateTime
    readonly organisationName: string
    readonly role: MembershipRole
    /** A new account, or a new temporary password for an existing one (the old one expired or was lost). */
    readonly reason: 'created' | 'reissued'
  }) => OutgoingEmail
}

/** What a preset with registered organisations decides. */
export interface OrganisationPolicies {
  /** The plan's Provider ID format (the keys of the providers organisations select). */
  readonly providerIdFormat: IdentifierFormat
  /** How long a registration may take, start to confirmation. */
  readonly registrationLifetime: Duration
  readonly pin: PinPolicy
  /** The terms of use in force, by document. */
  readonly terms: CurrentTerms
  readonly applications: ApplicationCatalogue
  /** How long a client contact has to answer an access request. */
  readonly accessRequestLifetime: Duration
  /** Where the approval and refusal links point (`<base>/approve?…`). */
  readonly accessRequestBaseUrl: string
  /** The temporary password of an account a delegate creates. */
  readonly temporaryPassword: TemporaryPasswordPolicy
  /** At most this many candidates are listed to select a provider from. */
  readonly maxCandidates: number
  readonly letters: OrganisationLetters
  readonly emails: OrganisationEmails
}

/** The environment of the organisations workflows: the account workflows' and the organisation policies. */
export type OrganisationsEnv = AccountsEnv & { readonly organisationPolicies: OrganisationPolicies }

/** An organisations workflow. */
export type OrganisationWorkflow<A> = RTE.ReaderTaskEither<OrganisationsEnv, Errors, A>
