/**
 * Kernel parsers and io-ts codecs (src/kernel): never throw, always an Either
 * with a DomainError that names its code, rule and field; valid values parse;
 * normalisation is idempotent; dates of birth are real and in the past;
 * usernames are unique regardless of case.
 */
import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { DateTime } from 'luxon'
import {
  dateOfBirthCodec,
  decodeWith,
  DomainError,
  domainErrorsOf,
  emailKey,
  EmailAddressCodec,
  isDomainError,
  MAXIMUM_AGE_YEARS,
  memberIdCodec,
  memberIdParser,
  parseDateOfBirth,
  parseEmailAddress,
  parsePersonName,
  parseUsername,
  PersonNameCodec,
  representativeIdCodec,
  representativeIdParser,
  required,
  Username,
  UsernameCodec,
  usernameKey,
  validateAll
} from '../../src/kernel'
import { memberIdFormat, representativeIdFormat } from '../../src/portals/hpp'
import {
  anyInput,
  anyText,
  caseVariantOf,
  hppMemberId,
  typedIdentifier,
  validEmailAddress,
  validPersonName,
  validUsername
} from '../../src/testkit'

const TODAY = '2026-11-22'

type Parser = (input: unknown, field?: string) => E.Either<DomainError, string>

const parsers = (today: string): ReadonlyArray<readonly [string, Parser, string]> => [
  ['parseUsername', parseUsername, 'username'],
  ['parseEmailAddress', parseEmailAddress, 'email'],
  ['parsePersonName', parsePersonName, 'name'],
  ['parseDateOfBirth', parseDateOfBirth(today), 'dateOfBirth'],
  ['memberIdParser(hpp)', memberIdParser(memberIdFormat), 'memberId'],
  ['representativeIdParser(hpp)', representativeIdParser(representativeIdFormat), 'representativeId']
]

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- codecs of different branded types
const codecs = (today: string): ReadonlyArray<readonly [string, t.Type<any, string, unknown>, string]> => [
  ['UsernameCodec', UsernameCodec, 'username'],
  ['EmailAddressCodec', EmailAddressCodec, 'email'],
  ['PersonNameCodec', PersonNameCodec, 'name'],
  ['dateOfBirthCodec', dateOfBirthCodec(today), 'dateOfBirth'],
  ['memberIdCodec(hpp)', memberIdCodec(memberIdFormat), 'memberId'],
  ['representativeIdCodec(hpp)', representativeIdCodec(representativeIdFormat), 'representativeId']
]

const isWellFormedError = (e: unknown, field: string): boolean =>
  isDomainError(e) && e.code.length > 0 && e.rule.length > 0 && e.field === field

/** Inputs that look like what each parser reads, and anything at all. */
const input = fc.oneof(
  anyInput,
  anyText({ maxLength: 80 }),
  validUsername,
  validEmailAddress,
  validPersonName,
  fc.stringMatching(/^[0-9]{1,2}[-/][0-9]{1,2}[-/][0-9]{2,5}$/),
  fc.stringMatching(/^[A-Za-z0-9 -]{6,16}$/),
  fc.stringMatching(/^ ?[pP][rR][- ]?[0-9 -]{8,11}$/),
  fc.constantFrom('', ' ', '\t\n', '\u00a0', '\u3000')
)

const todayArb = fc.integer({ min: 0, max: 365 * 150 }).map((d) => DateTime.fromISO('1950-01-01', { zone: 'utc' }).plus({ days: d }).toISODate() as string)

describe('kernel parsers never throw', () => {
  test('each parser returns an Either; a left is a DomainError with code, rule and the field asked for', () => {
    fc.assert(
      fc.property(input, fc.option(fc.stringMatching(/^[a-z][A-Za-z.[\]0-9]{0,20}$/), { nil: undefined }), (u, field) => {
        for (const [name, parse, defaultField] of parsers(TODAY)) {
          let r: E.Either<DomainError, string>
          try {
            r = field === undefined ? parse(u) : parse(u, field)
          } catch (cause) {
            assert.fail(`${name} threw on ${String(u)}: ${String(cause)}`)
          }
          assert.ok(E.isLeft(r) || E.isRight(r), name)
          if (E.isLeft(r)) assert.ok(isWellFormedError(r.left, field ?? defaultField), `${name}: ${JSON.stringify(r.left)}`)
          else assert.equal(typeof r.right, 'string', name)
        }
      }),
      { numRuns: 300 }
    )
  })

  test('each io-ts codec decodes to an Either whose errors carry a DomainError; `is` never throws and implies decode', () => {
    fc.assert(
      fc.property(input, (u) => {
        for (const [name, codec, field] of codecs(TODAY)) {
          const r = codec.decode(u)
          assert.ok(E.isLeft(r) || E.isRight(r), name)
          if (E.isLeft(r)) {
            assert.ok(r.left.length > 0)
            for (const e of domainErrorsOf(r.left)) assert.ok(isWellFormedError(e, field), `${name}: ${JSON.stringify(e)}`)
            const viaDecodeWith = decodeWith(codec)(u)
            assert.ok(E.isLeft(viaDecodeWith) && viaDecodeWith.left.every((e) => isWellFormedError(e, field)))
          } else assert.equal(codec.encode(r.right), r.right)
          const is = codec.is(u)
          assert.equal(typeof is, 'boolean')
          if (is) assert.deepEqual(r, E.right(u), `${name}.is accepted ${String(u)} but decode gave ${JSON.stringify(r)}`)
        }
      }),
      { numRuns: 300 }
    )
  })

  test('missing or blank input is field.required; a non-string is field.invalid', () => {
    fc.assert(
      fc.property(fc.constantFrom<unknown>(undefined, null, '', ' ', '\t', '\n \u00a0'), anyInput, (blank, other) => {
        for (const [name, parse, field] of parsers(TODAY)) {
          assert.deepEqual(parse(blank), E.left(required(field)), name)
          if (other !== undefined && other !== null && typeof other !== 'string') {
            const r = parse(other)
            assert.ok(E.isLeft(r) && r.left.code === 'field.invalid', name)
          }
        }
      })
    )
  })

  test('normalisation is idempotent: whatever a parser accepts, it accepts again unchanged', () => {
    fc.assert(
      fc.property(input, (u) => {
        for (const [name, parse] of parsers(TODAY)) {
          const r = parse(u)
          if (E.isRight(r)) assert.deepEqual(parse(r.right), r, `${name}: ${JSON.stringify(u)} → ${r.right}`)
        }
      }),
      { numRuns: 300 }
    )
  })
})

describe('valid values always parse', () => {
  test('usernames, e-mail addresses, names and member IDs from the testkit arbitraries', () => {
    fc.assert(
      fc.property(validUsername, validEmailAddress, validPersonName, hppMemberId, (u, e, n, m) => {
        assert.deepEqual(parseUsername(` ${u} `), E.right(u))
        assert.deepEqual(parseEmailAddress(e), E.right(e))
        assert.deepEqual(parsePersonName(n), E.right(n))
        assert.deepEqual(memberIdParser(memberIdFormat)(m), E.right(m))
      })
    )
  })

  test('e-mail: the domain is lower-cased, the local part kept as typed; the key ignores case', () => {
    fc.assert(
      fc.property(validEmailAddress.chain((e) => fc.tuple(fc.constant(e), caseVariantOf(e))), ([e, variant]) => {
        const at = e.lastIndexOf('@')
        const parsed = parseEmailAddress(variant)
        assert.ok(E.isRight(parsed))
        assert.equal(parsed.right, variant.slice(0, at) + e.slice(at))
        assert.equal(emailKey(parsed.right), e.toLowerCase())
      })
    )
  })

  test('person names: runs of blanks collapse to one space; more than 50 characters is field.too-long', () => {
    fc.assert(
      fc.property(validPersonName, fc.array(fc.constantFrom(' ', '  ', '\t', '\u00a0 '), { minLength: 1, maxLength: 4 }), (n, blanks) => {
        const spaced = n.split(' ').map((w, i) => (i === 0 ? w : (blanks[i % blanks.length] ?? ' ') + w)).join('')
        assert.deepEqual(parsePersonName(`  ${spaced} `), E.right(n))
      })
    )
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z]{51,80}$/), (long) => {
        const r = parsePersonName(long, 'lastName')
        assert.ok(E.isLeft(r) && r.left.code === 'field.too-long' && r.left.field === 'lastName')
      })
    )
  })

  test('HPP IDs: typed with any case, spaces and dashes, they parse to the canonical form', () => {
    fc.assert(
      fc.property(hppMemberId.chain((m) => fc.tuple(fc.constant(m), typedIdentifier(m))), ([m, typed]) => {
        assert.deepEqual(memberIdParser(memberIdFormat)(typed), E.right(m))
      })
    )
  })

  test('HPP IDs: an accepted ID is exactly the typed ASCII letters and digits, upper-cased (no other character becomes one)', () => {
    // 'ß'.toUpperCase() is 'SS', 'ı' (dotless i) is 'I', 'ﬀ' is 'FF', 'ſ' (long s) is 'S'.
    const idChar = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789') },
      { weight: 1, arbitrary: fc.constantFrom('ß', 'ı', 'ﬀ', 'ﬁ', 'ſ', 'ǆ', 'é', '\u212a') }
    )
    fc.assert(
      fc.property(fc.array(idChar, { minLength: 4, maxLength: 12 }).map((cs) => cs.join('')), (typed) => {
        const r = memberIdParser(memberIdFormat)(typed)
        if (E.isRight(r)) {
          assert.match(typed, /^[A-Za-z0-9]+$/, `${JSON.stringify(typed)} was accepted as member ID ${r.right}`)
          assert.equal(r.right, typed.toUpperCase())
        }
      })
    )
  })
})

describe('dates of birth', () => {
  const formats = ['MM-dd-yyyy', 'MM/dd/yyyy', 'yyyy-MM-dd'] as const

  test('today or any later date is rejected with date.not-in-past, in every format', () => {
    fc.assert(
      fc.property(todayArb, fc.integer({ min: 0, max: 365 * 100 }), fc.constantFrom(...formats), (today, ahead, format) => {
        const d = DateTime.fromISO(today, { zone: 'utc' }).plus({ days: ahead })
        const r = parseDateOfBirth(today)(d.toFormat(format))
        assert.ok(E.isLeft(r) && r.left.code === 'date.not-in-past', `${d.toFormat(format)} with today ${today}: ${JSON.stringify(r)}`)
        assert.ok(E.isLeft(dateOfBirthCodec(today).decode(d.toFormat(format))))
      })
    )
  })

  test('yesterday back to 130 years ago is accepted, in every format, as an ISO date', () => {
    fc.assert(
      fc.property(todayArb, fc.nat(), fc.constantFrom(...formats), (today, back0, format) => {
        const end = DateTime.fromISO(today, { zone: 'utc' })
        const span = Math.round(end.diff(end.minus({ years: MAXIMUM_AGE_YEARS }), 'days').days)
        const d = end.minus({ days: 1 + (back0 % span) })
        assert.deepEqual(parseDateOfBirth(today)(d.toFormat(format)), E.right(d.toISODate()))
      })
    )
  })

  test('more than 130 years ago is rejected with date.too-old', () => {
    fc.assert(
      fc.property(todayArb, fc.integer({ min: 1, max: 3650 }), (today, extra) => {
        const d = DateTime.fromISO(today, { zone: 'utc' }).minus({ years: MAXIMUM_AGE_YEARS }).minus({ days: extra })
        const r = parseDateOfBirth(today)(d.toFormat('MM-dd-yyyy'))
        assert.ok(E.isLeft(r) && r.left.code === 'date.too-old')
      })
    )
  })

  test('impossible calendar dates (02-30-1990, 04-31, 02-29 of a common year, month 13, day 00) are rejected with date.not-a-date', () => {
    const pad = (n: number, w = 2) => String(n).padStart(w, '0')
    const impossible = fc.oneof(
      fc.tuple(fc.integer({ min: 1900, max: 2025 }), fc.constantFrom<[number, number]>([2, 30], [2, 31], [4, 31], [6, 31], [9, 31], [11, 31])),
      fc
        .integer({ min: 1900, max: 2025 })
        .filter((y) => !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)))
        .map((y) => [y, [2, 29]] as [number, [number, number]]),
      fc.tuple(fc.integer({ min: 1900, max: 2025 }), fc.tuple(fc.integer({ min: 13, max: 99 }), fc.integer({ min: 1, max: 28 }))),
      fc.tuple(fc.integer({ min: 1900, max: 2025 }), fc.tuple(fc.integer({ min: 0, max: 12 }), fc.constantFrom(0, 32, 45, 99))),
      fc.tuple(fc.integer({ min: 1900, max: 2025 }), fc.tuple(fc.constant(0), fc.integer({ min: 1, max: 28 })))
    )
    fc.assert(
      fc.property(impossible, fc.integer({ min: 0, max: 2 }), ([y, [m, d]], f) => {
        const typed = [`${pad(m)}-${pad(d)}-${pad(y, 4)}`, `${pad(m)}/${pad(d)}/${pad(y, 4)}`, `${pad(y, 4)}-${pad(m)}-${pad(d)}`][f] as string
        const r = parseDateOfBirth(TODAY)(typed)
        assert.ok(E.isLeft(r) && r.left.code === 'date.not-a-date', `${typed}: ${JSON.stringify(r)}`)
      })
    )
    assert.ok(E.isLeft(parseDateOfBirth(TODAY)('02-30-1990')))
    assert.deepEqual(parseDateOfBirth(TODAY)('02-29-2000'), E.right('2000-02-29'))
  })
})

describe('usernames', () => {
  test('usernameKey is case-insensitive: every case variant parses and has the same key', () => {
    fc.assert(
      fc.property(validUsername.chain((u) => fc.tuple(fc.constant(u), caseVariantOf(u))), ([u, variant]) => {
        const parsed = parseUsername(variant)
        assert.ok(E.isRight(parsed))
        assert.equal(usernameKey(parsed.right), usernameKey(u))
      })
    )
  })

  test('two usernames have the same key exactly when they differ only in case', () => {
    fc.assert(
      fc.property(validUsername, validUsername, (a, b) => {
        assert.equal(usernameKey(a) === usernameKey(b), a.toLowerCase() === b.toLowerCase())
      })
    )
  })

  test('anything outside 3–64 characters of A-Z a-z 0-9 . _ - @ (starting with a letter or digit) is refused', () => {
    fc.assert(
      fc.property(anyText({ maxLength: 70 }), (s) => {
        const trimmed = s.trim()
        const ok = /^[A-Za-z0-9][A-Za-z0-9._@-]{2,63}$/.test(trimmed)
        const r = parseUsername(s)
        assert.equal(E.isRight(r), ok, JSON.stringify(s))
        if (E.isRight(r)) assert.equal(r.right, trimmed as Username)
      })
    )
  })
})

describe('validateAll', () => {
  test('collects every error, in field order, and succeeds only when every check does', () => {
    const check: fc.Arbitrary<E.Either<DomainError | [DomainError, ...DomainError[]], unknown>> = fc.oneof(
      fc.string().map((s) => E.right(s)),
      fc.string({ minLength: 1 }).map((f) => E.left(required(f))),
      fc.array(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 3 }).map((fs) => E.left(fs.map(required) as [DomainError, ...DomainError[]]))
    )
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), check, { minKeys: 1, maxKeys: 6 }), (checks) => {
        const r = validateAll(checks)
        const expected = Object.values(checks).flatMap((c) => (E.isLeft(c) ? (Array.isArray(c.left) ? c.left : [c.left]) : []))
        if (expected.length === 0) assert.ok(E.isRight(r))
        else assert.deepEqual(r, E.left(expected))
      })
    )
  })

  test('an empty record of checks is valid (returns right({}) rather than throwing)', () => {
    // A form whose fields are all optional, or a batch of zero rows, validates nothing and fails nothing.
    let r: unknown
    assert.doesNotThrow(() => {
      r = validateAll({})
    })
    assert.deepEqual(r, E.right({}))
  })
})
