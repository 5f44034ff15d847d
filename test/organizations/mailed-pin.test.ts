/**
 * The US Mail registration PIN (src/organizations/mailed-pin.ts): the right
 * PIN before expiry completes the registration; a wrong one counts one try
 * and never verifies; once the tries are spent, or the PIN has expired, even
 * the right one is refused; a new letter voids the PIN before it, until the
 * registration has had its letters. PINs come from random bytes without
 * modulo bias, always of the policy's length. Ends with a model-based run
 * over enter / reissue / wait.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime, Duration } from 'luxon'
import { createHash } from 'node:crypto'
import type { DomainError } from '../../src/kernel/errors'
import type { KeyedHash } from '../../src/ports/keyed-hasher'
import {
  awaitingPin,
  enterPin,
  firstPin,
  parsePin,
  PIN_PURPOSE,
  pinDigest,
  pinFromBytes,
  PinPolicy,
  ProviderVerification,
  reissuePin,
  usMailPin
} from '../../src/organizations/mailed-pin'
import { hmacKeyedHasher, HashKey } from '../../adapters/system'

// -------------------------------------------------------------------------------------
// fixtures
// -------------------------------------------------------------------------------------

const ZONE = 'America/Chicago'
const keyed = hmacKeyedHasher(new Uint8Array(32).fill(5) as HashKey)
const ORG = '11111111-1111-4111-8111-111111111111'
/** Mailed the Monday before the 2026 spring DST change: 30 days are 720 hours, not 30 calendar days. */
const T0 = DateTime.fromISO('2026-03-02T09:00:00', { zone: ZONE })
const LIFETIME = usMailPin.lifetime.toMillis()
const at = (ms: number): DateTime => DateTime.fromMillis(ms, { zone: ZONE })
const hashOf = (pin: string): KeyedHash => pinDigest(keyed, ORG, pin)

const pinArb = fc.stringMatching(/^\d{8}$/)
/** Two different PINs. */
const twoPins = fc.tuple(pinArb, pinArb).filter(([a, b]) => a !== b)
/** A moment before the PIN mailed at T0 expires. */
const beforeExpiry = fc.integer({ min: 0, max: LIFETIME - 1 })

type Awaiting = Extract<ProviderVerification, { readonly verifiedAt: null }>
const mailed = (pin: string, now = T0): Awaiting => firstPin(now, usMailPin, hashOf(pin)) as Awaiting

const right = <A>(r: E.Either<DomainError, A>): A => {
  if (E.isLeft(r)) assert.fail(`expected success, got ${JSON.stringify(r.left)}`)
  return r.right
}
const codeOf = (r: E.Either<DomainError, unknown>): string => (E.isLeft(r) ? r.left.code : 'ok')

/** Enters wrong PINs until `n` tries are spent; answers the state after them. */
const afterWrongTries = (v: ProviderVerification, wrong: string, n: number, now = T0): ProviderVerification => {
  let current = v
  for (let i = 0; i < n; i++) {
    const outcome = right(enterPin(now, usMailPin, current, hashOf(wrong)))
    assert.equal(outcome.verified, false)
    current = outcome.verification
  }
  return current
}

// -------------------------------------------------------------------------------------
// entering the PIN
// -------------------------------------------------------------------------------------

describe('the first letter', () => {
  test('records the hash, mailing and expiry (30 days of elapsed time, across DST), no tries, one letter', () => {
    const v = mailed('12345678')
    assert.equal(v.method, 'us-mail')
    assert.equal(v.verifiedAt, null)
    assert.equal(v.pin.hash, hashOf('12345678'))
    assert.equal(DateTime.fromISO(v.pin.expiresAt).diff(DateTime.fromISO(v.pin.mailedAt)).toMillis(), LIFETIME)
    assert.deepEqual([v.pin.failedAttempts, v.pin.lettersSent], [0, 1])
    assert.equal(awaitingPin(v), true)
    assert.ok(!JSON.stringify(v).includes('12345678'), 'the PIN is never kept in clear')
  })

  test('the PIN is hashed bound to its organisation: the same digits for two organisations hash apart', () => {
    fc.assert(
      fc.property(pinArb, fc.uuid(), fc.uuid(), (pin, a, b) => {
        fc.pre(a !== b)
        assert.notEqual(pinDigest(keyed, a, pin), pinDigest(keyed, b, pin))
        assert.equal(pinDigest(keyed, a, pin), keyed.digest(PIN_PURPOSE, `${a}:${pin}`))
      })
    )
  })
})

describe('enterPin', () => {
  test('the right PIN at any moment before expiry verifies, completing the registration then and there', () => {
    fc.assert(
      fc.property(pinArb, beforeExpiry, (pin, elapsed) => {
        const now = at(T0.toMillis() + elapsed)
        const outcome = right(enterPin(now, usMailPin, mailed(pin), hashOf(pin)))
        assert.equal(outcome.verified, true)
        assert.deepEqual(outcome.verification, { method: 'us-mail', verifiedAt: now.toISO(), pin: null })
        assert.equal(awaitingPin(outcome.verification), false)
      })
    )
  })

  test('any wrong PIN counts exactly one try and never verifies, telling how many are left', () => {
    fc.assert(
      fc.property(twoPins, fc.integer({ min: 0, max: usMailPin.maxFailedAttempts - 1 }), beforeExpiry, ([pin, wrong], spent, elapsed) => {
        const before = afterWrongTries(mailed(pin), wrong, spent)
        const outcome = right(enterPin(at(T0.toMillis() + elapsed), usMailPin, before, hashOf(wrong)))
        assert.equal(outcome.verified, false)
        if (outcome.verified) return
        assert.equal(outcome.verification.verifiedAt, null)
        assert.deepEqual(outcome.verification, { ...before, pin: { ...(before as Awaiting).pin, failedAttempts: spent + 1 } })
        assert.deepEqual([outcome.error.code, outcome.error.field], ['pin.incorrect', 'pin'])
        assert.equal((outcome.error as DomainError & { attemptsLeft: number }).attemptsLeft, usMailPin.maxFailedAttempts - spent - 1)
      })
    )
  })

  test(`after ${usMailPin.maxFailedAttempts} wrong tries even the right PIN is refused, and nothing changes`, () => {
    fc.assert(
      fc.property(twoPins, fc.integer({ min: 0, max: 3 }), ([pin, wrong], extra) => {
        const spent = afterWrongTries(mailed(pin), wrong, usMailPin.maxFailedAttempts)
        for (const presented of [pin, wrong]) {
          const r = enterPin(T0.plus({ minutes: extra }), usMailPin, spent, hashOf(presented))
          assert.ok(E.isLeft(r))
          assert.deepEqual([r.left.code, r.left.field, (r.left as DomainError & { maximum: number }).maximum], ['pin.too-many-attempts', 'pin', usMailPin.maxFailedAttempts])
        }
      })
    )
  })

  test('at or after expiry the right PIN is refused as expired (tries spent say so first)', () => {
    fc.assert(
      fc.property(pinArb, fc.integer({ min: 0, max: 400 * 24 * 3600 * 1000 }), (pin, late) => {
        const r = enterPin(at(T0.toMillis() + LIFETIME + late), usMailPin, mailed(pin), hashOf(pin))
        assert.ok(E.isLeft(r))
        assert.deepEqual([r.left.code, (r.left as DomainError & { expiredAt: string }).expiredAt], ['pin.expired', mailed(pin).pin.expiresAt])
      })
    )
    // the boundary: one millisecond before, verified; at the instant, expired
    assert.equal(right(enterPin(at(T0.toMillis() + LIFETIME - 1), usMailPin, mailed('12345678'), hashOf('12345678'))).verified, true)
    assert.equal(codeOf(enterPin(at(T0.toMillis() + LIFETIME), usMailPin, mailed('12345678'), hashOf('12345678'))), 'pin.expired')
    const exhausted = afterWrongTries(mailed('12345678'), '87654321', usMailPin.maxFailedAttempts)
    assert.equal(codeOf(enterPin(at(T0.toMillis() + LIFETIME), usMailPin, exhausted, hashOf('12345678'))), 'pin.too-many-attempts')
  })

  test('an expiry that cannot be read is expired, never a PIN that works for ever', () => {
    const v = mailed('12345678')
    assert.equal(codeOf(enterPin(T0, usMailPin, { ...v, pin: { ...v.pin, expiresAt: 'someday' } }, hashOf('12345678'))), 'pin.expired')
  })

  test('a registration by check, or one already verified, awaits no PIN', () => {
    const done = right(enterPin(T0, usMailPin, mailed('12345678'), hashOf('12345678'))).verification
    for (const v of [{ method: 'check', verifiedAt: T0.toISO() } as ProviderVerification, done]) {
      assert.equal(codeOf(enterPin(T0, usMailPin, v, hashOf('12345678'))), 'pin.not-awaited')
      assert.equal(codeOf(reissuePin(T0, usMailPin, v, hashOf('12345678'))), 'pin.not-awaited')
    }
  })
})

// -------------------------------------------------------------------------------------
// a new letter
// -------------------------------------------------------------------------------------

describe('reissuePin', () => {
  test('a new PIN voids the one before it: the old is a wrong PIN, the new verifies; tries start again', () => {
    fc.assert(
      fc.property(twoPins, fc.integer({ min: 0, max: usMailPin.maxFailedAttempts }), ([old, fresh], spent) => {
        const before = afterWrongTries(mailed(old), fresh === '00000000' ? '11111111' : '00000000', spent)
        fc.pre(old !== '00000000' && old !== '11111111')
        const reissued = right(reissuePin(T0.plus({ days: 10 }), usMailPin, before, hashOf(fresh))) as Awaiting
        assert.deepEqual([reissued.pin.failedAttempts, reissued.pin.lettersSent], [0, 2])
        assert.equal(DateTime.fromISO(reissued.pin.expiresAt).toMillis(), T0.plus({ days: 10 }).toMillis() + LIFETIME)
        const withOld = right(enterPin(T0.plus({ days: 11 }), usMailPin, reissued, hashOf(old)))
        assert.equal(withOld.verified, false)
        assert.equal(right(enterPin(T0.plus({ days: 11 }), usMailPin, reissued, hashOf(fresh))).verified, true)
      })
    )
  })

  test(`a registration has at most ${usMailPin.maxLetters} letters: the next is refused, naming the limit`, () => {
    let v: ProviderVerification = mailed('10000000')
    for (let letter = 2; letter <= usMailPin.maxLetters; letter++) v = right(reissuePin(T0, usMailPin, v, hashOf(`1000000${letter}`)))
    assert.equal((v as Awaiting).pin.lettersSent, usMailPin.maxLetters)
    const r = reissuePin(T0, usMailPin, v, hashOf('19999999'))
    assert.ok(E.isLeft(r))
    assert.deepEqual([r.left.code, r.left.field, (r.left as DomainError & { maximum: number }).maximum], ['pin.too-many-letters', 'pin', usMailPin.maxLetters])
    // the last letter's PIN still works
    assert.equal(right(enterPin(T0, usMailPin, v, hashOf(`1000000${usMailPin.maxLetters}`))).verified, true)
  })
})

// -------------------------------------------------------------------------------------
// drawing a PIN
// -------------------------------------------------------------------------------------

describe('pinFromBytes', () => {
  const policies: ReadonlyArray<PinPolicy> = [usMailPin, { ...usMailPin, digits: 4 }, { ...usMailPin, digits: 12 }]

  test('answers exactly `digits` decimal digits, or null when the bytes ran short (draw more)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...policies), fc.uint8Array({ maxLength: 40 }), (policy, bytes) => {
        const pin = pinFromBytes(policy, bytes)
        const usable = [...bytes].filter((b) => b < 250).length
        if (usable < policy.digits) assert.equal(pin, null)
        else assert.match(pin as string, new RegExp(`^\\d{${policy.digits}}$`))
      })
    )
  })

  test('each usable byte gives one digit, in order: bytes of 250 and more are skipped, so no digit is favoured', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 32 }), (bytes) => {
        const expected = [...bytes].filter((b) => b < 250).map((b) => String(b % 10)).join('').slice(0, 8)
        assert.equal(pinFromBytes(usMailPin, bytes), expected.length === 8 ? expected : null)
      })
    )
    // over every byte value, each digit comes from exactly 25 of them: the 6 rejected (250–255) would have favoured 0–5
    const counts = Array.from({ length: 10 }, () => 0)
    for (let b = 0; b < 256; b++) {
      const pin = pinFromBytes({ ...usMailPin, digits: 1 }, Uint8Array.of(b))
      if (pin !== null) counts[Number(pin)]! += 1
      else assert.ok(b >= 250, `byte ${b} rejected`)
    }
    assert.deepEqual(counts, Array.from({ length: 10 }, () => 25))
  })

  test('over many draws from uniform bytes the digits are uniform (chi-square, 9 degrees of freedom, p > 1e-6)', () => {
    const counts = Array.from({ length: 10 }, () => 0)
    // uniform, reproducible bytes: SHA-256 of a counter (fast-check's arbitraries favour small values on purpose)
    const draws = Array.from({ length: 5000 }, (_, i) => new Uint8Array(createHash('sha256').update(`draw ${i}`).digest()).subarray(0, 16))
    let pins = 0
    for (const bytes of draws) {
      const pin = pinFromBytes(usMailPin, bytes)
      if (pin === null) continue
      pins++
      for (const d of pin) counts[Number(d)]! += 1
    }
    const expected = (pins * 8) / 10
    const chi2 = counts.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0)
    assert.ok(pins > 4900, `${pins} PINs`)
    assert.ok(chi2 < 46, `chi-square ${chi2.toFixed(1)} for ${JSON.stringify(counts)}`)
  })
})

describe('parsePin', () => {
  const parse = parsePin(usMailPin)

  test('the PIN as typed from the letter: blanks and hyphens ignored', () => {
    fc.assert(
      fc.property(pinArb, fc.array(fc.constantFrom(' ', '-', '  '), { minLength: 7, maxLength: 7 }), (pin, separators) => {
        const typed = pin.split('').map((d, i) => d + (separators[i] ?? '')).join('')
        assert.deepEqual(parse(` ${typed} `), E.right(pin))
      })
    )
  })

  test('anything but eight digits is field.invalid naming the field and the length', () => {
    for (const bad of ['1234567', '123456789', '1234567a', '１２３４５６７８', '12.345.678']) {
      const r = parse(bad)
      assert.ok(E.isLeft(r), bad)
      assert.deepEqual([r.left.code, r.left.field, (r.left as DomainError & { expected: string }).expected], ['field.invalid', 'pin', '8 digits'])
    }
    for (const missing of [undefined, null, '', '   ']) assert.equal(codeOf(parse(missing)), 'field.required')
    assert.equal(codeOf(parse('1'.repeat(1 << 20))), 'text.too-long')
    assert.equal(codeOf(parse(12345678)), 'field.invalid')
  })
})

// -------------------------------------------------------------------------------------
// model-based: enter right / wrong / an old PIN, a new letter, time passing
// -------------------------------------------------------------------------------------

interface Model {
  now: number
  verified: boolean
  pins: string[] // every PIN mailed, the current last
  expiresAt: number
  failed: number
  letters: number
}
interface Real {
  now: number
  v: ProviderVerification
}
type Cmd = fc.Command<Model, Real>

class Enter implements Cmd {
  constructor(readonly which: 'current' | 'old' | 'never mailed', readonly never: string) {}
  check = () => true
  run(m: Model, r: Real): void {
    const current = m.pins.at(-1) as string
    const presented = this.which === 'current' ? current : this.which === 'old' ? (m.pins.find((p) => p !== current) ?? this.never) : this.never
    const right = presented === current
    const expected = m.verified ? 'pin.not-awaited' : m.failed >= usMailPin.maxFailedAttempts ? 'pin.too-many-attempts' : m.now >= m.expiresAt ? 'pin.expired' : right ? 'verified' : 'pin.incorrect'
    const x = enterPin(at(r.now), usMailPin, r.v, hashOf(presented))
    if (E.isLeft(x)) return assert.equal(x.left.code, expected, this.toString())
    assert.equal(x.right.verified ? 'verified' : x.right.error.code, expected, this.toString())
    r.v = x.right.verification
    if (x.right.verified) m.verified = true
    else m.failed++
  }
  toString = () => `enter(${this.which})`
}

class Reissue implements Cmd {
  constructor(readonly pin: string) {}
  check = () => true
  run(m: Model, r: Real): void {
    const expected = m.verified ? 'pin.not-awaited' : m.letters >= usMailPin.maxLetters ? 'pin.too-many-letters' : 'ok'
    const x = reissuePin(at(r.now), usMailPin, r.v, hashOf(this.pin))
    assert.equal(codeOf(x), expected, this.toString())
    if (E.isLeft(x)) return
    r.v = x.right
    m.pins.push(this.pin)
    m.letters++
    m.failed = 0
    m.expiresAt = m.now + LIFETIME
  }
  toString = () => `reissue(${this.pin})`
}

class Wait implements Cmd {
  constructor(readonly ms: number) {}
  check = () => true
  run(m: Model, r: Real): void {
    m.now += this.ms
    r.now += this.ms
  }
  toString = () => `wait(${Duration.fromMillis(this.ms).shiftTo('days', 'hours').toHuman()})`
}

describe('mailed PIN, model-based', () => {
  test('after any sequence: verified exactly by the current PIN, before expiry, with tries left; tries and letters counted as the model says', () => {
    const day = 24 * 3600 * 1000
    fc.assert(
      fc.property(
        pinArb,
        fc.commands(
          [
            fc.tuple(fc.constantFrom('current' as const, 'old' as const, 'never mailed' as const), pinArb).map(([w, p]) => new Enter(w, p)),
            pinArb.map((p) => new Reissue(p)),
            fc.oneof(fc.integer({ min: 0, max: 10 * day }), fc.constantFrom(LIFETIME, LIFETIME - 1, 1)).map((ms) => new Wait(ms))
          ],
          { maxCommands: 40 }
        ),
        (first, cmds) => {
          const checked = [...cmds].map(
            (c): Cmd => ({
              check: (m) => c.check(m),
              run: (m, r) => {
                c.run(m, r)
                assert.equal(awaitingPin(r.v), !m.verified)
                if (r.v.verifiedAt === null) assert.deepEqual([r.v.pin.failedAttempts, r.v.pin.lettersSent], [m.failed, m.letters])
              },
              toString: () => c.toString()
            })
          )
          fc.modelRun(
            () => ({
              model: { now: T0.toMillis(), verified: false, pins: [first], expiresAt: T0.toMillis() + LIFETIME, failed: 0, letters: 1 },
              real: { now: T0.toMillis(), v: mailed(first) }
            }),
            checked
          )
        }
      ),
      { numRuns: 300 }
    )
  })
})
