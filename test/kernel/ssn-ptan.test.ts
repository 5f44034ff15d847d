/**
 * Social Security Numbers and PTANs (src/kernel/us-identifiers.ts): every SSN
 * of an issued shape is accepted however it is written (bare, 123-45-6789,
 * blanks around or between the parts) and comes back as nine digits; every
 * number with a forbidden area (000, 666, 900–999), group (00) or serial
 * (0000) is refused as `ssn.never-issued`, naming the field, the part and its
 * value; any other shape is `field.invalid`. `SsnOnFile` holds the masked
 * last four and a keyed hash, never the number. Every PTAN (6–10 upper-case
 * letters or digits) is accepted in any letter case; nothing else is. The
 * codecs agree with the parsers, and no input makes either throw.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import {
  DomainError,
  domainErrorsOf,
  isDomainError,
  parsePtan,
  parseSsn,
  parseTaxId,
  Ptan,
  PtanCodec,
  Ssn,
  SSN_PURPOSE,
  SsnCodec,
  ssnMatches,
  ssnOnFile
} from '../../src/kernel'
import { hmacKeyedHasher, HashKey } from '../../adapters/system'
import { anyInput, anyText, caseVariantOf } from '../../src/testkit'
import { ssnTyped, validPtan, validSsn } from '../proofing/arbitraries'

const hasher = hmacKeyedHasher(new Uint8Array(32).fill(7) as HashKey)
const pad = (n: number, width: number): string => String(n).padStart(width, '0')
const digits = (n: number) => fc.integer({ min: 0, max: 10 ** n - 1 }).map((v) => pad(v, n))

type Failure = DomainError & Record<string, unknown>
const left = (r: E.Either<DomainError, unknown>): Failure => {
  if (E.isRight(r)) assert.fail(`expected a refusal, got ${JSON.stringify(r.right)}`)
  return r.left as Failure
}

// -------------------------------------------------------------------------------------
// SSN
// -------------------------------------------------------------------------------------

describe('parseSsn', () => {
  test('every issued SSN is accepted in every spelling, as its nine digits', () => {
    fc.assert(
      fc.property(validSsn.chain((ssn) => fc.tuple(fc.constant(ssn), ssnTyped(ssn))), ([ssn, typed]) => {
        assert.deepEqual(parseSsn(typed), E.right(ssn), typed)
        assert.deepEqual(parseSsn(typed, 'profile.ssn'), E.right(ssn))
      }),
      { numRuns: 500 }
    )
  })

  test('the arbitrary covers the whole issued space: areas 001–665, 667–899, groups 01–99, serials 0001–9999', () => {
    for (const ok of ['001010001', '665999999', '667010001', '899999999', '123456789', '078051120']) assert.equal(E.isRight(parseSsn(ok)), true, ok)
  })

  test('every forbidden area (000, 666, 900–999) is ssn.never-issued naming the area, whatever the group and serial', () => {
    const area = fc.oneof(fc.constantFrom('000', '666'), fc.integer({ min: 900, max: 999 }).map(String))
    fc.assert(
      fc.property(area, digits(2), digits(4), fc.boolean(), (a, g, s, dashed) => {
        const e = left(parseSsn(dashed ? `${a}-${g}-${s}` : `${a}${g}${s}`))
        assert.deepEqual([e.code, e.field, e['part'], e['value']], ['ssn.never-issued', 'ssn', 'area', a])
        assert.match(e.rule, new RegExp(`^ssn must be a number the Social Security Administration issues \\(${a} is never issued as an SSN area number\\)$`))
      })
    )
  })

  test('group 00 (with an issued area) is ssn.never-issued naming the group; serial 0000 (with an issued area and group) names the serial', () => {
    fc.assert(
      fc.property(validSsn, (ssn) => {
        const group = left(parseSsn(`${ssn.slice(0, 3)}-00-${ssn.slice(5)}`, 'ssn'))
        assert.deepEqual([group.code, group.field, group['part'], group['value']], ['ssn.never-issued', 'ssn', 'group', '00'])
        assert.match(group.rule, /\(00 is never issued as an SSN group number\)$/)
        const serial = left(parseSsn(`${ssn.slice(0, 5)}0000`, 'applicant.ssn'))
        assert.deepEqual([serial.code, serial.field, serial['part'], serial['value']], ['ssn.never-issued', 'applicant.ssn', 'serial', '0000'])
        assert.match(serial.rule, /\(0000 is never issued as an SSN serial number\)$/)
      })
    )
  })

  test('an ITIN is a Tax ID but never an SSN', () => {
    assert.equal(E.isRight(parseTaxId('912-70-1234')), true)
    assert.equal(left(parseSsn('912-70-1234'))['part'], 'area')
  })

  test('other shapes are field.invalid naming the field; missing is field.required; a huge string is text.too-long', () => {
    for (const bad of ['12345678', '1234567890', '12-3456789', '1234-5-6789', '123-456-789', '123_45_6789', 'abc-de-fghi', '１２３-４５-６７８９', '123--45-6789', 123456789])
      assert.deepEqual([left(parseSsn(bad)).code, left(parseSsn(bad)).field], ['field.invalid', 'ssn'], String(bad))
    for (const missing of [undefined, null, '', '  ', '\t']) assert.equal(left(parseSsn(missing)).code, 'field.required')
    assert.equal(left(parseSsn('1'.repeat(1 << 20))).code, 'text.too-long')
  })

  test('anything at all: an Either naming the field, never a throw; a success is nine digits of an issued shape', () => {
    fc.assert(
      fc.property(fc.oneof(anyInput, anyText({ maxLength: 20 }), fc.stringMatching(/^[0-9 -]{7,14}$/)), (input) => {
        const r = parseSsn(input, 'ssn')
        if (E.isLeft(r)) assert.ok(isDomainError(r.left) && r.left.field === 'ssn')
        else assert.match(r.right, /^(?!000|666|9)\d{3}(?!00)\d{2}(?!0000)\d{4}$/)
      }),
      { numRuns: 500 }
    )
  })

  test('SsnCodec: decodes every spelling to the digits, is() only the canonical form, encodes unchanged; failures carry the domain error', () => {
    fc.assert(
      fc.property(validSsn.chain((ssn) => fc.tuple(fc.constant(ssn), ssnTyped(ssn))), ([ssn, typed]) => {
        assert.deepEqual(SsnCodec.decode(typed), E.right(ssn))
        assert.equal(SsnCodec.is(ssn), true)
        assert.equal(SsnCodec.is(typed), typed === ssn)
        assert.equal(SsnCodec.encode(ssn), ssn)
      })
    )
    const r = SsnCodec.decode('666-12-3456')
    if (E.isRight(r)) assert.fail('666 accepted')
    assert.equal(domainErrorsOf(r.left)[0].code, 'ssn.never-issued')
  })
})

describe('SsnOnFile', () => {
  test('holds exactly the masked last four and the keyed hash (purpose ssn): never the number, nor its first five digits', () => {
    fc.assert(
      fc.property(validSsn, (ssn) => {
        const onFile = ssnOnFile(hasher, ssn)
        assert.deepEqual(Object.keys(onFile).sort(), ['hash', 'last4Masked'])
        assert.equal(onFile.last4Masked, `***-**-${ssn.slice(5)}`)
        assert.equal(onFile.hash, hasher.digest(SSN_PURPOSE, ssn))
        const json = JSON.stringify(onFile)
        for (const form of [ssn, `${ssn.slice(0, 3)}-${ssn.slice(3, 5)}-${ssn.slice(5)}`, `${ssn.slice(0, 3)}-${ssn.slice(3, 5)}`]) assert.ok(!json.includes(form), form)
        assert.ok(!onFile.last4Masked.includes(ssn.slice(0, 5)))
        // keyed: not a plain digest anyone could compute from the number, and not the Tax ID hash of the same digits
        assert.notEqual(onFile.hash, createHash('sha256').update(ssn).digest('hex'))
        assert.notEqual(onFile.hash, hasher.digest('tax-id', ssn))
      })
    )
  })

  test('matches the same number again and no other; two numbers sharing the last four share the mask, not the hash', () => {
    fc.assert(
      fc.property(validSsn, validSsn, (a, b) => {
        const onFile = ssnOnFile(hasher, a)
        assert.equal(ssnMatches(hasher, onFile, a), true)
        assert.equal(ssnMatches(hasher, onFile, b), a === b)
        const twin = `${b.slice(0, 5)}${a.slice(5)}` as Ssn
        assert.equal(ssnOnFile(hasher, twin).last4Masked, onFile.last4Masked)
        assert.equal(ssnOnFile(hasher, twin).hash === onFile.hash, twin === a)
      })
    )
  })
})

// -------------------------------------------------------------------------------------
// PTAN
// -------------------------------------------------------------------------------------

describe('parsePtan', () => {
  test('every PTAN is accepted in any letter case, with blanks around, as upper case', () => {
    fc.assert(
      fc.property(
        validPtan.chain((p) => fc.tuple(fc.constant(p), caseVariantOf(p), fc.constantFrom('', ' ', '\t'), fc.constantFrom('', ' ', '\n'))),
        ([ptan, variant, lead, trail]) => {
          assert.deepEqual(parsePtan(lead + variant + trail), E.right(ptan))
          assert.deepEqual(PtanCodec.decode(variant), E.right(ptan))
          assert.equal(PtanCodec.is(ptan), true)
          assert.equal(PtanCodec.encode(ptan), ptan)
        }
      ),
      { numRuns: 500 }
    )
    for (const part of ['123456', 'AB12CD34EF', 'c00123']) assert.equal(E.isRight(parsePtan(part)), true, part)
  })

  test('too short, too long, or any character but an ASCII letter or digit is field.invalid naming the field', () => {
    const bad = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9]{1,5}$/),
      fc.stringMatching(/^[A-Za-z0-9]{11,20}$/),
      fc.tuple(fc.stringMatching(/^[A-Z0-9]{3,5}$/), fc.constantFrom('-', ' ', '.', '/', 'ß', 'é', 'İ', 'Ａ', '０', '_'), fc.stringMatching(/^[A-Z0-9]{3,4}$/)).map(
        ([a, c, b]) => a + c + b
      )
    )
    fc.assert(
      fc.property(bad, fc.constantFrom('ptan', 'clinician.ptan'), (typed, field) => {
        const e = left(parsePtan(typed, field))
        assert.deepEqual([e.code, e.field], ['field.invalid', field], typed)
        assert.match(e.rule, new RegExp(`^${field.replace('.', '\\.')} must be 6 to 10 letters or digits`))
      })
    )
    assert.equal(left(parsePtan('ßßßßßß')).code, 'field.invalid')
    for (const missing of [undefined, null, '', ' ']) assert.equal(left(parsePtan(missing)).code, 'field.required')
  })

  test('anything at all: an Either naming the field, never a throw; a success is 6 to 10 upper-case letters or digits', () => {
    fc.assert(
      fc.property(fc.oneof(anyInput, anyText({ maxLength: 14 })), (input) => {
        const r = parsePtan(input)
        if (E.isLeft(r)) assert.ok(isDomainError(r.left) && r.left.field === 'ptan')
        else assert.match(r.right as Ptan, /^[A-Z0-9]{6,10}$/)
      }),
      { numRuns: 500 }
    )
  })
})
