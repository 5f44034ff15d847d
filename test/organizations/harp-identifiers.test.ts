/**
 * The PTAN and SSN parsers of HARP's organisation modules
 * (src/organizations/harp-identifiers.ts), to `../shared/REFERENCE.md`'s
 * formats: a PTAN is 6 to 10 letters or digits (read in upper case); an SSN
 * is nine digits, bare or 123-45-6789, never area 000, 666 or 900–999,
 * group 00 or serial 0000.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { parsePtan, parseSsn } from '../../src/organizations/harp-identifiers'

describe('PTAN', () => {
  test('6 to 10 letters or digits, read in upper case', () => {
    assert.deepEqual(parsePtan('123456'), E.right('123456'))
    assert.deepEqual(parsePtan(' ab12cd34ef '), E.right('AB12CD34EF'))
    for (const bad of ['12345', 'AB12CD34EF1', 'AB-1234', 'ÄB1234', '', null, 42]) assert.ok(E.isLeft(parsePtan(bad)), String(bad))
  })

  test('whatever is typed: an upper-case alphanumeric of 6 to 10, or a refusal naming the field', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[A-Za-z0-9]{4,12}$/)), (s) => {
        const r = parsePtan(s, 'individualPtan')
        if (E.isRight(r)) assert.match(r.right, /^[A-Z0-9]{6,10}$/)
        else assert.equal(r.left.field, 'individualPtan')
      })
    )
  })
})

describe('SSN', () => {
  test('bare or dashed, never an area, group or serial the SSA does not issue', () => {
    assert.deepEqual(parseSsn('219-09-9999'), E.right('219099999'))
    assert.deepEqual(parseSsn('219099999'), E.right('219099999'))
    for (const bad of ['000-12-3456', '666-12-3456', '912-34-5678', '123-00-4567', '123-45-0000', '12-3456789', '1234567890', '']) {
      const r = parseSsn(bad)
      assert.ok(E.isLeft(r), bad)
      assert.equal(r.left.field, 'ssn')
    }
  })
})
