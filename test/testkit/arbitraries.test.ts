/**
 * The testkit's arbitraries agree with the codecs and policies they stand for:
 * every generated value parses (to itself), decodes with the io-ts codec, and
 * passes the codec's `is` guard.
 */
import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import {
  dateOfBirthCodec,
  EmailAddressCodec,
  memberIdCodec,
  memberIdParser,
  parseDateOfBirth,
  parseEmailAddress,
  parsePersonName,
  parseUsername,
  PersonNameCodec,
  representativeIdCodec,
  representativeIdParser,
  UsernameCodec
} from '../../src/kernel'
import { azureB2cStrong, checkNewPassword, normaliseCodeInput, b2cEmailCode, violations } from '../../src/credentials'
import { memberIdFormat, representativeIdFormat } from '../../src/portals/hpp'
import {
  B2C_CLASSES,
  b2cStrongPassword,
  caseVariantOf,
  codeDigits,
  codeOfLength,
  hppMemberId,
  hppRepresentativeId,
  identifierOf,
  passwordOfClasses,
  typedDate,
  typedIdentifier,
  validDateOfBirth,
  validEmailAddress,
  validPersonName,
  validUsername
} from '../../src/testkit'

const TODAY = '2026-11-22'

describe('testkit: arbitraries agree with codecs', () => {
  test('validUsername: parseUsername returns it unchanged; UsernameCodec decodes it and `is` accepts it', () => {
    fc.assert(
      fc.property(validUsername, (u) => {
        assert.deepEqual(parseUsername(u), E.right(u))
        assert.deepEqual(UsernameCodec.decode(u), E.right(u))
        assert.equal(UsernameCodec.is(u), true)
      })
    )
  })

  test('validEmailAddress: parseEmailAddress returns it unchanged; EmailAddressCodec agrees', () => {
    fc.assert(
      fc.property(validEmailAddress, (e) => {
        assert.deepEqual(parseEmailAddress(e), E.right(e))
        assert.deepEqual(EmailAddressCodec.decode(e), E.right(e))
        assert.equal(EmailAddressCodec.is(e), true)
      })
    )
  })

  test('validPersonName: parsePersonName returns it unchanged; PersonNameCodec agrees', () => {
    fc.assert(
      fc.property(validPersonName, (n) => {
        assert.deepEqual(parsePersonName(n), E.right(n))
        assert.deepEqual(PersonNameCodec.decode(n), E.right(n))
        assert.equal(PersonNameCodec.is(n), true)
      })
    )
  })

  test('validDateOfBirth(today): the ISO date parses to itself, and each typed format parses to it', () => {
    fc.assert(
      fc.property(
        validDateOfBirth(TODAY).chain((iso) => fc.tuple(fc.constant(iso), typedDate(iso))),
        ([iso, typed]) => {
          assert.deepEqual(parseDateOfBirth(TODAY)(iso), E.right(iso))
          assert.deepEqual(parseDateOfBirth(TODAY)(typed), E.right(iso))
          assert.deepEqual(dateOfBirthCodec(TODAY).decode(typed), E.right(iso))
          assert.equal(dateOfBirthCodec(TODAY).is(iso), true)
        }
      )
    )
  })

  test('hppMemberId and hppRepresentativeId: canonical IDs parse to themselves; typed variants parse to the canonical form', () => {
    const member = memberIdParser(memberIdFormat)
    const rep = representativeIdParser(representativeIdFormat)
    fc.assert(
      fc.property(
        hppMemberId.chain((id) => fc.tuple(fc.constant(id), typedIdentifier(id))),
        hppRepresentativeId.chain((id) => fc.tuple(fc.constant(id), typedIdentifier(id))),
        ([m, typedM], [r, typedR]) => {
          assert.deepEqual(member(m), E.right(m))
          assert.deepEqual(member(typedM), E.right(m))
          assert.deepEqual(memberIdCodec(memberIdFormat).decode(typedM), E.right(m))
          assert.equal(memberIdCodec(memberIdFormat).is(m), true)
          assert.deepEqual(rep(r), E.right(r))
          assert.deepEqual(rep(typedR), E.right(r))
          assert.equal(representativeIdCodec(representativeIdFormat).is(r), true)
        }
      )
    )
  })

  test('identifierOf(format) generates IDs the format accepts', () => {
    fc.assert(
      fc.property(identifierOf(memberIdFormat), identifierOf(representativeIdFormat), (m, r) => {
        assert.ok(E.isRight(memberIdParser(memberIdFormat)(m)))
        assert.ok(E.isRight(representativeIdParser(representativeIdFormat)(r)))
      })
    )
  })

  test('b2cStrongPassword: azureB2cStrong never finds a violation; checkNewPassword accepts it with its confirmation', () => {
    fc.assert(
      fc.property(b2cStrongPassword, (p) => {
        assert.deepEqual(violations(azureB2cStrong, p), [])
        assert.deepEqual(checkNewPassword(azureB2cStrong)(p, p), E.right(p))
      })
    )
  })

  test('b2cStrongPassword covers the whole range: lengths 8 and 64 and every class appear', () => {
    const seen = { min: Infinity, max: -Infinity, classes: new Set<string>() }
    for (const p of fc.sample(b2cStrongPassword, { numRuns: 2000, seed: 7 })) {
      seen.min = Math.min(seen.min, p.length)
      seen.max = Math.max(seen.max, p.length)
      for (const [k, chars] of Object.entries(B2C_CLASSES)) if (Array.from(p).some((c) => chars.includes(c))) seen.classes.add(k)
    }
    assert.ok(seen.min <= 9 && seen.max >= 63, `lengths seen: ${seen.min}..${seen.max}`)
    assert.deepEqual([...seen.classes].sort(), Object.keys(B2C_CLASSES).sort())
  })

  test('passwordOfClasses with fewer than 3 classes is always refused for too few classes', () => {
    fc.assert(
      fc.property(
        fc.subarray(['lowercase', 'uppercase', 'digit', 'symbol'] as const, { minLength: 1, maxLength: 2 }).chain((cs) =>
          passwordOfClasses(cs, { minLength: 8, maxLength: 64 })
        ),
        (p) => {
          assert.ok(violations(azureB2cStrong, p).some((e) => e.code === 'password.too-few-classes'))
        }
      )
    )
  })

  test('codeDigits and codeOfLength: always the policy shape normaliseCodeInput accepts', () => {
    fc.assert(
      fc.property(codeDigits, fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(fc.constant(n), codeOfLength(n))), (c, [n, cn]) => {
        assert.match(c, /^[0-9]{6}$/)
        assert.deepEqual(normaliseCodeInput(b2cEmailCode, c), E.right(c))
        assert.equal(cn.length, n)
        assert.deepEqual(normaliseCodeInput({ ...b2cEmailCode, digits: n }, cn), E.right(cn))
      })
    )
  })

  test('caseVariantOf only changes letter case', () => {
    fc.assert(
      fc.property(validUsername.chain((u) => fc.tuple(fc.constant(u), caseVariantOf(u))), ([u, v]) => {
        assert.equal(v.toLowerCase(), u.toLowerCase())
        assert.equal(v.length, u.length)
      })
    )
  })
})
