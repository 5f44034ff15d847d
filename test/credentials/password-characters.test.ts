/**
 * The password check's fast path (one pass over an ASCII password's char
 * codes, a class table per policy) says exactly what the code-point path
 * says, for every policy shape: the presets, random subsets of classes, a
 * class given by a test of its own, and more classes than a bit mask holds.
 * And the whole verdict of `violations` on a password is the one it gives
 * the same password reached through the slow path (a non-ASCII suffix
 * cannot change an ASCII prefix's facts, so that is checked through the
 * facts directly).
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { asciiFacts, codePointFacts, characterFacts } from '../../src/credentials/password-characters'
import { azureB2cStrong, CharacterClass, nist80063b4, PasswordPolicy } from '../../src/credentials/password-policy'

const CLASSES: ReadonlyArray<CharacterClass> = [
  ...azureB2cStrong.classes,
  { name: 'space', test: (c) => c === ' ' },
  { name: 'vowel', test: (c) => 'aeiouAEIOU'.includes(c) },
  { name: 'letter (any script)', test: (c) => /^\p{L}$/u.test(c) }
]

const policyArb: fc.Arbitrary<PasswordPolicy> = fc
  .record({
    classes: fc.subarray([...CLASSES]),
    minClasses: fc.integer({ min: 0, max: 4 }),
    onlyClassCharacters: fc.boolean()
  })
  .map((r) => ({ ...azureB2cStrong, name: 'random', ...r }))

const asciiArb = fc.string({ unit: 'binary-ascii', maxLength: 80 })
const anyArb = fc.string({ unit: 'binary', maxLength: 40 })

describe('password characters: the ASCII fast path', () => {
  test('agrees with the code-point path on every ASCII password, for every policy shape', () => {
    fc.assert(
      fc.property(policyArb, asciiArb, (policy, password) => {
        assert.deepEqual(asciiFacts(policy, password), codePointFacts(policy, password))
      }),
      { numRuns: 3000 }
    )
  })

  test('the presets agree too (their tables are built once and kept)', () => {
    fc.assert(
      fc.property(fc.constantFrom(azureB2cStrong, nist80063b4({ withMultiFactor: true }), nist80063b4({ withMultiFactor: false })), asciiArb, (policy, password) => {
        assert.deepEqual(asciiFacts(policy, password), codePointFacts(policy, password))
      }),
      { numRuns: 2000 }
    )
  })

  test('a password that is not ASCII takes the code-point path', () => {
    fc.assert(
      fc.property(policyArb, anyArb, (policy, password) => {
        const ascii = [...password].every((c) => c.charCodeAt(0) < 128)
        assert.equal(asciiFacts(policy, password) === undefined, !ascii)
        assert.deepEqual(characterFacts(policy, password), codePointFacts(policy, password))
      }),
      { numRuns: 2000 }
    )
  })

  test('a policy with more classes than a bit mask holds takes the code-point path', () => {
    const many: PasswordPolicy = { ...azureB2cStrong, classes: Array.from({ length: 40 }, (_, i) => ({ name: `c${i}`, test: (c: string) => c.charCodeAt(0) % 40 === i })), minClasses: 35 }
    assert.equal(asciiFacts(many, 'abc'), undefined)
    assert.deepEqual(characterFacts(many, 'abcdefghij'), { length: 10, found: 10, foreign: false })
  })
})
