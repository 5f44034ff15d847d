/**
 * The testkit's prior-authorization arbitraries agree with the codecs: every
 * generated NPI, Place of Service, ICD-10-CM and procedure code parses to
 * itself, decodes with its io-ts codec and passes the codec's `is` guard.
 */
import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { NpiCodec, parseNpi } from '../../src/kernel'
import {
  classifyProcedureCode,
  IcdCodeCodec,
  parseIcdCode,
  parsePlaceOfServiceCode,
  parseProcedureCode,
  PLACES_OF_SERVICE,
  PlaceOfServiceCodeCodec,
  ProcedureCodeCodec
} from '../../src/prior-authorization'
import { validClassifiedProcedureCode, validIcdCode, validNpi, validPlaceOfServiceCode, validProcedureCode } from '../../src/testkit'

const agrees = <A extends string>(arb: fc.Arbitrary<A>, parse: (u: unknown) => E.Either<unknown, A>, codec: t.Type<A, string, unknown>) =>
  fc.assert(
    fc.property(arb, (a) => {
      assert.deepEqual(parse(a), E.right(a))
      assert.deepEqual(codec.decode(a), E.right(a))
      assert.ok(codec.is(a))
      assert.equal(codec.encode(a), a)
    }),
    { numRuns: 300 }
  )

describe('testkit: prior-authorization arbitraries agree with codecs', () => {
  test('validNpi ⇔ parseNpi / NpiCodec', () => agrees(validNpi, (u) => parseNpi(u), NpiCodec))
  test('validPlaceOfServiceCode ⇔ parsePlaceOfServiceCode / PlaceOfServiceCodeCodec, and it reaches every code', () => {
    agrees(validPlaceOfServiceCode, (u) => parsePlaceOfServiceCode(u), PlaceOfServiceCodeCodec)
    const seen = new Set(fc.sample(validPlaceOfServiceCode, 2000))
    assert.equal(seen.size, PLACES_OF_SERVICE.length)
  })
  test('validIcdCode ⇔ parseIcdCode / IcdCodeCodec; it yields 3- to 7-character codes and X placeholders', () => {
    agrees(validIcdCode, (u) => parseIcdCode(u), IcdCodeCodec)
    const sample = fc.sample(validIcdCode, 2000)
    const lengths = new Set(sample.map((c) => c.replace('.', '').length))
    assert.deepEqual([...lengths].sort(), [3, 4, 5, 6, 7])
    assert.ok(sample.some((c) => /^.{4}.*X.+$/.test(c.replace('.', ''))), 'some placeholders')
  })
  test('validProcedureCode ⇔ parseProcedureCode / ProcedureCodeCodec; validClassifiedProcedureCode ⇔ classifyProcedureCode', () => {
    agrees(validProcedureCode, (u) => parseProcedureCode(u), ProcedureCodeCodec)
    fc.assert(fc.property(validClassifiedProcedureCode, (p) => assert.deepEqual(classifyProcedureCode(p.code), E.right(p))))
    const systems = new Set(fc.sample(validClassifiedProcedureCode, 500).map((p) => p.system))
    assert.deepEqual([...systems].sort(), ['cpt-category-i', 'cpt-category-ii', 'cpt-category-iii', 'cpt-pla', 'hcpcs-level-ii'])
  })
})
