/**
 * The outpatient prior-authorization request, as the guide's wizard builds it.
 * One type per state; each step's form is validated by a pure function that
 * collects every error of that step.
 *
 *   open the Authorization Request (steps 1–2) ─► Started
 *   requesting provider (3) ──────────────────► RequestingProviderChosen
 *   member (4) ───────────────────────────────► MemberChosen
 *   place of service, visits (5) ─────────────► ServiceChosen
 *   diagnosis and procedure codes (6) ────────► CodesChosen
 *   servicing provider (7) ───────────────────► ServicingProviderChosen
 *   clinicals (8) ────────────────────────────► ClinicalsGiven
 *   phone and fax (9) ────────────────────────► ReadyToSubmit
 *   submit (10) ──────────────────────────────► Submitted (see `determination.ts`)
 *
 * Going back: any step may be done again once the steps before it are done;
 * the answers to later steps are kept, and submission checks the whole
 * request again.
 *
 * @since 0.2.0
 */
import * as E from '../kernel/either'
import * as NEA from 'fp-ts/lib/NonEmptyArray.js'
import { pipe } from 'fp-ts/lib/function.js'
import { DateTime, Duration } from 'luxon'
import { domainError, DomainError, invalid, required } from '../kernel/errors'
import { IdentifierFormat, MemberId, memberIdParser, ProviderId, providerIdParser } from '../kernel/identifiers'
import { Npi, parseNpi } from '../kernel/npi'
import { DateOfBirth, parseDateOfBirth, parsePersonName, PersonName } from '../kernel/person'
import { parsePhoneNumber, PhoneNumber } from '../kernel/us-identifiers'
import { requireText, Validation, validateAll } from '../kernel/validation'
import { boundText, FormOf, freeTextLimit, listTooLong, readList, textTooLong, validateForm } from '../kernel/form'
import { contentMatches, FileUploadForm, UploadPolicy, validateUpload, ValidUpload } from '../kernel/upload'
import type { AccountId } from '../accounts/account'
import { DecisionPriority, IcdCode, parseIcdCode, parsePlaceOfServiceCode, parseProcedureCode, PlaceOfServiceCode, ProcedureCode } from './code-sets'

// -------------------------------------------------------------------------------------
// model: the parts of a request
// -------------------------------------------------------------------------------------

/** A request's identifier (a random UUID), used while it is a draft and after. */
export type RequestId = string & { readonly RequestId: unique symbol }

/** The reference number given at submission, e.g. `HPA-7K2M9QXD`. */
export type RequestReference = string & { readonly RequestReference: unique symbol }

/** A date of service, ISO `yyyy-MM-dd`. */
export type ServiceDate = string & { readonly ServiceDate: unique symbol }

/** A provider as the request names it: the plan's Provider ID, the NPI when known, the name on file. */
export interface ProviderSummary {
  readonly providerId: ProviderId
  readonly npi: Npi | null
  readonly name: string
}

/** The member the service is for, as the plan's directory lists them. */
export interface MemberSummary {
  readonly memberId: MemberId
  readonly firstName: PersonName
  readonly lastName: PersonName
  readonly dateOfBirth: DateOfBirth
}

/** Step 5: where, how many visits, when, and how urgent. */
export interface ServiceDetails {
  readonly placeOfService: PlaceOfServiceCode
  readonly visits: number
  readonly serviceDate: ServiceDate
  readonly priority: DecisionPriority
}

/** Step 6: the diagnoses (ICD-10-CM, primary first) and the procedures (CPT or HCPCS Level II). */
export interface RequestedCodes {
  readonly diagnoses: ReadonlyArray<IcdCode>
  readonly procedures: ReadonlyArray<ProcedureCode>
}

/** A clinical document attached to the request, stored elsewhere by its content hash. */
export interface AttachmentRef {
  readonly fileName: string
  readonly mediaType: string
  /** Size in bytes. */
  readonly size: number
  /** SHA-256 of the content, lowercase hex: the attachment's identity in the attachment store. */
  readonly sha256: string
}

/** Step 8: attachments and/or typed clinical information (at least one). */
export interface Clinicals {
  readonly attachments: ReadonlyArray<AttachmentRef>
  readonly text: string | null
}

/** Step 9: where the plan reaches the requesting office. */
export interface Contacts {
  readonly phone: PhoneNumber
  readonly fax: PhoneNumber
  readonly servicingFax: PhoneNumber | null
}

// -------------------------------------------------------------------------------------
// model: the states
// -------------------------------------------------------------------------------------

interface DraftBase {
  readonly kind: 'prior-authorization'
  readonly id: RequestId
  /** The signed-in account that opened the request. */
  readonly accountId: AccountId
  readonly startedAt: string
  /** Moves forward with every step: a draft left alone this long expires. */
  readonly expiresAt: string
  readonly version: number
}

/** Steps 1–2: a signed-in provider user opened "Authorization Request". */
export interface Started extends DraftBase {
  readonly state: 'started'
}

/** Step 3 done. */
export interface RequestingProviderChosen extends DraftBase {
  readonly state: 'requesting-provider'
  readonly requestingProvider: ProviderSummary
}

/** Step 4 done. */
export interface MemberChosen extends Omit<RequestingProviderChosen, 'state'> {
  readonly state: 'member'
  readonly member: MemberSummary
}

/** Step 5 done. */
export interface ServiceChosen extends Omit<MemberChosen, 'state'> {
  readonly state: 'service'
  readonly service: ServiceDetails
}

/** Step 6 done. */
export interface CodesChosen extends Omit<ServiceChosen, 'state'> {
  readonly state: 'codes'
  readonly codes: RequestedCodes
}

/** Step 7 done. */
export interface ServicingProviderChosen extends Omit<CodesChosen, 'state'> {
  readonly state: 'servicing-provider'
  readonly servicingProvider: ProviderSummary
}

/** Step 8 done. */
export interface ClinicalsGiven extends Omit<ServicingProviderChosen, 'state'> {
  readonly state: 'clinicals'
  readonly clinicals: Clinicals
}

/** Step 9 done: everything is there; "Submit" is next. */
export interface ReadyToSubmit extends Omit<ClinicalsGiven, 'state'> {
  readonly state: 'contacts'
  readonly contacts: Contacts
}

/** A request being filled in, in any state before submission. */
export type Draft = Started | RequestingProviderChosen | MemberChosen | ServiceChosen | CodesChosen | ServicingProviderChosen | ClinicalsGiven | ReadyToSubmit

/** The wizard's states in order. */
export const DRAFT_STATES = ['started', 'requesting-provider', 'member', 'service', 'codes', 'servicing-provider', 'clinicals', 'contacts'] as const

/** A draft state's name. */
export type DraftState = Draft['state']

/** The drafts that have completed at least step `S`. */
export type DraftFrom<S extends DraftState> = Extract<Draft, { readonly state: StatesFrom<S> }>

type StatesFrom<S extends DraftState> = S extends 'started'
  ? DraftState
  : S extends 'requesting-provider'
    ? Exclude<DraftState, 'started'>
    : S extends 'member'
      ? Exclude<DraftState, 'started' | 'requesting-provider'>
      : S extends 'service'
        ? 'service' | 'codes' | 'servicing-provider' | 'clinicals' | 'contacts'
        : S extends 'codes'
          ? 'codes' | 'servicing-provider' | 'clinicals' | 'contacts'
          : S extends 'servicing-provider'
            ? 'servicing-provider' | 'clinicals' | 'contacts'
            : S extends 'clinicals'
              ? 'clinicals' | 'contacts'
              : 'contacts'

// -------------------------------------------------------------------------------------
// model: what the preset decides
// -------------------------------------------------------------------------------------

/** Limits on attached clinicals: each file's (media types, size; see `kernel/upload.ts`) and how many. */
export interface AttachmentPolicy extends UploadPolicy {
  readonly maxCount: number
}

/** What a plan decides about its prior-authorization requests. */
export interface PriorAuthorizationPolicies {
  /** A draft untouched this long expires. */
  readonly draftLifetime: Duration
  /** The plan's time zone: due times and "today" are reckoned in it. */
  readonly zone: string
  readonly providerIdFormat: IdentifierFormat
  readonly memberIdFormat: IdentifierFormat
  readonly maxVisits: number
  readonly maxDiagnoses: number
  readonly maxProcedures: number
  /** How far ahead a service may be requested, in days from today. */
  readonly maxDaysAhead: number
  /** How far back a service may still be requested (retroactive requests), in days before today. */
  readonly maxDaysBack: number
  readonly attachments: AttachmentPolicy
  readonly clinicalTextMaxLength: number
  /** The prefix of reference numbers, e.g. `HPA`. */
  readonly referencePrefix: string
  /** The payer, as the FHIR `Claim.insurer` names it. */
  readonly payer: { readonly name: string; readonly identifier: string }
  /** The URIs that name the plan's identifiers in FHIR: reference numbers (PAS: `urn:trnorg:<TRN03>`), Provider IDs, Member IDs, its Payer ID. */
  readonly identifierSystems: { readonly reference: string; readonly providerId: string; readonly memberId: string; readonly payerId: string }
}

// -------------------------------------------------------------------------------------
// model: the forms
// -------------------------------------------------------------------------------------

/** Step 3 as typed: the requesting provider's Provider ID, or NPI. */
export interface ProviderIdForm {
  readonly providerId?: unknown
}

/** Step 4 as typed: the Member ID, or a name and date of birth to look the member up. */
export interface MemberForm {
  readonly memberId?: unknown
  readonly firstName?: unknown
  readonly lastName?: unknown
  readonly dateOfBirth?: unknown
}

/** Step 5 as typed. `priority` is `standard` unless given. */
export interface ServiceForm {
  readonly placeOfService?: unknown
  readonly visits?: unknown
  readonly serviceDate?: unknown
  readonly priority?: unknown
}

/** Step 6 as typed: lists of codes (or one string with codes separated by commas or spaces). */
export interface CodesForm {
  readonly diagnoses?: unknown
  readonly procedures?: unknown
}

/** Step 7 as typed: the servicing provider's Provider ID or NPI, or a name to look up. */
export interface ServicingProviderForm {
  readonly providerId?: unknown
  readonly name?: unknown
}

/** One attached file as uploaded. */
export type AttachmentUpload = FileUploadForm

/** Step 8 as typed. */
export interface ClinicalsForm {
  readonly attachments?: unknown
  readonly text?: unknown
}

/** Step 9 as typed. */
export interface ContactsForm {
  readonly phone?: unknown
  readonly fax?: unknown
  readonly servicingFax?: unknown
}

/** How a provider is asked for: by plan Provider ID or by NPI (ten digits). */
export type ProviderKey = { readonly by: 'provider-id'; readonly providerId: ProviderId } | { readonly by: 'npi'; readonly npi: Npi }

/** How a member is asked for. */
export type MemberQuery =
  | { readonly by: 'member-id'; readonly memberId: MemberId }
  | { readonly by: 'name'; readonly firstName: PersonName; readonly lastName: PersonName; readonly dateOfBirth: DateOfBirth }

/** How the servicing provider is asked for. */
export type ProviderQuery = ProviderKey | { readonly by: 'name'; readonly name: string }

/** An upload that passed every check, with its bytes (not yet stored). */
export type { ValidUpload }

/** Does the content look like its media type? (The kernel's check, re-exported where prior authorization always had it.) */
export { contentMatches }

/** Step 8, validated: the uploads to store, and the text. */
export interface ValidClinicals {
  readonly uploads: ReadonlyArray<ValidUpload>
  readonly text: string | null
}

// -------------------------------------------------------------------------------------
// validation
// -------------------------------------------------------------------------------------

const NPI_SHAPE = /^[12]\d{9}$/

/**
 * A provider key: ten digits starting with 1 or 2 are read as an NPI (and its
 * check digit checked); anything else as the plan's Provider ID.
 */
export const parseProviderKey =
  (format: IdentifierFormat) =>
  (input: unknown, field: string): E.Either<DomainError, ProviderKey> =>
    pipe(
      requireText(input, field),
      E.chain((s) => {
        const compact = s.replace(/[\s-]/g, '')
        return NPI_SHAPE.test(compact)
          ? pipe(parseNpi(compact, field), E.map((npi): ProviderKey => ({ by: 'npi', npi })))
          : pipe(providerIdParser(format)(s, field), E.map((providerId): ProviderKey => ({ by: 'provider-id', providerId })))
      })
    )

/** Step 3: the requesting provider's Provider ID or NPI. */
export const validateRequestingProvider =
  (format: IdentifierFormat) =>
  (form: ProviderIdForm): Validation<ProviderKey> =>
    validateForm(['providerId'], (f) => pipe(parseProviderKey(format)(f.providerId, 'requestingProvider'), E.mapLeft((e): NEA.NonEmptyArray<DomainError> => [e])))(form)

const isBlank = (u: unknown): boolean => u === undefined || u === null || (typeof u === 'string' && u.trim() === '')

/** A field of a form already read by `readForm` (a plain record without a prototype). */
const field = <K extends string>(form: FormOf<K>, name: K): unknown => form[name]

/**
 * Step 4: a Member ID, or else a first name, last name and date of birth. A
 * form with none of them asks for the Member ID.
 */
export const validateMemberQuery =
  (format: IdentifierFormat, today: string) =>
  (input: MemberForm): Validation<MemberQuery> =>
    validateForm(['memberId', 'firstName', 'lastName', 'dateOfBirth'], (form) => memberQueryOf(format, today, form))(input)

const memberQueryOf = (format: IdentifierFormat, today: string, form: FormOf<'memberId' | 'firstName' | 'lastName' | 'dateOfBirth'>): Validation<MemberQuery> => {
    const memberId = field(form, 'memberId')
    const names = (['firstName', 'lastName', 'dateOfBirth'] as const).map((n) => field(form, n))
    if (!isBlank(memberId) || names.every(isBlank))
      return pipe(
        memberIdParser(format)(memberId, 'memberId'),
        E.bimap((e) => [e], (id): MemberQuery => ({ by: 'member-id', memberId: id }))
      )
    return pipe(
      validateAll({
        firstName: parsePersonName(names[0], 'firstName'),
        lastName: parsePersonName(names[1], 'lastName'),
        dateOfBirth: parseDateOfBirth(today)(names[2], 'dateOfBirth')
      }),
      E.map((q): MemberQuery => ({ by: 'name', ...q }))
    )
  }

const parseServiceDate =
  (today: string, maxDaysBack: number, maxDaysAhead: number) =>
  (input: unknown, name: string): E.Either<DomainError, ServiceDate> =>
    pipe(
      requireText(input, name),
      E.chain((s) => {
        const date = parseCalendarDate(s)
        if (date === null) return E.left(domainError('date.not-a-date', { field: name, rule: `${name} must be a real date (MM-DD-YYYY or YYYY-MM-DD)` }))
        const t = DateTime.fromISO(today, { zone: 'utc' })
        const earliest = t.minus({ days: maxDaysBack }).toISODate() as string
        const latest = t.plus({ days: maxDaysAhead }).toISODate() as string
        return date < earliest || date > latest
          ? E.left(domainError('date.out-of-range', { field: name, rule: `${name} must be between ${earliest} and ${latest}`, earliest, latest }))
          : E.right(date as ServiceDate)
      })
    )

/** `MM-DD-YYYY`, `MM/DD/YYYY` or ISO `YYYY-MM-DD` to ISO, or null when it is not a real date. */
const parseCalendarDate = (s: string): string | null => {
  const us = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/.exec(s)
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  const parts = us ? { year: Number(us[3]), month: Number(us[1]), day: Number(us[2]) } : iso ? { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) } : null
  if (parts === null) return null
  const d = DateTime.fromObject(parts, { zone: 'utc' })
  return d.isValid ? (d.toISODate() as string) : null
}

/** A whole number from 1 to `maximum` (digits, or a JavaScript integer). */
const parseCount =
  (maximum: number) =>
  (input: unknown, name: string): E.Either<DomainError, number> => {
    const outOfRange = () =>
      E.left(domainError('number.out-of-range', { field: name, rule: `${name} must be a whole number from 1 to ${maximum}`, minimum: 1, maximum }))
    if (typeof input === 'number') return Number.isInteger(input) && input >= 1 && input <= maximum ? E.right(input) : outOfRange()
    return pipe(
      requireText(input, name),
      E.chain((s) => (/^\d{1,6}$/.test(s) ? (Number(s) >= 1 && Number(s) <= maximum ? E.right(Number(s)) : outOfRange()) : E.left(invalid(name, `a whole number from 1 to ${maximum}`))))
    )
  }

const parsePriority = (input: unknown, name: string): E.Either<DomainError, DecisionPriority> => {
  if (isBlank(input)) return E.right('standard')
  const s = typeof input === 'string' ? input.trim().toLowerCase() : input
  return s === 'standard' || s === 'expedited' ? E.right(s) : E.left(invalid(name, '"standard" or "expedited"'))
}

/** Step 5: place of service, number of visits, date of service and priority. */
export const validateService =
  (policies: Pick<PriorAuthorizationPolicies, 'maxVisits' | 'maxDaysBack' | 'maxDaysAhead'>, today: string) =>
  (input: ServiceForm): Validation<ServiceDetails> =>
    validateForm(['placeOfService', 'visits', 'serviceDate', 'priority'], (form) => validateAll({
      placeOfService: parsePlaceOfServiceCode(field(form, 'placeOfService'), 'placeOfService'),
      visits: parseCount(policies.maxVisits)(field(form, 'visits'), 'visits'),
      serviceDate: parseServiceDate(today, policies.maxDaysBack, policies.maxDaysAhead)(field(form, 'serviceDate'), 'serviceDate'),
      priority: parsePriority(field(form, 'priority'), 'priority')
    }))(input)

/**
 * A list as typed, each entry with its position: an array (blank entries
 * skipped, positions as given, so an error names the entry the form sent), or
 * one string separated by commas, semicolons or blanks.
 */
const listOf = (input: unknown, name: string, maximum: number): E.Either<DomainError, ReadonlyArray<readonly [unknown, number]> | null> =>
  pipe(
    // a typed list is bounded by what its entries could fill, read before it is split
    typeof input === 'string'
      ? E.map(() => input.split(/[\s,;]+/))(boundText(input, name, maximum * LIST_TEXT_PER_ENTRY))
      : E.mapLeft((e: DomainError) => (e.code === 'list.too-long' ? listTooLong(name, maximum, e.given, 'codes') : e))(readList(input, name, maximum * LIST_READ_SLACK)),
    E.chain((list) => {
      if (list === null) return E.right(input === undefined || input === null ? [] : null)
      const entries = typeof input === 'string' ? list.filter((s) => s !== '').map((s, i) => [s, i] as const) : list.flatMap((x, i) => (isBlank(x) ? [] : [[x, i] as const]))
      return entries.length > maximum ? E.left(listTooLong(name, maximum, entries.length, 'codes')) : E.right(entries)
    })
  )

/** Characters a typed list may hold per entry it allows (the longest code, with a separator and blanks). */
const LIST_TEXT_PER_ENTRY = 16
/** How many array entries are read at most, per entry allowed: blank entries are skipped, not counted, but never read without end. */
const LIST_READ_SLACK = 4

/** Where each entry of a list that validated stood in the form (blank array entries are skipped, so positions may jump). */
export const listPositions = (input: unknown): ReadonlyArray<number> => {
  const entries = listOf(input, 'list', Number.MAX_SAFE_INTEGER)
  return E.isRight(entries) ? (entries.right ?? []).map(([, i]) => i) : []
}

/** Refuses a list over `maximum` as one error; otherwise parses each entry and refuses duplicates, keeping every error. */
const parseCodeList = <A extends string>(
  input: unknown,
  name: string,
  maximum: number,
  parse: (input: unknown, field: string) => E.Either<DomainError, A>
): Validation<ReadonlyArray<A>> => {
  const read = listOf(input, name, maximum)
  if (E.isLeft(read)) return E.left([read.left])
  const entries = read.right
  if (entries === null) return E.left([invalid(name, 'a list of codes')])
  if (entries.length === 0) return E.left([required(name)])
  const errors: DomainError[] = []
  const seen = new Set<string>()
  const codes: A[] = []
  entries.forEach(([entry, i]) => {
    const r = parse(entry, `${name}[${i}]`)
    if (E.isLeft(r)) return void errors.push(r.left)
    if (seen.has(r.right))
      return void errors.push(domainError('list.duplicate', { field: `${name}[${i}]`, rule: `${name} lists ${r.right} more than once`, value: r.right }))
    seen.add(r.right)
    codes.push(r.right)
  })
  const [head, ...tail] = errors
  return head === undefined ? E.right(codes) : E.left([head, ...tail])
}

/**
 * Step 6, formats only: 1 to `maxDiagnoses` ICD-10-CM codes and 1 to
 * `maxProcedures` CPT or HCPCS Level II codes, none twice. Whether each
 * diagnosis is billable on the service date is asked of the code set next.
 */
export const validateCodes =
  (policies: Pick<PriorAuthorizationPolicies, 'maxDiagnoses' | 'maxProcedures'>) =>
  (input: CodesForm): Validation<RequestedCodes> =>
    validateForm(['diagnoses', 'procedures'], (form) =>
      validateAll({
        diagnoses: parseCodeList(field(form, 'diagnoses'), 'diagnoses', policies.maxDiagnoses, parseIcdCode),
        procedures: parseCodeList(field(form, 'procedures'), 'procedures', policies.maxProcedures, parseProcedureCode)
      })
    )(input)

/** Step 7: the servicing provider's Provider ID or NPI, or else a name to look up. */
export const validateServicingProvider =
  (format: IdentifierFormat) =>
  (input: ServicingProviderForm): Validation<ProviderQuery> =>
    validateForm(['providerId', 'name'], (form) => servicingProviderQuery(format, form))(input)

const servicingProviderQuery = (format: IdentifierFormat, form: FormOf<'providerId' | 'name'>): Validation<ProviderQuery> => {
    const id = field(form, 'providerId')
    const name = field(form, 'name')
    if (!isBlank(id) || isBlank(name)) return pipe(parseProviderKey(format)(id, 'servicingProvider'), E.mapLeft((e) => [e]))
    return pipe(
      requireText(name, 'servicingProviderName'),
      E.chain((n) =>
        n.length < 2
          ? E.left(invalid('servicingProviderName', 'at least 2 characters of the provider\u2019s name'))
          : n.length > 100
            ? E.left(domainError('field.too-long', { field: 'servicingProviderName', rule: 'servicingProviderName must be at most 100 characters', maximum: 100 }))
            : E.right<DomainError, ProviderQuery>({ by: 'name', name: n })
      ),
      E.mapLeft((e) => [e])
    )
  }

/** Control characters no typed text should hold (tab, line and page breaks are fine); PostgreSQL cannot even store NUL. */
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/

/** Step 8: attachments within the policy and/or text; at least one of them. */
export const validateClinicals =
  (policies: Pick<PriorAuthorizationPolicies, 'attachments' | 'clinicalTextMaxLength'>) =>
  (input: ClinicalsForm): Validation<ValidClinicals> =>
    validateForm(['attachments', 'text'], (form) => validateReadClinicals(policies, form))(input)

const validateReadClinicals = (
  policies: Pick<PriorAuthorizationPolicies, 'attachments' | 'clinicalTextMaxLength'>,
  form: FormOf<'attachments' | 'text'>
): Validation<ValidClinicals> => {
    const rawList = field(form, 'attachments')
    const rawText = field(form, 'text')
    const read = readList(rawList, 'attachments', policies.attachments.maxCount, 'files')
    if (E.isLeft(read)) return E.left([read.left])
    const list = rawList === undefined || rawList === null ? [] : read.right
    const text: E.Either<DomainError, string | null> =
      isBlank(rawText)
        ? E.right(null)
        : typeof rawText !== 'string'
          ? E.left(invalid('clinicalText', 'text'))
          : rawText.length > freeTextLimit(policies.clinicalTextMaxLength)
            ? E.left(textTooLong('clinicalText', freeTextLimit(policies.clinicalTextMaxLength), rawText.length))
          : CONTROL_CHARACTERS.test(rawText)
            ? E.left(invalid('clinicalText', 'text without control characters (tabs, line and page breaks are fine)'))
          : rawText.trim().length > policies.clinicalTextMaxLength
            ? E.left(domainError('field.too-long', { field: 'clinicalText', rule: `clinicalText must be at most ${policies.clinicalTextMaxLength} characters`, maximum: policies.clinicalTextMaxLength }))
            : E.right(rawText.trim())
    // every error of the form: a bad text is reported with a bad list
    if (list === null) return E.left(E.isLeft(text) ? [invalid('attachments', 'a list of files'), text.left] : [invalid('attachments', 'a list of files')])
    if (list.length === 0 && E.isRight(text) && text.right === null)
      return E.left([domainError('field.required', { field: 'clinicals', rule: 'clinicals are required: attach documents or type the clinical information' })])
    const errors: DomainError[] = []
    const uploads: ValidUpload[] = []
    list.forEach((u, i) => {
      const r = validateUpload(policies.attachments, `attachments[${i}]`)(u)
      if (E.isLeft(r)) errors.push(...r.left)
      else uploads.push(r.right)
    })
    if (E.isLeft(text)) errors.push(text.left)
    const [head, ...tail] = errors
    return head === undefined ? E.right({ uploads, text: E.isRight(text) ? text.right : null }) : E.left([head, ...tail])
  }

/** Step 9: phone and fax required, servicing-provider fax optional; all NANP. */
export const validateContacts = (input: ContactsForm): Validation<Contacts> =>
  validateForm(['phone', 'fax', 'servicingFax'], (form) =>
    validateAll({
      phone: parsePhoneNumber(field(form, 'phone'), 'phone'),
      fax: parsePhoneNumber(field(form, 'fax'), 'fax'),
      servicingFax: isBlank(field(form, 'servicingFax')) ? E.right(null) : parsePhoneNumber(field(form, 'servicingFax'), 'servicingFax')
    })
  )(input)

// -------------------------------------------------------------------------------------
// transitions
// -------------------------------------------------------------------------------------

const stepIndex = (s: DraftState): number => DRAFT_STATES.indexOf(s)

/** Has the draft completed step `s` (or a later one)? */
export const hasReached = <S extends DraftState>(draft: Draft, s: S): draft is DraftFrom<S> => stepIndex(draft.state) >= stepIndex(s)

/** The draft after answering step `to`: the answer replaced, later answers kept, expiry moved on. */
const answer = <S extends DraftState, P extends object>(draft: Draft, to: S, patch: P, now: DateTime, lifetime: Duration): DraftFrom<S> =>
  ({
    ...draft,
    ...patch,
    state: stepIndex(draft.state) >= stepIndex(to) ? draft.state : to,
    expiresAt: now.plus(lifetime).toISO() as string
  }) as unknown as DraftFrom<S>

/** Steps 1–2: a new request for a signed-in account. */
export const startRequest = (now: DateTime, id: RequestId, accountId: AccountId, lifetime: Duration): Started => ({
  kind: 'prior-authorization',
  state: 'started',
  id,
  accountId,
  startedAt: now.toISO() as string,
  expiresAt: now.plus(lifetime).toISO() as string,
  version: 0
})

/** Step 3. */
export const chooseRequestingProvider = (now: DateTime, lifetime: Duration) => (draft: Draft, requestingProvider: ProviderSummary): DraftFrom<'requesting-provider'> =>
  answer(draft, 'requesting-provider', { requestingProvider }, now, lifetime)

/** Step 4. */
export const chooseMember = (now: DateTime, lifetime: Duration) => (draft: DraftFrom<'requesting-provider'>, member: MemberSummary): DraftFrom<'member'> =>
  answer(draft, 'member', { member }, now, lifetime)

/** Step 5. */
export const describeService = (now: DateTime, lifetime: Duration) => (draft: DraftFrom<'member'>, service: ServiceDetails): DraftFrom<'service'> =>
  answer(draft, 'service', { service }, now, lifetime)

/** Step 6. */
export const chooseCodes = (now: DateTime, lifetime: Duration) => (draft: DraftFrom<'service'>, codes: RequestedCodes): DraftFrom<'codes'> =>
  answer(draft, 'codes', { codes }, now, lifetime)

/** Step 7. */
export const chooseServicingProvider = (now: DateTime, lifetime: Duration) => (draft: DraftFrom<'codes'>, servicingProvider: ProviderSummary): DraftFrom<'servicing-provider'> =>
  answer(draft, 'servicing-provider', { servicingProvider }, now, lifetime)

/** Step 8. */
export const giveClinicals = (now: DateTime, lifetime: Duration) => (draft: DraftFrom<'servicing-provider'>, clinicals: Clinicals): DraftFrom<'clinicals'> =>
  answer(draft, 'clinicals', { clinicals }, now, lifetime)

/** Step 9. */
export const giveContacts = (now: DateTime, lifetime: Duration) => (draft: DraftFrom<'clinicals'>, contacts: Contacts): ReadyToSubmit =>
  answer(draft, 'contacts', { contacts }, now, lifetime) as ReadyToSubmit

/** The error for a step taken before the steps it needs. */
export const stepOutOfOrder = (draft: Draft, needs: DraftState): DomainError =>
  domainError('flow.wrong-state', {
    rule: `this step needs the steps up to "${needs}" done first`,
    expected: `prior-authorization:${DRAFT_STATES.slice(stepIndex(needs)).join('|')}`,
    actual: `prior-authorization:${draft.state}`
  })

/** Narrows a draft to those that completed step `s`, or explains which step is missing. */
export const ensureReached = <S extends DraftState>(draft: Draft, s: S): E.Either<DomainError, DraftFrom<S>> =>
  hasReached(draft, s) ? E.right(draft) : E.left(stepOutOfOrder(draft, s))
