/**
 * Password policies (src/credentials/password-policy.ts): Azure AD B2C "Strong"
 * and NIST SP 800-63B-4, and the new-password check of the forms.
 */
import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import {
  azureB2cStrong,
  B2C_SYMBOLS,
  checkNewPassword,
  COMMON_PASSWORDS,
  nist80063b4,
  PasswordPolicy,
  violations
} from '../../src/credentials'
import { isDomainError } from '../../src/kernel/errors'
import { anyInput, anyText, B2C_CLASSES, B2cClass, b2cStrongPassword, passwordOfClasses } from '../../src/testkit'

const CLASS_NAMES = Object.keys(B2C_CLASSES) as B2cClass[]
const nistMfa = nist80063b4({ withMultiFactor: true })
const nistAlone = nist80063b4({ withMultiFactor: false })
const codesOf = (policy: PasswordPolicy, p: string, ctx: { username?: string } = {}): string[] =>
  violations(policy, p, ctx).map((e) => e.code)
const length = (p: string): number => Array.from(p.normalize('NFC')).length
const classesIn = (p: string): B2cClass[] => CLASS_NAMES.filter((k) => Array.from(p).some((c) => B2C_CLASSES[k].includes(c)))
const insertAt = (s: string, i: number, c: string): string => {
  const cs = Array.from(s)
  cs.splice(i % (cs.length + 1), 0, c)
  return cs.join('')
}

/** The only non-ASCII code points whose NFC form is ASCII: KELVIN SIGN → K, GREEK QUESTION MARK → ;, GREEK VARIA → `. */
const NFC_TO_ASCII = ['\u212a', '\u037e', '\u1fef']

/**
 * Characters B2C refuses: space, ASCII controls, `<` and `>` (the only printable
 * ASCII outside its four classes) and any non-ASCII code point (the three whose
 * NFC form is ASCII have a test of their own below).
 */
const disallowedChar = fc.oneof(
  fc.constantFrom(' ', '<', '>', '\t', '\n', '\u0000', '\u007f', '\u00a0'),
  fc
    .integer({ min: 0x80, max: 0x10ffff })
    .filter((cp) => (cp < 0xd800 || cp > 0xdfff) && !NFC_TO_ASCII.includes(String.fromCodePoint(cp)))
    .map((cp) => String.fromCodePoint(cp)),
  fc.constantFrom('é', 'ñ', 'ß', 'Ω', 'ж', '李', '😀', '\u200b', '\u0301', '\uff21' /* fullwidth A */)
)

describe('azureB2cStrong', () => {
  test('a length outside 8–64 is always rejected, with password.too-short or password.too-long', () => {
    const outside = fc.oneof(
      passwordOfClasses(CLASS_NAMES, { maxLength: 7 }),
      passwordOfClasses(CLASS_NAMES, { minLength: 65, maxLength: 200 }),
      anyText({ maxLength: 200 }).filter((p) => length(p) < 8 || length(p) > 64)
    )
    fc.assert(
      fc.property(outside, (p) => {
        const codes = codesOf(azureB2cStrong, p)
        if (length(p) < 8) assert.ok(codes.includes('password.too-short'), `${JSON.stringify(p)} → ${codes}`)
        else assert.ok(codes.includes('password.too-long'), `${JSON.stringify(p)} → ${codes}`)
        assert.ok(E.isLeft(checkNewPassword(azureB2cStrong)(p, p)))
      })
    )
  })

  test('a length within 8–64 never gets a length error', () => {
    fc.assert(
      fc.property(anyText({ minLength: 8, maxLength: 64 }).filter((p) => length(p) >= 8 && length(p) <= 64), (p) => {
        const codes = codesOf(azureB2cStrong, p)
        assert.ok(!codes.includes('password.too-short') && !codes.includes('password.too-long'))
      })
    )
  })

  test('the limits are exactly 8 and 64 (7 and 65 characters are refused, 8 and 64 accepted)', () => {
    fc.assert(
      fc.property(b2cStrongPassword, (p) => {
        const longest = p.repeat(8).slice(0, 64) // contains p, so every class of p
        assert.equal(longest.length, 64)
        assert.deepEqual(codesOf(azureB2cStrong, longest), [])
        assert.deepEqual(codesOf(azureB2cStrong, longest + 'a'), ['password.too-long'])
        if (classesIn(p.slice(0, 7)).length >= 3) {
          assert.deepEqual(codesOf(azureB2cStrong, p.slice(0, 7)), ['password.too-short'])
          assert.deepEqual(codesOf(azureB2cStrong, p.slice(0, 8)), [])
        }
      })
    )
  })

  test('adding a character of a class not yet present never turns acceptance into rejection (length within limits)', () => {
    const threeClassPassword = b2cStrongPassword.filter((p) => classesIn(p).length === 3 && p.length < 64)
    fc.assert(
      fc.property(threeClassPassword, fc.nat(), fc.nat(), (p, pos, pick) => {
        assert.deepEqual(violations(azureB2cStrong, p), [])
        const missing = CLASS_NAMES.filter((k) => !classesIn(p).includes(k))
        const chars = Array.from(B2C_CLASSES[missing[pick % missing.length] as B2cClass])
        const longer = insertAt(p, pos, chars[pick % chars.length] as string)
        assert.deepEqual(violations(azureB2cStrong, longer), [], `${p} + ${longer}`)
      })
    )
  })

  test('adding a character of a missing class never adds a violation, from any starting point (length stays ≤ 64)', () => {
    const anyPassword = fc.oneof(
      fc.subarray(CLASS_NAMES, { minLength: 1, maxLength: 3 }).chain((cs) => passwordOfClasses(cs, { maxLength: 63 })),
      fc.string({ maxLength: 63 })
    )
    fc.assert(
      fc.property(anyPassword, fc.constantFrom(...CLASS_NAMES), fc.nat(), fc.nat(), (p, cls, pos, pick) => {
        fc.pre(!classesIn(p).includes(cls) && length(p) < 64)
        const chars = Array.from(B2C_CLASSES[cls])
        const longer = insertAt(p, pos, chars[pick % chars.length] as string)
        const before = new Set(codesOf(azureB2cStrong, p))
        for (const code of codesOf(azureB2cStrong, longer)) assert.ok(before.has(code), `${code} appeared: ${JSON.stringify(p)} → ${JSON.stringify(longer)}`)
      })
    )
  })

  test('every violated rule is returned, not just the first', () => {
    const spec = (p: string): string[] => {
      const n = length(p)
      const chars = Array.from(p.normalize('NFC'))
      const classes = CLASS_NAMES.filter((k) => chars.some((c) => B2C_CLASSES[k].includes(c))).length
      return [
        ...(n < 8 ? ['password.too-short'] : []),
        ...(n > 64 ? ['password.too-long'] : []),
        ...(classes < 3 ? ['password.too-few-classes'] : []),
        // judged on the characters as typed: a KELVIN SIGN is not an ASCII K
        ...(Array.from(p).some((c) => !CLASS_NAMES.some((k) => B2C_CLASSES[k].includes(c))) ? ['password.disallowed-character'] : [])
      ].sort()
    }
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 80 }),
          anyText({ maxLength: 80 }),
          fc.subarray(CLASS_NAMES, { minLength: 1 }).chain((cs) => passwordOfClasses(cs, { maxLength: 80 }))
        ),
        (p) => assert.deepEqual(codesOf(azureB2cStrong, p).sort(), spec(p))
      )
    )
  })

  test('a short single-class password gets both password.too-short and password.too-few-classes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CLASS_NAMES).chain((k) => passwordOfClasses([k], { minLength: 1, maxLength: 7 })),
        (p) => {
          const errors = violations(azureB2cStrong, p)
          assert.deepEqual(errors.map((e) => e.code).sort(), ['password.too-few-classes', 'password.too-short'])
          const classes = errors.find((e) => e.code === 'password.too-few-classes')
          assert.ok(classes !== undefined && 'found' in classes && classes.found === 1 && classes.required === 3)
          const short = errors.find((e) => e.code === 'password.too-short')
          assert.ok(short !== undefined && 'minimum' in short && short.minimum === 8)
        }
      )
    )
    assert.deepEqual(codesOf(azureB2cStrong, 'abc').sort(), ['password.too-few-classes', 'password.too-short'])
    assert.deepEqual(codesOf(azureB2cStrong, 'a c').sort(), ['password.disallowed-character', 'password.too-few-classes', 'password.too-short'])
  })

  test('disallowed characters (space, non-ASCII, < and >) are always rejected, wherever they appear', () => {
    fc.assert(
      fc.property(b2cStrongPassword, disallowedChar, fc.nat(), (p, bad, pos) => {
        const withBad = insertAt(p, pos, bad)
        const errors = violations(azureB2cStrong, withBad)
        assert.ok(
          errors.some((e) => e.code === 'password.disallowed-character'),
          `${JSON.stringify(withBad)} (U+${(bad.codePointAt(0) ?? 0).toString(16).toUpperCase()}) was accepted: ${errors.map((e) => e.code)}`
        )
        assert.ok(E.isLeft(checkNewPassword(azureB2cStrong)(withBad, withBad)))
      }),
      { numRuns: 300 }
    )
  })

  test('non-ASCII characters whose NFC form is ASCII (U+212A, U+037E, U+1FEF) are rejected too', () => {
    // B2C refuses every non-ASCII character; the policy check must look at what was typed,
    // not only at its NFC form ('abcdef1\u212a' is typed with a KELVIN SIGN, not a K).
    fc.assert(
      fc.property(b2cStrongPassword, fc.constantFrom(...NFC_TO_ASCII), fc.nat(), (p, bad, pos) => {
        const withBad = insertAt(p, pos, bad)
        assert.ok(
          violations(azureB2cStrong, withBad).some((e) => e.code === 'password.disallowed-character'),
          `${JSON.stringify(withBad)} contains U+${(bad.codePointAt(0) ?? 0).toString(16).toUpperCase()} and was accepted`
        )
      })
    )
  })

  test('the error names the disallowed characters (space spelled out)', () => {
    const errors = violations(azureB2cStrong, 'Spring 2026#')
    const e = errors.find((x) => x.code === 'password.disallowed-character')
    assert.ok(e !== undefined && 'characters' in e)
    assert.equal(e.characters, 'space')
  })

  test('B2C symbols are exactly the reference list, and each counts as the symbol class', () => {
    assert.deepEqual(Array.from(B2C_SYMBOLS).sort(), Array.from(`@#$%^&*-_+=[]{}|\\:',.?/\`~"();!`).sort())
    fc.assert(
      fc.property(fc.constantFrom(...Array.from(B2C_SYMBOLS)), (s) => {
        assert.deepEqual(violations(azureB2cStrong, `Abcdefg${s}`), [])
      })
    )
  })
})

describe('nist80063b4', () => {
  const nfcString = (min: number, max: number) =>
    anyText({ minLength: min, maxLength: max })
      .map((s) => s.normalize('NFC'))
      .filter((s) => Array.from(s).length >= min && Array.from(s).length <= max && !COMMON_PASSWORDS.has(s.toLowerCase()))

  test('accepts spaces and Unicode: any NFC string of 15–128 code points that is not blocklisted (single factor)', () => {
    fc.assert(
      fc.property(nfcString(15, 128), fc.nat(), (s, pos) => {
        assert.deepEqual(violations(nistAlone, s), [])
        const withSpace = insertAt(Array.from(s).slice(0, 127).join(''), pos, ' ')
        assert.deepEqual(violations(nistAlone, withSpace), [])
      })
    )
    assert.deepEqual(violations(nistAlone, 'correct horse battery staple'), [])
    assert.deepEqual(violations(nistAlone, 'ça m’est égal, 李王 😀 тест'), [])
  })

  test('with MFA, 8 code points suffice; without, 15 are needed', () => {
    fc.assert(
      fc.property(nfcString(8, 14), (s) => {
        assert.deepEqual(violations(nistMfa, s), [])
        assert.deepEqual(codesOf(nistAlone, s), ['password.too-short'])
      })
    )
  })

  test('has no composition rule and no character rule: never too-few-classes or disallowed-character', () => {
    fc.assert(
      fc.property(fc.oneof(anyText({ maxLength: 200 }), fc.constantFrom(...CLASS_NAMES).chain((k) => passwordOfClasses([k], { maxLength: 40 }))), (s) => {
        for (const policy of [nistMfa, nistAlone]) {
          const codes = codesOf(policy, s)
          assert.ok(!codes.includes('password.too-few-classes') && !codes.includes('password.disallowed-character'), `${codes}`)
        }
      })
    )
    assert.deepEqual(violations(nistAlone, 'aaaaaaaaaaaaaaaaaaaa'), [])
  })

  test('lengths outside the policy are rejected with too-short / too-long', () => {
    fc.assert(
      fc.property(anyText({ maxLength: 200 }), (s) => {
        for (const policy of [nistMfa, nistAlone]) {
          const n = length(s)
          const codes = codesOf(policy, s)
          assert.equal(codes.includes('password.too-short'), n < policy.minLength)
          assert.equal(codes.includes('password.too-long'), n > policy.maxLength)
        }
      })
    )
  })

  test('refuses blocklisted passwords in any letter case, and passwords containing the username', () => {
    fc.assert(
      fc.property(fc.constantFrom(...COMMON_PASSWORDS), fc.array(fc.boolean(), { maxLength: 30 }), (p, flips) => {
        const cased = Array.from(p, (c, i) => (flips[i] ? c.toUpperCase() : c)).join('')
        assert.ok(codesOf(nistMfa, cased).includes('password.blocklisted'))
      })
    )
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9]{3,10}$/), fc.string({ minLength: 8, maxLength: 20 }), fc.nat(), (username, rest, pos) => {
        const p = insertAt(rest, pos, username.toUpperCase())
        assert.ok(codesOf(nistMfa, p, { username }).includes('password.contains-username'))
        assert.ok(!codesOf(azureB2cStrong, p, { username }).includes('password.contains-username'))
      })
    )
  })

  test('adding a character of a class not yet present adds no violation other than (possibly) the blocklist', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 127 }), fc.constantFrom(...CLASS_NAMES), fc.nat(), fc.nat(), (p, cls, pos, pick) => {
        fc.pre(!classesIn(p).includes(cls))
        const chars = Array.from(B2C_CLASSES[cls])
        const longer = insertAt(p, pos, chars[pick % chars.length] as string)
        for (const policy of [nistMfa, nistAlone]) {
          const before = new Set([...codesOf(policy, p), 'password.blocklisted'])
          for (const code of codesOf(policy, longer)) assert.ok(before.has(code), `${policy.name}: ${code} appeared for ${JSON.stringify(longer)}`)
        }
      })
    )
  })
})

describe('checkNewPassword', () => {
  const policies = fc.constantFrom(azureB2cStrong, nistMfa, nistAlone)

  test('reports password.mismatch on the confirmation whenever it differs from a non-empty password', () => {
    fc.assert(
      fc.property(policies, fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (policy, pw, confirm) => {
        fc.pre(pw !== confirm)
        const r = checkNewPassword(policy)(pw, confirm)
        assert.ok(E.isLeft(r))
        const mismatch = r.left.filter((e) => e.code === 'password.mismatch')
        assert.equal(mismatch.length, 1)
        assert.equal(mismatch[0]?.field, 'confirmNewPassword')
      })
    )
  })

  test('never reports a mismatch when the confirmation is the same', () => {
    fc.assert(
      fc.property(policies, fc.string({ minLength: 1 }), (policy, pw) => {
        const r = checkNewPassword(policy)(pw, pw)
        if (E.isLeft(r)) assert.ok(!r.left.some((e) => e.code === 'password.mismatch'))
        else assert.equal(r.right, pw)
      })
    )
  })

  test("reports 'field.required' for each empty or missing field, and only then", () => {
    const emptyish = fc.constantFrom<unknown>('', undefined, null)
    fc.assert(
      fc.property(policies, fc.option(emptyish.map((e) => ({ e })), { nil: undefined }), fc.option(emptyish.map((e) => ({ e })), { nil: undefined }), b2cStrongPassword, (policy, pwEmpty, cfEmpty, good) => {
        const pw = pwEmpty === undefined ? good : pwEmpty.e
        const cf = cfEmpty === undefined ? good : cfEmpty.e
        const r = checkNewPassword(policy)(pw, cf, {}, { password: 'newPassword', confirmation: 'confirmNewPassword' })
        const required = E.isLeft(r) ? r.left.filter((e) => e.code === 'field.required').map((e) => e.field) : []
        assert.deepEqual(required.sort(), [...(pwEmpty ? ['newPassword'] : []), ...(cfEmpty ? ['confirmNewPassword'] : [])].sort())
        if (pwEmpty && cfEmpty) assert.ok(E.isLeft(r) && r.left.length === 2)
        if (pwEmpty || cfEmpty) assert.ok(E.isLeft(r) && !r.left.some((e) => e.code === 'password.mismatch'))
      })
    )
  })

  test('collects the policy violations and the mismatch together', () => {
    const r = checkNewPassword(azureB2cStrong)('abc', 'abd')
    assert.ok(E.isLeft(r))
    assert.deepEqual(r.left.map((e) => e.code).sort(), ['password.mismatch', 'password.too-few-classes', 'password.too-short'])
  })

  test('never throws on arbitrary input, and every error is a DomainError naming its field', () => {
    fc.assert(
      fc.property(policies, anyInput, anyInput, fc.option(anyText(), { nil: undefined }), (policy, pw, cf, username) => {
        const r = checkNewPassword(policy)(pw, cf, { username })
        assert.ok(E.isLeft(r) || E.isRight(r))
        if (E.isLeft(r))
          for (const e of r.left) {
            assert.ok(isDomainError(e))
            assert.ok(e.field === 'newPassword' || e.field === 'confirmNewPassword')
          }
      })
    )
    fc.assert(
      fc.property(policies, anyText(), anyText(), (policy, p, username) => {
        for (const e of violations(policy, p, { username })) assert.ok(isDomainError(e) && e.field === 'password')
      })
    )
  })
})
