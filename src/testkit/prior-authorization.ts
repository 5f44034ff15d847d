/**
 * fast-check arbitraries for the outpatient prior-authorization request
 * (src/prior-authorization/request.ts, determination.ts): for each step of the
 * wizard, forms that the step's validator accepts, typed the way people type
 * them (any letter case, blanks, dashes, other date formats…), each paired
 * with the normalised value the validator must return; real-looking
 * attachments (PDF, PNG, JPEG, TIFF and UTF-8 text whose bytes match their
 * media type); whole requests ready to submit; determinations.
 *
 * Every arbitrary here is built by a function, so nothing from `./index` is
 * read while the modules load: `./index` re-exports this module, and the
 * cycle is harmless in CommonJS and in the bundled ESM build alike.
 *
 * @example
 * import fc from 'fast-check'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { validateContacts } from 'health-portal-domain/prior-authorization'
 * import { validContactsForm } from 'health-portal-domain/testkit'
 * fc.assert(fc.property(validContactsForm(), ({ form, value }) => {
 *   const r = validateContacts(form)
 *   return E.isRight(r) && r.right.phone === value.phone
 * }))
 *
 * @since 0.2.0
 */
import fc from 'fast-check'
import { DateTime, Duration } from 'luxon'
import { AccountId } from '../accounts/account'
import { IdentifierFormat, MemberId, ProviderId } from '../kernel/identifiers'
import { Npi } from '../kernel/npi'
import { PhoneNumber } from '../kernel/us-identifiers'
import { memberIdFormat as harmonyMemberIdFormat, providerIdFormat as harmonyProviderIdFormat } from '../portals/harmony'
import { IcdCode, ProcedureCode, REVIEW_ACTION_CODES, ReviewActionCode } from '../prior-authorization/code-sets'
import { NEEDS_REASON, DeterminationForm, ValidDetermination } from '../prior-authorization/determination'
import {
  AttachmentPolicy,
  AttachmentRef,
  AttachmentUpload,
  chooseCodes,
  chooseMember,
  chooseRequestingProvider,
  chooseServicingProvider,
  Clinicals,
  ClinicalsForm,
  CodesForm,
  Contacts,
  ContactsForm,
  describeService,
  giveClinicals,
  giveContacts,
  MemberForm,
  MemberQuery,
  MemberSummary,
  PriorAuthorizationPolicies,
  ProviderIdForm,
  ProviderKey,
  ProviderQuery,
  ProviderSummary,
  ReadyToSubmit,
  RequestedCodes,
  RequestId,
  ServiceDate,
  ServiceDetails,
  ServiceForm,
  ServicingProviderForm,
  startRequest,
  ValidClinicals,
  ValidUpload
} from '../prior-authorization/request'
import {
  caseVariantOf,
  typedDate,
  typedIcdCode,
  typedPhoneNumber,
  validDateOfBirth,
  validIcdCode,
  validNpi,
  validPersonName,
  validPhoneNumber,
  validPlaceOfServiceCode,
  validProcedureCode
} from './index'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A form as a person may fill it in, and the value its step's validator must return for it. */
export interface FilledForm<F, A> {
  readonly form: F
  readonly value: A
}

/** The answers of steps 3 to 9 of one request, as the wizard holds them once each step is done. */
export interface DraftAnswers {
  readonly requestingProvider: ProviderSummary
  readonly member: MemberSummary
  readonly service: ServiceDetails
  readonly codes: RequestedCodes
  readonly servicingProvider: ProviderSummary
  readonly clinicals: Clinicals
  readonly contacts: Contacts
}

// -------------------------------------------------------------------------------------
// typing
// -------------------------------------------------------------------------------------

const LEADING = ['', '', ' ', '  ', '\t'] as const
const TRAILING = ['', '', ' ', '\t', '\u00a0'] as const

/** The text with blanks around it, as a form may send it. */
export const withBlanksAround = (s: string): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom(...LEADING), fc.constantFrom(...TRAILING)).map(([lead, trail]) => lead + s + trail)

/** A field left empty: absent (`undefined`), `null`, or blank text. */
export const emptyField: fc.Arbitrary<undefined | null | string> = fc.constantFrom(undefined, null, '', ' ', '  \t')

/** A plain object (`fc.record` may build objects without a prototype, which deep equality tells apart). */
const plain = <A extends object>(a: A): A => ({ ...a })

/** Drops the keys whose value is `undefined`, as a form that never had the field. */
const compact = <F extends object>(form: F): F => Object.fromEntries(Object.entries(form).filter(([, v]) => v !== undefined)) as F

/** What the identifier parsers make of a typed identifier: no blanks or dashes, ASCII letters upper-cased. */
const normaliseIdentifier = (s: string): string => s.replace(/[\s-]/g, '').replace(/[a-z]/g, (c) => c.toUpperCase())

/**
 * How a person may type a canonical plan identifier: ASCII letters in any
 * case, spaces or dashes between characters, blanks around.
 */
export const typedPlanIdentifier = (canonical: string): fc.Arbitrary<string> => {
  const chars = Array.from(canonical)
  return fc
    .tuple(
      fc.array(fc.boolean(), { minLength: chars.length, maxLength: chars.length }),
      fc.array(fc.constantFrom('', '', '', ' ', '-'), { minLength: chars.length, maxLength: chars.length })
    )
    .map(([lower, seps]) => chars.map((c, i) => (i === 0 ? '' : seps[i] ?? '') + (lower[i] && /[A-Z]/.test(c) ? c.toLowerCase() : c)).join(''))
    .chain(withBlanksAround)
}

/** How a person may type an NPI: bare, in groups separated by spaces or dashes, blanks around. */
export const typedNpi = (npi: Npi): fc.Arbitrary<string> =>
  fc
    .constantFrom(npi, `${npi.slice(0, 4)} ${npi.slice(4, 7)} ${npi.slice(7)}`, `${npi.slice(0, 4)}-${npi.slice(4, 7)}-${npi.slice(7)}`, `${npi.slice(0, 5)} ${npi.slice(5)}`)
    .chain(withBlanksAround)

/** A word in any letter case, with blanks around (review actions, priorities). */
const typedWord = (word: string): fc.Arbitrary<string> => caseVariantOf(word).chain(withBlanksAround)

/** A person's name as typed: blanks around, runs of white space between words, possibly decomposed (NFD). */
export const typedPersonName = (name: string): fc.Arbitrary<string> =>
  fc
    .tuple(fc.boolean(), fc.array(fc.constantFrom(' ', '  ', '\t', '\u00a0'), { minLength: 8, maxLength: 8 }))
    .map(([nfd, gaps]) => {
      const words = (nfd ? name.normalize('NFD') : name).split(' ')
      return words.map((w, i) => (i === 0 ? '' : gaps[i % gaps.length] ?? ' ') + w).join('')
    })
    .chain(withBlanksAround)

/** A list of codes as typed: an array of typed codes, or one string of them separated by commas, semicolons or blanks. */
const typedCodeList = (typed: ReadonlyArray<fc.Arbitrary<string>>): fc.Arbitrary<ReadonlyArray<string> | string> =>
  fc.tuple(...typed).chain((codes) =>
    fc.oneof(
      fc.constant<ReadonlyArray<string> | string>(codes),
      fc
        .array(fc.constantFrom(', ', ',', '; ', ' ', '\n', ' , '), { minLength: codes.length, maxLength: codes.length })
        .map((seps): ReadonlyArray<string> | string => codes.map((c, i) => (i === 0 ? c : (seps[i] ?? ',') + c)).join(''))
    )
  )

// -------------------------------------------------------------------------------------
// plan identifiers and providers
// -------------------------------------------------------------------------------------

const NPI_SHAPE = /^[12]\d{9}$/

/** A canonical identifier in the format (its pattern must be anchored), as its parser returns it. */
const canonicalIdentifier = (format: IdentifierFormat): fc.Arbitrary<string> =>
  fc.stringMatching(format.pattern).filter((s) => normaliseIdentifier(s) === s && format.pattern.test(s))

/**
 * A plan Provider ID the wizard reads as a Provider ID: canonical in the
 * format, and not ten digits starting with 1 or 2 (which are read as an NPI).
 */
export const wizardProviderId = (format: IdentifierFormat = harmonyProviderIdFormat): fc.Arbitrary<ProviderId> =>
  canonicalIdentifier(format)
    .filter((s) => !NPI_SHAPE.test(s))
    .map((s) => s as ProviderId)

/** A canonical member ID in the plan's format. */
export const canonicalMemberId = (format: IdentifierFormat = harmonyMemberIdFormat): fc.Arbitrary<MemberId> =>
  canonicalIdentifier(format).map((s) => s as MemberId)

/** A provider key (Provider ID or NPI) as typed, and the key it stands for. */
const filledProviderKey = (format: IdentifierFormat): fc.Arbitrary<FilledForm<string, ProviderKey>> =>
  fc.oneof(
    validNpi.chain((npi) => typedNpi(npi).map((typed) => ({ form: typed, value: { by: 'npi' as const, npi } }))),
    wizardProviderId(format).chain((providerId) =>
      typedPlanIdentifier(providerId).map((typed) => ({ form: typed, value: { by: 'provider-id' as const, providerId } }))
    )
  )

/** Step 3: the requesting provider's Provider ID or NPI, as typed. */
export const validRequestingProviderForm = (format: IdentifierFormat = harmonyProviderIdFormat): fc.Arbitrary<FilledForm<ProviderIdForm, ProviderKey>> =>
  filledProviderKey(format).map(({ form, value }) => ({ form: { providerId: form }, value }))

/** A provider's name on file or as typed for a look-up: 2 to 100 characters once trimmed. */
const providerName: fc.Arbitrary<string> = fc
  .oneof(
    fc.tuple(fc.constantFrom('', 'Dr. ', 'Dr '), fc.stringMatching(/^[A-Z][a-z]{1,12}$/), fc.stringMatching(/^[A-Z][a-z'-]{1,14}$/)).map(([t, f, l]) => `${t}${f} ${l}`),
    fc.stringMatching(/^[A-Z][A-Za-z&.,' -]{1,60}$/),
    fc.string({ minLength: 2, maxLength: 100 })
  )
  .map((s) => s.trim())
  .filter((s) => s.length >= 2 && s.length <= 100)

/** Step 7: the servicing provider's Provider ID or NPI (name left empty), or else a name to look up (ID left empty). */
export const validServicingProviderForm = (format: IdentifierFormat = harmonyProviderIdFormat): fc.Arbitrary<FilledForm<ServicingProviderForm, ProviderQuery>> =>
  fc.oneof(
    fc.tuple(filledProviderKey(format), emptyField).map(([{ form, value }, name]) => ({ form: compact({ providerId: form, name }), value: value as ProviderQuery })),
    fc.tuple(providerName, emptyField).chain(([name, providerId]) =>
      withBlanksAround(name).map((typed) => ({ form: compact({ providerId, name: typed }), value: { by: 'name' as const, name } }))
    )
  )

/** A provider as the directory gives it: its Provider ID, maybe its NPI, its name. */
export const validProviderSummary = (format: IdentifierFormat = harmonyProviderIdFormat): fc.Arbitrary<ProviderSummary> =>
  fc.record({ providerId: wizardProviderId(format), npi: fc.option(validNpi), name: providerName }).map(plain)

// -------------------------------------------------------------------------------------
// members
// -------------------------------------------------------------------------------------

/** Step 4 by Member ID (as typed; the name fields left empty). */
export const validMemberIdForm = (format: IdentifierFormat = harmonyMemberIdFormat): fc.Arbitrary<FilledForm<MemberForm, MemberQuery>> =>
  fc
    .tuple(canonicalMemberId(format), emptyField, emptyField, emptyField)
    .chain(([memberId, firstName, lastName, dateOfBirth]) =>
      typedPlanIdentifier(memberId).map((typed) => ({
        form: compact({ memberId: typed, firstName, lastName, dateOfBirth }),
        value: { by: 'member-id' as const, memberId }
      }))
    )

/** Step 4 by name and date of birth (as typed; the Member ID left empty), `today` being the plan's local date. */
export const validMemberLookupForm = (today: string): fc.Arbitrary<FilledForm<MemberForm, MemberQuery>> =>
  fc
    .tuple(validPersonName, validPersonName, validDateOfBirth(today), emptyField)
    .chain(([firstName, lastName, dateOfBirth, memberId]) =>
      fc
        .tuple(typedPersonName(firstName), typedPersonName(lastName), typedDate(dateOfBirth).chain(withBlanksAround))
        .map(([f, l, d]) => ({
          form: compact({ memberId, firstName: f, lastName: l, dateOfBirth: d }),
          value: { by: 'name' as const, firstName, lastName, dateOfBirth }
        }))
    )

/** A member as the directory gives them. */
export const validMemberSummary = (format: IdentifierFormat = harmonyMemberIdFormat, today = '2026-11-22'): fc.Arbitrary<MemberSummary> =>
  fc.record({ memberId: canonicalMemberId(format), firstName: validPersonName, lastName: validPersonName, dateOfBirth: validDateOfBirth(today) }).map(plain)

// -------------------------------------------------------------------------------------
// service
// -------------------------------------------------------------------------------------

/** A date of service the policy accepts on `today`: from `maxDaysBack` days before to `maxDaysAhead` days after, ISO. */
export const validServiceDate = (policies: Pick<PriorAuthorizationPolicies, 'maxDaysBack' | 'maxDaysAhead'>, today: string): fc.Arbitrary<ServiceDate> => {
  const t = DateTime.fromISO(today, { zone: 'utc' })
  return fc
    .oneof(fc.integer({ min: -policies.maxDaysBack, max: policies.maxDaysAhead }), fc.constantFrom(-policies.maxDaysBack, 0, policies.maxDaysAhead))
    .map((d) => t.plus({ days: d }).toISODate() as ServiceDate)
}

/** How a person may type a date of service: ISO, MM-DD-YYYY, MM/DD/YYYY, M/D/YYYY, with blanks around. */
const typedServiceDate = (iso: string): fc.Arbitrary<string> => {
  const d = DateTime.fromISO(iso, { zone: 'utc' })
  return fc.constantFrom(d.toFormat('yyyy-MM-dd'), d.toFormat('MM-dd-yyyy'), d.toFormat('MM/dd/yyyy'), d.toFormat('M/d/yyyy'), d.toFormat('M-d-yyyy')).chain(withBlanksAround)
}

/** Step 5's answer: a Place of Service, 1 to `maxVisits` visits, a date in range, a priority. */
export const validServiceDetails = (policies: Pick<PriorAuthorizationPolicies, 'maxVisits' | 'maxDaysBack' | 'maxDaysAhead'>, today: string): fc.Arbitrary<ServiceDetails> =>
  fc.record({
    placeOfService: validPlaceOfServiceCode,
    visits: fc.oneof(fc.integer({ min: 1, max: policies.maxVisits }), fc.constantFrom(1, policies.maxVisits)),
    serviceDate: validServiceDate(policies, today),
    priority: fc.constantFrom('standard' as const, 'expedited' as const)
  }).map(plain)

/**
 * Step 5 as typed: the code with blanks around; visits as a number or as
 * digits (leading zeros, blanks); a date in one of the accepted formats; the
 * priority in any letter case, or left empty for standard.
 */
export const validServiceForm = (
  policies: Pick<PriorAuthorizationPolicies, 'maxVisits' | 'maxDaysBack' | 'maxDaysAhead'>,
  today: string
): fc.Arbitrary<FilledForm<ServiceForm, ServiceDetails>> =>
  validServiceDetails(policies, today).chain((value) =>
    fc
      .record({
        placeOfService: withBlanksAround(value.placeOfService),
        visits: fc.oneof(
          fc.constant<unknown>(value.visits),
          String(value.visits).length <= 6
            ? fc.integer({ min: String(value.visits).length, max: 6 }).chain((n) => withBlanksAround(String(value.visits).padStart(n, '0')))
            : fc.constant<unknown>(value.visits)
        ),
        serviceDate: typedServiceDate(value.serviceDate),
        priority: value.priority === 'standard' ? fc.oneof(emptyField, typedWord('standard')) : typedWord('expedited')
      })
      .map((form) => ({ form: compact(form), value }))
  )

// -------------------------------------------------------------------------------------
// codes
// -------------------------------------------------------------------------------------

/** How a person may type a procedure code: any letter case, blanks around. */
const typedProcedureCode = (code: string): fc.Arbitrary<string> => caseVariantOf(code).chain(withBlanksAround)

/** Step 6's answer: 1 to `maxDiagnoses` distinct ICD-10-CM codes and 1 to `maxProcedures` distinct procedure codes. */
export const validRequestedCodes = (policies: Pick<PriorAuthorizationPolicies, 'maxDiagnoses' | 'maxProcedures'>): fc.Arbitrary<RequestedCodes> =>
  fc.record({
    diagnoses: fc.uniqueArray(validIcdCode, { minLength: 1, maxLength: policies.maxDiagnoses }),
    procedures: fc.uniqueArray(validProcedureCode, { minLength: 1, maxLength: policies.maxProcedures })
  }).map(plain)

/**
 * Step 6 as typed: each list an array of typed codes (dot or none, any case,
 * blanks) or one string of them separated by commas, semicolons or blanks.
 */
export const validCodesForm = (policies: Pick<PriorAuthorizationPolicies, 'maxDiagnoses' | 'maxProcedures'>): fc.Arbitrary<FilledForm<CodesForm, RequestedCodes>> =>
  validRequestedCodes(policies).chain((value) =>
    fc
      .record({
        diagnoses: typedCodeList(value.diagnoses.map((c: IcdCode) => typedIcdCode(c))),
        procedures: typedCodeList(value.procedures.map((c: ProcedureCode) => typedProcedureCode(c)))
      })
      .map((form) => ({ form, value }))
  )

// -------------------------------------------------------------------------------------
// attachments
// -------------------------------------------------------------------------------------

const latin1 = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0) & 0xff)
const u32be = (n: number): number[] => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]

/** The first and last bytes of a real file of each media type the library recognises, and its signature's length. */
const FILE_SHAPES: Readonly<Record<string, { readonly signature: number; readonly head: (n: number) => number[]; readonly tail: number[]; readonly extensions: ReadonlyArray<string> }>> = {
  'application/pdf': {
    signature: 5,
    head: (n) => latin1(`%PDF-1.${n % 8}\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n`),
    tail: latin1('\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'),
    extensions: ['.pdf', '.PDF']
  },
  'image/png': {
    signature: 8,
    head: (n) => [0x89, ...latin1('PNG\r\n\x1a\n'), ...u32be(13), ...latin1('IHDR'), ...u32be(1 + (n % 4096)), ...u32be(1 + ((n >>> 12) % 4096)), 8, 2, 0, 0, 0, ...u32be(n)],
    tail: [...u32be(0), ...latin1('IEND'), 0xae, 0x42, 0x60, 0x82],
    extensions: ['.png']
  },
  'image/jpeg': {
    signature: 3,
    head: () => [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...latin1('JFIF\0'), 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00],
    tail: [0xff, 0xd9],
    extensions: ['.jpg', '.jpeg', '.JPG']
  },
  'image/tiff': {
    signature: 4,
    head: (n) => (n % 2 === 0 ? [0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00] : [0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08]),
    tail: [],
    extensions: ['.tif', '.tiff']
  }
}

/** Characters of a plain-text clinical note: letters of several scripts, digits, punctuation, tabs and line ends (no other control characters). */
const TEXT_CHARACTERS = Array.from('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:-/()%°µ±éñüçßжя李😀\t\n\r\f')
const textCharacter = fc.constantFrom(...TEXT_CHARACTERS)

/** Bytes of `size` that start with `head` (cut short if need be), end with `tail` when there is room, and repeat `body` between. */
const fileBytes = (head: ReadonlyArray<number>, tail: ReadonlyArray<number>, body: Uint8Array, size: number): Uint8Array => {
  const out = new Uint8Array(size)
  out.set(head.slice(0, size))
  if (size >= head.length + tail.length) {
    const end = size - tail.length
    if (body.length > 0) for (let i = head.length; i < end; i++) out[i] = body[(i - head.length) % body.length] as number
    out.set(tail, end)
  }
  return out
}

/** The smallest file of a media type the library will recognise (its signature; one byte for text or an unknown type). */
const minimumBytes = (mediaType: string): number => FILE_SHAPES[mediaType]?.signature ?? 1

/** A file's size within the policy: mostly small, sometimes the smallest possible, and the maximum when it is at most 1 MiB. */
const fileSize = (min: number, maxBytes: number): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min, max: Math.max(min, Math.min(maxBytes, 4096)) }) },
    { weight: 1, arbitrary: fc.constant(min) },
    { weight: maxBytes <= 1024 * 1024 ? 1 : 0, arbitrary: fc.constant(maxBytes) }
  )

/**
 * Content that looks like `mediaType` and is at most `maxBytes` long: a PDF
 * header and trailer, a PNG signature and IHDR/IEND chunks, a JFIF header and
 * EOI marker, a TIFF byte-order header; UTF-8 text without control characters
 * for `text/plain`; any bytes for another type.
 */
export const fileContentOf = (mediaType: string, maxBytes: number): fc.Arbitrary<Uint8Array> => {
  if (mediaType === 'text/plain')
    return fc
      .tuple(fc.boolean(), fc.string({ unit: textCharacter, minLength: 1, maxLength: Math.max(1, Math.min(2000, Math.floor((maxBytes - 3) / 4))) }))
      .map(([bom, text]) => new TextEncoder().encode((bom ? '\ufeff' : '') + text))
      .filter((bytes) => bytes.byteLength <= maxBytes)
  const shape = FILE_SHAPES[mediaType]
  return fc
    .tuple(fc.nat(), fc.uint8Array({ maxLength: 64 }), fileSize(minimumBytes(mediaType), maxBytes))
    .map(([n, body, size]) => (shape === undefined ? fileBytes([], [], body.length > 0 ? body : Uint8Array.of(0x20), size) : fileBytes(shape.head(n), shape.tail, body, size)))
}

const FILE_NAME_WORDS = ['clinical-notes', 'MRI report', 'labs_2026', 'referral', 'x-ray (left knee)', 'op.note', 'résumé clinique', '病历', 'Progress Note #3', 'chart']

/** The part of a file name before its extension: words people use, any of A-Z a-z 0-9 space _ . ( ) -, or very long. */
const fileNameBase: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FILE_NAME_WORDS) },
  { weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 _.()-]{0,40}$/) },
  { weight: 1, arbitrary: fc.constant('n'.repeat(251)) }
)

/** A file name the validator accepts once trimmed, with an extension that fits the media type. */
const fileNameFor = (mediaType: string): fc.Arbitrary<string> =>
  fc
    .tuple(fileNameBase, fc.constantFrom(...(FILE_SHAPES[mediaType]?.extensions ?? (mediaType === 'text/plain' ? ['.txt', '.TXT'] : ['.bin', '']))))
    .map(([base, ext]) => (base.trimEnd() + ext).slice(0, 255))

/** The media types of a policy that a file can be uploaded as (lower case: the validator lower-cases what it reads). */
const uploadableTypes = (policy: AttachmentPolicy): ReadonlyArray<string> =>
  policy.mediaTypes.filter((m) => m === m.toLowerCase() && m.trim() === m && m !== '' && minimumBytes(m) <= policy.maxBytes)

/** A media type as a browser may send it: any letter case, maybe with parameters. */
const typedMediaType = (mediaType: string): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom(mediaType, mediaType.toUpperCase(), mediaType.replace(/^./, (c) => c.toUpperCase())), fc.constantFrom('', '', '; charset=utf-8', ';name="scan"'))
    .chain(([m, params]) => withBlanksAround(m + params))

/** One attachment as uploaded within the policy, and the upload the validator must return. */
export const validAttachmentUpload = (policy: AttachmentPolicy): fc.Arbitrary<FilledForm<AttachmentUpload, ValidUpload>> => {
  const types = uploadableTypes(policy)
  if (types.length === 0) throw new Error('validAttachmentUpload: the policy accepts no media type a file can be uploaded as')
  return fc
    .constantFrom(...types)
    .chain((mediaType) => fc.tuple(fc.constant(mediaType), fileNameFor(mediaType), typedMediaType(mediaType), fileContentOf(mediaType, policy.maxBytes)))
    .chain(([mediaType, fileName, typedType, content]) =>
      withBlanksAround(fileName).map((typedName) => ({
        form: { fileName: typedName, mediaType: typedType, content },
        value: { fileName, mediaType, content }
      }))
    )
}

/** Clinical text as typed (blanks around), at most `maximum` characters once trimmed, and that trimmed text. */
const filledClinicalText = (maximum: number): fc.Arbitrary<FilledForm<string, string>> =>
  fc
    .oneof(
      { weight: 6, arbitrary: fc.string({ unit: textCharacter, minLength: 1, maxLength: Math.min(maximum, 400) }) },
      { weight: 1, arbitrary: fc.constantFrom('lorem', 'Knee pain', 'MRI', 'a').map((w) => (w + ' ').repeat(Math.ceil(maximum / (w.length + 1))).slice(0, maximum)) }
    )
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && s.length <= maximum)
    .chain((value) => fc.tuple(fc.constantFrom('', ' ', '\n'), fc.constantFrom('', ' ', '\n\n')).map(([a, b]) => ({ form: a + value + b, value })))

/**
 * Step 8 as typed: up to `maxCount` (at most 5, to stay fast) attachments
 * within the policy and/or clinical text within its length; at least one of them.
 */
export const validClinicalsForm = (
  policies: Pick<PriorAuthorizationPolicies, 'attachments' | 'clinicalTextMaxLength'>
): fc.Arbitrary<FilledForm<ClinicalsForm, ValidClinicals>> => {
  const canUpload = uploadableTypes(policies.attachments).length > 0 && policies.attachments.maxCount > 0
  const uploads = canUpload ? fc.array(validAttachmentUpload(policies.attachments), { maxLength: Math.min(policies.attachments.maxCount, 5) }) : fc.constant([])
  return fc
    .tuple(uploads, fc.option(filledClinicalText(policies.clinicalTextMaxLength), { freq: 3 }), emptyField)
    .filter(([files, text]) => files.length > 0 || text !== null)
    .chain(([files, text, empty]) =>
      fc.constantFrom(...(files.length === 0 ? [undefined, null, []] : [files.map((f) => f.form)])).map((attachments) => ({
        form: compact({ attachments, text: text === null ? empty : text.form }),
        value: { uploads: files.map((f) => f.value), text: text === null ? null : text.value }
      }))
    )
}

/** A stand-in SHA-256 (64 lower-case hex digits), not the hash of any content. */
const fakeSha256: fc.Arbitrary<string> = fc.stringMatching(/^[0-9a-f]{64}$/)

/** Step 8's answer: attachment references within the policy and/or text. */
export const validClinicals = (policies: Pick<PriorAuthorizationPolicies, 'attachments' | 'clinicalTextMaxLength'>): fc.Arbitrary<Clinicals> => {
  const types = uploadableTypes(policies.attachments)
  const refs = (types.length > 0 ? types : ['application/pdf']).map((mediaType) =>
    fc
      .record({ fileName: fileNameFor(mediaType), mediaType: fc.constant(mediaType), size: fc.integer({ min: minimumBytes(mediaType), max: Math.max(minimumBytes(mediaType), policies.attachments.maxBytes) }), sha256: fakeSha256 })
      .map(plain)
  )
  const ref: fc.Arbitrary<AttachmentRef> = fc.oneof(...refs)
  return fc
    .record({
      attachments: types.length > 0 ? fc.array(ref, { maxLength: Math.min(policies.attachments.maxCount, 5) }) : fc.constant([]),
      text: fc.option(filledClinicalText(policies.clinicalTextMaxLength).map((t) => t.value))
    })
    .filter((c) => c.attachments.length > 0 || c.text !== null)
    .map(plain)
}

// -------------------------------------------------------------------------------------
// contacts
// -------------------------------------------------------------------------------------

/** Step 9 as typed: phone and fax in any common US notation, the servicing provider's fax given or left empty. */
export const validContactsForm = (): fc.Arbitrary<FilledForm<ContactsForm, Contacts>> =>
  fc
    .record({ phone: validPhoneNumber, fax: validPhoneNumber, servicingFax: fc.option(validPhoneNumber) })
    .map(plain)
    .chain((value) =>
      fc
        .record({
          phone: typedPhoneNumber(value.phone),
          fax: typedPhoneNumber(value.fax),
          servicingFax: value.servicingFax === null ? emptyField : typedPhoneNumber(value.servicingFax as PhoneNumber)
        })
        .map((form) => ({ form: compact(form), value }))
    )

/** Step 9's answer. */
export const validContacts = (): fc.Arbitrary<Contacts> => validContactsForm().map((f) => f.value)

// -------------------------------------------------------------------------------------
// whole requests
// -------------------------------------------------------------------------------------

/** Answers to every step of one request under the policies, `today` being the plan's local date. */
export const validDraftAnswers = (policies: PriorAuthorizationPolicies, today: string): fc.Arbitrary<DraftAnswers> =>
  fc.record({
    requestingProvider: validProviderSummary(policies.providerIdFormat),
    member: validMemberSummary(policies.memberIdFormat, today),
    service: validServiceDetails(policies, today),
    codes: validRequestedCodes(policies),
    servicingProvider: validProviderSummary(policies.providerIdFormat),
    clinicals: validClinicals(policies),
    contacts: validContacts()
  }).map(plain)

/** A request with every step answered at `now` (in order, each at `now`), ready to submit. */
export const validReadyToSubmit = (policies: PriorAuthorizationPolicies, now: DateTime): fc.Arbitrary<ReadyToSubmit> =>
  fc
    .tuple(fc.uuid({ version: 4 }), fc.uuid({ version: 4 }), validDraftAnswers(policies, now.setZone(policies.zone).toISODate() as string))
    .map(([id, accountId, a]) => readyToSubmitFrom(now, policies.draftLifetime, id as RequestId, accountId as AccountId, a))

/** Builds a request ready to submit from its answers, every step taken at `now`. */
export const readyToSubmitFrom = (now: DateTime, lifetime: Duration, id: RequestId, accountId: AccountId, a: DraftAnswers): ReadyToSubmit => {
  const started = startRequest(now, id, accountId, lifetime)
  const provider = chooseRequestingProvider(now, lifetime)(started, a.requestingProvider)
  const member = chooseMember(now, lifetime)(provider, a.member)
  const service = describeService(now, lifetime)(member, a.service)
  const codes = chooseCodes(now, lifetime)(service, a.codes)
  const servicing = chooseServicingProvider(now, lifetime)(codes, a.servicingProvider)
  const clinicals = giveClinicals(now, lifetime)(servicing, a.clinicals)
  return giveContacts(now, lifetime)(clinicals, a.contacts)
}

// -------------------------------------------------------------------------------------
// determinations
// -------------------------------------------------------------------------------------

const APPROVES: ReadonlyArray<ReviewActionCode> = ['A1', 'A2', 'A6']

const reasonCode = fc.stringMatching(/^[A-Z0-9][A-Z0-9.-]{0,19}$/)
const reasonWords = fc.stringMatching(/^[A-Z][a-z]{0,15}( [a-z0-9]{1,15}){0,30}\.?$/)
const specificReason = fc.record({ code: reasonCode, text: reasonWords }).map((r): { readonly code: string; readonly text: string } => ({ ...r }))
const authorizationNumber = fc.stringMatching(/^[A-Z0-9][A-Z0-9-]{5,49}$/)

/**
 * A determination as a reviewer enters it: a review action in any case; a
 * reason (code and words) for A2, A3 and A6, and sometimes for the others;
 * an authorization number sometimes, only for A1, A2 and A6.
 */
export const validDeterminationForm = (
  actions: ReadonlyArray<ReviewActionCode> = REVIEW_ACTION_CODES
): fc.Arbitrary<FilledForm<DeterminationForm, ValidDetermination>> =>
  fc.constantFrom(...actions).chain((reviewAction) =>
    fc
      .record({
        reason: NEEDS_REASON.includes(reviewAction) ? specificReason : fc.option(specificReason),
        authorizationNumber: APPROVES.includes(reviewAction) ? fc.option(authorizationNumber) : fc.constant(null)
      })
      .chain(({ reason, authorizationNumber }) =>
        fc
          .record({
            reviewAction: typedWord(reviewAction),
            reasonCode: reason === null ? emptyField : withBlanksAround(reason.code),
            reasonText: reason === null ? emptyField : withBlanksAround(reason.text),
            authorizationNumber: authorizationNumber === null ? emptyField : withBlanksAround(authorizationNumber)
          })
          .map((form) => ({ form: compact(form), value: { reviewAction, reason, authorizationNumber } }))
      )
  )

// -------------------------------------------------------------------------------------
// policies
// -------------------------------------------------------------------------------------

/** Every media type whose content the library checks, and plain text. */
export const RECOGNISED_MEDIA_TYPES: ReadonlyArray<string> = ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff', 'text/plain']

/**
 * Prior-authorization policies with varied limits (small attachment sizes,
 * so the boundaries are cheap to reach), Harmony's identifier formats, and a
 * US time zone.
 */
export const validPriorAuthorizationPolicies: () => fc.Arbitrary<PriorAuthorizationPolicies> = () =>
  fc.record({
    draftLifetime: fc.integer({ min: 1, max: 24 * 60 }).map((minutes) => Duration.fromObject({ minutes })),
    zone: fc.constantFrom('America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'Pacific/Honolulu'),
    providerIdFormat: fc.constant(harmonyProviderIdFormat),
    memberIdFormat: fc.constant(harmonyMemberIdFormat),
    maxVisits: fc.oneof(fc.integer({ min: 1, max: 99 }), fc.constant(999999)),
    maxDiagnoses: fc.integer({ min: 1, max: 12 }),
    maxProcedures: fc.integer({ min: 1, max: 10 }),
    maxDaysAhead: fc.integer({ min: 0, max: 400 }),
    maxDaysBack: fc.integer({ min: 0, max: 90 }),
    attachments: fc.record({
      mediaTypes: fc.subarray([...RECOGNISED_MEDIA_TYPES], { minLength: 1 }),
      maxBytes: fc.integer({ min: 16, max: 16 * 1024 }),
      maxCount: fc.integer({ min: 1, max: 10 })
    }),
    clinicalTextMaxLength: fc.integer({ min: 1, max: 4000 }),
    referencePrefix: fc.constantFrom('HPA', 'PA'),
    payer: fc.constant({ name: 'Example Health Plan', identifier: 'EXAMPLE' }),
    identifierSystems: fc.constant({
      reference: 'urn:trnorg:9PLANEXMPL',
      providerId: 'https://plan.example/fhir/sid/provider-id',
      memberId: 'https://plan.example/fhir/sid/member-id',
      payerId: 'https://plan.example/fhir/sid/payer-id'
    })
  })
