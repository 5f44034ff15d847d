/**
 * The password check's fast path (one pass over a Latin-1 password's char
 * codes, a class table per policy) says exactly what the code-point path
 * says, for every policy shape: the presets, random subsets of classes, a
 * class given by a test of its own, and more classes than a bit mask holds.
 * And the whole verdict of `violations` on a password is the one it gives
 * the same password reached through the slow path (a non-Latin-1 suffix
 * cannot change a Latin-1 prefix's facts, so that is checked through the
 * facts directly).
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { latin1Facts, codePointFacts, characterFacts, isBlocklisted, latin1LowerHash } from '../../src/credentials/password-characters'
import { COMMON_PASSWORDS } from '../../src/credentials/common-passwords'
import { azureB2cStrong, B2C_SYMBOLS, CharacterClass, nist80063b4, PasswordPolicy, violations } from '../../src/credentials/password-policy'

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
const latin1Arb = fc.string({ unit: fc.integer({ min: 0, max: 0xff }).map((n) => String.fromCharCode(n)), maxLength: 80 })
const anyArb = fc.string({ unit: 'binary', maxLength: 40 })

describe('password characters: the Latin-1 fast path', () => {
  test('a Latin-1 string is NFC already: every character, and every pair of characters, normalises to itself', () => {
    let pairs = 0
    for (let a = 0; a < 256; a++) {
      const first = String.fromCharCode(a)
      assert.equal(first.normalize('NFC'), first)
      for (let b = 0; b < 256; b++) {
        const pair = first + String.fromCharCode(b)
        assert.equal(pair.normalize('NFC'), pair)
        pairs++
      }
    }
    assert.equal(pairs, 65536)
  })

  test('agrees with the code-point path on every ASCII and every Latin-1 password, for every policy shape', () => {
    fc.assert(
      fc.property(policyArb, fc.oneof(asciiArb, latin1Arb), (policy, password) => {
        assert.deepEqual(latin1Facts(policy, password), codePointFacts(policy, password))
      }),
      { numRuns: 3000 }
    )
  })

  test('the presets agree too (their tables are built once and kept)', () => {
    fc.assert(
      fc.property(fc.constantFrom(azureB2cStrong, nist80063b4({ withMultiFactor: true }), nist80063b4({ withMultiFactor: false })), fc.oneof(asciiArb, latin1Arb), (policy, password) => {
        assert.deepEqual(latin1Facts(policy, password), codePointFacts(policy, password))
      }),
      { numRuns: 2000 }
    )
  })

  test('a password that is not Latin-1 takes the code-point path', () => {
    fc.assert(
      fc.property(policyArb, fc.oneof(anyArb, latin1Arb.map((s) => `${s}\u0301`), latin1Arb.map((s) => `${s}\u212a`)), (policy, password) => {
        const latin1 = [...password].every((c) => c.charCodeAt(0) < 256)
        assert.equal(latin1Facts(policy, password) === undefined, !latin1)
        assert.deepEqual(characterFacts(policy, password), codePointFacts(policy, password))
      }),
      { numRuns: 2000 }
    )
  })

  test('a policy with more classes than a bit mask holds takes the code-point path', () => {
    const many: PasswordPolicy = { ...azureB2cStrong, classes: Array.from({ length: 40 }, (_, i) => ({ name: `c${i}`, test: (c: string) => c.charCodeAt(0) % 40 === i })), minClasses: 35 }
    assert.equal(latin1Facts(many, 'abc'), undefined)
    assert.deepEqual(characterFacts(many, 'abcdefghij'), { length: 10, found: 10, foreign: false })
  })
})

// -------------------------------------------------------------------------------------
// the whole verdict, against the rules written out plainly
// -------------------------------------------------------------------------------------

/** The rules as first written (an array of code points, a pattern a character, every text built each time): what the fast check must still say, word for word. */
const referenceViolations = (policy: PasswordPolicy, password: string, username: string | undefined, field: string): ReadonlyArray<object> => {
  const nfc = Array.from(password.normalize('NFC'))
  const out: object[] = []
  if (nfc.length < policy.minLength) out.push({ code: 'password.too-short', field, rule: `${field} must be at least ${policy.minLength} characters`, minimum: policy.minLength })
  if (nfc.length > policy.maxLength) out.push({ code: 'password.too-long', field, rule: `${field} must be at most ${policy.maxLength} characters`, maximum: policy.maxLength })
  const found = policy.classes.filter((k) => nfc.some((c) => k.test(c))).length
  if (policy.minClasses > 0 && found < policy.minClasses)
    out.push({ code: 'password.too-few-classes', field, rule: `${field} must contain ${policy.minClasses} of: ${policy.classes.map((k) => k.name).join(', ')}`, required: policy.minClasses, found })
  const others = [...new Set(Array.from(password).filter((c) => !policy.classes.some((k) => k.test(c))))]
  if (policy.onlyClassCharacters && others.length > 0) {
    const shown = others.map((c) => (c === ' ' ? 'space' : /[\p{L}\p{N}\p{P}\p{S}]/u.test(c) ? c : `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`))
    out.push({ code: 'password.disallowed-character', field, rule: `${field} may contain only letters, numbers and the symbols ${B2C_SYMBOLS}`, characters: shown.join(' ') })
  }
  if (policy.blocklist.has(password.toLowerCase())) out.push({ code: 'password.blocklisted', field, rule: `${field} must not be a commonly used or breached password` })
  if (policy.rejectUsername && username !== undefined && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase()))
    out.push({ code: 'password.contains-username', field, rule: `${field} must not contain the username` })
  return out
}

describe('password check: the whole verdict', () => {
  const presets = fc.constantFrom(azureB2cStrong, nist80063b4({ withMultiFactor: true }), nist80063b4({ withMultiFactor: false }))
  const anyPolicy = fc.oneof(presets, policyArb.map((p) => ({ ...p, blocklist: new Set(['password1', 'letmein!']), rejectUsername: true })))
  const password = fc.oneof(asciiArb, latin1Arb, anyArb, fc.constantFrom('Password1', 'LetMeIn!', 'ana.lopez#2026', 'K\u212a\u00a0\u200b\u{1F600} x', '\u037e;\u1fef`', 'lone \ud800 and \udc00 surrogates \ud800', '\u{1F600}\u{1F600}é\u0301 x'))
  const field = fc.constantFrom('password', 'newPassword', 'pin')
  test('errors, their order, rules and details are the ones the plain rules give, for every policy shape, password, username and field', () => {
    fc.assert(
      fc.property(anyPolicy, password, fc.option(fc.constantFrom('ana.lopez', 'ab', 'LETME'), { nil: undefined }), field, (policy, pw, username, name) => {
        const context = username === undefined ? {} : { username }
        assert.deepEqual(violations(policy, pw, context, name), referenceViolations(policy, pw, username, name))
      }),
      { numRuns: 4000 }
    )
  })
})

describe('password characters: the blocklist', () => {
  const latin1Lower = (s: string) => ([...s].every((c) => c.charCodeAt(0) < 256) ? s.toLowerCase() : undefined)
  test('the hash is of the lower case exactly as toLowerCase makes it, for every Latin-1 character', () => {
    for (let code = 0; code < 256; code++) {
      const c = String.fromCharCode(code)
      assert.equal(latin1LowerHash(c), latin1LowerHash(c.toLowerCase()), `U+${code.toString(16)}`)
      assert.equal(c.toLowerCase().length, 1)
      assert.ok(c.toLowerCase().charCodeAt(0) < 256)
    }
  })
  test('is exactly blocklist.has(password.toLowerCase()), for any blocklist and password', () => {
    const entry = fc.oneof(asciiArb, latin1Arb, anyArb, fc.constantFrom(...[...COMMON_PASSWORDS].slice(0, 20)))
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), fc.oneof(entry, entry.map((s) => s.toUpperCase()), fc.constantFrom('PASSWORD', 'Qwerty123', 'İstanbul', 'STRAßE')), (entries, password) => {
        const blocklist = new Set(entries)
        assert.equal(isBlocklisted(blocklist, password), blocklist.has(password.toLowerCase()))
        assert.equal(isBlocklisted(COMMON_PASSWORDS, password), COMMON_PASSWORDS.has(password.toLowerCase()))
        if (latin1Lower(password) === undefined) assert.equal(latin1LowerHash(password), undefined)
      }),
      { numRuns: 3000 }
    )
    for (const p of COMMON_PASSWORDS) assert.ok(isBlocklisted(COMMON_PASSWORDS, p.toUpperCase()) === COMMON_PASSWORDS.has(p.toUpperCase().toLowerCase()))
  })
})
