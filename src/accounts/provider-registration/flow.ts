/**
 * Harmony's provider registration, step by step:
 *
 *   identify (Provider ID, ZIP, Tax ID) ─► ProviderIdentified
 *   tell us about yourself ─────────────► ProviderDescribed
 *   create a username ──────────────────► ProviderRegistered (account, temporary password, confirmation)
 *
 * @since 0.1.0
 */
import * as E from '../../kernel/either'
import { DateTime, Duration } from 'luxon'
import { domainError, DomainError } from '../../kernel/errors'
import { IdentifierFormat, ProviderId, providerIdParser } from '../../kernel/identifiers'
import { parseTaxId, parseZipCode, TaxId, ZipCode, zip5 } from '../../kernel/us-identifiers'
import { parseUsername, Username } from '../../kernel/username'
import { Validation, validateAll } from '../../kernel/validation'
import { validateForm } from '../../kernel/form'
import { ChallengeQuestion, NormalisedAnswer, parseAnswer, parseQuestion } from '../../credentials/challenge-question'
import { KeyedHash } from '../../ports/keyed-hasher'
import { ProviderRecord } from '../../ports/provider-directory'
import { Organisation, OrganisationUser } from '../../organizations/provider-registration'
import type { AccountId } from '../account'
import { FlowBase, FlowId, newFlowBase } from '../flow'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

interface RegistrationBase extends FlowBase {
  readonly kind: 'provider-registration'
  readonly providerId: ProviderId
  readonly providerName: string
}

/** Step 3 done: the Provider ID, ZIP and Tax ID matched one provider. */
export interface ProviderIdentified extends RegistrationBase {
  readonly state: 'identified'
}

/** Step 4 done: the organisation and its users are known. */
export interface ProviderDescribed extends RegistrationBase {
  readonly state: 'described'
  readonly organisation: Organisation
  readonly users: ReadonlyArray<OrganisationUser>
}

/** Step 5 done: the account exists and its temporary password is on its way. */
export interface ProviderRegistered extends RegistrationBase {
  readonly state: 'completed'
  readonly organisation: Organisation
  readonly users: ReadonlyArray<OrganisationUser>
  readonly accountId: AccountId
  readonly registrationId: string
}

/** Every state of a provider registration. */
export type ProviderRegistrationFlow = ProviderIdentified | ProviderDescribed | ProviderRegistered

/** "Identify yourself", as typed. */
export interface IdentifyForm {
  readonly providerId?: unknown
  readonly zipCode?: unknown
  readonly taxId?: unknown
}

/** "Identify yourself", validated. */
export interface ValidIdentity {
  readonly providerId: ProviderId
  readonly zipCode: ZipCode
  readonly taxId: TaxId
}

/** "Create a username", as typed. */
export interface UsernameForm {
  readonly username?: unknown
  readonly securityQuestion?: unknown
  readonly securityAnswer?: unknown
}

/** "Create a username", validated. */
export interface ValidUsernameChoice {
  readonly username: Username
  readonly question: ChallengeQuestion
  readonly answer: NormalisedAnswer
}

/** What the confirmation page shows (and the person prints). */
export interface RegistrationConfirmation {
  readonly registrationReference: string
  readonly username: Username
  readonly providerId: ProviderId
  readonly providerName: string
  /** Date and time of registration, in the plan's zone. */
  readonly registeredAt: string
  /** The page as plain text, ready to print. */
  readonly printable: string
}

// -------------------------------------------------------------------------------------
// validation
// -------------------------------------------------------------------------------------

/** Each field's format first, collecting every error. */
export const validateIdentity =
  (providerIdFormat: IdentifierFormat) =>
  (input: IdentifyForm): Validation<ValidIdentity> =>
    validateForm(['providerId', 'zipCode', 'taxId'], (form) =>
      validateAll({
        providerId: providerIdParser(providerIdFormat)(form.providerId, 'providerId'),
        zipCode: parseZipCode(form.zipCode, 'zipCode'),
        taxId: parseTaxId(form.taxId, 'taxId')
      })
    )(input)

/**
 * The three must match one provider together. The answer never says which
 * field was wrong (that would help someone guess the others).
 */
export const matchProvider = (identity: ValidIdentity, taxIdHash: KeyedHash, record: ProviderRecord | null): E.Either<DomainError, ProviderRecord> =>
  record !== null && record.providerId === identity.providerId && zip5(record.zipCode) === zip5(identity.zipCode) && record.taxIdHash === taxIdHash
    ? E.right(record)
    : E.left(domainError('provider.not-matched', { rule: 'the Provider ID, ZIP code and Tax ID must together match one provider on file' }))

/** A provider may register once. */
export const alreadyRegistered = (): DomainError =>
  domainError('provider.already-registered', { field: 'providerId', rule: 'a provider registers once; its users are managed from its account' })

/** Validates the username choice, collecting every error. */
export const validateUsernameChoice =
  (questions: ReadonlyArray<ChallengeQuestion>) =>
  (input: UsernameForm): Validation<ValidUsernameChoice> =>
    validateForm(['username', 'securityQuestion', 'securityAnswer'], (form) =>
      validateAll({
        username: parseUsername(form.username, 'username'),
        question: parseQuestion(questions)(form.securityQuestion, 'securityQuestion'),
        answer: parseAnswer(form.securityAnswer, 'securityAnswer')
      })
    )(input)

// -------------------------------------------------------------------------------------
// transitions
// -------------------------------------------------------------------------------------

/** Starts a registration for an identified provider. */
export const startRegistration = (now: DateTime, id: FlowId, lifetime: Duration, provider: ProviderRecord): ProviderIdentified => ({
  kind: 'provider-registration',
  state: 'identified',
  ...newFlowBase(now, id, lifetime),
  providerId: provider.providerId,
  providerName: provider.name
})

/** Records the organisation and its users (again, if the person goes back and changes them). */
export const describe = (
  flow: ProviderIdentified | ProviderDescribed,
  about: { readonly organisation: Organisation; readonly users: ReadonlyArray<OrganisationUser> }
): ProviderDescribed => ({ ...flow, state: 'described', organisation: about.organisation, users: about.users })

/** The registration is complete. */
export const completeRegistration = (flow: ProviderDescribed, accountId: AccountId, registrationId: string): ProviderRegistered => ({
  ...flow,
  state: 'completed',
  accountId,
  registrationId
})

/** The confirmation page, with a printable text. */
export const confirmation = (
  flow: ProviderRegistered,
  username: Username,
  registeredAt: DateTime
): RegistrationConfirmation => {
  const when = registeredAt.toFormat("MMMM d, yyyy 'at' h:mm a ZZZZ")
  return {
    registrationReference: flow.registrationId,
    username,
    providerId: flow.providerId,
    providerName: flow.providerName,
    registeredAt: registeredAt.toISO() as string,
    printable: [
      'Provider web registration — confirmation',
      '',
      `Registration reference: ${flow.registrationId}`,
      `Username: ${username}`,
      `Provider: ${flow.providerName} (Provider ID ${flow.providerId})`,
      `Registered: ${when}`,
      '',
      'Within 24 hours you will receive an e-mail with a temporary password that expires in 30 days.',
      'Please print this page for your records.'
    ].join('\n')
  }
}
