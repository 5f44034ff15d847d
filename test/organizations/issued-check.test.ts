/**
 * HealthPartners-issued checks (src/organizations/issued-check.ts): check and
 * vendor numbers as people type them, and the match of a proof against the
 * check found under its number. Any one part wrong gets the same refusal,
 * which names no field (it must not tell which part was wrong).
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import type { DomainError } from '../../src/kernel/errors'
import type { Npi } from '../../src/kernel/npi'
import type { KeyedHash } from '../../src/ports/keyed-hasher'
import { CheckNumber, CheckProof, checkNotMatched, IssuedCheck, matchCheck, parseCheckNumber, parseVendorNumber, VendorNumber } from '../../src/organizations/issued-check'
import { validNpi } from '../../src/testkit'

const checkNumber = fc.stringMatching(/^\d{6,12}$/).map((s) => s as CheckNumber)
const vendorNumber = fc.stringMatching(/^[A-Z0-9]{4,12}$/).map((s) => s as VendorNumber)
const hash = fc.stringMatching(/^[0-9a-f]{64}$/).map((h) => h as KeyedHash)
const codeOf = (r: E.Either<DomainError, unknown>): string => (E.isLeft(r) ? r.left.code : 'ok')

/** Inserts blanks (and, for check numbers, a leading #) the way people type them. */
const typedWith = (s: string, separators: ReadonlyArray<string>): string => s.split('').map((c, i) => c + (separators[i] ?? '')).join('')

describe('parseCheckNumber', () => {
  test('6 to 12 digits as printed; blanks and a leading # ignored', () => {
    fc.assert(
      fc.property(checkNumber, fc.array(fc.constantFrom('', ' ', '  '), { maxLength: 12 }), fc.constantFrom('', '#', '# ', ' #'), (n, blanks, hash) => {
        assert.deepEqual(parseCheckNumber(`${hash}${typedWith(n, blanks)} `), E.right(n))
      })
    )
  })

  test('fewer than 6 or more than 12 digits, or anything but digits, is field.invalid naming the field and what is expected', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.stringMatching(/^\d{1,5}$/), fc.stringMatching(/^\d{13,20}$/), fc.stringMatching(/^\d{3,6}[A-Za-z.\-/]\d{2,6}$/)),
        fc.constantFrom('checkNumber', 'client.checkNumber'),
        (bad, field) => {
          const r = parseCheckNumber(bad, field)
          assert.ok(E.isLeft(r), bad)
          assert.deepEqual([r.left.code, r.left.field], ['field.invalid', field])
          assert.match((r.left as DomainError & { expected: string }).expected, /6 to 12 digit check number/)
        }
      )
    )
    for (const missing of [undefined, null, '', '  ']) assert.equal(codeOf(parseCheckNumber(missing)), 'field.required')
    assert.equal(codeOf(parseCheckNumber(100200300)), 'field.invalid', 'a number is not the text typed')
    assert.equal(codeOf(parseCheckNumber('1'.repeat(1 << 20))), 'text.too-long')
  })
})

describe('parseVendorNumber', () => {
  test('4 to 12 letters or digits, upper-cased, blanks ignored', () => {
    fc.assert(
      fc.property(vendorNumber, fc.array(fc.constantFrom('', ' '), { maxLength: 12 }), fc.boolean(), (v, blanks, lower) => {
        const typed = typedWith(lower ? v.toLowerCase() : v, blanks)
        assert.deepEqual(parseVendorNumber(` ${typed}`), E.right(v))
      })
    )
  })

  test('too short, too long or with other characters is field.invalid naming the field', () => {
    for (const bad of ['V10', 'V'.repeat(13), 'V-1001', 'V_1001', 'Ü1001', '1001.']) {
      const r = parseVendorNumber(bad, 'vendorNumber')
      assert.ok(E.isLeft(r), bad)
      assert.deepEqual([r.left.code, r.left.field], ['field.invalid', 'vendorNumber'])
    }
    assert.equal(codeOf(parseVendorNumber(undefined)), 'field.required')
  })
})

// -------------------------------------------------------------------------------------
// matching
// -------------------------------------------------------------------------------------

/** A check and the proofs that match it: by NPI (if printed), by vendor number (if listed), or by Tax ID and number alone. */
const checkAndProofs = fc
  .record({ checkNumber, taxIdHash: hash, npi: fc.option(validNpi, { nil: null }), vendorNumber: fc.option(vendorNumber, { nil: null }), amountCents: fc.nat(), issuedOn: fc.constant('2026-01-15') })
  .map((check: IssuedCheck) => {
    const base = { taxIdHash: check.taxIdHash, checkNumber: check.checkNumber }
    const proofs: CheckProof[] = [base]
    if (check.npi !== null) proofs.push({ ...base, npi: check.npi })
    if (check.vendorNumber !== null) proofs.push({ ...base, vendorNumber: check.vendorNumber })
    return { check, proofs }
  })

describe('matchCheck', () => {
  test('a proof whose every part is on the check matches it', () => {
    fc.assert(
      fc.property(checkAndProofs, ({ check, proofs }) => {
        for (const proof of proofs) assert.deepEqual(matchCheck(proof, check), E.right(check))
      })
    )
  })

  test('any one part changed (Tax ID, check number, NPI, vendor number) gets the one refusal, naming no field', () => {
    fc.assert(
      fc.property(checkAndProofs, hash, checkNumber, validNpi, vendorNumber, fc.nat(), ({ check, proofs }, otherHash, otherNumber, otherNpi, otherVendor, pick) => {
        const proof = proofs[pick % proofs.length] as CheckProof
        const changed: CheckProof[] = []
        if (otherHash !== proof.taxIdHash) changed.push({ ...proof, taxIdHash: otherHash })
        if (otherNumber !== proof.checkNumber) changed.push({ ...proof, checkNumber: otherNumber })
        if ('npi' in proof && otherNpi !== proof.npi) changed.push({ ...proof, npi: otherNpi })
        if ('vendorNumber' in proof && otherVendor !== proof.vendorNumber) changed.push({ ...proof, vendorNumber: otherVendor })
        // an NPI where the check lists none, a vendor number where it lists none
        if (check.npi === null) changed.push({ taxIdHash: proof.taxIdHash, checkNumber: proof.checkNumber, npi: otherNpi })
        if (check.vendorNumber === null) changed.push({ taxIdHash: proof.taxIdHash, checkNumber: proof.checkNumber, vendorNumber: otherVendor })
        for (const wrong of changed) {
          const r = matchCheck(wrong, check)
          assert.ok(E.isLeft(r), JSON.stringify(wrong))
          assert.deepEqual(r.left, checkNotMatched())
          assert.equal('field' in r.left, false, 'the refusal names no field')
        }
      })
    )
  })

  test('no check under the number, or a check found under another number, is the same refusal', () => {
    fc.assert(
      fc.property(checkAndProofs, checkNumber, ({ check, proofs }, other) => {
        fc.pre(other !== check.checkNumber)
        for (const proof of proofs) {
          assert.deepEqual(matchCheck(proof, null), E.left(checkNotMatched()))
          assert.deepEqual(matchCheck(proof, { ...check, checkNumber: other }), E.left(checkNotMatched()))
        }
      })
    )
  })

  test('the NPI and the vendor number are compared as given, not loosely', () => {
    const check: IssuedCheck = { checkNumber: '100200300' as CheckNumber, taxIdHash: 'ab'.repeat(32) as KeyedHash, npi: '1234567893' as Npi, vendorNumber: 'V1001' as VendorNumber, amountCents: 125000, issuedOn: '2026-01-15' }
    const base = { taxIdHash: check.taxIdHash, checkNumber: check.checkNumber }
    assert.ok(E.isRight(matchCheck({ ...base, npi: '1234567893' as Npi }, check)))
    assert.ok(E.isLeft(matchCheck({ ...base, vendorNumber: 'v1001' as VendorNumber }, check)), 'parsing upper-cases; the match does not')
  })
})
