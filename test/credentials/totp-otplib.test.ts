/**
 * TOTP interoperability with otplib (an independent implementation: its own
 * HMAC from @noble/hashes, its own base32 from @scure/base). For random
 * secrets of 20, 32 and 64 bytes, random instants, the three hash functions
 * and 6 or 8 digits: otplib's code is ours; our verifier takes otplib's code
 * at now and one step either side and refuses it two steps away; otplib
 * takes ours, and agrees with ours on replay (its `afterTimeStep` is our last
 * accepted step); our key URI carries what otplib's carries, and the code
 * otplib makes from our URI's parameters is ours.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime } from 'luxon'
import { generateSync, generateURI, verifySync } from 'otplib'
import {
  encodeBase32,
  hotpCode,
  initialTotpState,
  totpCode,
  totpKeyUri,
  TotpPolicy,
  TotpSecret,
  totpSecretFromBytes,
  totpStep,
  verifyTotp
} from '../../src/credentials'
import { DomainError } from '../../src/kernel/errors'
import { nodeHmac } from '../../adapters/system'

const hmac = nodeHmac()
const RUNS = 300
const rightOf = <A>(e: E.Either<DomainError, A>): A => {
  if (E.isLeft(e)) throw new Error(`expected a right, got ${JSON.stringify(e.left)}`)
  return e.right
}
const otplibAlgorithm = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512' } as const

/** One case: a secret (20, 32 or 64 bytes, whatever the algorithm), a policy, and an instant (epoch milliseconds, at least 3 steps after 1970). */
const interopCase = fc
  .record({
    size: fc.constantFrom(20, 32, 64),
    algorithm: fc.constantFrom('SHA1' as const, 'SHA256' as const, 'SHA512' as const),
    digits: fc.constantFrom(6 as const, 8 as const),
    period: fc.oneof({ weight: 4, arbitrary: fc.constant(30) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3600 }) }),
    drift: fc.oneof({ weight: 4, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 2 }) }),
    seconds: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 2 ** 32 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 8_600_000_000_000 }) }),
    millis: fc.integer({ min: 0, max: 999 }),
    asText: fc.boolean()
  })
  .chain((c) => fc.uint8Array({ minLength: c.size, maxLength: c.size }).map((bytes) => ({ ...c, bytes })))
  .map((c) => {
    const policy: TotpPolicy = { algorithm: c.algorithm, digits: c.digits, period: c.period, drift: c.drift }
    const ms = (c.seconds + 3 * c.period) * 1000 + c.millis
    return {
      ...c,
      policy,
      secret: rightOf(totpSecretFromBytes(c.bytes, policy, 20)) as TotpSecret,
      ms,
      now: DateTime.fromMillis(ms, { zone: 'America/Chicago' }),
      // otplib reads the secret as base32 text (our encoding, its decoder) or as the bytes themselves
      otp: { secret: c.asText ? encodeBase32(c.bytes) : c.bytes, algorithm: otplibAlgorithm[c.algorithm], digits: c.digits, period: c.period }
    }
  })

describe('interoperability with otplib', () => {
  test(`otplib's code is ours, at any instant (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(interopCase, (c) => {
        assert.equal(rightOf(totpCode(hmac, c.policy)(c.now, c.secret)), generateSync({ ...c.otp, epoch: c.ms / 1000 }))
      }),
      { numRuns: RUNS }
    )
  })

  test(`otplib's HOTP code is ours at any counter up to 2^53 - 1 (${RUNS} runs)`, () => {
    const counter = fc.oneof(fc.nat(), fc.maxSafeNat(), fc.constantFrom(2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1))
    fc.assert(
      fc.property(interopCase, counter, (c, n) => {
        assert.equal(rightOf(hotpCode(hmac, c.policy, c.secret, n)), generateSync({ ...c.otp, strategy: 'hotp', counter: n }))
      }),
      { numRuns: RUNS }
    )
  })

  test(`our verifier takes otplib's code of now and of one step either side, and refuses it two steps away (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(interopCase, fc.constantFrom(-2, -1, 0, 1, 2), (c, offset) => {
        const policy = { ...c.policy, drift: 1 }
        const n = rightOf(totpStep(policy, c.now))
        const token = generateSync({ ...c.otp, epoch: c.ms / 1000 + offset * c.period })
        if (Math.abs(offset) === 2) {
          // two steps' codes coincide one time in 10^digits: such a case says nothing about the window
          const window = [n - 1, n, n + 1].map((s) => generateSync({ ...c.otp, strategy: 'hotp', counter: s }))
          fc.pre(!window.includes(token))
        }
        const r = verifyTotp(hmac, policy)(c.now, c.secret, initialTotpState, token)
        if (Math.abs(offset) <= 1) assert.ok(r.accepted && (r.state.lastAcceptedStep ?? -1) >= n + offset, `offset ${offset}`)
        else assert.deepEqual(r.accepted ? 'accepted' : r.error.code, 'totp.invalid-code')
      }),
      { numRuns: RUNS }
    )
  })

  test(`otplib takes our code, and agrees with us on every code within two steps for any last accepted step (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(interopCase, fc.integer({ min: -2, max: 2 }), fc.option(fc.integer({ min: -3, max: 1 })), (c, offset, lastOffset) => {
        const n = rightOf(totpStep(c.policy, c.now))
        const ours = rightOf(hotpCode(hmac, c.policy, c.secret, n + offset))
        if (offset === 0) assert.equal(verifySync({ ...c.otp, token: ours, epoch: c.ms / 1000 }).valid, true)
        // the same question to both: a window of `drift` steps, replay protection after the last accepted step
        // otplib refuses (throws) an afterTimeStep past the window's end; our own tests cover a state ahead of the clock
        const last = lastOffset === null ? null : n + Math.min(lastOffset, c.drift)
        const theirs = verifySync({
          ...c.otp,
          token: ours,
          epoch: c.ms / 1000,
          epochTolerance: c.drift * c.period,
          ...(last === null ? {} : { afterTimeStep: last })
        })
        const r = verifyTotp(hmac, c.policy)(c.now, c.secret, { lastAcceptedStep: last }, ours)
        assert.equal(r.accepted, theirs.valid)
        if (r.accepted && theirs.valid) {
          // the same step, unless the code is that of two steps in the window (one time in 10^digits): then ours is the later
          const theirStep = 'timeStep' in theirs ? theirs.timeStep : Number.NaN
          const window = Array.from({ length: 2 * c.drift + 1 }, (_, i) => n - c.drift + i)
          const twice = window.filter((s) => s >= 0 && rightOf(hotpCode(hmac, c.policy, c.secret, s)) === ours).length > 1
          if (twice) assert.ok((r.state.lastAcceptedStep ?? -1) >= theirStep)
          else assert.equal(r.state.lastAcceptedStep, theirStep)
        }
      }),
      { numRuns: RUNS }
    )
  })

  test(`our key URI carries the parameters otplib's does, and otplib's code from our URI's parameters is ours (${RUNS} runs)`, () => {
    const label = fc
      .oneof(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
        fc.constantFrom('QPP HARP', 'CMS & Co.', "O'Brien (billing)", 'jane.doe+harp@example.com', '100% sure', 'a/b?c#d', 'x=y&z')
      )
      .map((s) => s.trim())
      .filter((s) => s !== '' && !s.includes(':') && !/[\u0000-\u001f\u007f-\u009f]/.test(s))
    fc.assert(
      fc.property(interopCase, label, label, (c, issuer, account) => {
        const ours = new URL(rightOf(totpKeyUri(c.policy)(c.secret, issuer, account)))
        const theirs = new URL(generateURI({ issuer, label: account, secret: encodeBase32(c.bytes), algorithm: c.otp.algorithm, digits: c.digits, period: c.period }))
        assert.deepEqual([ours.protocol, ours.host], [theirs.protocol, theirs.host])
        assert.equal(decodeURIComponent(ours.pathname), decodeURIComponent(theirs.pathname))
        // otplib leaves out a default period (30); we always write it
        for (const [key, value] of theirs.searchParams) assert.equal(ours.searchParams.get(key), value, key)
        assert.equal(ours.searchParams.get('period'), String(c.period))
        const p = ours.searchParams
        const fromUri = generateSync({
          secret: p.get('secret') as string,
          algorithm: (p.get('algorithm') as string).toLowerCase() as 'sha1',
          digits: Number(p.get('digits')),
          period: Number(p.get('period')),
          epoch: c.ms / 1000
        })
        assert.equal(fromUri, rightOf(totpCode(hmac, c.policy)(c.now, c.secret)))
      }),
      { numRuns: RUNS }
    )
  })
})
