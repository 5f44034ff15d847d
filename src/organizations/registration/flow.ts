/**
 * HealthPartners' self registration, as flows: one for a provider, one for a
 * billing organisation. Each step is a state; a flow never holds a Tax ID,
 * only its keyed hash and last four digits.
 *
 *   provider:  choose a path (Tax ID/NPI + check, Tax ID/vendor # + check, US Mail) ─► identified (candidates)
 *              select your provider ───────────────────────────────────────────────► provider-selected
 *              contact information ────────────────────────────────────────────────► contact-given
 *              account information ────────────────────────────────────────────────► completed (organisation, delegate)
 *
 *   billing:   organisation's full name and Tax ID ─► organisation-named
 *              contact information ─────────────────► contact-given
 *              account information ─────────────────► completed
 *
 * @since 0.3.0
 */
import * as E from '../../kernel/either'
import { pipe } from 'fp-ts/lib/function.js'
import type { NonEmptyArray } from 'fp-ts/lib/NonEmptyArray.js'
import { DateTime, Duration } from 'luxon'
import { domainError, DomainError, ErrorOf, invalid, required } from '../../kernel/errors'
import { isBlank, readForm, TEXT_LIMITS } from '../../kernel/form'
import { IdentifierFormat, ProviderId, providerIdParser } from '../../kernel/identifiers'
import { Npi, parseNpi } from '../../kernel/npi'
import { formatAddress, PostalAddress } from '../../kernel/postal-address'
import { parseTaxId, TaxId } from '../../kernel/us-identifiers'
import { parseUsername, Username } from '../../kernel/username'
import { requireText, Validation, validateAll } from '../../kernel/validation'
import type { AccountId } from '../../accounts/account'
import { FlowBase, FlowId, newFlowBase } from '../../accounts/flow'
import type { ProviderRecord } from '../../ports/provider-directory'
import { CheckNumber, parseCheckNumber, parseVendorNumber, VendorNumber } from '../issued-check'
import { Contact, validateContact } from '../membership'
import { OrganisationId, OrganisationName, parseOrganisationName, TaxIdOnFile } from '../organisation'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** The three ways a provider proves itself (step 4). */
export type ProviderPath = 'tax-id-npi' | 'tax-id-vendor' | 'us-mail'

/** Every provider path, in the guide's order. */
export const PROVIDER_PATHS: ReadonlyArray<ProviderPath> = ['tax-id-npi', 'tax-id-vendor', 'us-mail']

/** The NPI or the vendor number the person typed (on the check, or for the US Mail path). */
export type ProviderReference = { readonly npi: Npi } | { readonly vendorNumber: VendorNumber }

/** A provider to choose from (step 5): its name, and its address of record as a hint. */
export interface ProviderCandidate {
  readonly providerKey: ProviderId
  readonly name: string
  /** The address of record on one line ("An outdated address will not impact your registration"), if on file. */
  readonly addressHint: string | null
}

interface ProviderFlowBase extends FlowBase {
  readonly kind: 'provider-organisation'
  readonly path: ProviderPath
  readonly taxId: TaxIdOnFile
  readonly reference: ProviderReference
}

/** Step 4 done: the path's fields matched (a check, for the instant paths); the candidates are listed. */
export interface ProviderIdentified extends ProviderFlowBase {
  readonly state: 'identified'
  readonly candidates: ReadonlyArray<ProviderCandidate>
}

/** The provider the person selected (step 5). */
export interface SelectedProvider {
  readonly providerKey: ProviderId
  readonly name: string
}

/** Step 5 done. */
export interface ProviderSelected extends ProviderFlowBase {
  readonly state: 'provider-selected'
  readonly candidates: ReadonlyArray<ProviderCandidate>
  readonly provider: SelectedProvider
}

/** Step 6 done: the person's own contact information. */
export interface ProviderContactGiven extends ProviderFlowBase {
  readonly state: 'contact-given'
  readonly candidates: ReadonlyArray<ProviderCandidate>
  readonly provider: SelectedProvider
  readonly contact: Contact
}

/** Step 7 done: the organisation is registered, the person its first delegate. */
export interface ProviderRegistrationDone extends ProviderFlowBase {
  readonly state: 'completed'
  readonly provider: SelectedProvider
  readonly contact: Contact
  readonly organisationId: OrganisationId
  readonly accountId: AccountId
  readonly username: Username
}

/** Every state of a provider's registration. */
export type ProviderOrganisationFlow = ProviderIdentified | ProviderSelected | ProviderContactGiven | ProviderRegistrationDone

interface BillingFlowBase extends FlowBase {
  readonly kind: 'billing-organisation'
  readonly fullName: OrganisationName
  readonly taxId: TaxIdOnFile
}

/** Billing step 4 done: the organisation's full name and Tax ID. */
export interface BillingOrganisationNamed extends BillingFlowBase {
  readonly state: 'organisation-named'
}

/** Billing step 5, contact information, done. */
export interface BillingContactGiven extends BillingFlowBase {
  readonly state: 'contact-given'
  readonly contact: Contact
}

/** Billing step 5, the account, done: the organisation is registered. */
export interface BillingRegistrationDone extends BillingFlowBase {
  readonly state: 'completed'
  readonly contact: Contact
  readonly organisationId: OrganisationId
  readonly accountId: AccountId
  readonly username: Username
}

/** Every state of a billing organisation's registration. */
export type BillingOrganisationFlow = BillingOrganisationNamed | BillingContactGiven | BillingRegistrationDone

/** Either registration flow. */
export type OrganisationRegistrationFlow = ProviderOrganisationFlow | BillingOrganisationFlow

// -------------------------------------------------------------------------------------
// forms
// -------------------------------------------------------------------------------------

/** Provider step 4, as typed. */
export interface ProviderPathForm {
  readonly path?: unknown
  readonly taxId?: unknown
  readonly npi?: unknown
  readonly vendorNumber?: unknown
  readonly checkNumber?: unknown
}

/** Provider step 4, validated. */
export interface ValidProviderPath {
  readonly path: ProviderPath
  readonly taxId: TaxId
  readonly reference: ProviderReference
  /** The check number (the instant paths only). */
  readonly checkNumber: CheckNumber | null
}

/** Provider step 5, as typed: one of the candidates. */
export interface SelectProviderForm {
  readonly providerKey?: unknown
}

/** "My provider is not listed", as typed: the form that goes to Provider e-Services. */
export interface NotListedForm {
  readonly firstName?: unknown
  readonly lastName?: unknown
  readonly email?: unknown
  readonly phone?: unknown
  readonly organisationName?: unknown
  readonly details?: unknown
}

/** Billing step 4, as typed. */
export interface BillingOrganisationForm {
  readonly fullName?: unknown
  readonly taxId?: unknown
}

/** Billing step 4, validated. */
export interface ValidBillingOrganisation {
  readonly fullName: OrganisationName
  readonly taxId: TaxId
}

/** Account information (provider step 7, billing step 5), as typed. */
export interface AccountForm {
  readonly username?: unknown
  readonly password?: unknown
  readonly confirmPassword?: unknown
}

/** What the confirmation page shows (provider step 8, billing step 6). */
export interface OrganisationRegistrationConfirmation {
  readonly organisationId: OrganisationId
  readonly organisationName: string
  readonly username: Username
  readonly registeredAt: string
  /** A US Mail registration completes when the PIN from the letter is entered. */
  readonly awaitingPin: boolean
  /** When the PIN's letter was mailed and when its PIN expires (US Mail only). */
  readonly pinExpiresAt: string | null
  /** The page's text. */
  readonly text: string
}

// -------------------------------------------------------------------------------------
// validation
// -------------------------------------------------------------------------------------

const PATH_EXPECTED = 'tax-id-npi, tax-id-vendor or us-mail'

/** Parses the path chosen. */
export const parseProviderPath = (input: unknown, field = 'path'): E.Either<DomainError, ProviderPath> =>
  pipe(
    requireText(input, field, TEXT_LIMITS.short),
    E.chain((s) => ((PROVIDER_PATHS as ReadonlyArray<string>).includes(s) ? E.right(s as ProviderPath) : E.left(invalid(field, PATH_EXPECTED))))
  )


/** A field the chosen path does not use must be left empty (a check number typed on the US Mail path is a mistake, not noise). */
const notForPath = (field: string, path: string): ErrorOf<'field.invalid'> =>
  domainError('field.invalid', { field, rule: `${field} is not part of the ${path} path`, expected: 'empty' })

/**
 * Validates step 4, collecting every error. Tax ID/NPI: Tax ID, NPI and check
 * number; Tax ID/vendor #: Tax ID, vendor number and check number; US Mail:
 * Tax ID and either the NPI or the vendor number, no check.
 */
export const validateProviderPath = (input: unknown): Validation<ValidProviderPath> =>
  pipe(
    readForm(input, ['path', 'taxId', 'npi', 'vendorNumber', 'checkNumber']),
    E.chain((form) => {
      const path = parseProviderPath(form.path)
      const chosen = E.isRight(path) ? path.right : null
      // A field the path does not use and the one it does are both checked: every error is collected.
      const unused = (field: 'npi' | 'vendorNumber', label: string): E.Either<DomainError, null> => (isBlank(form[field]) ? E.right(null) : E.left(notForPath(field, label)))
      const reference: E.Either<DomainError | NonEmptyArray<DomainError>, ProviderReference> =
        chosen === 'tax-id-npi'
          ? E.map(({ npi }: { readonly npi: Npi }) => ({ npi }))(validateAll({ npi: parseNpi(form.npi, 'npi'), vendorNumber: unused('vendorNumber', 'Tax ID/NPI') }))
          : chosen === 'tax-id-vendor'
            ? E.map(({ vendorNumber }: { readonly vendorNumber: VendorNumber }) => ({ vendorNumber }))(
                validateAll({ npi: unused('npi', 'Tax ID/vendor #'), vendorNumber: parseVendorNumber(form.vendorNumber, 'vendorNumber') })
              )
            : chosen === 'us-mail'
              ? isBlank(form.npi) && !isBlank(form.vendorNumber)
                ? E.map((vendorNumber: VendorNumber) => ({ vendorNumber }))(parseVendorNumber(form.vendorNumber, 'vendorNumber'))
                : isBlank(form.vendorNumber)
                  ? E.map((npi: Npi) => ({ npi }))(parseNpi(form.npi, 'npi'))
                  : E.left(domainError('field.invalid', { field: 'vendorNumber', rule: 'give the NPI or the vendor number, not both', expected: 'the NPI or the vendor number' }))
              : E.right({ npi: '' as Npi })
      const checkNumber: E.Either<DomainError, CheckNumber | null> =
        chosen === 'us-mail'
          ? isBlank(form.checkNumber)
            ? E.right(null)
            : E.left(notForPath('checkNumber', 'US Mail'))
          : parseCheckNumber(form.checkNumber, 'checkNumber')
      return validateAll({ path, taxId: parseTaxId(form.taxId, 'taxId'), reference, checkNumber })
    })
  )

/** Validates billing step 4, collecting every error. */
export const validateBillingOrganisation = (input: unknown): Validation<ValidBillingOrganisation> =>
  pipe(
    readForm(input, ['fullName', 'taxId']),
    E.chain((form) => validateAll({ fullName: parseOrganisationName(form.fullName, 'fullName'), taxId: parseTaxId(form.taxId, 'taxId') }))
  )

/** Parses the provider selected: it must be one of the candidates listed. */
export const validateSelection =
  (providerIdFormat: IdentifierFormat, candidates: ReadonlyArray<ProviderCandidate>) =>
  (input: unknown): Validation<ProviderCandidate> =>
    pipe(
      readForm(input, ['providerKey']),
      E.chain((form) =>
        pipe(
          providerIdParser(providerIdFormat)(form.providerKey, 'providerKey'),
          E.chain((key) => {
            const found = candidates.find((c) => c.providerKey === key)
            return found === undefined
              ? E.left(domainError('field.invalid', { field: 'providerKey', rule: 'providerKey must be one of the providers listed', expected: 'one of the providers listed' }))
              : E.right(found)
          }),
          E.mapLeft((e): NonEmptyArray<DomainError> => [e])
        )
      )
    )

/** Validates the username of the account information (the password is checked by the preset's policy). */
export const parseAccountUsername = (input: unknown): E.Either<DomainError, Username> => parseUsername(input, 'username')

// -------------------------------------------------------------------------------------
// contact: the person, not the doctor or the facility
// -------------------------------------------------------------------------------------

/**
 * The registrant's contact information: name and e-mail address; the billing
 * path asks for a phone number as well ("your name, phone and email"), the
 * provider path leaves it optional. Collects every error.
 */
export const validateRegistrantContact = (kind: OrganisationRegistrationFlow['kind'], input: unknown): Validation<Contact> => {
  const contact = validateContact(input)
  if (kind !== 'billing-organisation') return contact
  const read = readForm(input, ['phone'])
  if (E.isLeft(read) || !isBlank(read.right.phone)) return contact
  const missing: DomainError = required('phone')
  return E.left(E.isLeft(contact) ? [contact.left[0], ...contact.left.slice(1), missing] : [missing])
}

const folded = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('en-US').replace(/[^\p{L}\p{N}]+/gu, ' ').trim()

/** Titles and credentials a doctor's name carries on file ("Dr.", "MD", "DDS"): not part of whose name it is. */
const TITLES: ReadonlySet<string> = new Set(['dr', 'doctor', 'md', 'do', 'dds', 'dmd', 'dpm', 'dc', 'od', 'phd', 'psyd', 'np', 'cnp', 'aprn', 'rn', 'lpn', 'lcsw', 'licsw', 'lmft', 'lpcc', 'crna', 'mph'])

/** A name for comparison: folded, its words without titles or credentials, in any order ("Nwosu, Amara MD" is "Amara Nwosu"). */
const nameKey = (s: string): string =>
  folded(s)
    .split(' ')
    .filter((w) => w !== '' && !TITLES.has(w))
    .sort()
    .join(' ')

/**
 * "Your name, not the doctor or facility name": refuses a contact whose name
 * is the provider's or the organisation's name as on file (a doctor's titles
 * and credentials aside, in any word order), or whose last name alone is.
 */
export const ensurePersonsOwnName = (contact: Contact, namesOnFile: ReadonlyArray<string>): E.Either<ErrorOf<'contact.not-a-person'>, Contact> => {
  const full = nameKey(`${contact.firstName} ${contact.lastName}`)
  const last = nameKey(contact.lastName)
  const clash = namesOnFile.some((n) => {
    const name = nameKey(n)
    return name !== '' && (name === full || name === last)
  })
  return clash
    ? E.left(
        domainError('contact.not-a-person', {
          field: 'lastName',
          rule: "contact information is your own name, not the doctor's or the facility's"
        })
      )
    : E.right(contact)
}

// -------------------------------------------------------------------------------------
// transitions
// -------------------------------------------------------------------------------------

/** A provider candidate from the directory's record. */
export const candidateOf = (record: ProviderRecord): ProviderCandidate => ({
  providerKey: record.providerId,
  name: record.name,
  addressHint: record.address === undefined || record.address === null ? null : formatAddress(record.address as PostalAddress)
})

/** Starts a provider's registration once step 4 matched. */
export const startProviderRegistration = (
  now: DateTime,
  id: FlowId,
  lifetime: Duration,
  identified: { readonly path: ProviderPath; readonly taxId: TaxIdOnFile; readonly reference: ProviderReference; readonly candidates: ReadonlyArray<ProviderCandidate> }
): ProviderIdentified => ({ kind: 'provider-organisation', state: 'identified', ...newFlowBase(now, id, lifetime), ...identified })

/**
 * What every state of a provider's registration carries, and nothing of a
 * later step: going back to a step drops what the steps after it recorded
 * (a stored flow holds exactly its state's fields).
 */
const providerFlowBase = (flow: ProviderOrganisationFlow): ProviderFlowBase => ({
  kind: flow.kind,
  id: flow.id,
  startedAt: flow.startedAt,
  expiresAt: flow.expiresAt,
  version: flow.version,
  path: flow.path,
  taxId: flow.taxId,
  reference: flow.reference
})

/** Selects a provider (again, if the person goes back). */
export const selectProvider = (flow: ProviderIdentified | ProviderSelected | ProviderContactGiven, candidate: ProviderCandidate): ProviderSelected => ({
  ...providerFlowBase(flow),
  state: 'provider-selected',
  candidates: flow.candidates,
  provider: { providerKey: candidate.providerKey, name: candidate.name }
})

/** Starts a billing organisation's registration. */
export const startBillingRegistration = (
  now: DateTime,
  id: FlowId,
  lifetime: Duration,
  named: { readonly fullName: OrganisationName; readonly taxId: TaxIdOnFile }
): BillingOrganisationNamed => ({ kind: 'billing-organisation', state: 'organisation-named', ...newFlowBase(now, id, lifetime), ...named })

/** Records the person's contact information (again, if they go back). */
export const giveContact = <F extends ProviderSelected | ProviderContactGiven | BillingOrganisationNamed | BillingContactGiven>(
  flow: F,
  contact: Contact
): F extends ProviderSelected | ProviderContactGiven ? ProviderContactGiven : BillingContactGiven =>
  ({ ...flow, state: 'contact-given', contact }) as F extends ProviderSelected | ProviderContactGiven ? ProviderContactGiven : BillingContactGiven

/** The registration is complete. */
export const completeOrganisationRegistration = (
  flow: ProviderContactGiven | BillingContactGiven,
  done: { readonly organisationId: OrganisationId; readonly accountId: AccountId; readonly username: Username }
): ProviderRegistrationDone | BillingRegistrationDone =>
  flow.kind === 'provider-organisation'
    ? {
        ...providerFlowBase(flow),
        state: 'completed',
        provider: flow.provider,
        contact: flow.contact,
        ...done
      }
    : { ...flow, state: 'completed', ...done }

/** The name the organisation registers under: the provider's name as on file, or the billing organisation's full name. */
export const organisationNameOf = (flow: ProviderContactGiven | BillingContactGiven): string =>
  flow.kind === 'provider-organisation' ? flow.provider.name : flow.fullName
