/**
 * TOTP (src/credentials/totp.ts): the RFC 4226 Appendix D and RFC 6238
 * Appendix B vectors; RFC 4648 base32 (its §10 vectors, round trips, the
 * forgiving reading and the refusals); policies and secrets; codes at
 * counters up to 2^53 − 1 against a BigInt reference; the key URI read back
 * by WHATWG `URL`; verification within the drift window, each code accepted
 * at most once (a model of the window and the last accepted step); and
 * hostile input of every kind answered, never thrown.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime } from 'luxon'
import {
  BASE32_MAX_LENGTH,
  decodeBase32,
  encodeBase32,
  googleAuthenticator,
  hotpCode,
  initialTotpState,
  normaliseTotpInput,
  parseTotpSecret,
  TOTP_SECRET_BYTES,
  TOTP_SECRET_MAX_BYTES,
  TOTP_SECRET_MIN_BYTES,
  totpCode,
  totpKeyUri,
  totpPolicy,
  TotpPolicy,
  TotpSecret,
  totpSecretFromBytes,
  TotpState,
  totpStep,
  TotpVerification,
  verifyTotp
} from '../../src/credentials'
import { DomainError, isDomainError } from '../../src/kernel/errors'
import { Hmac } from '../../src/ports/hmac'
import { nodeHmac } from '../../adapters/system'
import { anyInput, anyText } from '../../src/testkit'

const hmac = nodeHmac()
const ZONE = 'America/New_York'
const at = (seconds: number): DateTime => DateTime.fromSeconds(seconds, { zone: ZONE })
const ascii = (s: string): Uint8Array => new TextEncoder().encode(s)
const codeOf = (e: E.Either<DomainError, unknown>): string => (E.isLeft(e) ? e.left.code : 'ok')
const rightOf = <A>(e: E.Either<DomainError, A>): A => {
  if (E.isLeft(e)) throw new Error(`expected a right, got ${JSON.stringify(e.left)}`)
  return e.right
}
/** A secret of exactly these bytes (16 to 64 of them). */
const secretOf = (bytes: Uint8Array): TotpSecret => rightOf(totpSecretFromBytes(bytes, googleAuthenticator, TOTP_SECRET_MIN_BYTES))
const policyOf = (algorithm: TotpPolicy['algorithm'], digits: 6 | 8, period = 30, drift = 1): TotpPolicy => ({ algorithm, digits, period, drift })
const refusalOf = (v: TotpVerification): string => (v.accepted ? 'accepted' : v.error.code)

/** The RFC 6238 seeds: ASCII "1234567890" repeated to the hash's output size. */
const RFC_SEED = {
  SHA1: ascii('12345678901234567890'),
  SHA256: ascii('12345678901234567890123456789012'),
  SHA512: ascii('1234567890123456789012345678901234567890123456789012345678901234')
} as const

const secretBytes = fc.integer({ min: TOTP_SECRET_MIN_BYTES, max: TOTP_SECRET_MAX_BYTES }).chain((n) => fc.uint8Array({ minLength: n, maxLength: n }))
const algorithm = fc.constantFrom('SHA1' as const, 'SHA256' as const, 'SHA512' as const)
const digits = fc.constantFrom(6 as const, 8 as const)
/** Unix seconds: mostly the next century, sometimes as far as luxon reaches. */
const unixSeconds = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 2 ** 32 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 8_600_000_000_000 }) })

// -------------------------------------------------------------------------------------
// the RFCs' vectors
// -------------------------------------------------------------------------------------

describe('RFC 4226 Appendix D (HOTP, HMAC-SHA1, secret "12345678901234567890")', () => {
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489']
  for (const [count, code] of expected.entries())
    test(`count ${count} gives ${code}`, () => {
      assert.deepEqual(hotpCode(hmac, googleAuthenticator, secretOf(RFC_SEED.SHA1), count), E.right(code))
    })
})

describe('RFC 6238 Appendix B (TOTP, 8 digits, 30-second steps, T0 = 0)', () => {
  // time, T (hex), SHA1, SHA256, SHA512
  const table: ReadonlyArray<readonly [number, string, string, string, string]> = [
    [59, '0000000000000001', '94287082', '46119246', '90693936'],
    [1111111109, '00000000023523EC', '07081804', '68084774', '25091201'],
    [1111111111, '00000000023523ED', '14050471', '67062674', '99943326'],
    [1234567890, '000000000273EF07', '89005924', '91819424', '93441116'],
    [2000000000, '0000000003F940AA', '69279037', '90698825', '38618901'],
    [20000000000, '0000000027BC86AA', '65353130', '77737706', '47863826']
  ]
  for (const [time, step, sha1, sha256, sha512] of table) {
    for (const [name, code] of [['SHA1', sha1], ['SHA256', sha256], ['SHA512', sha512]] as const)
      test(`${name} at ${time} (T = 0x${step}) gives ${code}`, () => {
        const policy = policyOf(name, 8)
        const secret = rightOf(totpSecretFromBytes(RFC_SEED[name], policy))
        assert.deepEqual(totpStep(policy, at(time)), E.right(parseInt(step, 16)))
        assert.deepEqual(totpCode(hmac, policy)(at(time), secret), E.right(code))
        // and the verifier takes it, at that time, once
        const first = verifyTotp(hmac, policy)(at(time), secret, initialTotpState, code)
        assert.deepEqual(first, { accepted: true, state: { lastAcceptedStep: parseInt(step, 16) } })
        assert.equal(refusalOf(verifyTotp(hmac, policy)(at(time), secret, (first as { state: TotpState }).state, code)), 'totp.replayed')
      })
  }

  test('the seeds are the default secret sizes: 20, 32 and 64 bytes', () => {
    assert.deepEqual([RFC_SEED.SHA1.length, RFC_SEED.SHA256.length, RFC_SEED.SHA512.length], [TOTP_SECRET_BYTES.SHA1, TOTP_SECRET_BYTES.SHA256, TOTP_SECRET_BYTES.SHA512])
  })
})

// -------------------------------------------------------------------------------------
// base32
// -------------------------------------------------------------------------------------

describe('base32 (RFC 4648 §6)', () => {
  const vectors: ReadonlyArray<readonly [string, string]> = [
    ['', ''],
    ['f', 'MY======'],
    ['fo', 'MZXQ===='],
    ['foo', 'MZXW6==='],
    ['foob', 'MZXW6YQ='],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI======']
  ]

  test('the RFC 4648 §10 vectors: encoded without padding, decoded with or without it', () => {
    for (const [plain, padded] of vectors) {
      const bare = padded.replace(/=+$/, '')
      assert.equal(encodeBase32(ascii(plain)), bare)
      if (plain === '') continue
      assert.deepEqual(decodeBase32(padded), E.right(ascii(plain)))
      assert.deepEqual(decodeBase32(bare), E.right(ascii(plain)))
      assert.deepEqual(decodeBase32(bare.toLowerCase()), E.right(ascii(plain)))
    }
  })

  test('every byte string round-trips, in (1 + 5/8 × bytes) characters of A-Z and 2-7', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 640 }), (bytes) => {
        const text = encodeBase32(bytes)
        assert.match(text, /^[A-Z2-7]*$/)
        assert.equal(text.length, Math.ceil((bytes.length * 8) / 5))
        if (bytes.length > 0) assert.deepEqual(decodeBase32(text), E.right(bytes))
      }),
      { numRuns: 300 }
    )
  })

  test('case, blanks anywhere and the right padding are forgiven: every such spelling decodes alike', () => {
    const spelling = fc.uint8Array({ minLength: 1, maxLength: 64 }).chain((bytes) => {
      const text = encodeBase32(bytes)
      const pad = '='.repeat((8 - (text.length % 8)) % 8)
      return fc
        .tuple(
          fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length }),
          fc.array(fc.constantFrom('', '', '', ' ', '\t', '\n', '\u00a0', '  '), { minLength: text.length + 1, maxLength: text.length + 1 }),
          fc.boolean()
        )
        .map(([lower, blanks, padded]) => ({
          bytes,
          typed: [...text].map((c, i) => (blanks[i] as string) + (lower[i] ? c.toLowerCase() : c)).join('') + (padded ? pad : '') + (blanks[text.length] as string)
        }))
    })
    fc.assert(
      fc.property(spelling, ({ bytes, typed }) => {
        fc.pre(typed.length <= BASE32_MAX_LENGTH)
        assert.deepEqual(decodeBase32(typed), E.right(bytes))
      }),
      { numRuns: 300 }
    )
  })

  test('a character outside the alphabet, anywhere, is field.invalid naming the field', () => {
    const outside = anyText({ minLength: 1, maxLength: 1 }).filter((c) => !/^[A-Za-z2-7=\s]$/.test(c))
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 40 }), outside, fc.nat(), (bytes, bad, where) => {
        const text = encodeBase32(bytes)
        const i = where % (text.length + 1)
        const r = decodeBase32(text.slice(0, i) + bad + text.slice(i), 'sharedSecret')
        assert.ok(E.isLeft(r))
        assert.equal(r.left.code, 'field.invalid')
        assert.equal(r.left.field, 'sharedSecret')
      }),
      { numRuns: 300 }
    )
    for (const t of ['MZXW6YTB0I', 'MZXW6YTB1I', 'MZXW6YTB8I', 'MZXW6YTBOÍ', 'MZXW-6YTB', 'MZ=XW6YTB', 'ıııııııı', 'ßßßßßßßß'])
      assert.equal(codeOf(decodeBase32(t)), 'field.invalid', t)
  })

  test('lengths no bytes encode to (1, 3 or 6 characters past a multiple of 8) and wrong padding are refused; nothing but blanks is required', () => {
    for (const t of ['M', 'MZX', 'MZXW6Y', 'MZXW6YTBO', 'MY=', 'MY=======', 'MZXW6YTB========', 'MZXW6YTB=', '========', 'MZXQ=====', 'MZXW6YQ'.padEnd(9, '=')])
      assert.equal(codeOf(decodeBase32(t)), 'field.invalid', t)
    for (const t of ['', '   ', '\t\n', undefined, null]) assert.equal(codeOf(decodeBase32(t)), 'field.required')
  })

  test('bits past the last whole byte are ignored (as authenticator apps ignore them)', () => {
    assert.deepEqual(decodeBase32('MZ'), E.right(ascii('f')))
    assert.deepEqual(decodeBase32('MY'), E.right(ascii('f')))
  })

  test('hostile input: anything at all is a typed answer, never a throw; text over 1024 characters is text.too-long unread', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const r = decodeBase32(input)
        if (E.isLeft(r)) assert.ok(isDomainError(r.left))
        else assert.ok(r.right instanceof Uint8Array && typeof input === 'string')
      }),
      { numRuns: 500 }
    )
    for (const huge of ['A'.repeat(1 << 20), ' '.repeat(1 << 20), '='.repeat(BASE32_MAX_LENGTH + 1), 'A'.repeat(BASE32_MAX_LENGTH + 1)]) {
      const r = decodeBase32(huge)
      assert.ok(E.isLeft(r))
      assert.deepEqual([r.left.code, r.left.field, (r.left as { maximum: number }).maximum], ['text.too-long', 'secret', BASE32_MAX_LENGTH])
    }
    for (const odd of [new String('MZXW6YTB'), ['MZXW6YTB'], { toString: () => 'MZXW6YTB' }, 42, 42n, Symbol('x'), () => 'MZXW6YTB', ascii('MZXW6YTB')])
      assert.equal(codeOf(decodeBase32(odd)), 'field.invalid')
  })
})

// -------------------------------------------------------------------------------------
// policies and secrets
// -------------------------------------------------------------------------------------

describe('policies', () => {
  test('Google Authenticator: HMAC-SHA1, 6 digits, 30-second steps, one step of drift', () => {
    assert.deepEqual(googleAuthenticator, { algorithm: 'SHA1', digits: 6, period: 30, drift: 1 })
    assert.deepEqual(totpPolicy(googleAuthenticator), E.right(googleAuthenticator))
  })

  test('totpPolicy takes every well-formed policy unchanged and refuses each bad part by name', () => {
    fc.assert(
      fc.property(algorithm, digits, fc.integer({ min: 1, max: 3600 }), fc.integer({ min: 0, max: 10 }), (a, d, period, drift) => {
        assert.deepEqual(totpPolicy({ algorithm: a, digits: d, period, drift }), E.right({ algorithm: a, digits: d, period, drift }))
      })
    )
    const bad: ReadonlyArray<readonly [unknown, string, string]> = [
      [{ ...googleAuthenticator, algorithm: 'MD5' }, 'field.invalid', 'policy.algorithm'],
      [{ ...googleAuthenticator, algorithm: 'sha1' }, 'field.invalid', 'policy.algorithm'],
      [{ ...googleAuthenticator, digits: 7 }, 'field.invalid', 'policy.digits'],
      [{ ...googleAuthenticator, digits: '6' }, 'field.invalid', 'policy.digits'],
      [{ ...googleAuthenticator, period: 0 }, 'number.out-of-range', 'policy.period'],
      [{ ...googleAuthenticator, period: 30.5 }, 'number.out-of-range', 'policy.period'],
      [{ ...googleAuthenticator, period: 3601 }, 'number.out-of-range', 'policy.period'],
      [{ ...googleAuthenticator, drift: -1 }, 'number.out-of-range', 'policy.drift'],
      [{ ...googleAuthenticator, drift: 11 }, 'number.out-of-range', 'policy.drift'],
      [{ ...googleAuthenticator, drift: Number.NaN }, 'number.out-of-range', 'policy.drift'],
      [null, 'field.invalid', 'policy'],
      ['SHA1', 'field.invalid', 'policy']
    ]
    for (const [input, code, field] of bad) {
      const r = totpPolicy(input)
      assert.ok(E.isLeft(r), JSON.stringify(input))
      assert.deepEqual([r.left.code, r.left.field], [code, field], JSON.stringify(input))
    }
  })

  test('a policy behind a throwing getter or a Proxy is form.unreadable, never a throw', () => {
    const getter = Object.defineProperty({ ...googleAuthenticator }, 'digits', { get: () => { throw new Error('getter') } })
    const proxy = new Proxy({}, { get: () => { throw new Error('trap') }, getOwnPropertyDescriptor: () => { throw new Error('trap') } })
    for (const p of [getter, proxy]) {
      assert.equal(codeOf(totpPolicy(p)), 'form.unreadable')
      assert.equal(refusalOf(verifyTotp(hmac, p as TotpPolicy)(at(59), secretOf(RFC_SEED.SHA1), initialTotpState, '287082')), 'form.unreadable')
    }
  })
})

describe('secrets', () => {
  test('by default at least the algorithm\u2019s size: 20 bytes for SHA1, 32 for SHA256, 64 for SHA512', () => {
    for (const a of ['SHA1', 'SHA256', 'SHA512'] as const) {
      const n = TOTP_SECRET_BYTES[a]
      assert.equal(rightOf(totpSecretFromBytes(new Uint8Array(n).fill(1), policyOf(a, 6))).length, n)
      const r = totpSecretFromBytes(new Uint8Array(n - 1), policyOf(a, 6))
      assert.ok(E.isLeft(r))
      assert.deepEqual(r.left, {
        code: 'totp.too-few-bytes',
        field: 'randomBytes',
        rule: `a TOTP secret must be made of at least ${n} random bytes (${n * 8} bits)`,
        minimum: n,
        given: n - 1
      })
    }
  })

  test('a caller may ask for fewer, but never fewer than 16 bytes; more than 64 are refused', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 64 }), fc.uint8Array({ maxLength: 80 }), (asked, bytes) => {
        const r = totpSecretFromBytes(bytes, googleAuthenticator, asked)
        const floor = Math.max(16, asked)
        if (bytes.length < floor) assert.deepEqual([codeOf(r), (E.isLeft(r) && (r.left as { minimum: number }).minimum) || 0], ['totp.too-few-bytes', floor])
        else if (bytes.length > 64) assert.equal(codeOf(r), 'number.out-of-range')
        else assert.deepEqual(r, E.right(bytes))
      }),
      { numRuns: 300 }
    )
    for (const asked of [-1, 65, 1.5, Number.NaN]) assert.equal(codeOf(totpSecretFromBytes(new Uint8Array(20), googleAuthenticator, asked)), 'number.out-of-range')
  })

  test('the secret is a copy: changing the drawn bytes afterwards changes nothing', () => {
    const drawn = new Uint8Array(20).fill(5)
    const secret = rightOf(totpSecretFromBytes(drawn))
    drawn.fill(0)
    assert.deepEqual([...secret], new Array(20).fill(5))
  })

  test('parseTotpSecret reads back every secret written in base32, and refuses 10-byte (and shorter) ones', () => {
    fc.assert(
      fc.property(secretBytes, (bytes) => {
        assert.deepEqual(parseTotpSecret(encodeBase32(bytes)), E.right(bytes))
      }),
      { numRuns: 300 }
    )
    assert.equal(codeOf(parseTotpSecret('JBSWY3DPEHPK3PXP')), 'totp.too-few-bytes')
    assert.equal(codeOf(parseTotpSecret(encodeBase32(new Uint8Array(65)))), 'number.out-of-range')
  })

  test('anything but readable bytes is field.invalid (a Proxy of bytes and a detached buffer included), never a throw', () => {
    const proxy = new Proxy(new Uint8Array(20), { get: () => { throw new Error('trap') }, getPrototypeOf: () => { throw new Error('trap') } })
    const detached = new Uint8Array(20)
    structuredClone(detached.buffer, { transfer: [detached.buffer] })
    for (const odd of ['A'.repeat(20), null, undefined, [1, 2, 3], new Uint16Array(20), new DataView(new ArrayBuffer(20)), proxy, detached])
      assert.equal(codeOf(totpSecretFromBytes(odd as Uint8Array)), 'field.invalid')
    fc.assert(fc.property(anyInput, anyInput, anyInput, (b, p, m) => {
      const r = totpSecretFromBytes(b as Uint8Array, p as TotpPolicy, m as number)
      assert.ok(E.isRight(r) || isDomainError(r.left))
    }), { numRuns: 300 })
  })
})

// -------------------------------------------------------------------------------------
// codes
// -------------------------------------------------------------------------------------

/** HOTP written from the RFC with BigInt and node:crypto directly, as a reference. */
const referenceHotp = (a: TotpPolicy['algorithm'], d: number, key: Uint8Array, counter: number): string => {
  const message = Buffer.alloc(8)
  message.writeBigUInt64BE(BigInt(counter))
  const h = createHmac(a.toLowerCase(), key).update(message).digest()
  const o = (h[h.length - 1] as number) & 15
  return String((h.readUInt32BE(o) & 0x7fffffff) % 10 ** d).padStart(d, '0')
}

describe('codes', () => {
  test('HOTP at any counter from 0 to 2^53 − 1 equals a BigInt reference, for every algorithm and length', () => {
    const counter = fc.oneof(fc.nat(), fc.maxSafeNat(), fc.constantFrom(0, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, 2 ** 53 - 1, 2 ** 48 + 255))
    fc.assert(
      fc.property(secretBytes, algorithm, digits, counter, (bytes, a, d, c) => {
        const code = rightOf(hotpCode(hmac, policyOf(a, d), secretOf(bytes), c))
        assert.equal(code, referenceHotp(a, d, bytes, c))
        assert.match(code, d === 6 ? /^[0-9]{6}$/ : /^[0-9]{8}$/)
      }),
      { numRuns: 300 }
    )
  })

  test('a counter that is not a whole number from 0 to 2^53 − 1 is number.out-of-range', () => {
    for (const c of [-1, 2 ** 53, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '1' as unknown as number])
      assert.equal(codeOf(hotpCode(hmac, googleAuthenticator, secretOf(RFC_SEED.SHA1), c)), 'number.out-of-range', String(c))
  })

  test('the time step is floor(unix seconds / period), whatever the zone; before 1970 or an invalid instant is refused', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8_600_000_000_000_000 }), fc.integer({ min: 1, max: 3600 }), fc.constantFrom('UTC', ZONE, 'Asia/Kolkata'), (ms, period, zone) => {
        assert.deepEqual(totpStep({ period }, DateTime.fromMillis(ms, { zone })), E.right(Math.floor(Math.floor(ms / 1000) / period)))
      }),
      { numRuns: 300 }
    )
    assert.equal(codeOf(totpStep(googleAuthenticator, DateTime.fromMillis(-1, { zone: 'UTC' }))), 'date.out-of-range')
    assert.equal(codeOf(totpStep(googleAuthenticator, DateTime.invalid('no clock'))), 'date.not-a-date')
    for (const odd of [59, new Date(59_000), '1970-01-01T00:00:59Z', null, { isLuxonDateTime: true, isValid: true }])
      assert.equal(codeOf(totpStep(googleAuthenticator, odd as unknown as DateTime)), 'date.not-a-date')
  })

  test('a faulty HMAC port (throwing, or giving the wrong number of bytes) is system.unexpected, never a throw', () => {
    const throwing: Hmac = { digest: () => { throw new Error('no HMAC here') } }
    const short: Hmac = { digest: () => new Uint8Array(19) }
    const wrongType = { digest: () => 'cc93cf18508d94934c64b65d8ba7667fb7cde4b0' } as unknown as Hmac
    for (const port of [throwing, short, wrongType, {} as Hmac, null as unknown as Hmac]) {
      assert.equal(codeOf(hotpCode(port, googleAuthenticator, secretOf(RFC_SEED.SHA1), 0)), 'system.unexpected')
      assert.equal(refusalOf(verifyTotp(port)(at(59), secretOf(RFC_SEED.SHA1), initialTotpState, '287082')), 'system.unexpected')
    }
  })
})

describe('normaliseTotpInput', () => {
  test('blanks are dropped; then exactly the policy\u2019s digits 0\u20139, or field.invalid naming the field', () => {
    fc.assert(
      fc.property(digits, fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 12 }), fc.array(fc.constantFrom('', ' ', '\t', '\u00a0', '\u3000')), (d, ds, blanks) => {
        const code = ds.join('')
        const typed = [...code].map((c, i) => (blanks[i] ?? '') + c).join('')
        const r = normaliseTotpInput({ digits: d }, typed, 'authenticatorCode')
        if (code.length === d) assert.deepEqual(r, E.right(code))
        else assert.deepEqual(E.isLeft(r) && [r.left.code, r.left.field], ['field.invalid', 'authenticatorCode'])
      }),
      { numRuns: 300 }
    )
    for (const t of ['28708a', '２８７０８２', '٢٨٧٠٨٢', '287-082', '+287082', '2870820', '1e5000', '0x1234'])
      assert.equal(codeOf(normaliseTotpInput(googleAuthenticator, t)), 'field.invalid', t)
    for (const t of ['', '   ', null, undefined]) assert.equal(codeOf(normaliseTotpInput(googleAuthenticator, t)), 'field.required')
    assert.equal(codeOf(normaliseTotpInput(googleAuthenticator, ' '.repeat(1 << 20) + '287082')), 'text.too-long')
    assert.equal(codeOf(normaliseTotpInput(googleAuthenticator, 287082)), 'field.invalid')
  })
})

// -------------------------------------------------------------------------------------
// verification
// -------------------------------------------------------------------------------------

/** A secret, a policy (drift 0 to 3), and an instant at least 8 steps after 1970. */
const credential = fc
  .record({ bytes: secretBytes, algorithm, digits, period: fc.constantFrom(30, 30, 60, 1, 3600), drift: fc.integer({ min: 0, max: 3 }), seconds: unixSeconds })
  .map(({ bytes, algorithm: a, digits: d, period, drift, seconds }) => ({
    secret: secretOf(bytes),
    policy: policyOf(a, d, period, drift),
    now: DateTime.fromMillis((seconds + 8 * period) * 1000 + (seconds % 1000), { zone: ZONE })
  }))

/** The code of step `step`, and whether it is the code of no other step in `steps` (codes of two steps coincide one time in 10^digits). */
const codeAt = (policy: TotpPolicy, secret: TotpSecret, step: number) => rightOf(hotpCode(hmac, policy, secret, step))
const unique = (policy: TotpPolicy, secret: TotpSecret, step: number, steps: ReadonlyArray<number>): boolean =>
  steps.every((s) => s === step || s < 0 || codeAt(policy, secret, s) !== codeAt(policy, secret, step))
const range = (from: number, to: number): ReadonlyArray<number> => Array.from({ length: to - from + 1 }, (_, i) => from + i)

describe('verifyTotp', () => {
  test('accepts the code of any step within the drift of now, remembering that step; refuses those of steps beyond it (totp.invalid-code)', () => {
    fc.assert(
      fc.property(credential, fc.integer({ min: -6, max: 6 }), ({ secret, policy, now }, offset) => {
        const n = rightOf(totpStep(policy, now))
        const step = n + offset
        fc.pre(unique(policy, secret, step, range(n - policy.drift, n + policy.drift)))
        const r = verifyTotp(hmac, policy)(now, secret, initialTotpState, codeAt(policy, secret, step))
        if (Math.abs(offset) <= policy.drift) assert.deepEqual(r, { accepted: true, state: { lastAcceptedStep: step } })
        else assert.equal(refusalOf(r), 'totp.invalid-code')
      }),
      { numRuns: 300 }
    )
  })

  test('replay: a code once accepted is refused (totp.replayed) for the state it left, at any time its step is still in the window', () => {
    fc.assert(
      fc.property(credential, fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }), ({ secret, policy, now }, offset, later) => {
        fc.pre(Math.abs(offset) <= policy.drift)
        const n = rightOf(totpStep(policy, now))
        const step = n + offset
        const code = codeAt(policy, secret, step)
        const then = now.plus({ seconds: later * policy.period })
        const m = n + later
        fc.pre(unique(policy, secret, step, range(Math.min(n, m) - policy.drift, Math.max(n, m) + policy.drift)))
        const first = verifyTotp(hmac, policy)(now, secret, initialTotpState, code)
        assert.ok(first.accepted)
        const again = verifyTotp(hmac, policy)(then, secret, first.state, code)
        assert.equal(refusalOf(again), Math.abs(step - m) <= policy.drift ? 'totp.replayed' : 'totp.invalid-code')
      }),
      { numRuns: 300 }
    )
  })

  test('after an accepted code, the code of a later step in the window is accepted; an earlier step\u2019s is replayed', () => {
    fc.assert(
      fc.property(credential, fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }), ({ secret, policy, now }, first, second) => {
        fc.pre(Math.abs(first) <= policy.drift && Math.abs(second) <= policy.drift && first !== second)
        const n = rightOf(totpStep(policy, now))
        const window = range(n - policy.drift, n + policy.drift)
        fc.pre(unique(policy, secret, n + first, window) && unique(policy, secret, n + second, window))
        const verify = verifyTotp(hmac, policy)
        const a = verify(now, secret, initialTotpState, codeAt(policy, secret, n + first))
        assert.ok(a.accepted)
        const b = verify(now, secret, a.state, codeAt(policy, secret, n + second))
        if (second > first) assert.deepEqual(b, { accepted: true, state: { lastAcceptedStep: n + second } })
        else assert.equal(refusalOf(b), 'totp.replayed')
      }),
      { numRuns: 300 }
    )
  })

  test('a model: over a series of attempts, a code is accepted exactly when a step in the window later than the last accepted one has it; the last accepted step only grows; no code of a step is accepted twice', () => {
    const attempt = fc.record({ wait: fc.integer({ min: 0, max: 100 }), offset: fc.integer({ min: -4, max: 4 }), wrong: fc.boolean() })
    fc.assert(
      fc.property(credential, fc.array(attempt, { minLength: 1, maxLength: 12 }), ({ secret, policy, now }, attempts) => {
        const verify = verifyTotp(hmac, policy)
        let state: TotpState = initialTotpState
        let clock = now
        const acceptedSteps = new Set<number>()
        for (const { wait, offset, wrong } of attempts) {
          clock = clock.plus({ seconds: wait })
          const n = rightOf(totpStep(policy, clock))
          const code = wrong ? String((Number(codeAt(policy, secret, n + offset)) + 1) % 10 ** policy.digits).padStart(policy.digits, '0') : codeAt(policy, secret, n + offset)
          // the specification, step by step
          const matching = range(n - policy.drift, n + policy.drift).filter((s) => s >= 0 && codeAt(policy, secret, s) === code)
          const fresh = matching.filter((s) => state.lastAcceptedStep === null || s > state.lastAcceptedStep)
          const r = verify(clock, secret, state, code)
          if (fresh.length > 0) {
            assert.deepEqual(r, { accepted: true, state: { lastAcceptedStep: Math.max(...fresh) } })
            assert.ok(r.accepted && (state.lastAcceptedStep === null || r.state.lastAcceptedStep > state.lastAcceptedStep))
            assert.ok(!acceptedSteps.has(Math.max(...fresh)))
            acceptedSteps.add(Math.max(...fresh))
            state = r.accepted ? r.state : state
          } else assert.equal(refusalOf(r), matching.length > 0 ? 'totp.replayed' : 'totp.invalid-code')
        }
      }),
      { numRuns: 200 }
    )
  })

  test('a state with a step ahead of the clock (the clock went back) refuses every code until the clock passes it', () => {
    const secret = secretOf(RFC_SEED.SHA1)
    const state = { lastAcceptedStep: 100 }
    assert.equal(refusalOf(verifyTotp(hmac)(at(30 * 100), secret, state, codeAt(googleAuthenticator, secret, 100))), 'totp.replayed')
    assert.equal(refusalOf(verifyTotp(hmac)(at(30 * 100), secret, state, codeAt(googleAuthenticator, secret, 99))), 'totp.replayed')
    assert.deepEqual(verifyTotp(hmac)(at(30 * 100), secret, state, codeAt(googleAuthenticator, secret, 101)), { accepted: true, state: { lastAcceptedStep: 101 } })
  })

  test('drift 0 takes only the current step; at step 0 the window starts at 0', () => {
    const secret = secretOf(RFC_SEED.SHA1)
    const strict = verifyTotp(hmac, { ...googleAuthenticator, drift: 0 })
    assert.ok(strict(at(59), secret, initialTotpState, '287082').accepted)
    assert.equal(refusalOf(strict(at(60), secret, initialTotpState, '287082')), 'totp.invalid-code')
    assert.deepEqual(verifyTotp(hmac)(at(0), secret, initialTotpState, '755224'), { accepted: true, state: { lastAcceptedStep: 0 } })
    assert.deepEqual(verifyTotp(hmac)(at(0), secret, initialTotpState, '287082'), { accepted: true, state: { lastAcceptedStep: 1 } })
  })

  test('a malformed code is refused as the field\u2019s error before any code is computed; a malformed state is field.invalid (state)', () => {
    const counting = (() => {
      let calls = 0
      return { port: { digest: (a: 'SHA1', k: Uint8Array, m: Uint8Array) => { calls++; return hmac.digest(a, k, m) } } as Hmac, calls: () => calls }
    })()
    const verify = verifyTotp(counting.port)
    const secret = secretOf(RFC_SEED.SHA1)
    assert.deepEqual(verify(at(59), secret, initialTotpState, '28708'), {
      accepted: false,
      error: { code: 'field.invalid', field: 'totpCode', rule: 'totpCode must be 6 digits', expected: '6 digits' }
    })
    assert.equal(refusalOf(verify(at(59), secret, initialTotpState, '')), 'field.required')
    assert.equal(counting.calls(), 0)
    for (const state of [null, {}, { lastAcceptedStep: -1 }, { lastAcceptedStep: 1.5 }, { lastAcceptedStep: '3' }, { lastAcceptedStep: 2 ** 53 }]) {
      const r = verify(at(59), secret, state as TotpState, '287082')
      assert.deepEqual(r.accepted ? 'accepted' : [r.error.code, r.error.field], ['field.invalid', 'state'], JSON.stringify(state))
    }
    assert.ok(verify(at(59), secret, { lastAcceptedStep: 0 }, ' 287 082 ').accepted)
  })

  test('hostile input in any argument is a refusal carrying a domain error, never a throw', () => {
    const secret = secretOf(RFC_SEED.SHA1)
    fc.assert(
      fc.property(anyInput, anyInput, anyInput, anyInput, anyInput, (p, n, s, st, code) => {
        for (const args of [
          [p, n, s, st, code],
          [googleAuthenticator, at(59), s, st, code],
          [googleAuthenticator, at(59), secret, st, code],
          [googleAuthenticator, at(59), secret, initialTotpState, code]
        ] as const) {
          const r = verifyTotp(hmac, args[0] as TotpPolicy)(args[1] as DateTime, args[2] as TotpSecret, args[3] as TotpState, args[4])
          assert.ok(r.accepted ? typeof r.state.lastAcceptedStep === 'number' : isDomainError(r.error))
        }
      }),
      { numRuns: 300 }
    )
  })
})

// -------------------------------------------------------------------------------------
// the key URI
// -------------------------------------------------------------------------------------

/** Text an issuer or account may be: any code points but the colon and control characters, not blank at either end. */
const labelText = (maxLength: number) =>
  fc.oneof(
    anyText({ minLength: 1, maxLength }),
    fc.constantFrom('QPP HARP', 'CMS & Co.', "O'Brien (billing)", 'jane.doe+harp@example.com', 'Ünïcødé 医院 😀', '100% sure', 'a/b?c#d', 'x=y&z')
  ).map((s) => s.trim()).filter((s) => s !== '' && ![...s].some((c) => c === ':' || /[\u0000-\u001f\u007f-\u009f]/.test(c) || /[\ud800-\udfff]/.test(c) && c.length === 1))

describe('totpKeyUri (Google Authenticator Key Uri Format)', () => {
  test('the QPP HARP example, exactly', () => {
    assert.deepEqual(
      totpKeyUri(googleAuthenticator)(secretOf(RFC_SEED.SHA1), 'QPP HARP', 'jane.doe@example.com'),
      E.right('otpauth://totp/QPP%20HARP:jane.doe%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=QPP%20HARP&algorithm=SHA1&digits=6&period=30')
    )
  })

  test('read back with WHATWG URL it gives the issuer, the account, the secret and the policy; only unreserved characters go unencoded', () => {
    fc.assert(
      fc.property(secretBytes, algorithm, digits, fc.integer({ min: 1, max: 3600 }), labelText(40), labelText(60), (bytes, a, d, period, issuer, account) => {
        const uri = rightOf(totpKeyUri(policyOf(a, d, period))(secretOf(bytes), issuer, account))
        const url = new URL(uri)
        assert.equal(url.protocol, 'otpauth:')
        assert.equal(url.host, 'totp')
        const label = url.pathname.slice(1)
        assert.match(label, /^[A-Za-z0-9\-._~%]+:[A-Za-z0-9\-._~%]+$/)
        assert.deepEqual(label.split(':').map(decodeURIComponent), [issuer, account])
        assert.deepEqual([...url.searchParams.keys()], ['secret', 'issuer', 'algorithm', 'digits', 'period'])
        assert.deepEqual(Object.fromEntries(url.searchParams), { secret: encodeBase32(bytes), issuer, algorithm: a, digits: String(d), period: String(period) })
        assert.match(uri.slice(uri.indexOf('?') + 1), /^[A-Za-z0-9\-._~%=&]+$/)
        assert.deepEqual(parseTotpSecret(url.searchParams.get('secret')), E.right(bytes))
      }),
      { numRuns: 300 }
    )
  })

  test('issuer and account are required, bounded, trimmed, and may hold no colon, control character or lone surrogate', () => {
    const uri = totpKeyUri(googleAuthenticator)
    const secret = secretOf(RFC_SEED.SHA1)
    const cases: ReadonlyArray<readonly [unknown, unknown, string, string]> = [
      ['QPP:HARP', 'jane', 'field.invalid', 'issuer'],
      ['QPP HARP', 'jane:doe', 'field.invalid', 'account'],
      ['QPP%3AHARP', 'jane', 'ok', ''],
      ['QPP\nHARP', 'jane', 'field.invalid', 'issuer'],
      ['QPP HARP', 'jane\u0085', 'field.invalid', 'account'],
      ['QPP \ud800', 'jane', 'field.invalid', 'issuer'],
      ['QPP HARP', '\udc00jane', 'field.invalid', 'account'],
      ['', 'jane', 'field.required', 'issuer'],
      ['  ', 'jane', 'field.required', 'issuer'],
      ['QPP HARP', undefined, 'field.required', 'account'],
      [42, 'jane', 'field.invalid', 'issuer'],
      ['Q'.repeat(129), 'jane', 'text.too-long', 'issuer'],
      ['QPP HARP', 'j'.repeat(255), 'text.too-long', 'account'],
      ['Q'.repeat(128), 'j'.repeat(254), 'ok', '']
    ]
    for (const [issuer, account, code, field] of cases) {
      const r = uri(secret, issuer, account)
      assert.deepEqual([codeOf(r), E.isLeft(r) ? r.left.field : ''], [code, field], `${String(issuer)} / ${String(account)}`)
    }
    assert.deepEqual(E.map((u: string) => u.split('?')[0])(uri(secret, '  QPP HARP ', ' jane ')), E.right('otpauth://totp/QPP%20HARP:jane'))
    assert.equal(codeOf(uri(new Uint8Array(10) as TotpSecret, 'QPP HARP', 'jane')), 'totp.too-few-bytes')
    fc.assert(
      fc.property(anyInput, anyInput, anyInput, anyInput, (p, s, i, a) => {
        const r = totpKeyUri(p as TotpPolicy)(s as TotpSecret, i, a)
        assert.ok(E.isRight(r) || isDomainError(r.left))
      }),
      { numRuns: 300 }
    )
  })
})
