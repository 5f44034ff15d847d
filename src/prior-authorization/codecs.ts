/**
 * Codecs of the prior-authorization request: a stored request (a database
 * row's document, a file, a message) decoded back into the domain's types,
 * never trusted. Every branded field is re-parsed with the library's own
 * parser and must already be in its canonical form; every state must carry
 * exactly the answers of its steps; the rules the transitions keep (a reason
 * for every denial, a status that follows the last determination, clinicals
 * that are not empty…) are checked again.
 *
 * Plan-specific formats (Member and Provider IDs, the reference prefix) are
 * not known here: they are checked against the shapes every plan's format
 * normalises to (upper-case letters and digits), unless a preset's formats are
 * given to `authorizationRequestCodec`.
 *
 * @since 0.2.0
 */
import * as E from '../kernel/either'
import { pipe } from 'fp-ts/lib/function.js'
import * as t from 'io-ts'
import { DateTime } from 'luxon'
import type { AccountId } from '../accounts/account'
import { EmailAddress, parseEmailAddress } from '../kernel/email'
import { DomainError } from '../kernel/errors'
import { IdentifierFormat, MemberId, memberIdParser, ProviderId, providerIdParser } from '../kernel/identifiers'
import { Npi, parseNpi } from '../kernel/npi'
import { DateOfBirth, parsePersonName, PersonName } from '../kernel/person'
import { parsePhoneNumber, PhoneNumber } from '../kernel/us-identifiers'
import { parseUsername, Username } from '../kernel/username'
import {
  DecisionPriority,
  IcdCode,
  parseIcdCode,
  parsePlaceOfServiceCode,
  parseProcedureCode,
  parseReviewActionCode,
  PlaceOfServiceCode,
  ProcedureCode,
  ReviewActionCode
} from './code-sets'
import { NEEDS_REASON, RequestStatus, statusOf, Submitted } from './determination'
import type { AuthorizationRequest } from './ports'
import { DRAFT_STATES, RequestId, RequestReference, ServiceDate } from './request'

// -------------------------------------------------------------------------------------
// leaves
// -------------------------------------------------------------------------------------

/**
 * A codec over one of the library's parsers that accepts only a value already
 * in its canonical form: what the parser would make of it is what it is.
 */
const canonical = <A extends string>(name: string, parse: (input: unknown, field: string) => E.Either<DomainError, A>): t.Type<A, string, unknown> =>
  new t.Type<A, string, unknown>(
    name,
    (u): u is A => typeof u === 'string' && pipe(parse(u, name), E.exists((a) => a === u)),
    (u, c) => {
      if (typeof u !== 'string') return t.failure(u, c, `must be text (${name})`)
      const parsed = parse(u, name)
      if (E.isLeft(parsed)) return t.failure(u, c, parsed.left.rule)
      return parsed.right === u ? t.success(parsed.right) : t.failure(u, c, `${JSON.stringify(u)} is not in its canonical form ${JSON.stringify(parsed.right)}`)
    },
    (a) => a
  )

/** A string matching a pattern, as a branded type. */
const matching = <A extends string>(name: string, pattern: RegExp, expected: string): t.Type<A, string, unknown> =>
  new t.Type<A, string, unknown>(
    name,
    (u): u is A => typeof u === 'string' && pattern.test(u),
    (u, c) => (typeof u === 'string' && pattern.test(u) ? t.success(u as A) : t.failure(u, c, `must be ${expected}`)),
    (a) => a
  )

/** Text with no blanks around it, and not empty. */
const TrimmedText = new t.Type<string, string, unknown>(
  'TrimmedText',
  (u): u is string => typeof u === 'string' && u !== '' && u === u.trim(),
  (u, c) => (typeof u === 'string' && u !== '' && u === u.trim() ? t.success(u) : t.failure(u, c, 'must be text, not blank, without blanks around it')),
  (a) => a
)

const isInstant = (s: string): boolean => s.includes('T') && DateTime.fromISO(s, { setZone: true }).isValid

/** An ISO 8601 date and time, kept as written. */
const Instant = new t.Type<string, string, unknown>(
  'Instant',
  (u): u is string => typeof u === 'string' && isInstant(u),
  (u, c) => (typeof u === 'string' && isInstant(u) ? t.success(u) : t.failure(u, c, 'must be an ISO 8601 date and time')),
  (a) => a
)

const isIsoDate = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && DateTime.fromISO(s, { zone: 'utc' }).isValid

const ServiceDateCodec = new t.Type<ServiceDate, string, unknown>(
  'ServiceDate',
  (u): u is ServiceDate => typeof u === 'string' && isIsoDate(u),
  (u, c) => (typeof u === 'string' && isIsoDate(u) ? t.success(u as ServiceDate) : t.failure(u, c, 'must be a real ISO date (yyyy-MM-dd)')),
  (a) => a
)

/** A date of birth: a real ISO date; whether it lies in the past is checked against the request's start (see `invariants`). */
const DateOfBirthShape = new t.Type<DateOfBirth, string, unknown>(
  'DateOfBirth',
  (u): u is DateOfBirth => typeof u === 'string' && isIsoDate(u),
  (u, c) => (typeof u === 'string' && isIsoDate(u) ? t.success(u as DateOfBirth) : t.failure(u, c, 'must be a real ISO date (yyyy-MM-dd)')),
  (a) => a
)

const PositiveInt = new t.Type<number, number, unknown>(
  'PositiveInt',
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= 1,
  (u, c) => (typeof u === 'number' && Number.isInteger(u) && u >= 1 ? t.success(u) : t.failure(u, c, 'must be a whole number of at least 1')),
  (a) => a
)

const Version = new t.Type<number, number, unknown>(
  'Version',
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= 0,
  (u, c) => (typeof u === 'number' && Number.isInteger(u) && u >= 0 ? t.success(u) : t.failure(u, c, 'must be a whole number of at least 0')),
  (a) => a
)

const nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null])

/** The shape every plan's identifier formats normalise to: upper-case letters and digits. */
const ANY_IDENTIFIER: IdentifierFormat = { pattern: /^[A-Z0-9]{1,64}$/, description: '1 to 64 upper-case letters or digits' }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const SHA256 = /^[0-9a-f]{64}$/
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/
// The upload rule of request.ts: 1 to 255 characters, none of \ / : * ? " < > | or a control character.
const FILE_NAME = /^[^\\/:*?"<>|\u0000-\u001f]{1,255}$/

// -------------------------------------------------------------------------------------
// the request
// -------------------------------------------------------------------------------------

/** What a stored request is checked against: the plan's formats, when known. */
export interface AuthorizationRequestFormats {
  readonly memberId?: IdentifierFormat
  readonly providerId?: IdentifierFormat
  /** The plan's reference prefix (e.g. `HPA`); any upper-case prefix when left out. */
  readonly referencePrefix?: string
}

const buildCodecs = (formats: AuthorizationRequestFormats) => {
  const prefix = formats.referencePrefix === undefined ? '[A-Z0-9][A-Z0-9-]{0,31}' : formats.referencePrefix.replace(/[^A-Za-z0-9]/g, '\\$&')
  const Reference = matching<RequestReference>('RequestReference', new RegExp(`^${prefix}-[A-HJ-NP-Z2-9]{8}$`), 'a reference number: the plan\u2019s prefix, a dash and 8 letters and digits')
  const ProviderIdCodec = canonical<ProviderId>('providerId', (u, f) => providerIdParser(formats.providerId ?? ANY_IDENTIFIER)(u, f))
  const MemberIdCodec = canonical<MemberId>('memberId', (u, f) => memberIdParser(formats.memberId ?? ANY_IDENTIFIER)(u, f))
  const Phone = canonical<PhoneNumber>('phone', parsePhoneNumber)

  const ProviderSummary = t.exact(t.type({ providerId: ProviderIdCodec, npi: nullable(canonical<Npi>('npi', parseNpi)), name: TrimmedText }))
  const MemberSummary = t.exact(
    t.type({
      memberId: MemberIdCodec,
      firstName: canonical<PersonName>('firstName', parsePersonName),
      lastName: canonical<PersonName>('lastName', parsePersonName),
      dateOfBirth: DateOfBirthShape
    })
  )
  const ServiceDetails = t.exact(
    t.type({
      placeOfService: canonical<PlaceOfServiceCode>('placeOfService', parsePlaceOfServiceCode),
      visits: PositiveInt,
      serviceDate: ServiceDateCodec,
      priority: t.keyof({ standard: null, expedited: null }) as t.Type<DecisionPriority, DecisionPriority, unknown>
    })
  )
  const RequestedCodes = t.exact(
    t.type({
      diagnoses: t.readonlyArray(canonical<IcdCode>('diagnosis', parseIcdCode)),
      procedures: t.readonlyArray(canonical<ProcedureCode>('procedure', parseProcedureCode))
    })
  )
  const AttachmentRef = t.exact(
    t.type({
      fileName: matching<string>('FileName', FILE_NAME, 'a file name of 1 to 255 characters without / \\ : * ? " < > |'),
      mediaType: matching<string>('MediaType', MEDIA_TYPE, 'a lower-case media type such as application/pdf'),
      size: PositiveInt,
      sha256: matching<string>('Sha256', SHA256, 'a SHA-256 in lower-case hex')
    })
  )
  const Clinicals = t.exact(t.type({ attachments: t.readonlyArray(AttachmentRef), text: nullable(TrimmedText) }))
  const Contacts = t.exact(t.type({ phone: Phone, fax: Phone, servicingFax: nullable(Phone) }))
  const Determination = t.exact(
    t.type({
      reviewAction: canonical<ReviewActionCode>('reviewAction', parseReviewActionCode),
      decidedAt: Instant,
      reason: nullable(t.exact(t.type({ code: TrimmedText, text: TrimmedText }))),
      authorizationNumber: nullable(TrimmedText),
      timely: t.boolean
    })
  )

  const AccountIdCodec = matching<AccountId>('AccountId', /^\S{1,128}$/, 'an account id')
  const Submitter = t.exact(
    t.type({
      accountId: AccountIdCodec,
      username: canonical<Username>('username', parseUsername),
      firstName: canonical<PersonName>('firstName', parsePersonName),
      lastName: canonical<PersonName>('lastName', parsePersonName),
      email: canonical<EmailAddress>('email', parseEmailAddress),
      phone: nullable(Phone)
    })
  )

  const base = {
    kind: t.literal('prior-authorization'),
    id: matching<RequestId>('RequestId', UUID, 'a UUID'),
    accountId: AccountIdCodec,
    startedAt: Instant,
    expiresAt: Instant,
    version: Version
  }
  const step3 = { ...base, requestingProvider: ProviderSummary }
  const step4 = { ...step3, member: MemberSummary }
  const step5 = { ...step4, service: ServiceDetails }
  const step6 = { ...step5, codes: RequestedCodes }
  const step7 = { ...step6, servicingProvider: ProviderSummary }
  const step8 = { ...step7, clinicals: Clinicals }
  const step9 = { ...step8, contacts: Contacts }
  const byState = {
    started: t.exact(t.type({ ...base, state: t.literal('started') })),
    'requesting-provider': t.exact(t.type({ ...step3, state: t.literal('requesting-provider') })),
    member: t.exact(t.type({ ...step4, state: t.literal('member') })),
    service: t.exact(t.type({ ...step5, state: t.literal('service') })),
    codes: t.exact(t.type({ ...step6, state: t.literal('codes') })),
    'servicing-provider': t.exact(t.type({ ...step7, state: t.literal('servicing-provider') })),
    clinicals: t.exact(t.type({ ...step8, state: t.literal('clinicals') })),
    contacts: t.exact(t.type({ ...step9, state: t.literal('contacts') })),
    submitted: t.exact(
      t.type({
        ...step9,
        state: t.literal('submitted'),
        reference: Reference,
        submittedAt: Instant,
        submittedBy: Submitter,
        dueAt: Instant,
        status: t.keyof({ pended: null, certified: null, 'partially-certified': null, 'not-certified': null, modified: null, cancelled: null }) as t.Type<
          RequestStatus,
          RequestStatus,
          unknown
        >,
        determinations: t.readonlyArray(Determination)
      })
    )
  }
  return byState
}

type Codecs = ReturnType<typeof buildCodecs>
/** What the codecs decode to: one member per state. */
type Decoded = { [K in keyof Codecs]: t.TypeOf<Codecs[K]> }[keyof Codecs]

// The codecs and the domain's types must describe the same values: adding a
// field to a state without teaching the codec (or the reverse) fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const sameAsDomain: Same<Decoded, AuthorizationRequest> = true
void sameAsDomain

const STATES: ReadonlyArray<string> = [...DRAFT_STATES, 'submitted']

const APPROVES: ReadonlyArray<ReviewActionCode> = ['A1', 'A2', 'A6']

/** The rules across fields that the transitions keep; the first broken one, with its path. */
const invariants = (r: AuthorizationRequest): string | undefined => {
  if ('member' in r) {
    // The member was born before the request was opened (a day's grace for time zones). The age limit of
    // `parseDateOfBirth` is a rule for typing, not for storage: a stored date does not go bad as years pass.
    const started = DateTime.fromISO(r.startedAt, { setZone: true })
    const dayAfter = started.plus({ days: 1 }).toISODate() as string
    if (!(r.member.dateOfBirth < dayAfter)) return `member.dateOfBirth: must be before the request was started (${r.startedAt})`
  }
  if ('codes' in r) {
    for (const list of ['diagnoses', 'procedures'] as const) {
      const codes: ReadonlyArray<string> = r.codes[list]
      if (codes.length === 0) return `codes.${list}: must list at least one code`
      if (new Set(codes).size !== codes.length) return `codes.${list}: must not list a code twice`
    }
  }
  if ('clinicals' in r && r.clinicals.attachments.length === 0 && r.clinicals.text === null)
    return 'clinicals: must hold attachments or text'
  if (r.state === 'submitted' && r.submittedBy.accountId !== r.accountId) return 'submittedBy.accountId: must be the account that made the request'
  if (r.state === 'submitted') return determinationRules(r)
  return undefined
}

const determinationRules = (r: Submitted): string | undefined => {
  const last = r.determinations[r.determinations.length - 1]
  for (const [i, d] of r.determinations.entries()) {
    if (d !== last && d.reviewAction !== 'A4') return `determinations[${i}]: only the last determination may be final (${d.reviewAction} is)`
    if (NEEDS_REASON.includes(d.reviewAction) && d.reason === null) return `determinations[${i}].reason: a ${d.reviewAction} determination needs a specific reason`
    if (d.authorizationNumber !== null && !APPROVES.includes(d.reviewAction))
      return `determinations[${i}].authorizationNumber: given only when something is approved (A1, A2 or A6)`
  }
  const expected: RequestStatus = last === undefined ? 'pended' : statusOf(last.reviewAction)
  return r.status === expected ? undefined : `status: must be ${expected} after ${last === undefined ? 'no determination' : `a ${last.reviewAction} determination`}, not ${r.status}`
}

/** Where in the document an io-ts error is, as a dotted path. */
const pathOf = (e: t.ValidationError): string =>
  e.context
    // a union's members are tried by index: not a part of the path
    .filter((c, i) => c.key !== '' && (e.context[i - 1]?.type as { _tag?: string } | undefined)?._tag !== 'UnionType')
    .map((c) => c.key)
    .join('.')

/**
 * The codec of a stored prior-authorization request in any state (drafts and
 * submitted), for the given plan formats (generic ones when left out).
 * Unknown fields are dropped; a value in the wrong form is a failure whose
 * message names its path.
 */
export const authorizationRequestCodec = (formats: AuthorizationRequestFormats = {}): t.Type<AuthorizationRequest, unknown, unknown> => {
  const byState = buildCodecs(formats)
  const of = (u: unknown) => {
    const state = typeof u === 'object' && u !== null ? (u as { state?: unknown }).state : undefined
    return typeof state === 'string' && Object.prototype.hasOwnProperty.call(byState, state) ? byState[state as keyof Codecs] : undefined
  }
  return new t.Type<AuthorizationRequest, unknown, unknown>(
    'AuthorizationRequest',
    (u): u is AuthorizationRequest => {
      const codec = of(u)
      return codec !== undefined && codec.is(u) && invariants(u as AuthorizationRequest) === undefined
    },
    (u, c) => {
      const codec = of(u)
      if (codec === undefined) return t.failure(u, c, `state must be one of ${STATES.join(', ')}`)
      return pipe(
        (codec as t.Type<AuthorizationRequest, unknown, unknown>).validate(u, c),
        E.chain((r) => {
          const broken = invariants(r)
          return broken === undefined ? t.success(r) : t.failure(u, c, broken)
        })
      )
    },
    (r) => {
      const codec = of(r)
      return codec === undefined ? r : (codec as t.Type<AuthorizationRequest, unknown, unknown>).encode(r)
    }
  )
}

/** The codec with generic formats: what a store uses, not knowing the plan. */
export const AuthorizationRequestCodec: t.Type<AuthorizationRequest, unknown, unknown> = authorizationRequestCodec()

/**
 * Decodes a stored request; on failure, says where and why (the first error),
 * e.g. `codes.diagnoses.0: diagnosis must start with a letter`.
 */
export const decodeAuthorizationRequest =
  (codec: t.Type<AuthorizationRequest, unknown, unknown> = AuthorizationRequestCodec) =>
  (u: unknown): E.Either<string, AuthorizationRequest> =>
    pipe(
      codec.decode(u),
      E.mapLeft((errors) => {
        const first = errors[0]
        if (first === undefined) return 'does not decode'
        const path = pathOf(first)
        const why = first.message ?? `must be ${first.context[first.context.length - 1]?.type.name ?? 'valid'}`
        return path === '' ? why : `${path}: ${why}`
      })
    )
