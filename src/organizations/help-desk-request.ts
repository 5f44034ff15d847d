/**
 * Becoming an organisation's Security Official through the QPP Help Desk,
 * when the one it has is no longer with it, unavailable or unable to sign
 * in. The request carries the guide's three blocks of information:
 *
 *   yourInformation          first and last name, e-mail address, SSN, date of
 *                            birth, home address (street, city, state, ZIP),
 *                            primary phone
 *   businessContact          company name, address, company phone, office phone
 *   professionalInformation  at least one current practitioner: first and last
 *                            name, legal business name, Medicare billing TIN,
 *                            rendering NPI and the individual PTAN (never the
 *                            group NPI or group PTAN), address, phone
 *
 * Validation collects every error, each field named under its block
 * (`businessContact.officePhone`, `professionalInformation.practitioners[0].renderingNpi`),
 * so an incomplete request says what is missing block by block
 * (`errorsByBlock`). Once the help desk has checked the request, the
 * requester becomes a Security Official (`replaceSecurityOfficial`).
 *
 * @since 0.4.0
 */
import * as E from '../kernel/either'
import type * as NEA from 'fp-ts/lib/NonEmptyArray.js'
import { pipe } from 'fp-ts/lib/function.js'
import { DateTime } from 'luxon'
import type { AccountId } from '../accounts/account'
import { EmailAddress, parseEmailAddress } from '../kernel/email'
import { domainError, DomainError, invalid } from '../kernel/errors'
import { fieldUnder, listTooLong, readForm, readList, validateForm } from '../kernel/form'
import { Npi, parseNpi } from '../kernel/npi'
import { DateOfBirth, parseDateOfBirth, parsePersonName, PersonName } from '../kernel/person'
import { PostalAddress, validatePostalAddress } from '../kernel/postal-address'
import { parsePhoneNumber, parseTaxId, PhoneNumber, TaxId } from '../kernel/us-identifiers'
import { toNonEmpty, Validation, validateAll } from '../kernel/validation'
import type { KeyedHash, KeyedHasher } from '../ports/keyed-hasher'
import { Ptan, parsePtan, parseSsn, Ssn, SsnOnFile, ssnOnFile } from '../kernel/us-identifiers'
import { notAMember } from './membership'
import { OrganisationName, parseOrganisationName } from './organisation'
import { Connection, connectionOf, HarpOrganisation, MAX_CONNECTIONS, notASecurityOfficial } from './role-requests'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** The blocks of a help-desk request, in the guide's order. */
export type HelpDeskBlock = 'yourInformation' | 'businessContact' | 'professionalInformation'

/** Every block. */
export const HELP_DESK_BLOCKS: ReadonlyArray<HelpDeskBlock> = ['yourInformation', 'businessContact', 'professionalInformation']

/** "Your Information": the person asking. */
export interface YourInformation {
  readonly firstName: PersonName
  readonly lastName: PersonName
  readonly email: EmailAddress
  readonly ssn: Ssn
  readonly dateOfBirth: DateOfBirth
  readonly homeAddress: PostalAddress
  readonly primaryPhone: PhoneNumber
}

/** "Business Contact Information": the company. */
export interface BusinessContact {
  readonly companyName: OrganisationName
  readonly address: PostalAddress
  readonly companyPhone: PhoneNumber
  readonly officePhone: PhoneNumber
}

/** One current practitioner, by their own (individual) identifiers. */
export interface Practitioner {
  readonly firstName: PersonName
  readonly lastName: PersonName
  readonly legalBusinessName: OrganisationName
  /** The Tax ID the practitioner bills Medicare under. */
  readonly billingTin: TaxId
  /** The practitioner's rendering NPI, not the group's. */
  readonly renderingNpi: Npi
  /** The practitioner's individual PTAN, not the group's. */
  readonly individualPtan: Ptan
  readonly address: PostalAddress
  readonly phone: PhoneNumber
}

/** "Professional Information": at least one current practitioner. */
export interface ProfessionalInformation {
  readonly practitioners: NEA.NonEmptyArray<Practitioner>
}

/** A complete help-desk request. */
export interface ValidHelpDeskRequest {
  readonly yourInformation: YourInformation
  readonly businessContact: BusinessContact
  readonly professionalInformation: ProfessionalInformation
}

/** The request as typed: one object per block. */
export interface HelpDeskRequestForm {
  readonly yourInformation?: unknown
  readonly businessContact?: unknown
  readonly professionalInformation?: unknown
}

/** A request as kept: the SSN only as its hash and last four digits. */
export interface HelpDeskRequestOnFile extends Omit<ValidHelpDeskRequest, 'yourInformation'> {
  readonly yourInformation: Omit<YourInformation, 'ssn'> & { readonly ssn: SsnOnFile }
}

/** The group identifiers the plan knows for the Tax IDs given (from its provider directory): refused where an individual one is asked. */
export interface GroupIdentifiers {
  readonly npis: ReadonlyArray<Npi>
  readonly ptans: ReadonlyArray<Ptan>
}

/** What the help desk applies once it has checked a request. */
export interface SecurityOfficialReplacement {
  /** The HARP account of the person who asked. */
  readonly requester: AccountId
  readonly request: ValidHelpDeskRequest
  /** The keyed hashes of the practitioners' billing TINs, computed by the caller, in order. */
  readonly billingTinHashes: ReadonlyArray<KeyedHash>
  /** The Security Official who is no longer with the organisation, to remove; `null` keeps everyone. */
  readonly replacing: AccountId | null
}

/** How many practitioners a request lists at most. */
export const MAX_PRACTITIONERS = 10

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------



const validateYourInformation = (today: string) => (input: unknown): Validation<YourInformation> => {
  const f = fieldUnder('yourInformation')
  return validateForm(
    ['firstName', 'lastName', 'email', 'ssn', 'dateOfBirth', 'homeAddress', 'primaryPhone'],
    (form) =>
      validateAll({
        firstName: parsePersonName(form.firstName, f('firstName')),
        lastName: parsePersonName(form.lastName, f('lastName')),
        email: parseEmailAddress(form.email, f('email')),
        ssn: parseSsn(form.ssn, f('ssn')),
        dateOfBirth: parseDateOfBirth(today)(form.dateOfBirth, f('dateOfBirth')),
        homeAddress: validatePostalAddress(form.homeAddress, f('homeAddress')),
        primaryPhone: parsePhoneNumber(form.primaryPhone, f('primaryPhone'))
      }),
    'yourInformation'
  )(input)
}

const validateBusinessContact = (input: unknown): Validation<BusinessContact> => {
  const f = fieldUnder('businessContact')
  return validateForm(
    ['companyName', 'address', 'companyPhone', 'officePhone'],
    (form) =>
      validateAll({
        companyName: parseOrganisationName(form.companyName, f('companyName')),
        address: validatePostalAddress(form.address, f('address')),
        companyPhone: parsePhoneNumber(form.companyPhone, f('companyPhone')),
        officePhone: parsePhoneNumber(form.officePhone, f('officePhone'))
      }),
    'businessContact'
  )(input)
}

const validatePractitioner = (at: string) => (input: unknown): Validation<Practitioner> => {
  const f = fieldUnder(at)
  return validateForm(
    ['firstName', 'lastName', 'legalBusinessName', 'billingTin', 'renderingNpi', 'individualPtan', 'address', 'phone'],
    (form) =>
      validateAll({
        firstName: parsePersonName(form.firstName, f('firstName')),
        lastName: parsePersonName(form.lastName, f('lastName')),
        legalBusinessName: parseOrganisationName(form.legalBusinessName, f('legalBusinessName')),
        billingTin: parseTaxId(form.billingTin, f('billingTin')),
        renderingNpi: parseNpi(form.renderingNpi, f('renderingNpi')),
        individualPtan: parsePtan(form.individualPtan, f('individualPtan')),
        address: validatePostalAddress(form.address, f('address')),
        phone: parsePhoneNumber(form.phone, f('phone'))
      }),
    at
  )(input)
}

const validateProfessionalInformation = (input: unknown): Validation<ProfessionalInformation> => {
  const field = 'professionalInformation.practitioners'
  return validateForm(
    ['practitioners'],
    (form) =>
      pipe(
        readList(form.practitioners, field, MAX_PRACTITIONERS, 'practitioners'),
        E.mapLeft(toNonEmpty),
        E.chain((entries): Validation<ProfessionalInformation> => {
          if (entries === null || entries.length === 0)
            return E.left([domainError('field.required', { field, rule: `${field} must name at least one current practitioner` })])
          const checked: Record<string, Validation<Practitioner>> = {}
          entries.forEach((entry, i) => (checked[String(i)] = validatePractitioner(`${field}[${i}]`)(entry)))
          return pipe(
            validateAll(checked),
            E.map((byIndex) => {
              const [first, ...rest] = entries.map((_, i) => byIndex[String(i)] as Practitioner)
              return { practitioners: [first as Practitioner, ...rest] }
            })
          )
        })
      ),
    'professionalInformation'
  )(input)
}

/**
 * Validates a help-desk request, collecting every error of every block; each
 * error's field starts with its block's name. A block left out gets one
 * "required" per field of it (the practitioners, one for the list).
 *
 * @example
 * import { organizations } from 'health-portal-domain'
 * import * as E from 'fp-ts/lib/Either.js'
 * const r = organizations.validateHelpDeskRequest('2026-12-02')({ businessContact: { companyName: 'Lakeside Family Medicine' } })
 * if (E.isLeft(r)) organizations.errorsByBlock(r.left).businessContact.map((e) => e.field) // ['businessContact.address.line1', …, 'businessContact.officePhone']
 */
export const validateHelpDeskRequest =
  (today: string) =>
  (input: unknown): Validation<ValidHelpDeskRequest> =>
    pipe(
      readForm(input, HELP_DESK_BLOCKS),
      E.chain((form) =>
        validateAll({
          yourInformation: validateYourInformation(today)(form.yourInformation),
          businessContact: validateBusinessContact(form.businessContact),
          professionalInformation: validateProfessionalInformation(form.professionalInformation)
        })
      )
    )

/**
 * Refuses, practitioner by practitioner, a rendering NPI or an individual
 * PTAN that is one of the group identifiers the plan knows
 * (`help-desk.group-identifier`, naming the field), collecting every one.
 */
export const ensureIndividualIdentifiers = (request: ValidHelpDeskRequest, groups: GroupIdentifiers): Validation<ValidHelpDeskRequest> => {
  const errors: DomainError[] = []
  request.professionalInformation.practitioners.forEach((p, i) => {
    const at = `professionalInformation.practitioners[${i}]`
    if (groups.npis.includes(p.renderingNpi))
      errors.push(domainError('help-desk.group-identifier', { field: `${at}.renderingNpi`, rule: `${at}.renderingNpi must be the practitioner's rendering NPI, not the group NPI`, identifier: 'npi' }))
    if (groups.ptans.includes(p.individualPtan))
      errors.push(domainError('help-desk.group-identifier', { field: `${at}.individualPtan`, rule: `${at}.individualPtan must be the practitioner's individual PTAN, not the group PTAN`, identifier: 'ptan' }))
  })
  const [head, ...tail] = errors
  return head === undefined ? E.right(request) : E.left([head, ...tail])
}

/** The request as kept: the SSN only as the kernel keeps one, its keyed hash and masked last four digits. */
export const helpDeskRequestOnFile = (request: ValidHelpDeskRequest, hasher: KeyedHasher): HelpDeskRequestOnFile => {
  const { ssn, ...you } = request.yourInformation
  return { ...request, yourInformation: { ...you, ssn: ssnOnFile(hasher, ssn) } }
}

// -------------------------------------------------------------------------------------
// queries
// -------------------------------------------------------------------------------------

/** The errors of a request, block by block (each error in the block its field starts with). */
export const errorsByBlock = (errors: ReadonlyArray<DomainError>): Readonly<Record<HelpDeskBlock, ReadonlyArray<DomainError>>> => {
  const blockOf = (e: DomainError): HelpDeskBlock | undefined => HELP_DESK_BLOCKS.find((b) => e.field === b || (e.field ?? '').startsWith(`${b}.`))
  return {
    yourInformation: errors.filter((e) => blockOf(e) === 'yourInformation'),
    businessContact: errors.filter((e) => blockOf(e) === 'businessContact'),
    professionalInformation: errors.filter((e) => blockOf(e) === 'professionalInformation')
  }
}

// -------------------------------------------------------------------------------------
// transitions
// -------------------------------------------------------------------------------------

/**
 * Applies a checked request: the requester becomes a Security Official of
 * the organisation (connected if they were not, a Staff User promoted if
 * they were; a request of theirs waiting goes), and the Security Official it
 * replaces, if named, is removed. One of the practitioners must bill under
 * the organisation's Tax ID (`help-desk.organisation-not-matched`).
 */
export const replaceSecurityOfficial = (now: DateTime, organisation: HarpOrganisation, replacement: SecurityOfficialReplacement): E.Either<DomainError, HarpOrganisation> => {
  const { requester, replacing } = replacement
  if (!replacement.billingTinHashes.includes(organisation.taxId.hash))
    return E.left(
      domainError('help-desk.organisation-not-matched', {
        field: 'professionalInformation.practitioners',
        rule: "at least one practitioner must bill Medicare under the organisation's Tax ID"
      })
    )
  if (replacing !== null) {
    if (replacing === requester) return E.left(invalid('replacing', 'a Security Official other than the requester'))
    const replaced = connectionOf(organisation, replacing)
    if (replaced === undefined) return E.left(notAMember('replacing'))
    if (replaced.role !== 'security-official') return E.left(notASecurityOfficial('replacing'))
  }
  const connection: Connection = { accountId: requester, role: 'security-official', since: now.toISO() as string, grant: { by: 'help-desk' } }
  const kept = organisation.connections.filter((c) => c.accountId !== replacing)
  const held = connectionOf(organisation, requester) !== undefined
  if (!held && kept.length >= MAX_CONNECTIONS) return E.left(listTooLong('connections', MAX_CONNECTIONS, kept.length + 1, 'users'))
  return E.right({
    ...organisation,
    connections: held ? kept.map((c) => (c.accountId === requester ? connection : c)) : [...kept, connection],
    pending: organisation.pending.filter((r) => r.accountId !== requester && r.accountId !== replacing)
  })
}
