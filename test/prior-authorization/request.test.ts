/**
 * The outpatient prior-authorization request (src/prior-authorization/request.ts
 * and determination.ts), property by property:
 *
 *   1. a request built from valid parts always validates, to the normalised values;
 *   2. corrupting any one field gives errors for that field only, with stable codes;
 *   3. every validator returns errors rather than throwing, whatever it is fed;
 *   4. the decision due time (72 hours expedited, 7 calendar days standard in the
 *      plan's zone, across DST changes), timeliness, denial reasons, finality;
 *   5. the wizard's transitions against a model: going back keeps later answers,
 *      a step before its prerequisites is refused, the expiry moves on.
 *
 * The valid forms come from the testkit (src/testkit/prior-authorization.ts);
 * the bad values are built here, from the rules as the guide and the kernel
 * state them, not from the validators.
 */
import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime, Duration } from 'luxon'
import { DomainError, ErrorCode, isDomainError } from '../../src/kernel'
import { AccountId } from '../../src/accounts/account'
import { sampleSubmitter } from '../../src/testkit/storage-contract'
import { memberIdFormat, priorAuthorization as harmonyPriorAuthorization, providerIdFormat } from '../../src/portals/harmony'
import {
  chooseCodes,
  chooseMember,
  chooseRequestingProvider,
  chooseServicingProvider,
  contentMatches,
  describeService,
  determine,
  Draft,
  DRAFT_STATES,
  ensureReached,
  giveClinicals,
  giveContacts,
  hasReached,
  isFinal,
  NEEDS_REASON,
  parseProviderKey,
  parseReference,
  PLACES_OF_SERVICE,
  PriorAuthorizationPolicies,
  ReadyToSubmit,
  referenceOf,
  RequestId,
  REVIEW_ACTION_CODES,
  startRequest,
  statusOf,
  submit,
  Submitted,
  validateClinicals,
  validateCodes,
  validateContacts,
  validateDetermination,
  validateMemberQuery,
  validateRequestingProvider,
  validateService,
  validateServicingProvider,
  ValidDetermination
} from '../../src/prior-authorization'
import {
  anyInput,
  DraftAnswers,
  FilledForm,
  readyToSubmitFrom,
  RECOGNISED_MEDIA_TYPES,
  typedNpi,
  validAttachmentUpload,
  validClinicals,
  validClinicalsForm,
  validCodesForm,
  validContacts,
  validContactsForm,
  validDeterminationForm,
  validDraftAnswers,
  validIcdCode,
  validMemberIdForm,
  validMemberLookupForm,
  validMemberSummary,
  validNpi,
  validPriorAuthorizationPolicies,
  validProcedureCode,
  validProviderSummary,
  validReadyToSubmit,
  validRequestedCodes,
  validRequestingProviderForm,
  validServiceDetails,
  validServiceForm,
  validServicingProviderForm,
  typedIcdCode,
  withBlanksAround
} from '../../src/testkit'

// -------------------------------------------------------------------------------------
// fixtures
// -------------------------------------------------------------------------------------

const TODAY = '2026-11-22'
const HOUR = 3_600_000

/** Harmony's limits (the guide names the steps, not the limits), with every media type the library checks. */
const POLICIES: PriorAuthorizationPolicies = {
  ...harmonyPriorAuthorization,
  attachments: { ...harmonyPriorAuthorization.attachments, mediaTypes: [...RECOGNISED_MEDIA_TYPES] }
}

const right = <A>(r: E.Either<unknown, A>): A => {
  if (E.isLeft(r)) assert.fail(`expected Right, got ${JSON.stringify(r.left)}`)
  return r.right
}

/** Left holding a non-empty array of well-formed domain errors (stable code, non-empty rule, a field name when there is one). */
const assertWellFormedErrors = (errors: unknown): ReadonlyArray<DomainError> => {
  assert.ok(Array.isArray(errors), 'the Left is an array')
  assert.ok(errors.length > 0, 'the Left is non-empty')
  for (const e of errors) {
    assert.ok(isDomainError(e), `a DomainError: ${JSON.stringify(e)}`)
    assert.match(e.code, /^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*$/, 'a stable dotted code')
    assert.ok(e.rule.trim().length > 0, 'a non-empty rule')
    assert.ok(e.field === undefined || (typeof e.field === 'string' && e.field.length > 0), 'a field name or none')
  }
  return errors as ReadonlyArray<DomainError>
}

/** A result that is an Either; when Left, well-formed errors. */
const assertWellFormed = (r: unknown): void => {
  assert.ok(typeof r === 'object' && r !== null && '_tag' in r, 'an Either')
  const either = r as E.Either<unknown, unknown>
  assert.ok(E.isLeft(either) || E.isRight(either))
  if (E.isLeft(either)) assertWellFormedErrors(either.left)
}

// -------------------------------------------------------------------------------------
// bad values
// -------------------------------------------------------------------------------------

/** A key removed from the form altogether. */
const ABSENT = Symbol('absent')

/** A bad value for one field, the codes it may be refused with, and what it is (for the failure message). */
interface Bad {
  readonly value: unknown
  readonly codes: ReadonlyArray<ErrorCode>
  readonly what: string
}

const bad = (what: string, codes: ReadonlyArray<ErrorCode>, arb: fc.Arbitrary<unknown>): fc.Arbitrary<Bad> => arb.map((value) => ({ value, codes, what }))

const missing = bad('missing', ['field.required'], fc.constantFrom<unknown>(ABSENT, undefined, null))
const blank = bad('blank', ['field.required'], fc.constantFrom('', ' ', '   ', '\t\n', '\u00a0', '\u3000 '))
const empty = fc.oneof(missing, blank)
/** Not text: numbers, booleans, big integers, arrays, objects, dates, boxed strings. */
const notTextValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.bigInt(),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
  fc.constant(new Date(0)),
  fc.constant(new String('11'))
)
const notText = bad('not text', ['field.invalid'], notTextValue)

/** A value for a failure message (some have no prototype, so no `toString`). */
const describeValue = (v: unknown): string => {
  try {
    return typeof v === 'bigint' ? `${v}n` : JSON.stringify(v) ?? typeof v
  } catch {
    return typeof v
  }
}

/** The form with one key set (or removed). */
const withField = <F extends object>(form: F, key: string, value: unknown): F => {
  const copy = { ...form } as Record<string, unknown>
  if (value === ABSENT) delete copy[key]
  else copy[key] = value
  return copy as F
}

/** Strings of `min` to `max` upper-case letters and digits (a cheap arbitrary, unlike `fc.stringMatching` built anew in a chain). */
const upperAlnum = (min: number, max: number) =>
  fc.array(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), { minLength: min, maxLength: max }).map((cs) => cs.join(''))
const nameOver100 = bad('too long', ['field.too-long'], fc.tuple(fc.integer({ min: 101, max: 140 }), fc.constantFrom('Dr. Jane Smith ', 'Hospital ', 'é ')).map(([n, w]) => w.repeat(n).slice(0, n - 1) + 'x'))
const npiShaped = (s: string) => /^[12]\d{9}$/.test(s.replace(/[\s-]/g, ''))

/** Not a Harmony Provider ID (6 to 10 letters or digits) and not ten digits starting 1 or 2. */
const badProviderIdText = bad(
  'wrong format',
  ['field.invalid'],
  fc
    .oneof(
      upperAlnum(1, 5),
      upperAlnum(11, 16),
      fc.tuple(upperAlnum(2, 4), fc.constantFrom(...'#$%&*!_./+'), upperAlnum(2, 4)).map(([a, c, b]) => a + c + b),
      fc.constantFrom('ÄBC1234', 'ABC１２３4', 'ABC 12', 'ǅ12345', '\u0661\u0662\u0663\u0664\u0665\u0666')
    )
    .filter((s) => !npiShaped(s))
)

/** An NPI whose check digit is wrong, as typed. */
const npiWithWrongCheckDigit = bad(
  'NPI with a wrong check digit',
  ['field.invalid'],
  fc.tuple(validNpi, fc.integer({ min: 1, max: 9 })).chain(([npi, k]) => typedNpi(`${npi.slice(0, 9)}${(Number(npi[9]) + k) % 10}` as typeof npi))
)

const badProviderKey = fc.oneof(empty, notText, badProviderIdText, npiWithWrongCheckDigit)

/** Not a Harmony member ID (8 to 12 letters or digits). */
const badMemberIdText = bad(
  'wrong format',
  ['field.invalid'],
  fc.oneof(upperAlnum(1, 7), upperAlnum(13, 20), fc.tuple(upperAlnum(4, 6), fc.constantFrom(...'#$%&*!_./'), upperAlnum(4, 6)).map(([a, c, b]) => a + c + b))
)

const nameTooLong = bad('too long', ['field.too-long'], fc.stringMatching(/^[A-Za-z]{51,80}$/))
const nameWrongFormat = bad(
  'wrong format',
  ['field.invalid'],
  fc.oneof(
    fc.tuple(fc.stringMatching(/^[A-Za-z]{0,10}$/), fc.constantFrom(...'0123456789@#<>_!?/:;"()[]{}=+*&%$'), fc.stringMatching(/^[A-Za-z]{0,10}$/)).map(([a, c, b]) => a + c + b),
    fc.constantFrom("'Brien", '-Ann', '.Jr', 'Ann\u0000', 'Zoë😀', '\u0301Ann')
  )
)

/** Dates by how they are typed, from ISO. */
const typedAnyDate = (iso: string): fc.Arbitrary<string> => {
  const d = DateTime.fromISO(iso, { zone: 'utc' })
  return fc.constantFrom(d.toFormat('yyyy-MM-dd'), d.toFormat('MM-dd-yyyy'), d.toFormat('MM/dd/yyyy'))
}
const isoDaysFrom = (iso: string, days: number): string => DateTime.fromISO(iso, { zone: 'utc' }).plus({ days }).toISODate() as string

const notADate = (extra: ReadonlyArray<string>) =>
  bad('not a date', ['date.not-a-date'], fc.constantFrom('yesterday', '02-30-1990', '13-01-1990', '1990-02-30', '1990-13-01', '2026/01/15', '19900115', '15.01.1990', '01-15-90', ...extra))

const badDateOfBirth = fc.oneof(
  empty,
  notText,
  notADate(['1-5-1990', '1990-1-5']),
  bad('today or later', ['date.not-in-past'], fc.integer({ min: 0, max: 3000 }).chain((d) => typedAnyDate(isoDaysFrom(TODAY, d)))),
  bad(
    'more than 130 years ago',
    ['date.too-old'],
    fc.integer({ min: 1, max: 20000 }).chain((d) => typedAnyDate(DateTime.fromISO(TODAY, { zone: 'utc' }).minus({ years: 130, days: d }).toISODate() as string))
  )
)

const ASSIGNED_POS = new Set(PLACES_OF_SERVICE.map((p) => p.code as string))
const badPlaceOfService = fc.oneof(
  empty,
  notText,
  bad('unassigned', ['field.invalid'], fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0')).filter((c) => !ASSIGNED_POS.has(c))),
  bad('not two digits', ['field.invalid'], fc.constantFrom('1', '011', '1a', 'OF', '١١', '１１', '11.0', '+11', '1 1', '0x0B'))
)

const badVisits = (maximum: number) =>
  fc.oneof(
    empty,
    bad('not a number', ['field.invalid'], fc.oneof(fc.boolean(), fc.constant([]), fc.constant({}), fc.bigInt(), fc.constant(new Number(3)))),
    bad(
      'number out of range',
      ['number.out-of-range'],
      fc.oneof(
        fc.constantFrom(0, -0, -1, maximum + 1, 1.5, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER),
        fc.integer({ min: maximum + 1 }),
        fc.integer({ max: 0 }),
        fc.double({ min: 1, max: maximum, noNaN: true }).filter((x) => !Number.isInteger(x))
      )
    ),
    bad(
      'digits out of range',
      ['number.out-of-range'],
      fc.oneof(fc.constantFrom('0', '000', '000000'), maximum < 999999 ? fc.integer({ min: maximum + 1, max: 999999 }).map(String) : fc.constant('0'))
    ),
    bad('not digits', ['field.invalid'], fc.constantFrom('abc', '1.5', '-3', '+3', '1e2', '7 visits', '1234567', '٣', '３', '0x10', '1,000'))
  )

const badServiceDate = (p: Pick<PriorAuthorizationPolicies, 'maxDaysBack' | 'maxDaysAhead'>) =>
  fc.oneof(
    empty,
    notText,
    notADate(['2026-13-01', '13/01/2026', '02/30/2027', '2026-11-31']),
    bad(
      'out of range',
      ['date.out-of-range'],
      fc.oneof(fc.integer({ min: 1, max: 800 }).map((d) => -p.maxDaysBack - d), fc.integer({ min: 1, max: 800 }).map((d) => p.maxDaysAhead + d)).chain((d) => typedAnyDate(isoDaysFrom(TODAY, d)))
    )
  )

const badPriority = fc.oneof(
  bad('not text', ['field.invalid'], fc.oneof(fc.integer(), fc.boolean(), fc.constant([]), fc.constant({}), fc.constant(['expedited']))),
  bad('not a priority', ['field.invalid'], fc.constantFrom('urgent', 'stat', 'expedite', 'standard!', 'routine', 'STANDARD.', 'e', 'standard expedited'))
)

/** Codes that are not ICD-10-CM codes, each one entry of a list. */
const badIcd = fc.oneof(
  fc.constantFrom('E1', '1E11', 'EA1', 'E11.9X', 'E11..9', 'E11.12345', 'E11-9', 'É11', 'E11.', '.E11', 'E 11', 'E11.9;', 'E1\u0131'),
  fc.stringMatching(/^[0-9][0-9A-Z]{2,6}$/),
  fc.stringMatching(/^[A-Z][A-Z][0-9A-Z]{1,5}$/),
  fc.stringMatching(/^[A-Z][0-9][0-9A-Z]{6,9}$/)
)

/** Codes that are neither CPT nor HCPCS Level II. */
const badProcedure = fc.oneof(
  fc.constantFrom('1234', '123456', 'W1234', 'Z1234', '1234A', 'AB123', '9921', 'J-1100', '99213.1', '0001G', 'J110'),
  fc.stringMatching(/^[W-Z][0-9]{4}$/),
  fc.stringMatching(/^[0-9]{6,8}$/)
)

/** NANP rules broken one at a time, written in the usual notations. */
const badPhone = bad(
  'not a NANP number',
  ['field.invalid'],
  fc.oneof(
    fc.constantFrom('215-555-CALL', '(800) FLOWERS', '215/555/0134', '215_555_0134', '２１５５５５０１３４', '215-555-0134 x12', '+44 20 7946 0958'),
    fc.stringMatching(/^[2-9][0-9]{6,8}$/),
    fc.stringMatching(/^[0-9]{12,15}$/),
    fc.stringMatching(/^[2-9][0-9]{10}$/),
    fc.stringMatching(/^[01][0-8][0-9][2-9][0-9]{6}$/).map((d) => `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`),
    fc.stringMatching(/^[2-9][0-8][0-9][01][0-9]{6}$/).map((d) => `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`),
    fc.stringMatching(/^[2-9]11[2-9][0-9]{6}$/).map((d) => `1 ${d}`),
    fc.stringMatching(/^[2-9][0-8][0-9][2-9]11[0-9]{4}$/).map((d) => `+1 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`),
    fc.stringMatching(/^[2-9]9[0-9][2-9][0-9]{6}$/)
  )
)

/** The signatures of the media types the library checks, from their specifications (not from the module). */
const SIGNATURES: Readonly<Record<string, ReadonlyArray<ReadonlyArray<number>>>> = {
  'application/pdf': [[0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  'image/png': [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  'image/jpeg': [[0xff, 0xd8, 0xff]],
  'image/tiff': [
    [0x49, 0x49, 0x2a, 0x00],
    [0x4d, 0x4d, 0x00, 0x2a]
  ]
}
const startsWithAny = (bytes: Uint8Array, sigs: ReadonlyArray<ReadonlyArray<number>>) => sigs.some((s) => s.every((b, i) => bytes[i] === b))

const plainText = fc.stringMatching(/^[A-Za-z0-9 .,]{0,20}$/)

/** Bytes that are not a file of `mediaType`: another format's header or any bytes without the signature; for text, a control character or broken UTF-8. */
const mismatchedContent = (mediaType: string, maxBytes: number): fc.Arbitrary<Uint8Array> => {
  if (mediaType === 'text/plain')
    return fc
      .tuple(
        plainText,
        fc.oneof(
          fc.constantFrom(...[0, 1, 7, 8, 0x0b, 0x0e, 0x1b, 0x1f].map((c) => [c])),
          fc.constantFrom([0xff], [0xc3], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80])
        ),
        plainText
      )
      .map(([a, b, c]) => Uint8Array.from([...Buffer.from(a), ...b, ...Buffer.from(c)]))
      .filter((bytes) => bytes.byteLength <= maxBytes)
  const other = Object.entries(SIGNATURES).filter(([m]) => m !== mediaType).flatMap(([, s]) => s)
  return fc
    .oneof(fc.constantFrom(...other).map((s) => Uint8Array.from(s)), fc.uint8Array({ minLength: 1, maxLength: Math.min(64, maxBytes) }))
    .map((b) => b.slice(0, maxBytes))
    .filter((b) => b.byteLength > 0 && !startsWithAny(b, SIGNATURES[mediaType] ?? []))
}

// -------------------------------------------------------------------------------------
// corrupting one field
// -------------------------------------------------------------------------------------

/** A form with one thing corrupted: the errors may only concern `at` (the field, an entry or a part of it). */
interface Corrupted<F> {
  readonly form: F
  /** The error fields allowed: each error's field equals one of them or starts with it followed by `[` or `.`. */
  readonly at: ReadonlyArray<string>
  readonly codes: ReadonlyArray<ErrorCode>
  readonly what: string
}

const concerns = (field: string | undefined, at: ReadonlyArray<string>): boolean =>
  field !== undefined && at.some((a) => field === a || field.startsWith(`${a}[`) || field.startsWith(`${a}.`))

/** The field replaced by a bad value; the errors must concern `at`. */
const corruptField = <F extends object>(form: F, key: string, b: fc.Arbitrary<Bad>, at: ReadonlyArray<string> = [key]): fc.Arbitrary<Corrupted<F>> =>
  b.map(({ value, codes, what }) => ({ form: withField(form, key, value), at, codes, what: `${key}: ${what}` }))

/** A Left, each error for the corrupted field only, with one of the expected codes. */
const assertOnlyThatField = <F extends object>(validate: (form: F) => E.Either<ReadonlyArray<DomainError>, unknown>, c: Corrupted<F>): void => {
  const r = validate(c.form)
  assert.ok(E.isLeft(r), `${c.what} must be refused`)
  const errors = assertWellFormedErrors(r.left)
  for (const e of errors) {
    assert.ok(concerns(e.field, c.at), `${c.what}: error ${e.code} on ${e.field} is not about ${c.at.join(' or ')}`)
    assert.ok(c.codes.includes(e.code), `${c.what}: code ${e.code} on ${e.field} is not one of ${c.codes.join(', ')}`)
  }
}

/** Runs a one-field-corruption property. */
const onlyThatField = <F extends object>(validate: (form: F) => E.Either<ReadonlyArray<DomainError>, unknown>, corrupted: fc.Arbitrary<Corrupted<F>>, numRuns: number) =>
  fc.assert(
    fc.property(corrupted, (c) => assertOnlyThatField(validate, c)),
    { numRuns }
  )

/** One of the form's fields corrupted, chosen at random. */
const oneOf = <F>(...choices: ReadonlyArray<fc.Arbitrary<Corrupted<F>> | null>): fc.Arbitrary<Corrupted<F>> =>
  fc.oneof(...choices.filter((c): c is fc.Arbitrary<Corrupted<F>> => c !== null))

// -------------------------------------------------------------------------------------
// 1. valid parts validate
// -------------------------------------------------------------------------------------

describe('a request built from valid parts validates, to the normalised values', () => {
  test('step 3: a typed Provider ID or NPI gives the provider key (upper case, no blanks or dashes)', () => {
    fc.assert(
      fc.property(validRequestingProviderForm(providerIdFormat), ({ form, value }) => {
        assert.deepEqual(validateRequestingProvider(providerIdFormat)(form), E.right(value))
      }),
      { numRuns: 300 }
    )
  })

  test('step 4: a typed Member ID, or a typed name and date of birth, gives the member query (NFC, single spaces, ISO date)', () => {
    fc.assert(
      fc.property(fc.oneof(validMemberIdForm(memberIdFormat), validMemberLookupForm(TODAY)), ({ form, value }) => {
        assert.deepEqual(validateMemberQuery(memberIdFormat, TODAY)(form), E.right(value))
      }),
      { numRuns: 300 }
    )
  })

  test('step 4: with a Member ID given, the name fields are not read at all', () => {
    fc.assert(
      fc.property(validMemberIdForm(memberIdFormat), anyInput, anyInput, ({ form, value }, firstName, dateOfBirth) => {
        assert.deepEqual(validateMemberQuery(memberIdFormat, TODAY)({ ...form, firstName, dateOfBirth }), E.right(value))
      }),
      { numRuns: 100 }
    )
  })

  test('step 5: place of service, visits (number or digits), date (any accepted format), priority (empty is standard)', () => {
    fc.assert(
      fc.property(validServiceForm(POLICIES, TODAY), ({ form, value }) => {
        assert.deepEqual(validateService(POLICIES, TODAY)(form), E.right(value))
      }),
      { numRuns: 300 }
    )
  })

  test('step 6: typed codes (list or one string) give dotted upper-case ICD-10-CM and upper-case procedure codes, in order; the canonical form is a fixed point', () => {
    fc.assert(
      fc.property(validCodesForm(POLICIES), ({ form, value }) => {
        const r = right(validateCodes(POLICIES)(form))
        assert.deepEqual(r, value)
        for (const d of r.diagnoses) assert.match(d, /^[A-Z][0-9][A-Z0-9](\.[A-Z0-9]{1,4})?$/)
        for (const p of r.procedures) assert.match(p, /^([0-9]{4}[0-9FTU]|[A-V][0-9]{4})$/)
        assert.deepEqual(validateCodes(POLICIES)({ diagnoses: r.diagnoses, procedures: r.procedures.join(', ') }), E.right(r))
      }),
      { numRuns: 300 }
    )
  })

  test('step 7: a typed Provider ID or NPI, or a name (trimmed)', () => {
    fc.assert(
      fc.property(validServicingProviderForm(providerIdFormat), ({ form, value }) => {
        assert.deepEqual(validateServicingProvider(providerIdFormat)(form), E.right(value))
      }),
      { numRuns: 300 }
    )
  })

  test('step 8: real-looking attachments (trimmed name, bare lower-case media type, the same bytes) and/or trimmed text', () => {
    fc.assert(
      fc.property(validClinicalsForm(POLICIES), ({ form, value }) => {
        const r = right(validateClinicals(POLICIES)(form))
        assert.deepEqual(r, value)
        for (const u of r.uploads) {
          assert.ok(POLICIES.attachments.mediaTypes.includes(u.mediaType))
          assert.ok(u.content.byteLength > 0 && u.content.byteLength <= POLICIES.attachments.maxBytes)
          if (u.mediaType !== 'text/plain') assert.ok(startsWithAny(u.content, SIGNATURES[u.mediaType] ?? []), `${u.mediaType} signature`)
          assert.ok(contentMatches(u.mediaType, u.content))
        }
      }),
      { numRuns: 150 }
    )
  })

  test('step 9: phone numbers in any usual notation give 10 digits; the servicing fax may be left empty', () => {
    fc.assert(
      fc.property(validContactsForm(), ({ form, value }) => {
        const r = right(validateContacts(form))
        assert.deepEqual(r, value)
        for (const p of [r.phone, r.fax, ...(r.servicingFax === null ? [] : [r.servicingFax])]) assert.match(p, /^[2-9][0-8][0-9][2-9][0-9]{6}$/)
      }),
      { numRuns: 300 }
    )
  })

  test('determination: review action upper-cased, reason and authorization number trimmed', () => {
    fc.assert(
      fc.property(validDeterminationForm(), ({ form, value }) => {
        assert.deepEqual(validateDetermination(form), E.right(value))
      }),
      { numRuns: 300 }
    )
  })

  test('under varied policies (limits, media types, small attachment sizes up to the maximum), every step validates', () => {
    const arb = validPriorAuthorizationPolicies().chain((p) =>
      fc.record({ p: fc.constant(p), service: validServiceForm(p, TODAY), codes: validCodesForm(p), clinicals: validClinicalsForm(p) })
    )
    let atMaximum = 0
    fc.assert(
      fc.property(arb, ({ p, service, codes, clinicals }) => {
        assert.deepEqual(validateService(p, TODAY)(service.form), E.right(service.value))
        assert.deepEqual(validateCodes(p)(codes.form), E.right(codes.value))
        assert.deepEqual(validateClinicals(p)(clinicals.form), E.right(clinicals.value))
        if (clinicals.value.uploads.some((u) => u.content.byteLength === p.attachments.maxBytes)) atMaximum++
      }),
      { numRuns: 200 }
    )
    assert.ok(atMaximum > 0, 'some attachment was exactly the maximum size')
  })
})

// -------------------------------------------------------------------------------------
// 2. one corrupted field, errors for that field only
// -------------------------------------------------------------------------------------

/** A code list with entry `i` replaced by `entry`, as an array of canonical codes. */
const replaceEntry = (codes: ReadonlyArray<string>, i: number, entry: unknown): unknown[] => codes.map((c, j) => (j === i ? entry : c))

/** Corruptions of one code list (`diagnoses` or `procedures`). */
const codeListCorruptions = (
  form: object,
  key: 'diagnoses' | 'procedures',
  codes: ReadonlyArray<string>,
  maximum: number,
  valid: fc.Arbitrary<string>,
  typed: (c: string) => fc.Arbitrary<string>,
  badCode: fc.Arbitrary<string>
): fc.Arbitrary<Corrupted<object>> => {
  const at = (i: number) => [`${key}[${i}]`]
  const set = (value: unknown) => withField(form, key, value)
  const duplicate =
    codes.length < maximum || codes.length >= 2
      ? fc
          .tuple(fc.nat({ max: codes.length - 1 }), fc.nat())
          .chain(([j, k]) => {
            const original = codes[j] as string
            return typed(original).map((copy) => {
              if (codes.length < maximum) {
                const position = j + 1 + (k % (codes.length - j)) // after the original
                const list: unknown[] = [...codes]
                list.splice(position, 0, copy)
                return { list, later: position }
              }
              const others = codes.map((_, i) => i).filter((i) => i !== j)
              const i = others[k % others.length] as number
              return { list: replaceEntry(codes, i, copy), later: Math.max(i, j) }
            })
          })
          .map(({ list, later }): Corrupted<object> => ({ form: set(list), at: at(later), codes: ['list.duplicate'], what: `${key}: a code twice` }))
      : null
  return oneOf<object>(
    corruptField(form, key, bad('missing', ['field.required'], fc.constantFrom<unknown>(ABSENT, undefined, null))),
    corruptField(form, key, bad('no codes', ['field.required'], fc.constantFrom<unknown>('', '   ', ' , ;', '\n', [], ['', '  '], [null, undefined]))),
    corruptField(form, key, bad('not a list', ['field.invalid'], fc.oneof(fc.integer(), fc.boolean(), fc.constant({}), fc.constant(new Date(0)), fc.constant({ 0: 'E11.9', length: 1 })))),
    fc
      .tuple(fc.nat({ max: codes.length - 1 }), fc.oneof(badCode.map((s): unknown => s), notTextValue.filter((v) => !Array.isArray(v) || v.length > 0)))
      .map(([i, entry]): Corrupted<object> => ({ form: set(replaceEntry(codes, i, entry)), at: at(i), codes: ['field.invalid'], what: `${key}[${i}]: ${describeValue(entry)}` })),
    duplicate,
    fc
      .uniqueArray(valid, { minLength: maximum + 1, maxLength: maximum + 3 })
      .map((list): Corrupted<object> => ({ form: set(list), at: [key], codes: ['list.too-long'], what: `${key}: ${list.length} codes` }))
  )
}

describe('corrupting any one field gives errors for that field only', () => {
  test('step 3: the requesting provider (missing, blank, not text, wrong format, NPI with a wrong check digit)', () => {
    onlyThatField(
      validateRequestingProvider(providerIdFormat),
      validRequestingProviderForm(providerIdFormat).chain(({ form }) => corruptField(form, 'providerId', badProviderKey, ['requestingProvider'])),
      300
    )
  })

  test('step 4 by Member ID: the Member ID', () => {
    onlyThatField(
      validateMemberQuery(memberIdFormat, TODAY),
      validMemberIdForm(memberIdFormat).chain(({ form }) => corruptField(form, 'memberId', fc.oneof(empty, notText, badMemberIdText))),
      300
    )
  })

  test('step 4 by name: first name, last name, date of birth (not a date, not before today, over 130 years), or a bad Member ID typed as well', () => {
    onlyThatField(
      validateMemberQuery(memberIdFormat, TODAY),
      validMemberLookupForm(TODAY).chain(({ form }) =>
        oneOf(
          corruptField(form, 'firstName', fc.oneof(empty, notText, nameTooLong, nameWrongFormat)),
          corruptField(form, 'lastName', fc.oneof(empty, notText, nameTooLong, nameWrongFormat)),
          corruptField(form, 'dateOfBirth', badDateOfBirth),
          corruptField(form, 'memberId', fc.oneof(notText, badMemberIdText))
        )
      ),
      300
    )
  })

  test('step 5: place of service (unassigned, not two digits), visits (out of range, not a whole number), date (not a date, out of range), priority', () => {
    const arb = fc.oneof(fc.constant(POLICIES), validPriorAuthorizationPolicies()).chain((p) =>
      validServiceForm(p, TODAY).chain(({ form }) =>
        oneOf(
          corruptField(form, 'placeOfService', badPlaceOfService),
          corruptField(form, 'visits', badVisits(p.maxVisits)),
          corruptField(form, 'serviceDate', badServiceDate(p)),
          corruptField(form, 'priority', badPriority)
        ).map((c) => ({ p, c }))
      )
    )
    fc.assert(
      fc.property(arb, ({ p, c }) => assertOnlyThatField(validateService(p, TODAY), c)),
      { numRuns: 300 }
    )
  })

  test('step 6: diagnoses and procedures (missing, empty, not a list, a bad entry, a code twice, too many)', () => {
    const arb = fc.oneof(fc.constant(POLICIES), validPriorAuthorizationPolicies()).chain((p) =>
      validCodesForm(p).chain(({ form, value }) =>
        oneOf(
          codeListCorruptions(form, 'diagnoses', value.diagnoses, p.maxDiagnoses, validIcdCode, (c) => typedIcdCode(c as never), badIcd),
          codeListCorruptions(form, 'procedures', value.procedures, p.maxProcedures, validProcedureCode, (c) => withBlanksAround(c.toLowerCase()), badProcedure)
        ).map((c) => ({ p, c }))
      )
    )
    fc.assert(
      fc.property(arb, ({ p, c }) => assertOnlyThatField(validateCodes(p), c)),
      { numRuns: 300 }
    )
  })

  test('step 7: the servicing provider ID, or the name looked up (too short, too long, not text; missing asks for the provider)', () => {
    onlyThatField(
      validateServicingProvider(providerIdFormat),
      validServicingProviderForm(providerIdFormat).chain(({ form, value }) =>
        value.by === 'name'
          ? oneOf(
              corruptField(form, 'name', fc.oneof(bad('too short', ['field.invalid'], fc.constantFrom('A', ' B ', '李', '\tZ\n')), nameOver100, notText), [
                'servicingProviderName'
              ]),
              corruptField(form, 'name', empty, ['servicingProvider']),
              corruptField(form, 'providerId', fc.oneof(notText, badProviderIdText, npiWithWrongCheckDigit), ['servicingProvider'])
            )
          : corruptField(form, 'providerId', badProviderKey, ['servicingProvider'])
      ),
      300
    )
  })

  test('step 8: the attachments (not a list, too many, none and no text), one attachment (not an object, its name, media type, bytes: missing, empty, oversize, not matching the type), the text', () => {
    const arb = fc.oneof(validPriorAuthorizationPolicies(), fc.constant({ ...POLICIES, attachments: { ...POLICIES.attachments, maxBytes: 64 * 1024 } })).chain((p) =>
      validClinicalsForm(p).chain(({ form, value }) => {
        const files = Array.isArray(form.attachments) ? (form.attachments as ReadonlyArray<Record<string, unknown>>) : []
        const noText = value.text === null
        const element = (i: number, key: string, b: fc.Arbitrary<Bad>): fc.Arbitrary<Corrupted<object>> =>
          b.map(({ value: v, codes, what }) => ({
            form: withField(form, 'attachments', files.map((f, j) => (j === i ? withField(f, key, v) : f))),
            at: [`attachments[${i}].${key}`],
            codes,
            what: `attachments[${i}].${key}: ${what}`
          }))
        const anElement = (f: (i: number, mediaType: string) => fc.Arbitrary<Corrupted<object>>) =>
          files.length === 0 ? null : fc.nat({ max: files.length - 1 }).chain((i) => f(i, value.uploads[i]?.mediaType ?? 'application/pdf'))
        const max = p.attachments.maxBytes
        return oneOf<object>(
          corruptField(form, 'attachments', bad('not a list', ['field.invalid'], fc.oneof(fc.string({ minLength: 1 }), fc.integer(), fc.constant({}), fc.constant(true), fc.constant(new Uint8Array(4))))),
          corruptField(
            form,
            'attachments',
            bad('too many', ['list.too-long'], fc.array(validAttachmentUpload(p.attachments).map((u) => u.form), { minLength: p.attachments.maxCount + 1, maxLength: p.attachments.maxCount + 2 }))
          ),
          noText ? corruptField(form, 'attachments', bad('none', ['field.required'], fc.constantFrom<unknown>(ABSENT, null, undefined, [])), ['clinicals']) : null,
          anElement((i) =>
            fc.constantFrom<unknown>(42, 'scan.pdf', null, true, []).map((v) => ({
              form: withField(form, 'attachments', files.map((f, j) => (j === i ? v : f))),
              at: [`attachments[${i}]`],
              codes: ['field.required', 'field.invalid'],
              what: `attachments[${i}] is ${JSON.stringify(v)}`
            }))
          ),
          anElement((i) =>
            element(
              i,
              'fileName',
              fc.oneof(
                empty,
                notText,
                bad('forbidden character', ['field.invalid'], fc.tuple(fc.constantFrom(...'\\/:*?"<>|\u0000\u0001\u0009\u000b\u001f'), fc.constantFrom('.pdf', '.png', '.txt')).map(([c, ext]) => `scan${c}1${ext}`)),
                bad('too long', ['field.invalid'], fc.integer({ min: 256, max: 400 }).map((n) => 'a'.repeat(n - 4) + '.pdf'))
              )
            )
          ),
          anElement((i) =>
            element(
              i,
              'mediaType',
              fc.oneof(
                empty,
                notText,
                bad(
                  'not accepted',
                  ['attachment.media-type'],
                  fc.constantFrom('application/zip', 'text/html', 'application/octet-stream', 'image/gif', 'application/pdfx', 'application/x-pdf', 'pdf', ...RECOGNISED_MEDIA_TYPES).filter((m) => !p.attachments.mediaTypes.includes(m))
                )
              )
            )
          ),
          anElement((i, mediaType) =>
            element(
              i,
              'content',
              fc.oneof(
                bad('missing', ['field.required'], fc.constantFrom<unknown>(ABSENT, undefined, null)),
                bad('not bytes', ['field.invalid'], fc.oneof(fc.string(), fc.array(fc.integer({ min: 0, max: 255 })), fc.constant(new ArrayBuffer(8)), fc.constant(new Uint16Array(4)), fc.constant(new DataView(new ArrayBuffer(4))), fc.constant({ 0: 37, length: 1 }))),
                bad('empty', ['field.invalid'], fc.constant(new Uint8Array(0))),
                bad(
                  'oversize',
                  ['attachment.too-large'],
                  fc.integer({ min: max + 1, max: max + 100 }).map((n) => {
                    const bytes = new Uint8Array(n).fill(0x41)
                    bytes.set(SIGNATURES[mediaType]?.[0] ?? [])
                    return bytes
                  })
                ),
                bad('bytes not matching the media type', ['attachment.content-mismatch'], mismatchedContent(mediaType, max))
              )
            )
          ),
          corruptField(form, 'text', notText, ['clinicalText']),
          corruptField(
            form,
            'text',
            bad('too long', ['field.too-long'], fc.integer({ min: 1, max: 50 }).map((n) => ' ' + 'x'.repeat(p.clinicalTextMaxLength + n) + ' ')),
            ['clinicalText']
          ),
          noText ? null : value.uploads.length === 0 ? corruptField(form, 'text', empty, ['clinicals']) : null
        ).map((c) => ({ p, c }))
      })
    )
    fc.assert(
      fc.property(arb, ({ p, c }) => assertOnlyThatField(validateClinicals(p), c)),
      { numRuns: 300 }
    )
  })

  test('step 9: phone, fax, servicing fax (missing, blank, not text, letters, too few or many digits, area code or exchange starting 0/1, N11, x9x area code)', () => {
    onlyThatField(
      validateContacts,
      validContactsForm().chain(({ form }) =>
        oneOf(
          corruptField(form, 'phone', fc.oneof(empty, notText, badPhone)),
          corruptField(form, 'fax', fc.oneof(empty, notText, badPhone)),
          corruptField(form, 'servicingFax', fc.oneof(notText, badPhone))
        )
      ),
      300
    )
  })

  test('determination: review action, reason code and words (too long, not text, missing for a denial), authorization number (too long, given for no approval)', () => {
    onlyThatField(
      validateDetermination,
      validDeterminationForm().chain(({ form, value }) => {
        const needsReason = NEEDS_REASON.includes(value.reviewAction)
        const approves = ['A1', 'A2', 'A6'].includes(value.reviewAction)
        return oneOf(
          corruptField(form, 'reviewAction', fc.oneof(empty, notText, bad('unknown code', ['field.invalid'], fc.constantFrom('A5', 'A0', 'A7', 'B1', 'AA', 'approved', 'A 1', 'A1.', 'Ａ1', 'c1', 'A')))),
          corruptField(form, 'reasonCode', fc.oneof(notText, bad('too long', ['field.too-long'], upperAlnum(21, 40)))),
          corruptField(form, 'reasonText', fc.oneof(notText, bad('too long', ['field.too-long'], fc.integer({ min: 1001, max: 1200 }).map((n) => 'y'.repeat(n))))),
          needsReason ? corruptField(form, 'reasonCode', empty.map((b) => ({ ...b, codes: ['determination.reason-required'] }))) : null,
          needsReason ? corruptField(form, 'reasonText', empty.map((b) => ({ ...b, codes: ['determination.reason-required'] }))) : null,
          corruptField(form, 'authorizationNumber', fc.oneof(notText, bad('too long', ['field.too-long'], upperAlnum(51, 70)))),
          approves ? null : corruptField(form, 'authorizationNumber', bad('given for no approval', ['field.invalid'], upperAlnum(6, 20)))
        )
      }),
      300
    )
  })

  test('an error on a listed code names the entry as the form gave it, blank entries included', () => {
    fc.assert(
      fc.property(
        validRequestedCodes(POLICIES),
        fc.array(fc.constantFrom('', ' ', null), { minLength: 1, maxLength: 3 }),
        fc.nat(),
        badIcd,
        (codes, blanks, k, badCode) => {
          // blank entries first, then the codes with one of them bad
          const i = k % codes.diagnoses.length
          const list = [...blanks, ...replaceEntry(codes.diagnoses, i, badCode)]
          const r = validateCodes(POLICIES)({ diagnoses: list, procedures: codes.procedures })
          assert.ok(E.isLeft(r))
          assert.deepEqual(
            r.left.map((e) => e.field),
            [`diagnoses[${blanks.length + i}]`],
            `the bad code is entry ${blanks.length + i} of ${JSON.stringify(list)}`
          )
        }
      ),
      { numRuns: 200 }
    )
  })

  test('a whole form collects every error: two fields corrupted give errors for both', () => {
    const twoFields = <F extends object>(validate: (f: F) => E.Either<ReadonlyArray<DomainError>, unknown>, form: F, a: [string, unknown], b: [string, unknown], expect: [string, string]) => {
      const r = validate(withField(withField(form, a[0], a[1]), b[0], b[1]))
      assert.ok(E.isLeft(r))
      const fields = new Set(r.left.map((e) => e.field))
      for (const f of expect) assert.ok([...fields].some((x) => concerns(x, [f])), `an error for ${f} among ${[...fields].join(', ')}`)
    }
    fc.assert(
      fc.property(validServiceForm(POLICIES, TODAY), validContactsForm(), validCodesForm(POLICIES), validClinicalsForm(POLICIES), (service, contacts, codes, clinicals) => {
        twoFields(validateService(POLICIES, TODAY), service.form, ['placeOfService', '30'], ['visits', 0], ['placeOfService', 'visits'])
        twoFields(validateContacts, contacts.form, ['phone', '911'], ['fax', ''], ['phone', 'fax'])
        twoFields(validateCodes(POLICIES), codes.form, ['diagnoses', 7], ['procedures', ['W1234']], ['diagnoses', 'procedures'])
        twoFields(validateClinicals(POLICIES), clinicals.form, ['attachments', 'scan.pdf'], ['text', 42], ['attachments', 'clinicalText'])
      }),
      { numRuns: 50 }
    )
  })
})

// -------------------------------------------------------------------------------------
// 3. never throws
// -------------------------------------------------------------------------------------

describe('every validator returns errors rather than throwing', () => {
  const validators: ReadonlyArray<readonly [string, (form: never) => unknown, fc.Arbitrary<FilledForm<object, unknown>>, ReadonlyArray<string>]> = [
    ['validateRequestingProvider', validateRequestingProvider(providerIdFormat), validRequestingProviderForm(providerIdFormat), ['providerId']],
    ['validateMemberQuery', validateMemberQuery(memberIdFormat, TODAY), fc.oneof(validMemberIdForm(memberIdFormat), validMemberLookupForm(TODAY)), ['memberId', 'firstName', 'lastName', 'dateOfBirth']],
    ['validateService', validateService(POLICIES, TODAY), validServiceForm(POLICIES, TODAY), ['placeOfService', 'visits', 'serviceDate', 'priority']],
    ['validateCodes', validateCodes(POLICIES), validCodesForm(POLICIES), ['diagnoses', 'procedures']],
    ['validateServicingProvider', validateServicingProvider(providerIdFormat), validServicingProviderForm(providerIdFormat), ['providerId', 'name']],
    ['validateClinicals', validateClinicals(POLICIES), validClinicalsForm({ ...POLICIES, attachments: { ...POLICIES.attachments, maxBytes: 4096 } }), ['attachments', 'text']],
    ['validateContacts', validateContacts, validContactsForm(), ['phone', 'fax', 'servicingFax']],
    ['validateDetermination', validateDetermination, validDeterminationForm(), ['reviewAction', 'reasonCode', 'reasonText', 'authorizationNumber']]
  ]

  for (const [name, validate, valid, fields] of validators) {
    test(`${name}: any value as the whole form, or as any one field`, () => {
      const call = validate as (form: unknown) => unknown
      fc.assert(
        fc.property(anyInput, (form) => assertWellFormed(call(form))),
        { numRuns: 150 }
      )
      fc.assert(
        fc.property(valid, fc.constantFrom(...fields), anyInput, ({ form }, key, value) => assertWellFormed(call(withField(form, key, value)))),
        { numRuns: 150 }
      )
    })
  }

  test('validateClinicals: any value as an attachment or as any part of one', () => {
    fc.assert(
      fc.property(validClinicalsForm({ ...POLICIES, attachments: { ...POLICIES.attachments, maxBytes: 4096 } }), fc.nat(), fc.constantFrom(null, 'fileName', 'mediaType', 'content'), anyInput, ({ form }, k, key, value) => {
        const files = Array.isArray(form.attachments) && form.attachments.length > 0 ? (form.attachments as object[]) : [{}]
        const i = k % files.length
        const attachments = files.map((f, j) => (j !== i ? f : key === null ? value : withField(f, key, value)))
        assertWellFormed(validateClinicals(POLICIES)({ ...form, attachments }))
      }),
      { numRuns: 200 }
    )
  })

  test('parseProviderKey, parseReference and contentMatches take anything', () => {
    fc.assert(
      fc.property(anyInput, fc.string(), fc.uint8Array({ maxLength: 32 }), (u, mediaType, bytes) => {
        assertWellFormed(E.mapLeft((e) => [e])(parseProviderKey(providerIdFormat)(u, 'provider')))
        assertWellFormed(E.mapLeft((e) => [e])(parseReference('HPA')(u)))
        assert.equal(typeof contentMatches(mediaType, bytes), 'boolean')
      }),
      { numRuns: 300 }
    )
  })
})

// -------------------------------------------------------------------------------------
// 4. submission, due times, determinations
// -------------------------------------------------------------------------------------

const ZONES = ['America/New_York', 'America/Chicago', 'America/Phoenix', 'Pacific/Honolulu'] as const
// US DST changes (second Sunday of March, first Sunday of November), 02:00 local.
const DST_DAYS = ['2026-03-08', '2026-11-01', '2027-03-14', '2027-11-07']

/** Any instant in 2026–2027; half of them in the 8 days before (or the day of) a US DST change in the plan zone. */
const instantNear = (zone: string) =>
  fc
    .tuple(
      fc.oneof(
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) }),
        fc.tuple(fc.constantFrom(...DST_DAYS), fc.integer({ min: -8 * 24 * HOUR, max: 24 * HOUR })).map(([day, d]) => DateTime.fromISO(`${day}T02:00:00`, { zone }).toMillis() + d)
      ),
      fc.constantFrom('UTC', zone, 'Asia/Kolkata', 'America/Los_Angeles')
    )
    .map(([ms, z]) => DateTime.fromMillis(ms, { zone: z }))

/** One request ready to submit; `submit` reads its priority only. */
const BASE: ReadyToSubmit = fc.sample(validReadyToSubmit(POLICIES, DateTime.fromISO('2026-11-22T09:00:00', { zone: POLICIES.zone })), { numRuns: 1, seed: 42 })[0] as ReadyToSubmit
const withPriority = (p: 'standard' | 'expedited'): ReadyToSubmit => ({ ...BASE, service: { ...BASE.service, priority: p } })
const REFERENCE = referenceOf('HPA', '7K2M9QXD')

const SUBMITTER = sampleSubmitter(BASE.accountId)
const submitted = (priority: 'standard' | 'expedited', now: DateTime, zone: string): Submitted => right(submit(withPriority(priority), REFERENCE, now, zone, SUBMITTER))
const dueOf = (s: Submitted): DateTime => DateTime.fromISO(s.dueAt, { setZone: true })

describe('submission: the decision due time (CMS-0057-F) in the plan zone', () => {
  test('expedited: exactly 72 elapsed hours later, written with the plan zone offset; the request is pended and otherwise unchanged', () => {
    const arb = fc.constantFrom(...ZONES).chain((zone) => instantNear(zone).map((now) => ({ zone, now })))
    fc.assert(
      fc.property(arb, ({ zone, now }) => {
        const s = submitted('expedited', now, zone)
        const due = dueOf(s)
        assert.equal(due.toMillis() - now.toMillis(), 72 * HOUR)
        assert.equal(due.offset, due.setZone(zone).offset, 'written in the plan zone')
        assert.equal(s.state, 'submitted')
        assert.equal(s.status, 'pended')
        assert.deepEqual(s.determinations, [])
        assert.equal(s.reference, REFERENCE)
        assert.equal(DateTime.fromISO(s.submittedAt).toMillis(), now.toMillis())
        assert.deepEqual(s.submittedBy, SUBMITTER, 'who submitted it is recorded')
        const { state: _a, reference: _b, submittedAt: _c, dueAt: _d, status: _e, determinations: _f, submittedBy: _h, ...rest } = s
        const { state: _g, ...before } = withPriority('expedited')
        assert.deepEqual(rest, before)
      }),
      { numRuns: 600 }
    )
  })

  test('standard: the same wall-clock time 7 calendar days later in the plan zone (167, 168 or 169 elapsed hours; always 168 in Phoenix and Honolulu)', () => {
    const crossed = { 167: 0, 169: 0 }
    const arb = fc.constantFrom(...ZONES).chain((zone) => instantNear(zone).map((now) => ({ zone, now })))
    fc.assert(
      fc.property(arb, ({ zone, now }) => {
        const due = dueOf(submitted('standard', now, zone)).setZone(zone)
        const local = now.setZone(zone)
        assert.equal(due.offset, dueOf(submitted('standard', now, zone)).offset)
        assert.equal(due.toISODate(), local.plus({ days: 7 }).toISODate(), 'seven calendar days later')
        const wall = DateTime.fromObject({ year: due.year, month: due.month, day: due.day, hour: local.hour, minute: local.minute, second: local.second, millisecond: local.millisecond }, { zone })
        if (wall.hour === local.hour) assert.deepEqual([due.hour, due.minute, due.second, due.millisecond], [local.hour, local.minute, local.second, local.millisecond], `${local.toISO()} → ${due.toISO()}`)
        else assert.deepEqual([due.hour, due.minute], [local.hour + 1, local.minute], 'a wall time the spring change skips moves forward by the gap')
        const hours = (due.toMillis() - now.toMillis()) / HOUR
        if (zone === 'America/Phoenix' || zone === 'Pacific/Honolulu') assert.equal(hours, 168)
        else assert.ok([167, 168, 169].includes(hours), `${hours} hours`)
        if (hours === 167 || hours === 169) crossed[hours]++
      }),
      { numRuns: 800 }
    )
    assert.ok(crossed[167] > 0 && crossed[169] > 0, `crossed both changes: ${JSON.stringify(crossed)}`)
  })

  test('a spring-forward week is 167 hours and a fall-back week 169 (New York, Chicago); Phoenix and Honolulu stay 168; expedited stays 72', () => {
    const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone })
    const hoursTo = (s: Submitted, from: DateTime) => (dueOf(s).toMillis() - from.toMillis()) / HOUR
    for (const [zone, spring, fall] of [
      ['America/New_York', '-04:00', '-05:00'],
      ['America/Chicago', '-05:00', '-06:00']
    ] as const) {
      const march = at('2026-03-06T10:00:00', zone)
      assert.equal(submitted('standard', march, zone).dueAt, `2026-03-13T10:00:00.000${spring}`)
      assert.equal(hoursTo(submitted('standard', march, zone), march), 167)
      const october = at('2026-10-30T10:00:00', zone)
      assert.equal(submitted('standard', october, zone).dueAt, `2026-11-06T10:00:00.000${fall}`)
      assert.equal(hoursTo(submitted('standard', october, zone), october), 169)
      const march2027 = at('2027-03-13T23:30:00', zone)
      assert.equal(hoursTo(submitted('standard', march2027, zone), march2027), 167)
      const november2027 = at('2027-11-01T00:15:00', zone)
      assert.equal(hoursTo(submitted('standard', november2027, zone), november2027), 169)
      // expedited counts elapsed hours: the wall clock moves by one hour across the change
      assert.equal(hoursTo(submitted('expedited', at('2026-03-07T10:00:00', zone), zone), at('2026-03-07T10:00:00', zone)), 72)
      assert.equal(dueOf(submitted('expedited', at('2026-03-07T10:00:00', zone), zone)).toFormat('yyyy-MM-dd HH:mm'), '2026-03-10 11:00')
    }
    for (const zone of ['America/Phoenix', 'Pacific/Honolulu']) {
      for (const iso of ['2026-03-06T10:00:00', '2026-10-30T10:00:00']) {
        const t = at(iso, zone)
        assert.equal(hoursTo(submitted('standard', t, zone), t), 168)
        assert.equal(dueOf(submitted('standard', t, zone)).toFormat('HH:mm'), '10:00')
      }
    }
    // submitted from another zone: the plan zone decides
    const utc = DateTime.fromISO('2026-03-06T15:00:00Z')
    assert.equal(submitted('standard', utc, 'America/New_York').dueAt, '2026-03-13T10:00:00.000-04:00')
    assert.equal(submitted('standard', utc, 'America/Phoenix').dueAt, '2026-03-13T08:00:00.000-07:00')
  })

  test('an unknown plan zone is refused, not thrown', () => {
    const r = submit(BASE, REFERENCE, DateTime.fromISO('2026-05-01T09:00:00Z'), 'Mars/Olympus_Mons', SUBMITTER)
    assert.ok(E.isLeft(r) && r.left.field === 'zone')
  })
})

describe('determinations', () => {
  test('timely iff decided at or before the due time (to the millisecond, from any zone)', () => {
    const arb = fc.record({
      zone: fc.constantFrom(...ZONES),
      priority: fc.constantFrom('standard' as const, 'expedited' as const),
      at: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) }),
      delta: fc.oneof(fc.integer({ min: -2, max: 2 }), fc.integer({ min: -10 * 24 * HOUR, max: 10 * 24 * HOUR }), fc.constantFrom(-HOUR, HOUR)),
      deciderZone: fc.constantFrom('UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Honolulu'),
      decision: validDeterminationForm()
    })
    fc.assert(
      fc.property(arb, ({ zone, priority, at, delta, deciderZone, decision }) => {
        const s = submitted(priority, DateTime.fromMillis(at, { zone }), zone)
        const decidedAt = DateTime.fromMillis(dueOf(s).toMillis() + delta, { zone: deciderZone })
        const d = right(determine(s, decision.value, decidedAt))
        const last = d.determinations[d.determinations.length - 1]
        assert.ok(last !== undefined)
        assert.equal(last.timely, delta <= 0, `decided ${delta} ms after the due time`)
        assert.equal(DateTime.fromISO(last.decidedAt).toMillis(), decidedAt.toMillis())
        assert.equal(d.status, statusOf(decision.value.reviewAction))
      }),
      { numRuns: 400 }
    )
  })

  test('a denial, partial approval or change without its reason (code and words) is refused with determination.reason-required', () => {
    for (const action of NEEDS_REASON) {
      const none = validateDetermination({ reviewAction: action })
      assert.ok(E.isLeft(none))
      assert.deepEqual(none.left.map((e) => [e.code, e.field]), [['determination.reason-required', 'reasonCode']])
      const wordsOnly = validateDetermination({ reviewAction: action.toLowerCase(), reasonText: 'Not medically necessary' })
      assert.ok(E.isLeft(wordsOnly) && wordsOnly.left[0]?.code === 'determination.reason-required' && wordsOnly.left[0]?.field === 'reasonCode')
      const codeOnly = validateDetermination({ reviewAction: action, reasonCode: 'MN01', reasonText: '   ' })
      assert.ok(E.isLeft(codeOnly) && codeOnly.left[0]?.code === 'determination.reason-required' && codeOnly.left[0]?.field === 'reasonText')
    }
    assert.deepEqual(validateDetermination({ reviewAction: 'A3', reasonCode: ' MN01 ', reasonText: ' Not medically necessary. ' }), E.right({ reviewAction: 'A3', reason: { code: 'MN01', text: 'Not medically necessary.' }, authorizationNumber: null }))
  })

  test('against a model: determinations are recorded while pended (A4 keeps it pended); after a final one every further one is refused with determination.already-final', () => {
    const arb = fc.record({
      decisions: fc.array(validDeterminationForm(), { minLength: 1, maxLength: 6 }),
      steps: fc.array(fc.integer({ min: 0, max: 48 * HOUR }), { minLength: 6, maxLength: 6 })
    })
    fc.assert(
      fc.property(arb, ({ decisions, steps }) => {
        const t0 = DateTime.fromISO('2026-11-02T09:00:00', { zone: 'America/Chicago' })
        let request = submitted('standard', t0, 'America/Chicago')
        let now = t0
        let final = false
        for (const [i, { value }] of decisions.entries()) {
          now = now.plus({ milliseconds: steps[i] ?? 0 })
          const r = determine(request, value as ValidDetermination, now)
          if (final) {
            assert.ok(E.isLeft(r), 'refused after a final determination')
            assert.equal(r.left.code, 'determination.already-final')
            assert.ok(isDomainError(r.left) && 'status' in r.left && r.left.status === request.status)
          } else {
            const next = right(r)
            assert.equal(next.status, statusOf(value.reviewAction))
            assert.equal(next.determinations.length, request.determinations.length + 1)
            assert.deepEqual(next.determinations.slice(0, -1), request.determinations)
            request = next
            final = value.reviewAction !== 'A4'
            assert.equal(isFinal(request.status), final)
          }
        }
      }),
      { numRuns: 300 }
    )
    for (const code of REVIEW_ACTION_CODES) assert.equal(isFinal(statusOf(code)), code !== 'A4')
  })
})

// -------------------------------------------------------------------------------------
// 5. the wizard's transitions, against a model
// -------------------------------------------------------------------------------------

type StepKey = keyof DraftAnswers
/** Steps 3–9 in order: the answer each records. Step k (1-based here) needs DRAFT_STATES[k - 1] and leads to DRAFT_STATES[k]. */
const STEPS: ReadonlyArray<StepKey> = ['requestingProvider', 'member', 'service', 'codes', 'servicingProvider', 'clinicals', 'contacts']
const TRANSITIONS: ReadonlyArray<(now: DateTime, lifetime: Duration) => (draft: never, answer: never) => Draft> = [
  chooseRequestingProvider,
  chooseMember,
  describeService,
  chooseCodes,
  chooseServicingProvider,
  giveClinicals,
  giveContacts
]

const ANSWERS: Readonly<Record<StepKey, fc.Arbitrary<unknown>>> = {
    requestingProvider: validProviderSummary(providerIdFormat),
    member: validMemberSummary(memberIdFormat, TODAY),
    service: validServiceDetails(POLICIES, TODAY),
    codes: validRequestedCodes(POLICIES),
    servicingProvider: validProviderSummary(providerIdFormat),
    clinicals: validClinicals(POLICIES),
    contacts: validContacts()
}

interface WizardModel {
  reached: number
  answers: Partial<Record<StepKey, unknown>>
  now: number
}
interface WizardReal {
  draft: Draft
}

const LIFETIME = Duration.fromObject({ minutes: 45 })
const ZONE = 'America/New_York'

class Step implements fc.Command<WizardModel, WizardReal> {
  constructor(
    readonly k: number,
    readonly answer: unknown,
    readonly wait: number
  ) {}
  check = () => true
  run(m: WizardModel, r: WizardReal): void {
    m.now += this.wait
    const now = DateTime.fromMillis(m.now, { zone: ZONE })
    const needs = DRAFT_STATES[this.k] as (typeof DRAFT_STATES)[number]
    const before = r.draft
    const allowed = ensureReached(before, needs)
    assert.equal(hasReached(before, needs), m.reached >= this.k)
    if (m.reached < this.k) {
      assert.ok(E.isLeft(allowed), `step ${this.k + 3} refused before "${needs}"`)
      assert.equal(allowed.left.code, 'flow.wrong-state')
      assert.ok('actual' in allowed.left && 'expected' in allowed.left)
      assert.equal(allowed.left.actual, `prior-authorization:${before.state}`)
      assert.equal(allowed.left.expected, `prior-authorization:${DRAFT_STATES.slice(this.k).join('|')}`)
      return
    }
    const key = STEPS[this.k] as StepKey
    const transition = TRANSITIONS[this.k] as (now: DateTime, lifetime: Duration) => (draft: Draft, answer: unknown) => Draft
    const after = transition(now, LIFETIME)(right(allowed), this.answer)
    m.reached = Math.max(m.reached, this.k + 1)
    m.answers[key] = this.answer
    assert.equal(after.state, DRAFT_STATES[m.reached], 'going back keeps the state reached')
    assert.equal(after.expiresAt, now.plus(LIFETIME).toISO(), 'the expiry moves to now + lifetime')
    assert.deepEqual([after.id, after.accountId, after.startedAt, after.version, after.kind], [before.id, before.accountId, before.startedAt, before.version, before.kind])
    for (const s of STEPS) assert.deepEqual((after as unknown as Record<string, unknown>)[s], m.answers[s], `answer ${s} kept`)
    r.draft = after
  }
  toString = () => `step ${this.k + 3} (${STEPS[this.k]}) after ${this.wait} ms`
}

describe('the wizard, against a model', () => {
  test('any sequence of steps: those whose prerequisites are done succeed (later answers and the state kept, expiry now + lifetime); the others are refused with flow.wrong-state', () => {
    const step = fc
      .integer({ min: 0, max: STEPS.length - 1 })
      .chain((k) => fc.tuple(fc.constant(k), ANSWERS[STEPS[k] as StepKey], fc.integer({ min: 0, max: 40 * 60 * 1000 })))
      .map(([k, answer, wait]) => new Step(k, answer, wait))
    // forward-biased runs reach the end often, random ones probe the refusals
    const commands = fc.commands([step, step, step], { maxCommands: 40 })
    fc.assert(
      fc.property(commands, fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) }), fc.uuid({ version: 4 }), (cmds, t0, id) => {
        const start = DateTime.fromMillis(t0, { zone: ZONE })
        const draft = startRequest(start, id as RequestId, 'account-1' as AccountId, LIFETIME)
        assert.equal(draft.expiresAt, start.plus(LIFETIME).toISO())
        fc.modelRun(() => ({ model: { reached: 0, answers: {}, now: t0 }, real: { draft } }), cmds)
      }),
      { numRuns: 150 }
    )
  })

  test('in order, every step succeeds; then going back to any step replaces only that answer, keeps the state "contacts", and submission still works', () => {
    fc.assert(
      fc.property(validDraftAnswers(POLICIES, TODAY), validDraftAnswers(POLICIES, TODAY), fc.integer({ min: 0, max: STEPS.length - 1 }), (a, b, k) => {
        const t0 = DateTime.fromISO('2026-11-22T09:00:00', { zone: ZONE })
        const ready = readyToSubmitFrom(t0, LIFETIME, 'r-1' as RequestId, 'account-1' as AccountId, a)
        assert.equal(ready.state, 'contacts')
        const later = t0.plus({ minutes: 30 })
        const key = STEPS[k] as StepKey
        const transition = TRANSITIONS[k] as (now: DateTime, lifetime: Duration) => (draft: Draft, answer: unknown) => Draft
        const back = transition(later, LIFETIME)(ready, b[key])
        assert.equal(back.state, 'contacts')
        assert.equal(back.expiresAt, later.plus(LIFETIME).toISO())
        for (const s of STEPS) assert.deepEqual((back as unknown as Record<string, unknown>)[s], s === key ? b[key] : a[s])
        assert.ok(E.isRight(submit(back as ReadyToSubmit, REFERENCE, later, ZONE, sampleSubmitter(back.accountId))))
      }),
      { numRuns: 100 }
    )
  })

  test('a step before its prerequisites: each state allows the steps up to the next one and refuses the rest (and submission needs "contacts")', () => {
    const a = fc.sample(validDraftAnswers(POLICIES, TODAY), { numRuns: 1, seed: 7 })[0] as DraftAnswers
    const t0 = DateTime.fromISO('2026-11-22T09:00:00', { zone: ZONE })
    let draft: Draft = startRequest(t0, 'r-2' as RequestId, 'account-1' as AccountId, LIFETIME)
    for (let reached = 0; reached <= STEPS.length; reached++) {
      for (let k = 0; k < DRAFT_STATES.length; k++) {
        const r: E.Either<DomainError, Draft> = ensureReached(draft, DRAFT_STATES[k] as (typeof DRAFT_STATES)[number])
        assert.equal(E.isRight(r), k <= reached, `state ${draft.state}, step ${k + 3}`)
        if (E.isLeft(r)) assert.equal(r.left.code, 'flow.wrong-state')
      }
      if (reached < STEPS.length) {
        const transition = TRANSITIONS[reached] as (now: DateTime, lifetime: Duration) => (draft: Draft, answer: unknown) => Draft
        draft = transition(t0, LIFETIME)(draft, a[STEPS[reached] as StepKey])
      }
    }
    assert.equal(draft.state, 'contacts')
  })
})
