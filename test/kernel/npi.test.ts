/**
 * NPI (src/kernel/npi.ts): ten digits, first 1 or 2, Luhn check digit over
 * 80840 + the first nine (REFERENCE.md "Identifiers").
 */
import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { domainErrorsOf, isDomainError, npiCheckDigit, NpiCodec, parseNpi } from '../../src/kernel'
import { anyInput, validNpi } from '../../src/testkit'

/** Plain Luhn over a digit string whose last digit is the check digit. */
const luhnValid = (digits: string): boolean => {
  let sum = 0
  for (let i = digits.length - 1, dbl = false; i >= 0; i--, dbl = !dbl) {
    let d = Number(digits[i])
    if (dbl) d = d * 2 > 9 ? d * 2 - 9 : d * 2
    sum += d
  }
  return sum % 10 === 0
}

describe('NPI', () => {
  test('the REFERENCE examples: 1234567893 is valid, 1234567890 is not (the error names the field and the check digit)', () => {
    assert.deepEqual(parseNpi('1234567893'), E.right('1234567893'))
    assert.equal(npiCheckDigit('123456789'), 3)
    const r = parseNpi('1234567890', 'requestingProvider.npi')
    assert.ok(E.isLeft(r))
    assert.equal(r.left.code, 'field.invalid')
    assert.equal(r.left.field, 'requestingProvider.npi')
    assert.match(r.left.rule, /check digit/)
  })

  test('every generated valid NPI parses to itself, decodes with the codec, and is Luhn-valid with the 80840 prefix', () => {
    fc.assert(
      fc.property(validNpi, (npi) => {
        assert.deepEqual(parseNpi(npi), E.right(npi))
        assert.deepEqual(NpiCodec.decode(npi), E.right(npi))
        assert.ok(NpiCodec.is(npi))
        assert.ok(luhnValid(`80840${npi}`), npi)
        // "equivalently: Luhn over the nine digits, plus 24"
        let sum = 24
        for (let i = 8, dbl = true; i >= 0; i--, dbl = !dbl) {
          const d = Number(npi[i])
          sum += dbl ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d
        }
        assert.equal((10 - (sum % 10)) % 10, Number(npi[9]))
      }),
      { numRuns: 500 }
    )
  })

  test('changing any one digit of a valid NPI makes it invalid; a first digit kept at 1 or 2 fails on the check digit', () => {
    fc.assert(
      fc.property(validNpi, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (npi, at, delta) => {
        const changed = String((Number(npi[at]) + delta) % 10)
        const typo = npi.slice(0, at) + changed + npi.slice(at + 1)
        const r = parseNpi(typo)
        assert.ok(E.isLeft(r), `${npi} → ${typo} was accepted`)
        if (typo[0] === '1' || typo[0] === '2') assert.match(r.left.rule, /check digit/)
        else assert.match(r.left.rule, /start with 1 or 2/)
      }),
      { numRuns: 500 }
    )
  })

  test('spaces and dashes are dropped; other shapes (wrong length, letters, first digit not 1 or 2) are refused with a rule', () => {
    assert.deepEqual(parseNpi(' 123-456-7893 '), E.right('1234567893'))
    assert.deepEqual(parseNpi('12345 67893'), E.right('1234567893'))
    for (const bad of ['123456789', '12345678933', '123456789A', '3234567893', '0000000000', '１２３４５６７８９３']) {
      const r = parseNpi(bad)
      assert.ok(E.isLeft(r) && r.left.code === 'field.invalid' && r.left.field === 'npi', bad)
    }
    assert.ok(E.isLeft(parseNpi('')) && (parseNpi('') as E.Left<{ code: string }>).left.code === 'field.required')
  })

  test('parseNpi and NpiCodec never throw; errors are domain errors naming the field', () => {
    fc.assert(
      fc.property(fc.oneof(anyInput, fc.stringMatching(/^[0-9 -]{0,14}$/), validNpi), (u) => {
        const r = parseNpi(u, 'npi')
        if (E.isLeft(r)) assert.ok(isDomainError(r.left) && r.left.field === 'npi')
        else assert.deepEqual(parseNpi(r.right), r)
        const d = NpiCodec.decode(u)
        if (E.isLeft(d)) for (const e of domainErrorsOf(d.left)) assert.equal(e.field, 'npi')
        if (NpiCodec.is(u)) assert.deepEqual(d, E.right(u))
      }),
      { numRuns: 300 }
    )
  })

  test('npiCheckDigit refuses anything but nine digits', () => {
    for (const s of ['', '12345678', '1234567890', '12345678a']) assert.equal(npiCheckDigit(s), undefined)
  })
})
