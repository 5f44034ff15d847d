/**
 * Accounts (src/accounts/account.ts) and signing in (src/accounts/sign-in):
 * the sign-in throttle never locks for longer than maxLock, never before
 * freeAttempts failures, and a success resets it; usernames are immutable.
 */
import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime, Duration } from 'luxon'
import {
  Account,
  b2cSmartLockout,
  changePassword,
  ensureNotThrottled,
  recordFailedSignIn,
  recordSuccessfulSignIn,
  renameUsername,
  SignInThrottlePolicy
} from '../../src/accounts/account'
import { hpp } from '../../src'
import { PasswordHash } from '../../src/ports/password-hasher'
import { b2cStrongPassword, fakePasswordHash, validAccount, validUsername } from '../../src/testkit'
import { codesOf, hppHarness, START, ZONE } from '../support/hpp-harness'

const t0 = DateTime.fromISO(START, { zone: ZONE }).toMillis()
const at = (ms: number): DateTime => DateTime.fromMillis(ms, { zone: ZONE })
const lockMs = (a: Account, now: number): number | null => (a.signIn.lockedUntil === null ? null : DateTime.fromISO(a.signIn.lockedUntil).toMillis() - now)

/** The throttle does not depend on who the account belongs to: one account serves every pure test. */
const ACCOUNT: Account = fc.sample(validAccount(), { numRuns: 1, seed: 1 })[0] as Account

const throttlePolicy: fc.Arbitrary<SignInThrottlePolicy> = fc.oneof(
  fc.constant(b2cSmartLockout),
  fc.record({
    freeAttempts: fc.integer({ min: 0, max: 12 }),
    firstLock: fc.integer({ min: 1, max: 3_600_000 }).map((ms) => Duration.fromObject({ milliseconds: ms })),
    maxLock: fc.integer({ min: 1, max: 86_400_000 }).map((ms) => Duration.fromObject({ milliseconds: ms }))
  })
)

type Event = { readonly kind: 'fail' } | { readonly kind: 'success' } | { readonly kind: 'wait'; readonly ms: number }
const event: fc.Arbitrary<Event> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: 'fail' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'success' as const }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 7_200_000 }).map((ms) => ({ kind: 'wait' as const, ms })) }
)

describe('sign-in throttle (pure)', () => {
  test('lock durations never exceed maxLock, never lock before freeAttempts failures, and a success resets', () => {
    fc.assert(
      fc.property(throttlePolicy, fc.array(event, { maxLength: 60 }), (policy, events) => {
        let account = ACCOUNT
        let now = t0
        let previousLock = 0
        for (const e of events) {
          if (e.kind === 'wait') now += e.ms
          else if (e.kind === 'success') {
            account = recordSuccessfulSignIn(account)
            assert.deepEqual(account.signIn, { consecutiveFailures: 0, lockedUntil: null })
            previousLock = 0
          } else {
            const before = account.signIn.consecutiveFailures
            account = recordFailedSignIn(policy)(at(now), account)
            const failures = account.signIn.consecutiveFailures
            assert.equal(failures, before + 1)
            const lock = lockMs(account, now)
            if (failures <= policy.freeAttempts) {
              assert.equal(lock, null, `locked after ${failures} of ${policy.freeAttempts} free failures`)
              assert.ok(E.isRight(ensureNotThrottled(at(now), account)))
            } else {
              assert.ok(lock !== null && lock > 0, 'locked after the free attempts')
              assert.ok(lock <= policy.maxLock.toMillis(), `lock ${lock}ms > maxLock ${policy.maxLock.toMillis()}ms`)
              assert.ok(lock >= Math.min(policy.firstLock.toMillis(), policy.maxLock.toMillis()))
              assert.ok(lock >= previousLock, 'a further failure never shortens the lock')
              previousLock = lock
              const throttled = ensureNotThrottled(at(now), account)
              assert.ok(E.isLeft(throttled) && throttled.left.code === 'sign-in.throttled')
              assert.ok(E.isRight(ensureNotThrottled(at(now + lock), account)), 'the lock ends when it says')
            }
          }
        }
      })
    )
  })

  test('the first lock is firstLock (capped at maxLock) and each further failure doubles it', () => {
    fc.assert(
      fc.property(throttlePolicy, fc.integer({ min: 1, max: 40 }), (policy, extra) => {
        let account = ACCOUNT
        for (let i = 0; i < policy.freeAttempts + extra; i++) account = recordFailedSignIn(policy)(at(t0), account)
        const expected = Math.min(policy.firstLock.toMillis() * 2 ** (extra - 1), policy.maxLock.toMillis())
        assert.equal(lockMs(account, t0), expected)
      })
    )
  })

  test('B2C smart lockout: 10 free failures, then 1 minute, growing to at most 30 minutes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), (n) => {
        let account = ACCOUNT
        for (let i = 0; i < n; i++) account = recordFailedSignIn(b2cSmartLockout)(at(t0), account)
        const lock = lockMs(account, t0)
        if (n <= 10) assert.equal(lock, null)
        else assert.equal(lock, Math.min(60_000 * 2 ** (n - 11), 30 * 60_000))
      })
    )
  })

  test('a new password lifts any lock; a username can never be renamed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fakePasswordHash, validUsername, (n, hash, other) => {
        let account = ACCOUNT
        for (let i = 0; i < n; i++) account = recordFailedSignIn(b2cSmartLockout)(at(t0), account)
        const changed = changePassword(at(t0), account, hash as PasswordHash)
        assert.deepEqual(changed.signIn, { consecutiveFailures: 0, lockedUntil: null })
        assert.equal(changed.passwordHash, hash)
        assert.ok(E.isRight(ensureNotThrottled(at(t0), changed)))
        const r = renameUsername(account, other)
        assert.ok(E.isLeft(r) && r.left.code === 'username.immutable')
      })
    )
  })
})

describe('signing in through the portal (memory adapters, cheap scrypt)', () => {
  type Attempt = { readonly kind: 'attempt'; readonly correct: boolean; readonly caseFlips: number } | { readonly kind: 'wait'; readonly ms: number }
  const attempt: fc.Arbitrary<Attempt> = fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('attempt' as const), correct: fc.constantFrom(false, false, false, true), caseFlips: fc.nat() }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 600_000 }).map((ms) => ({ kind: 'wait' as const, ms })) }
  )
  const smallThrottle: fc.Arbitrary<SignInThrottlePolicy> = fc.record({
    freeAttempts: fc.integer({ min: 0, max: 4 }),
    firstLock: fc.integer({ min: 1, max: 120 }).map((s) => Duration.fromObject({ seconds: s })),
    maxLock: fc.integer({ min: 1, max: 600 }).map((s) => Duration.fromObject({ seconds: s }))
  })

  test('behaves as the throttle model: throttled while locked (even with the right password), reset by a success', async () => {
    await fc.assert(
      fc.asyncProperty(smallThrottle, validAccount(), b2cStrongPassword, fc.array(attempt, { maxLength: 25 }), async (throttle, fresh, password, attempts) => {
        const h = hppHarness({ preset: { ...hpp.preset, policies: { ...hpp.preset.policies, signInThrottle: throttle } } })
        const hash = await h.ports.passwordHasher.hash(password)()
        assert.ok(E.isRight(hash))
        assert.ok(E.isRight(await h.store.accounts.insert({ ...fresh, passwordHash: hash.right })()))
        const model = { failures: 0, lockedUntil: null as number | null }
        let now = t0
        for (const a of attempts) {
          if (a.kind === 'wait') {
            now += a.ms
            h.clock.advance({ milliseconds: a.ms })
            continue
          }
          const username = Array.from(fresh.username, (c, i) => ((a.caseFlips >> i % 30) & 1 ? c.toUpperCase() : c.toLowerCase())).join('')
          const r = await h.portal.signIn({ username, password: a.correct ? password : password + 'x' })
          const locked = model.lockedUntil !== null && now < model.lockedUntil
          if (locked) assert.deepEqual(codesOf(r), ['sign-in.throttled'])
          else if (a.correct) {
            assert.ok(E.isRight(r), `right password refused: ${JSON.stringify(r)}`)
            assert.equal(r.right.accountId, fresh.id)
            model.failures = 0
            model.lockedUntil = null
          } else {
            assert.deepEqual(codesOf(r), ['sign-in.invalid-credentials'])
            model.failures += 1
            const over = model.failures - throttle.freeAttempts
            model.lockedUntil = over <= 0 ? null : now + Math.min(throttle.firstLock.toMillis() * 2 ** (over - 1), throttle.maxLock.toMillis())
          }
          const stored = await h.store.accounts.findById(fresh.id)()
          assert.ok(E.isRight(stored) && stored.right._tag === 'Some')
          assert.equal(stored.right.value.signIn.consecutiveFailures, model.failures)
        }
      }),
      { numRuns: 40 }
    )
  })

  test('an unknown username and a wrong password get the same answer', async () => {
    await fc.assert(
      fc.asyncProperty(validAccount(), b2cStrongPassword, validUsername, async (fresh, password, other) => {
        fc.pre(other.toLowerCase() !== fresh.username.toLowerCase())
        const h = hppHarness()
        const hash = await h.ports.passwordHasher.hash(password)()
        assert.ok(E.isRight(hash))
        assert.ok(E.isRight(await h.store.accounts.insert({ ...fresh, passwordHash: hash.right })()))
        const unknown = await h.portal.signIn({ username: other, password })
        const wrong = await h.portal.signIn({ username: fresh.username, password: password.slice(1) })
        assert.deepEqual(unknown, wrong)
        assert.ok(E.isLeft(unknown))
        assert.equal(h.portal.messageFor(unknown.left[0] as never), 'Invalid username or password.')
      }),
      { numRuns: 20 }
    )
  })

  test('complexity is never checked at sign-in: a weak password that matches the stored hash signs in', async () => {
    await fc.assert(
      fc.asyncProperty(validAccount(), fc.string({ minLength: 1, maxLength: 6 }), async (fresh, weak) => {
        const h = hppHarness()
        const hash = await h.ports.passwordHasher.hash(weak)()
        assert.ok(E.isRight(hash))
        assert.ok(E.isRight(await h.store.accounts.insert({ ...fresh, passwordHash: hash.right })()))
        assert.ok(E.isRight(await h.portal.signIn({ username: fresh.username, password: weak })))
      }),
      { numRuns: 10 }
    )
  })
})
