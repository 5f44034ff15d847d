/**
 * US identifiers (src/kernel/us-identifiers.ts) and the Harmony Provider ID
 * (providerIdParser with harmony.providerIdFormat): every parser and codec
 * returns an Either and never throws; the shapes REFERENCE.md lists parse to
 * their canonical form; every other shape is refused with the field named.
 * The testkit's arbitraries for them agree with the codecs.
 */
import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import {
  DomainError,
  domainErrorsOf,
  formatPhoneNumber,
  isDomainError,
  parsePhoneNumber,
  parseTaxId,
  parseZipCode,
  PhoneNumber,
  PhoneNumberCodec,
  providerIdParser,
  TaxIdCodec,
  ZipCodeCodec,
  zip5
} from '../../src/kernel'
import { harmony } from '../../src'
import {
  anyInput,
  anyText,
  harmonyProviderId,
  identifierOf,
  invalidTaxId,
  typedIdentifier,
  typedPhoneNumber,
  typedTaxId,
  typedZipCode,
  validEin,
  validPhoneNumber,
  validTaxId,
  validZipCode
} from '../../src/testkit'

type Parser = (input: unknown, field?: string) => E.Either<DomainError, string>

const parseProviderId = providerIdParser(harmony.providerIdFormat)

const parsers: ReadonlyArray<readonly [string, Parser, string]> = [
  ['parseZipCode', parseZipCode, 'zipCode'],
  ['parseTaxId', parseTaxId, 'taxId'],
  ['parsePhoneNumber', parsePhoneNumber, 'phone'],
  ['providerIdParser(harmony)', parseProviderId, 'providerId']
]

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- codecs of different branded types
const codecs: ReadonlyArray<readonly [string, t.Type<any, string, unknown>, string]> = [
  ['ZipCodeCodec', ZipCodeCodec, 'zipCode'],
  ['TaxIdCodec', TaxIdCodec, 'taxId'],
  ['PhoneNumberCodec', PhoneNumberCodec, 'phone']
]

const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`))

/** Inputs shaped like what these parsers read, and anything at all. */
const input = fc.oneof(
  anyInput,
  anyText({ maxLength: 30 }),
  validZipCode.chain(typedZipCode),
  validTaxId.chain(typedTaxId),
  validPhoneNumber.chain(typedPhoneNumber),
  harmonyProviderId.chain(typedIdentifier),
  digits(1, 12),
  fc.stringMatching(/^[0-9 ()+.-]{1,20}$/),
  fc.stringMatching(/^[0-9A-Za-z -]{1,14}$/),
  fc.constantFrom('', ' ', '\t\n', '\u00a0', '00000', '000000000', '00-0000000', '000-00-0000', '12345-0000', '１２３４５')
)

const wellFormed = (e: unknown, field: string): boolean => isDomainError(e) && e.code.length > 0 && e.rule.length > 0 && e.field === field

describe('US identifier parsers never throw', () => {
  test('each parser returns an Either; a left is a DomainError with code, rule and the field asked for', () => {
    fc.assert(
      fc.property(input, fc.option(fc.constantFrom('zip', 'organisation.phone', 'users[3].phone', 'providers[0].taxId'), { nil: undefined }), (u, field) => {
        for (const [name, parse, defaultField] of parsers) {
          let r: E.Either<DomainError, string>
          try {
            r = field === undefined ? parse(u) : parse(u, field)
          } catch (cause) {
            assert.fail(`${name} threw on ${fc.stringify(u)}: ${String(cause)}`)
          }
          if (E.isLeft(r)) assert.ok(wellFormed(r.left, field ?? defaultField), `${name}: ${JSON.stringify(r.left)}`)
          else {
            assert.equal(typeof r.right, 'string', name)
            // idempotent: what is accepted is accepted again, unchanged
            assert.deepEqual(parse(r.right), r, `${name}: ${fc.stringify(u)} → ${r.right}`)
          }
        }
      }),
      { numRuns: 400 }
    )
  })

  test('each codec decodes to an Either whose errors carry the DomainError; `is` never throws and implies decode', () => {
    fc.assert(
      fc.property(input, (u) => {
        for (const [name, codec, field] of codecs) {
          const r = codec.decode(u)
          if (E.isLeft(r)) for (const e of domainErrorsOf(r.left)) assert.ok(wellFormed(e, field), `${name}: ${JSON.stringify(e)}`)
          else assert.equal(codec.encode(r.right), r.right)
          if (codec.is(u)) assert.deepEqual(r, E.right(u), name)
        }
      }),
      { numRuns: 300 }
    )
  })

  test('missing or blank input is field.required; a non-string is field.invalid', () => {
    fc.assert(
      fc.property(fc.constantFrom<unknown>(undefined, null, '', ' ', '\t', '\n \u00a0'), anyInput, (blank, other) => {
        for (const [name, parse, field] of parsers) {
          const r = parse(blank)
          assert.ok(E.isLeft(r) && r.left.code === 'field.required' && r.left.field === field, name)
          if (other !== undefined && other !== null && typeof other !== 'string') {
            const o = parse(other)
            assert.ok(E.isLeft(o) && o.left.code === 'field.invalid', name)
          }
        }
      })
    )
  })
})

describe('ZIP codes', () => {
  test('12345, 12345-6789 and nine bare digits (→ ZIP+4) parse to the canonical ZIP; zip5 is the first five digits', () => {
    fc.assert(
      fc.property(validZipCode.chain((z) => fc.tuple(fc.constant(z), typedZipCode(z))), ([zip, typed]) => {
        assert.deepEqual(parseZipCode(typed), E.right(zip), JSON.stringify(typed))
        assert.equal(zip5(zip), zip.slice(0, 5))
        assert.match(zip5(zip), /^[0-9]{5}$/)
        if (zip.length === 10) {
          assert.deepEqual(parseZipCode(zip.replace('-', '')), E.right(zip), 'nine bare digits are ZIP+4')
          const short = parseZipCode(zip.slice(0, 5))
          assert.ok(E.isRight(short) && zip5(short.right) === zip5(zip), 'a ZIP and its ZIP+4 share zip5')
        }
      })
    )
  })

  test('other shapes are refused: 1–4, 6–8 or 10+ digits, misplaced dashes, letters, all-zero parts', () => {
    const badShape = fc.oneof(
      digits(1, 4),
      digits(6, 8),
      digits(10, 14),
      fc.tuple(digits(1, 6), digits(1, 6)).filter(([a, b]) => !(a.length === 5 && b.length === 4)).map(([a, b]) => `${a}-${b}`),
      fc.stringMatching(/^[0-9]{5}--[0-9]{4}$/),
      fc.stringMatching(/^[0-9]{0,4}[A-Za-z][0-9]{0,4}$/),
      fc.constantFrom('00000', '00000-1234', '12345-0000', '000000000', '１２３４５', '12345-', '-12345', '12345‐6789')
    )
    fc.assert(
      fc.property(badShape, (s) => {
        const r = parseZipCode(s)
        assert.ok(E.isLeft(r), `accepted ${JSON.stringify(s)} as ${JSON.stringify(r)}`)
        assert.deepEqual([r.left.code, r.left.field], ['field.invalid', 'zipCode'])
      })
    )
  })
})

describe('Tax IDs', () => {
  test('nine digits written bare, as an EIN (12-3456789) or SSN-style (123-45-6789) parse to the nine digits', () => {
    fc.assert(
      fc.property(validTaxId.chain((tin) => fc.tuple(fc.constant(tin), typedTaxId(tin))), ([tin, typed]) => {
        assert.deepEqual(parseTaxId(typed), E.right(tin), JSON.stringify(typed))
      })
    )
  })

  test('all zeros is refused in every shape', () => {
    for (const s of ['000000000', '00-0000000', '000-00-0000', ' 00-0000000 ', '000 00 0000']) {
      const r = parseTaxId(s)
      assert.ok(E.isLeft(r), `accepted ${JSON.stringify(s)}`)
      assert.deepEqual([r.left.code, r.left.field], ['field.invalid', 'taxId'])
    }
  })

  test('a Tax ID that is never issued is refused with the reason (invalidTaxId), in any spacing', () => {
    fc.assert(
      fc.property(invalidTaxId, fc.constantFrom('', ' ', '\t'), ({ typed, reason }, blank) => {
        const r = parseTaxId(`${blank}${typed}${blank}`)
        assert.ok(E.isLeft(r), `accepted ${JSON.stringify(typed)} as ${JSON.stringify(r)}`)
        assert.deepEqual([r.left.code, r.left.field], ['field.invalid', 'taxId'])
        assert.ok(r.left.rule.includes(reason), `${JSON.stringify(r.left.rule)} does not say "${reason}"`)
      })
    )
  })

  test('accepted exactly when the written form can be issued: the REFERENCE.md rules as an independent model, over any nine digits', () => {
    // ../shared/REFERENCE.md, word for word: EIN prefixes never issued; SSN never area 000, 666 or 900–999, group 00, serial 0000; ITIN 9 then 50–65, 70–88, 90–92, 94–99.
    const neverEin = new Set(['00', '07', '08', '09', '17', '18', '19', '28', '29', '49', '69', '70', '78', '79', '89', '96', '97'])
    const itinGroup = (g: number) => (g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || (g >= 94 && g <= 99)
    const einIssued = (d: string) => !neverEin.has(d.slice(0, 2))
    const ssnIssued = (d: string) =>
      d[0] === '9' ? itinGroup(Number(d.slice(3, 5))) : d.slice(0, 3) !== '000' && d.slice(0, 3) !== '666' && d.slice(3, 5) !== '00' && d.slice(5) !== '0000'
    const nine = fc.oneof(digits(9, 9), fc.constantFrom('666123456', '900701234', '900491234', '123004567', '123450000', '071234567', '970012345'))
    fc.assert(
      fc.property(nine, fc.constantFrom('bare', 'ein', 'ssn'), (d, form) => {
        fc.pre(d !== '000000000')
        const typed = form === 'bare' ? d : form === 'ein' ? `${d.slice(0, 2)}-${d.slice(2)}` : `${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5)}`
        const issued = form === 'ein' ? einIssued(d) : form === 'ssn' ? ssnIssued(d) : einIssued(d) || ssnIssued(d)
        const r = parseTaxId(typed)
        assert.equal(E.isRight(r), issued, `${typed}: ${JSON.stringify(r)}`)
        if (E.isLeft(r)) assert.match(r.left.rule, /^taxId must be a number the IRS or the Social Security Administration issues \(.+ is never (issued|assigned) as an? (SSN|EIN) .+\)$/)
      }),
      { numRuns: 2000 }
    )
  })

  test('each rule, by example: the rule says why', () => {
    const why = (typed: string) => {
      const r = parseTaxId(typed)
      return E.isLeft(r) ? /\((.*)\)$/.exec(r.left.rule)?.[1] : 'accepted'
    }
    assert.equal(why('666-12-3456'), '666 is never issued as an SSN area number')
    assert.equal(why('000-12-3456'), '000 is never issued as an SSN area number')
    assert.equal(why('123-00-4567'), '00 is never issued as an SSN group number')
    assert.equal(why('123-45-0000'), '0000 is never issued as an SSN serial number')
    assert.equal(why('912-34-5678'), "912 is never issued as an SSN area number, and 34 cannot be an ITIN's 4th and 5th digits, which are 50–65, 70–88, 90–92 or 94–99")
    assert.equal(why('912-70-5678'), 'accepted') // an ITIN
    assert.equal(why('07-1234567'), '07 is never assigned as an EIN prefix')
    assert.equal(why('071234567'), 'accepted') // could be an SSN
    assert.equal(why('666123456'), 'accepted') // could be an EIN
  })

  test('validEin written bare or as an EIN parses to its nine digits', () => {
    fc.assert(
      fc.property(validEin, (tin) => {
        assert.deepEqual(parseTaxId(tin), E.right(tin))
        assert.deepEqual(parseTaxId(`${tin.slice(0, 2)}-${tin.slice(2)}`), E.right(tin))
      })
    )
  })

  test('other shapes are refused: 8 or 10 digits, dashes anywhere else, letters, full-width digits', () => {
    const badShape = fc.oneof(
      digits(1, 8),
      digits(10, 14),
      // nine digits with dashes anywhere but after the 2nd (EIN) or after the 3rd and 5th (SSN)
      fc
        .tuple(digits(9, 9), fc.subarray([1, 2, 3, 4, 5, 6, 7, 8], { minLength: 1 }))
        .filter(([, cuts]) => !(cuts.length === 1 && cuts[0] === 2) && !(cuts.length === 2 && cuts[0] === 3 && cuts[1] === 5))
        .map(([d, cuts]) => Array.from(d, (c, i) => (cuts.includes(i) ? '-' : '') + c).join('')),
      fc.stringMatching(/^[0-9]{0,4}[A-Za-z][0-9]{4,8}$/),
      fc.constantFrom('12-345678', '123-45-678', '12--3456789', '12-3456789-', '59.1234567', '59/1234567', '５９-１２３４５６７')
    )
    fc.assert(
      fc.property(badShape, (s) => {
        const r = parseTaxId(s)
        assert.ok(E.isLeft(r), `accepted ${JSON.stringify(s)} as ${JSON.stringify(r)}`)
        assert.deepEqual([r.left.code, r.left.field], ['field.invalid', 'taxId'])
      })
    )
  })
})

describe('NANP phone numbers', () => {
  test('punctuation and a leading 1 or +1 are tolerated: every written form parses to the ten digits; formatPhoneNumber reads back', () => {
    fc.assert(
      fc.property(validPhoneNumber.chain((p) => fc.tuple(fc.constant(p), typedPhoneNumber(p))), ([phone, typed]) => {
        assert.deepEqual(parsePhoneNumber(typed), E.right(phone), JSON.stringify(typed))
        const shown = formatPhoneNumber(phone)
        assert.match(shown, /^\([2-9][0-8][0-9]\) [2-9][0-9]{2}-[0-9]{4}$/)
        assert.deepEqual(parsePhoneNumber(shown), E.right(phone))
      })
    )
  })

  /**
   * REFERENCE.md, as a model: strip punctuation and a leading 1/+1; exactly 10
   * digits remain; area code and exchange start with 2–9 and are not N11; no
   * area code has 9 as its second digit.
   */
  const referenceModel = (s: string): PhoneNumber | null => {
    const trimmed = s.trim()
    if (!/^[0-9\s().+-]+$/.test(trimmed)) return null
    let d = trimmed.replace(/[^0-9]/g, '')
    if (d.length === 11 && d[0] === '1') d = d.slice(1)
    if (d.length !== 10) return null
    const area = d.slice(0, 3)
    const exchange = d.slice(3, 6)
    const startsOk = (x: string) => x[0] !== '0' && x[0] !== '1'
    const n11 = (x: string) => x[1] === '1' && x[2] === '1'
    if (!startsOk(area) || !startsOk(exchange) || n11(area) || n11(exchange) || area[1] === '9') return null
    return d as PhoneNumber
  }

  test('agrees with the REFERENCE.md rules on any ten or eleven digits, written in any of the usual ways', () => {
    const anyTen = fc.stringMatching(/^[0-9]{10}$/) as fc.Arbitrary<PhoneNumber>
    const written = fc.oneof(
      anyTen.chain(typedPhoneNumber),
      fc.stringMatching(/^[0-9]{11}$/),
      fc.stringMatching(/^\+?[0-9]{1,2}[ .-]?\(?[0-9]{3}\)?[ .-]?[0-9]{3}[ .-]?[0-9]{4}$/),
      validPhoneNumber.chain(typedPhoneNumber)
    )
    fc.assert(
      fc.property(written, (s) => {
        const expected = referenceModel(s)
        const r = parsePhoneNumber(s)
        assert.deepEqual(E.isRight(r) ? r.right : null, expected, JSON.stringify(s))
        if (E.isLeft(r)) assert.deepEqual([r.left.code, r.left.field], ['field.invalid', 'phone'])
      }),
      { numRuns: 500 }
    )
  })

  test('each rule refuses on its own: N11 area code or exchange, 9 as the area code’s second digit, 0/1 first, wrong length, letters', () => {
    const variants = validPhoneNumber.chain((p) =>
      fc.oneof(
        fc.integer({ min: 2, max: 9 }).map((n) => `${n}11${p.slice(3)}`),
        fc.integer({ min: 2, max: 9 }).map((n) => `${p.slice(0, 3)}${n}11${p.slice(6)}`),
        fc.integer({ min: 0, max: 9 }).map((n) => `${p[0]}9${n}${p.slice(3)}`),
        fc.constantFrom('0', '1').map((n) => `${n}${p.slice(1)}`),
        fc.constantFrom('0', '1').map((n) => `${p.slice(0, 3)}${n}${p.slice(4)}`),
        fc.constant(p.slice(1)),
        fc.constant(`${p}5`),
        fc.constantFrom('2', '0', '+2', '+44 ').map((c) => `${c}${p}`),
        fc.constantFrom('x12', ' ext 5', 'a').map((x) => `${p}${x}`)
      )
    )
    fc.assert(
      fc.property(variants, (s) => {
        const r = parsePhoneNumber(s)
        assert.ok(E.isLeft(r), `accepted ${JSON.stringify(s)}`)
        assert.deepEqual([r.left.code, r.left.field], ['field.invalid', 'phone'])
      })
    )
    for (const s of ['(911) 555-0134', '(215) 411-0134', '(290) 555-0134', '(195) 555-0134', '215-055-0134', '555-0134', '+1 (215) 555-0134 x2'])
      assert.ok(E.isLeft(parsePhoneNumber(s)), s)
    for (const [s, p] of [
      ['(215) 555-0134', '2155550134'],
      ['+1 215 555 0134', '2155550134'],
      ['1-813-555-0142', '8135550142'],
      ['813.555.0142', '8135550142']
    ])
      assert.deepEqual(parsePhoneNumber(s), E.right(p), s)
  })
})

describe('Harmony Provider IDs (providerIdParser with harmony.providerIdFormat)', () => {
  test('a canonical ID typed in any case, with spaces and dashes, parses to itself', () => {
    fc.assert(
      fc.property(harmonyProviderId.chain((id) => fc.tuple(fc.constant(id), typedIdentifier(id))), ([id, typed]) => {
        assert.deepEqual(parseProviderId(typed), E.right(id), JSON.stringify(typed))
      })
    )
  })

  test('accepts exactly what is 6 to 10 ASCII letters or digits once spaces and dashes are dropped (upper-cased)', () => {
    const near = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9 -]{1,14}$/),
      fc.string({ unit: fc.constantFrom('A', 'z', '7', '-', ' ', 'ß', 'ı', 'ſ', 'é', 'Ａ', '٣', '_', '.', '\u00a0'), minLength: 1, maxLength: 12 }),
      anyText({ maxLength: 14 })
    )
    fc.assert(
      fc.property(near, (s) => {
        const compact = s.replace(/[\s-]/g, '')
        const expected = /^[A-Za-z0-9]{6,10}$/.test(compact) ? compact.toUpperCase() : null
        const r = parseProviderId(s)
        if (s.trim() === '') assert.ok(E.isLeft(r) && r.left.code === 'field.required')
        else assert.deepEqual(E.isRight(r) ? r.right : null, expected, JSON.stringify(s))
        if (E.isLeft(r)) assert.equal(r.left.field, 'providerId')
      }),
      { numRuns: 400 }
    )
  })
})

describe('testkit: US identifier arbitraries agree with their codecs', () => {
  test('validZipCode: parseZipCode returns it unchanged, ZipCodeCodec decodes it and `is` accepts it; each typed form parses to it', () => {
    fc.assert(
      fc.property(validZipCode.chain((z) => fc.tuple(fc.constant(z), typedZipCode(z))), ([zip, typed]) => {
        assert.deepEqual(parseZipCode(zip), E.right(zip))
        assert.deepEqual(ZipCodeCodec.decode(zip), E.right(zip))
        assert.equal(ZipCodeCodec.is(zip), true)
        assert.deepEqual(ZipCodeCodec.decode(typed), E.right(zip))
      })
    )
  })

  test('validTaxId: parseTaxId returns it unchanged; TaxIdCodec agrees; each typed form parses to it', () => {
    fc.assert(
      fc.property(validTaxId.chain((tin) => fc.tuple(fc.constant(tin), typedTaxId(tin))), ([tin, typed]) => {
        assert.deepEqual(parseTaxId(tin), E.right(tin))
        assert.deepEqual(TaxIdCodec.decode(tin), E.right(tin))
        assert.equal(TaxIdCodec.is(tin), true)
        assert.deepEqual(TaxIdCodec.decode(typed), E.right(tin))
      })
    )
  })

  test('validPhoneNumber: parsePhoneNumber returns it unchanged; PhoneNumberCodec agrees; each typed form parses to it', () => {
    fc.assert(
      fc.property(validPhoneNumber.chain((p) => fc.tuple(fc.constant(p), typedPhoneNumber(p))), ([phone, typed]) => {
        assert.deepEqual(parsePhoneNumber(phone), E.right(phone))
        assert.deepEqual(PhoneNumberCodec.decode(phone), E.right(phone))
        assert.equal(PhoneNumberCodec.is(phone), true)
        assert.deepEqual(PhoneNumberCodec.decode(typed), E.right(phone))
      })
    )
  })

  test('validPhoneNumber reaches every allowed leading digit of the area code and exchange, and every allowed second digit', () => {
    const samples = fc.sample(validPhoneNumber, { numRuns: 3000, seed: 42 })
    assert.deepEqual(new Set(samples.map((p) => p[0])), new Set('23456789'))
    assert.deepEqual(new Set(samples.map((p) => p[1])), new Set('012345678'))
    assert.deepEqual(new Set(samples.map((p) => p[3])), new Set('23456789'))
  })

  test('harmonyProviderId is identifierOf(harmony.providerIdFormat): parses to itself, typed any way', () => {
    fc.assert(
      fc.property(
        fc.oneof(harmonyProviderId, identifierOf(harmony.providerIdFormat)).chain((id) => fc.tuple(fc.constant(id), typedIdentifier(id))),
        ([id, typed]) => {
          assert.deepEqual(parseProviderId(id), E.right(id))
          assert.deepEqual(parseProviderId(typed), E.right(id))
        }
      )
    )
  })
})
