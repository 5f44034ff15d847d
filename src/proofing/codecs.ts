/**
 * Codecs of what identity proofing keeps: identity records (the profile on
 * file, remote proofing's state and its sealed quiz) and manual proofings,
 * decoded back from a database row's document into the domain's types, never
 * trusted. Every branded value is re-parsed by the library's own parser and
 * must be in its canonical form; the record's own rules are checked again
 * (the path agrees with the SSN on file and remote proofing; proofed with a
 * method, or neither).
 *
 * @since 0.4.0
 */
import * as t from 'io-ts'
import { DateTime } from 'luxon'
import { parseAddressLine, parseStateCode, AddressLine, PostalAddress, StateCode } from '../kernel/postal-address'
import { parseZipCode, ZipCode } from '../kernel/us-identifiers'
import type { DateOfBirth } from '../kernel/person'
import { organisationCodecKit as kit } from '../organizations/codecs'
import type { IdentityRecord } from './identity-record'
import type { RemoteProofing } from './knowledge-based'
import { ManualProofing, REJECTION_REASONS } from './manual'

// -------------------------------------------------------------------------------------
// leaves
// -------------------------------------------------------------------------------------

const Uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const IdCodec = kit.matching<string>('Id', Uuid, 36, 'a UUID in lower case')
const Count = kit.refined(t.number, 'count', (n) => (Number.isSafeInteger(n) && n >= 0 && n <= 1000 ? undefined : 'must be a whole number from 0 to 1000'))
const Size = kit.refined(t.number, 'size', (n) => (Number.isSafeInteger(n) && n >= 1 ? undefined : 'must be a whole number of bytes, 1 or more'))
const text = (name: string, maximum: number) => kit.refined(t.string, name, (s) => (s.length >= 1 && s.length <= maximum ? undefined : `must be 1 to ${maximum} characters`))
const ItemId = kit.matching<string>('QuizItemId', /^[A-Za-z0-9_-]{1,64}$/, 64, '1 to 64 letters, digits, _ or -')
const IsoDate = new t.Type<DateOfBirth, string, unknown>(
  'DateOfBirth',
  (u): u is DateOfBirth => typeof u === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(u) && DateTime.fromISO(u).isValid,
  (u, c) => (typeof u === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(u) && DateTime.fromISO(u).isValid ? t.success(u as DateOfBirth) : t.failure(u, c, 'must be a real ISO date (yyyy-MM-dd)')),
  (a) => a
)
const AddressLineCodec = kit.canonical<AddressLine>('addressLine', parseAddressLine)
const StateCodec = kit.canonical<StateCode>('state', (u, f) => parseStateCode(u, f))
const ZipCodec = kit.canonical<ZipCode>('zipCode', (u, f) => parseZipCode(u, f))

/** io-ts codec for a postal address as kept. */
export const PostalAddressCodec: t.Type<PostalAddress, unknown, unknown> = kit.readable(
  t.strict({ line1: AddressLineCodec, line2: t.union([AddressLineCodec, t.null]), city: AddressLineCodec, state: StateCodec, zipCode: ZipCodec }) as unknown as t.Type<PostalAddress, unknown, unknown>
)

const SsnOnFileCodec = t.strict({ last4Masked: kit.matching<string>('MaskedSsn', /^\*\*\*-\*\*-\d{4}$/, 11, 'an SSN masked but for its last four'), hash: kit.KeyedHash })

const ProfileCodec = t.strict({
  firstName: kit.PersonName,
  lastName: kit.PersonName,
  dateOfBirth: IsoDate,
  email: kit.EmailAddress,
  phone: kit.Phone,
  homeAddress: PostalAddressCodec,
  ssn: t.union([SsnOnFileCodec, t.null])
})

const QuizOnFileCodec = t.strict({
  id: IdCodec,
  issuedAt: kit.Instant,
  expiresAt: kit.Instant,
  questions: kit.boundedArray(
    t.strict({
      id: ItemId,
      text: text('question', 300),
      choices: kit.boundedArray(t.strict({ id: ItemId, text: text('choice', 200) }), 5, 'choices'),
      answerHash: kit.KeyedHash
    }),
    10,
    'questions'
  )
})

/** io-ts codec for remote proofing in any state. */
export const RemoteProofingCodec: t.Type<RemoteProofing, unknown, unknown> = kit.readable(
  t.union([
    t.strict({ state: t.literal('awaiting-quiz'), attempts: Count }),
    t.strict({ state: t.literal('answering-quiz'), attempts: Count, quiz: QuizOnFileCodec }),
    t.strict({ state: t.literal('proofed'), attempts: Count, proofedAt: kit.Instant }),
    t.strict({ state: t.literal('manual-proofing-offered'), attempts: Count, offeredAt: kit.Instant, reason: kit.literals('reason', ['failed-quizzes', 'no-credit-file']) })
  ]) as unknown as t.Type<RemoteProofing, unknown, unknown>
)

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/** io-ts codec for an identity record (its version included). */
export const IdentityRecordCodec: t.Type<IdentityRecord, unknown, unknown> = kit.readable(
  kit.refined(
    t.strict({
      accountId: kit.AccountId,
      profile: ProfileCodec,
      path: kit.literals('path', ['remote', 'manual']),
      remote: t.union([RemoteProofingCodec, t.null]),
      ssnFailures: Count,
      manualProofingId: t.union([IdCodec, t.null]),
      proofedAt: t.union([kit.Instant, t.null]),
      proofedBy: t.union([kit.literals('proofedBy', ['remote', 'manual']), t.null]),
      createdAt: kit.Instant,
      version: Count
    }) as unknown as t.Type<IdentityRecord, unknown, unknown>,
    'IdentityRecord',
    (r) =>
      (r.path === 'remote') !== (r.profile.ssn !== null) || (r.path === 'remote') !== (r.remote !== null)
        ? 'path must be remote exactly when an SSN is on file and remote proofing has a state'
        : (r.proofedAt === null) !== (r.proofedBy === null)
          ? 'proofedAt and proofedBy must both be set or both be null'
          : undefined
  )
)

const DocumentRefCodec = t.strict({
  fileName: text('fileName', 255),
  mediaType: text('mediaType', 100),
  size: Size,
  sha256: kit.matching<string>('sha256', /^[0-9a-f]{64}$/, 64, 'a SHA-256 in lower-case hex')
})

const base = {
  id: IdCodec,
  applicant: t.strict({ accountId: IdCodec, firstName: kit.PersonName, lastName: kit.PersonName, dateOfBirth: IsoDate, homeAddress: PostalAddressCodec }),
  startedAt: kit.Instant,
  photoId: t.union([t.strict({ kind: t.literal('photo-id'), idKind: text('idKind', 64), file: DocumentRefCodec }), t.null]),
  statements: kit.boundedArray(t.strict({ kind: t.literal('financial-statement'), issuer: text('issuer', 100), file: DocumentRefCodec }), 10, 'statements'),
  version: Count
}
const decided = { submittedAt: kit.Instant, decidedAt: kit.Instant, reviewer: text('reviewer', 64) }

/** io-ts codec for a manual proofing in any state (its version included). */
export const ManualProofingCodec: t.Type<ManualProofing, unknown, unknown> = kit.readable(
  t.union([
    t.strict({ ...base, state: t.literal('collecting') }),
    t.strict({ ...base, state: t.literal('submitted'), submittedAt: kit.Instant }),
    t.strict({ ...base, ...decided, state: t.literal('approved') }),
    t.strict({ ...base, ...decided, state: t.literal('rejected'), reason: kit.literals('reason', REJECTION_REASONS), note: t.union([text('note', 1000), t.null]) })
  ]) as unknown as t.Type<ManualProofing, unknown, unknown>
)
