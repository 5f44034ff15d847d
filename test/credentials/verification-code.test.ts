/**
 * Verification codes (src/credentials/verification-code.ts): digits without
 * modulo bias, constant-time comparison, and the per-address ledger — a code
 * verifies once, wrong codes count across re-sent codes, lockout, quota, expiry.
 */
import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime, Duration } from 'luxon'
import {
  ANY_PURPOSE,
  b2cEmailCode,
  checkCode,
  CodeLedger,
  CodePolicy,
  constantTimeEquals,
  countCodeSent,
  digitsFromBytes,
  emptyLedger,
  issueCode,
  normaliseCodeInput
} from '../../src/credentials'
import { DomainError, isDomainError } from '../../src/kernel/errors'
import { KeyedHash } from '../../src/ports/keyed-hasher'
import { hmacKeyedHasher, HashKey } from '../../adapters/system'
import { anyInput, anyText, codeDigits } from '../../src/testkit'

const ZONE = 'America/New_York'
const keyed = hmacKeyedHasher(new Uint8Array(32).fill(7) as HashKey)
const hashOf = (code: string): KeyedHash => keyed.digest('verification-code', `flow-1:${code}`)
const ADDRESS = keyed.digest('email-address', 'janedoe@gmail.com')
const at = (ms: number): DateTime => DateTime.fromMillis(ms, { zone: ZONE })
const ms = (iso: string): number => DateTime.fromISO(iso).toMillis()
const codeOf = (e: E.Either<DomainError, unknown>): string => (E.isLeft(e) ? e.left.code : 'verified')

/** Instants through 2026, DST changes included (2026-03-08 and 2026-11-01 in New York). */
const instant = fc.oneof(
  fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
  fc.integer({ min: Date.UTC(2026, 2, 8, 5), max: Date.UTC(2026, 2, 8, 9) }),
  fc.integer({ min: Date.UTC(2026, 10, 1, 4), max: Date.UTC(2026, 10, 1, 8) })
)

/** Policies small enough that lockouts and quotas are reached in a short run, and the B2C preset itself. */
const policyArb: fc.Arbitrary<CodePolicy> = fc.oneof(
  fc.constant(b2cEmailCode),
  fc.record({
    digits: fc.constant(6),
    lifetime: fc.integer({ min: 1, max: 1200 }).map((s) => Duration.fromObject({ seconds: s })),
    maxFailedAttempts: fc.integer({ min: 1, max: 6 }),
    maxCodesPerWindow: fc.integer({ min: 1, max: 6 }),
    issueWindow: fc.integer({ min: 60, max: 24 * 3600 }).map((s) => Duration.fromObject({ seconds: s }))
  })
)

/** A ledger with a fresh code `code` issued at `t`. */
const issued = (policy: CodePolicy, t: number, code: string): CodeLedger => {
  const r = issueCode(policy)(at(t), emptyLedger('sign-up', ADDRESS, at(t)), hashOf(code))
  assert.ok(E.isRight(r))
  return r.right
}

const otherCode = (code: string, n: number): string => String((Number(code) + 1 + (n % 999_999)) % 1_000_000).padStart(6, '0')

describe('digitsFromBytes', () => {
  test('only produces digits, at most `count` of them', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.integer({ min: 0, max: 40 }), (bytes, count) => {
        const out = digitsFromBytes(bytes, count)
        assert.match(out, /^[0-9]*$/)
        assert.ok(out.length <= count)
      })
    )
  })

  test('never uses a byte ≥ 250: the digits are those of the first `count` bytes below 250, in order', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.integer({ min: 0, max: 40 }), (bytes, count) => {
        const usable = [...bytes].filter((b) => b < 250)
        const expected = usable.slice(0, count).map((b) => String(b % 10)).join('')
        assert.equal(digitsFromBytes(bytes, count), expected)
        assert.equal(digitsFromBytes(Uint8Array.from(usable), count), expected)
      })
    )
  })

  test('changing any byte ≥ 250 into another byte ≥ 250 (or removing it) changes nothing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 250, max: 255 }))),
        fc.array(fc.integer({ min: 250, max: 255 })),
        (bytes, replacements) => {
          let i = 0
          const swapped = bytes.map((b) => (b >= 250 ? (replacements[i++ % Math.max(1, replacements.length)] ?? 250) : b))
          assert.equal(digitsFromBytes(Uint8Array.from(swapped), 1000), digitsFromBytes(Uint8Array.from(bytes), 1000))
        }
      )
    )
  })

  test('is unbiased: over the full byte range (any order) each digit appears exactly 25 times', () => {
    const all = Array.from({ length: 256 }, (_, i) => i)
    fc.assert(
      fc.property(fc.shuffledSubarray(all, { minLength: 256, maxLength: 256 }), (perm) => {
        const out = digitsFromBytes(Uint8Array.from(perm), 1000)
        assert.equal(out.length, 250)
        const counts = Array.from({ length: 10 }, (_, d) => Array.from(out).filter((c) => c === String(d)).length)
        assert.deepEqual(counts, Array(10).fill(25))
      }),
      { numRuns: 50 }
    )
  })
})

describe('constantTimeEquals', () => {
  test('agrees with === for all strings', () => {
    const pair = fc.oneof(
      fc.tuple(anyText(), anyText()),
      anyText().map((s) => [s, s] as const),
      anyText().chain((s) => fc.tuple(fc.constant(s), anyText().map((t) => s + t))),
      fc.integer({ min: 0, max: 64 }).chain((n) => {
        const hex = fc.array(fc.constantFrom(...'0123456789abcdef'), { minLength: n, maxLength: n }).map((cs) => cs.join(''))
        return fc.tuple(hex, hex)
      }),
      fc.tuple(codeDigits, codeDigits).map(([a, b]) => [hashOf(a), hashOf(b)] as const)
    )
    fc.assert(
      fc.property(pair, ([a, b]) => {
        assert.equal(constantTimeEquals(a, b), a === b)
        assert.equal(constantTimeEquals(b, a), a === b)
      }),
      { numRuns: 500 }
    )
    assert.equal(constantTimeEquals('', ''), true)
    assert.equal(constantTimeEquals('', 'a'), false)
    assert.equal(constantTimeEquals('ab', 'abab'), false)
    assert.equal(constantTimeEquals('\u0100', '\u0000'), false)
  })
})

describe('normaliseCodeInput', () => {
  test('accepts exactly the policy’s digits (spaces ignored) and never throws', () => {
    fc.assert(
      fc.property(codeDigits, fc.array(fc.nat(6), { maxLength: 3 }), (code, spaces) => {
        let typed = code
        for (const i of spaces) typed = typed.slice(0, i) + ' ' + typed.slice(i)
        assert.deepEqual(normaliseCodeInput(b2cEmailCode, typed), E.right(code))
      })
    )
    fc.assert(
      fc.property(anyInput, (u) => {
        const r = normaliseCodeInput(b2cEmailCode, u)
        if (E.isLeft(r)) assert.ok(isDomainError(r.left) && r.left.field === 'verificationCode')
        else assert.match(r.right, /^[0-9]{6}$/)
      })
    )
    fc.assert(
      fc.property(anyText(), (s) => {
        const r = normaliseCodeInput(b2cEmailCode, s)
        if (E.isRight(r)) assert.equal(r.right, s.replace(/\s/g, ''))
        assert.equal(E.isRight(r), /^[0-9]{6}$/.test(s.replace(/\s/g, '')))
      })
    )
  })
})

describe('the code ledger (issueCode / checkCode)', () => {
  test('a code verifies at most once: the second check gives code.already-used', () => {
    fc.assert(
      fc.property(policyArb, instant, codeDigits, fc.nat(), fc.nat(), (policy, t0, code, d1, d2) => {
        const life = policy.lifetime.toMillis()
        const ledger = issued(policy, t0, code)
        const t1 = t0 + (d1 % life)
        const first = checkCode(policy)(at(t1), ledger, hashOf(code))
        assert.equal(codeOf(first.verdict), 'verified')
        assert.equal(first.ledger.failedAttempts, 0)
        const second = checkCode(policy)(at(t1 + (d2 % (2 * life))), first.ledger, hashOf(code))
        assert.equal(codeOf(second.verdict), 'code.already-used')
      })
    )
  })

  test('a wrong code never verifies', () => {
    fc.assert(
      fc.property(policyArb, instant, codeDigits, fc.array(fc.tuple(fc.nat(), fc.nat(600_000)), { maxLength: 12 }), (policy, t0, code, tries) => {
        let ledger = issued(policy, t0, code)
        let t = t0
        for (const [n, dt] of tries) {
          t += dt
          const wrong = otherCode(code, n)
          const r = checkCode(policy)(at(t), ledger, hashOf(wrong))
          assert.ok(E.isLeft(r.verdict), `${wrong} verified against ${code}`)
          ledger = r.ledger
        }
      })
    )
  })

  test('the failure count never resets when a new code is issued (until a lockout has run its course)', () => {
    fc.assert(
      fc.property(
        policyArb.filter((p) => p.maxFailedAttempts >= 2 && p.maxCodesPerWindow >= 2),
        instant,
        codeDigits,
        codeDigits,
        fc.nat(),
        (policy, t0, c1, c2, k0) => {
          const k = 1 + (k0 % (policy.maxFailedAttempts - 1)) // 1 .. max-1 wrong attempts: no lockout yet
          let ledger = issued(policy, t0, c1)
          for (let i = 0; i < k; i++) ledger = checkCode(policy)(at(t0), ledger, hashOf(otherCode(c1, i))).ledger
          assert.equal(ledger.failedAttempts, k)
          const again = issueCode(policy)(at(t0), ledger, hashOf(c2))
          assert.ok(E.isRight(again))
          assert.equal(again.right.failedAttempts, k)
          // the remaining allowance is what was left, not a fresh one
          let l = again.right
          let last: E.Either<DomainError, 'verified'> = E.right('verified')
          for (let i = k; i < policy.maxFailedAttempts; i++) {
            const r = checkCode(policy)(at(t0), l, hashOf(otherCode(c2, i)))
            l = r.ledger
            last = r.verdict
          }
          assert.equal(codeOf(last), 'code.too-many-attempts')
        }
      )
    )
  })

  test('after maxFailedAttempts wrong codes the code is invalid and the address locked until the lifetime passes', () => {
    fc.assert(
      fc.property(policyArb, instant, codeDigits, codeDigits, fc.nat(), fc.nat(), (policy, t0, code, next, before, after) => {
        const life = policy.lifetime.toMillis()
        let ledger = issued(policy, t0, code)
        const verdicts: string[] = []
        for (let i = 0; i < policy.maxFailedAttempts; i++) {
          const r = checkCode(policy)(at(t0), ledger, hashOf(otherCode(code, i)))
          verdicts.push(codeOf(r.verdict))
          ledger = r.ledger
        }
        assert.deepEqual(verdicts, [...Array(policy.maxFailedAttempts - 1).fill('code.incorrect'), 'code.too-many-attempts'])
        const lockedUntil = ms(ledger.lockedUntil as string)
        assert.equal(lockedUntil, t0 + life)
        // during the lock: even the right code is refused, and no new code is sent
        const during = t0 + (before % life)
        assert.equal(codeOf(checkCode(policy)(at(during), ledger, hashOf(code)).verdict), 'code.too-many-attempts')
        const refused = issueCode(policy)(at(during), ledger, hashOf(next))
        assert.equal(codeOf(refused), 'code.too-many-attempts')
        // after it: the old code stays invalid; a new code can be issued, with a fresh count
        const later = t0 + life + (after % (3 * life))
        assert.equal(codeOf(checkCode(policy)(at(later), ledger, hashOf(code)).verdict), 'code.expired')
        const fresh = issueCode(policy)(at(later), ledger, hashOf(next))
        if (E.isRight(fresh)) {
          assert.equal(fresh.right.failedAttempts, 0)
          assert.equal(fresh.right.lockedUntil, null)
          assert.equal(codeOf(checkCode(policy)(at(later), fresh.right, hashOf(next)).verdict), 'verified')
        } else assert.equal(fresh.left.code, 'code.too-many-codes') // only the quota may still refuse it
      })
    )
  })

  test('at most maxCodesPerWindow codes are issued per window', () => {
    fc.assert(
      fc.property(policyArb, instant, fc.array(fc.nat(3 * 3600_000), { minLength: 1, maxLength: 40 }), (policy, t0, gaps) => {
        const windowMs = policy.issueWindow.toMillis()
        let ledger = emptyLedger('sign-up', ADDRESS, at(t0))
        let t = t0
        const sentAt: number[] = []
        for (const [i, gap] of gaps.entries()) {
          t += gap % (windowMs / 2)
          const r = issueCode(policy)(at(t), ledger, hashOf(String(i).padStart(6, '0')))
          if (E.isRight(r)) {
            ledger = r.right
            sentAt.push(t)
            assert.ok(ledger.codesIssued <= policy.maxCodesPerWindow)
          } else assert.equal(r.left.code, 'code.too-many-codes')
        }
        // group the codes by the (fixed) window they fell in
        let start = t0
        const perWindow = new Map<number, number>()
        for (const s of sentAt) {
          if (s >= start + windowMs) start = s
          perWindow.set(start, (perWindow.get(start) ?? 0) + 1)
        }
        for (const n of perWindow.values()) assert.ok(n <= policy.maxCodesPerWindow, `${n} codes in one window`)
      })
    )
  })

  test('a code past its expiry gets code.expired (right or wrong), and the wrong one is not counted', () => {
    fc.assert(
      fc.property(policyArb, instant, codeDigits, fc.nat(), fc.nat(), (policy, t0, code, late, n) => {
        const ledger = issued(policy, t0, code)
        assert.equal(ms(ledger.current?.expiresAt as string), t0 + policy.lifetime.toMillis())
        const t = t0 + policy.lifetime.toMillis() + (late % 86_400_000)
        assert.equal(codeOf(checkCode(policy)(at(t), ledger, hashOf(code)).verdict), 'code.expired')
        const wrong = checkCode(policy)(at(t), ledger, hashOf(otherCode(code, n)))
        assert.equal(codeOf(wrong.verdict), 'code.expired')
        assert.equal(wrong.ledger.failedAttempts, ledger.failedAttempts)
      })
    )
  })

  test('a new code replaces the old one', () => {
    fc.assert(
      fc.property(instant, codeDigits, codeDigits, (t0, c1, c2) => {
        fc.pre(c1 !== c2)
        const first = issued(b2cEmailCode, t0, c1)
        const second = issueCode(b2cEmailCode)(at(t0 + 1000), first, hashOf(c2))
        assert.ok(E.isRight(second))
        assert.equal(codeOf(checkCode(b2cEmailCode)(at(t0 + 2000), second.right, hashOf(c1)).verdict), 'code.incorrect')
        assert.equal(codeOf(checkCode(b2cEmailCode)(at(t0 + 2000), second.right, hashOf(c2)).verdict), 'verified')
      })
    )
  })

  test('the ledger holds only keyed hashes, never the code', () => {
    fc.assert(
      fc.property(instant, codeDigits, (t0, code) => {
        const ledger = issued(b2cEmailCode, t0, code)
        const after = checkCode(b2cEmailCode)(at(t0), ledger, hashOf(otherCode(code, 0))).ledger
        for (const l of [ledger, after]) assert.ok(!JSON.stringify(l).includes(`"${code}"`) && !JSON.stringify(l).includes(`:${code}`))
      })
    )
  })
})

// -------------------------------------------------------------------------------------
// model-based: a sequence of issue / check / wait commands against a simple model
// -------------------------------------------------------------------------------------

interface Model {
  now: number
  current: { code: string; expiresAt: number; used: boolean } | null
  failed: number
  issued: number
  windowStart: number
  lockedUntil: number | null
}

interface Real {
  now: number
  ledger: CodeLedger
}

type Cmd = fc.Command<Model, Real>

const expectLedgerMatches = (m: Model, l: CodeLedger): void => {
  assert.equal(l.failedAttempts, m.failed, 'failedAttempts')
  assert.equal(l.codesIssued, m.issued, 'codesIssued')
  assert.equal(ms(l.windowStartedAt), m.windowStart, 'windowStartedAt')
  assert.equal(l.lockedUntil === null ? null : ms(l.lockedUntil), m.lockedUntil, 'lockedUntil')
  if (m.current === null) assert.equal(l.current, null, 'current')
  else {
    assert.ok(l.current !== null, 'current')
    assert.equal(l.current.codeHash, hashOf(m.current.code))
    assert.equal(ms(l.current.expiresAt), m.current.expiresAt)
    assert.equal(l.current.used, m.current.used)
  }
}

const makeCommands = (policy: CodePolicy) => {
  const life = policy.lifetime.toMillis()
  const windowMs = policy.issueWindow.toMillis()
  const max = policy.maxFailedAttempts

  class Issue implements Cmd {
    constructor(readonly code: string) {}
    check = () => true
    run(m: Model, r: Real): void {
      const result = issueCode(policy)(at(r.now), r.ledger, hashOf(this.code))
      const locked = m.lockedUntil !== null && m.now < m.lockedUntil
      if (locked) {
        assert.equal(codeOf(result), 'code.too-many-attempts')
        return
      }
      const windowStart = m.now >= m.windowStart + windowMs ? m.now : m.windowStart
      const issuedSoFar = windowStart === m.windowStart ? m.issued : 0
      if (issuedSoFar >= policy.maxCodesPerWindow) {
        assert.equal(codeOf(result), 'code.too-many-codes')
        assert.ok(E.isLeft(result) && 'retryAfter' in result.left && ms(result.left.retryAfter) === windowStart + windowMs)
        return
      }
      assert.ok(E.isRight(result), `issue refused: ${codeOf(result)}`)
      if (m.lockedUntil !== null) {
        m.lockedUntil = null
        m.failed = 0
      }
      m.windowStart = windowStart
      m.issued = issuedSoFar + 1
      m.current = { code: this.code, expiresAt: m.now + life, used: false }
      r.ledger = result.right
      expectLedgerMatches(m, r.ledger)
    }
    toString = () => `issue(${this.code})`
  }

  class Check implements Cmd {
    constructor(readonly useCurrent: boolean, readonly other: string) {}
    check = () => true
    run(m: Model, r: Real): void {
      const candidate = this.useCurrent && m.current !== null ? m.current.code : this.other
      const { ledger, verdict } = checkCode(policy)(at(r.now), r.ledger, hashOf(candidate))
      let expected: string
      if (m.lockedUntil !== null && m.now < m.lockedUntil) expected = 'code.too-many-attempts'
      else if (m.current === null) expected = 'code.expired'
      else if (m.current.used) expected = 'code.already-used'
      else if (m.now >= m.current.expiresAt) expected = 'code.expired'
      else if (candidate === m.current.code) {
        expected = 'verified'
        m.current.used = true
        m.failed = 0
      } else {
        m.failed += 1
        if (m.failed >= max) {
          expected = 'code.too-many-attempts'
          m.current = null
          m.lockedUntil = m.now + life
        } else expected = 'code.incorrect'
      }
      assert.equal(codeOf(verdict), expected, `check(${candidate})`)
      if (expected === 'code.incorrect') assert.ok(E.isLeft(verdict) && 'attemptsLeft' in verdict.left && verdict.left.attemptsLeft === max - m.failed)
      if (expected === 'verified') assert.ok(candidate === m.current?.code)
      r.ledger = ledger
      expectLedgerMatches(m, r.ledger)
    }
    toString = () => `check(${this.useCurrent ? 'current' : this.other})`
  }

  class Wait implements Cmd {
    constructor(readonly millis: number) {}
    check = () => true
    run(m: Model, r: Real): void {
      m.now += this.millis
      r.now += this.millis
    }
    toString = () => `wait(${this.millis}ms)`
  }

  const code = fc.oneof(fc.constantFrom('111111', '222222', '123456'), codeDigits)
  const check = fc.tuple(fc.boolean(), code).map(([u, c]) => new Check(u, c))
  return fc.commands(
    [
      code.map((c) => new Issue(c)),
      check,
      check,
      check,
      fc
        .oneof(
          { weight: 6, arbitrary: fc.integer({ min: 0, max: Math.ceil(life / 4) }) },
          { weight: 2, arbitrary: fc.constantFrom(life, life - 1, 1, windowMs, windowMs - 1) },
          { weight: 1, arbitrary: fc.integer({ min: 0, max: windowMs }) }
        )
        .map((n) => new Wait(n))
    ],
    { maxCommands: 80, size: 'large' }
  )
}

describe('the address quota (countCodeSent on the ANY_PURPOSE ledger)', () => {
  test('over any sends at any times, each window counts at most the quota: the model is a window start and a count', () => {
    fc.assert(
      fc.property(policyArb, instant, fc.array(fc.integer({ min: 0, max: 26 * 3600 * 1000 }), { maxLength: 40 }), (policy, start, gaps) => {
        let ledger = emptyLedger(ANY_PURPOSE, ADDRESS, at(start))
        let model = { windowStart: start, count: 0 }
        let t = start
        for (const gap of gaps) {
          t += gap
          if (t >= at(model.windowStart).plus(policy.issueWindow).toMillis()) model = { windowStart: t, count: 0 }
          const r = countCodeSent(policy)(at(t), ledger)
          if (model.count < policy.maxCodesPerWindow) {
            assert.ok(E.isRight(r), `refused with ${model.count} codes counted`)
            model = { ...model, count: model.count + 1 }
            ledger = r.right
            assert.deepEqual([ms(ledger.windowStartedAt), ledger.codesIssued, ledger.current], [model.windowStart, model.count, null])
          } else {
            assert.ok(E.isLeft(r), 'counted one more code than the quota')
            assert.deepEqual([r.left.code, r.left.field], ['code.too-many-codes', 'verificationCode'])
            assert.equal(ms((r.left as { retryAfter: string }).retryAfter), at(model.windowStart).plus(policy.issueWindow).toMillis())
          }
        }
      })
    )
  })

  test('issueCode counts exactly as countCodeSent does, and adds the code', () => {
    fc.assert(
      fc.property(policyArb, instant, fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 48 * 3600 * 1000 }), (policy, start, already, later) => {
        const ledger = { ...emptyLedger('password-reset', ADDRESS, at(start)), codesIssued: already }
        const counted = countCodeSent(policy)(at(start + later), ledger)
        const issuedNow = issueCode(policy)(at(start + later), ledger, hashOf('123456'))
        assert.deepEqual(E.map((l: CodeLedger) => ({ ...l, current: null }))(issuedNow), counted)
      })
    )
  })
})

describe('the code ledger, model-based', () => {
  test('any sequence of issue / check / wait behaves as the model says', () => {
    fc.assert(
      fc.property(
        fc.tuple(policyArb, instant).chain(([policy, t0]) => fc.tuple(fc.constant(policy), fc.constant(t0), makeCommands(policy))),
        ([policy, t0, cmds]) => {
          void policy
          const model: Model = { now: t0, current: null, failed: 0, issued: 0, windowStart: t0, lockedUntil: null }
          const real: Real = { now: t0, ledger: emptyLedger('sign-up', ADDRESS, at(t0)) }
          fc.modelRun(() => ({ model, real }), cmds)
          // invariants that hold whatever happened
          assert.ok(real.ledger.failedAttempts < policy.maxFailedAttempts || real.ledger.lockedUntil !== null)
          assert.ok(real.ledger.codesIssued <= policy.maxCodesPerWindow)
        }
      ),
      { numRuns: 60 }
    )
  })
})
