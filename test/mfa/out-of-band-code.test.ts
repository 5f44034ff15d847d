/**
 * SMS and voice codes (src/mfa/out-of-band-code.ts): the presets meet the
 * out-of-band bounds; a policy outside them (4 digits, 15 minutes, unlimited
 * attempts or sends) is refused with one typed error per bound, naming it;
 * the codes themselves behave as the verification-code ledger says (single
 * use, valid for the policy's lifetime, wrong attempts counted across re-sent
 * codes, sends rate-limited); and a verified code confirms a pending device.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime, Duration } from 'luxon'
import type { AccountId } from '../../src/accounts/account'
import { CodeLedger, CodePolicy, emptyLedger } from '../../src/credentials/verification-code'
import { DomainError } from '../../src/kernel/errors'
import { PhoneNumber } from '../../src/kernel/us-identifiers'
import type { KeyedHash } from '../../src/ports/keyed-hasher'
import { hmacKeyedHasher, HashKey } from '../../adapters/system'
import {
  checkOutOfBandCode,
  confirmDevice,
  enrolDevice,
  issueOutOfBandCode,
  MfaDeviceId,
  noDevices,
  normaliseOutOfBandCode,
  OUT_OF_BAND_BOUNDS,
  OUT_OF_BAND_POLICIES,
  OUT_OF_BAND_PURPOSES,
  OutOfBandCodePolicy,
  outOfBandKindOf,
  PushDeviceId,
  smsCodePolicy,
  validateOutOfBandPolicy,
  voiceCodePolicy
} from '../../src/mfa'

const ZONE = 'America/New_York'
const T0 = DateTime.fromISO('2026-12-02T09:00:00', { zone: ZONE })
const ACCOUNT = '00000000-0000-4000-8000-000000000001' as AccountId
const PHONE = '2155550134' as PhoneNumber
const keyed = hmacKeyedHasher(new Uint8Array(32).fill(3) as HashKey)
const hashOf = (code: string): KeyedHash => keyed.digest('mfa-code', `device-1:${code}`)
const PHONE_KEY = keyed.digest('mfa-phone', `${ACCOUNT}:${PHONE}`)
const ledger = (): CodeLedger => emptyLedger(OUT_OF_BAND_PURPOSES.sms, PHONE_KEY, T0)
const codeOf = (e: E.Either<DomainError, unknown>): string => (E.isLeft(e) ? e.left.code : 'ok')
const right = <A>(r: E.Either<DomainError, A>): A => {
  if (E.isLeft(r)) assert.fail(`expected success, got ${r.left.code}: ${r.left.rule}`)
  return r.right
}
const boundsOf = (policy: CodePolicy): ReadonlyArray<[string, string | undefined]> => {
  const r = validateOutOfBandPolicy(policy)
  return E.isLeft(r) ? r.left.map((e) => [e.code === 'mfa.code-policy-out-of-bounds' ? e.bound : e.code, e.field]) : []
}

describe('the SMS and voice policies meet the out-of-band bounds', () => {
  test('both presets validate, unchanged', () => {
    for (const [kind, policy] of Object.entries(OUT_OF_BAND_POLICIES)) assert.deepEqual(validateOutOfBandPolicy(policy, kind), E.right(policy))
    assert.equal(smsCodePolicy.digits, 6)
    assert.ok(voiceCodePolicy.lifetime.toMillis() <= OUT_OF_BAND_BOUNDS.maximumLifetime.toMillis())
  })

  test('4 digits is refused, naming the bound and its limit', () => {
    const r = validateOutOfBandPolicy({ ...smsCodePolicy, digits: 4 })
    assert.ok(E.isLeft(r))
    assert.deepEqual(r.left, [
      { code: 'mfa.code-policy-out-of-bounds', field: 'smsCodePolicy.digits', rule: 'smsCodePolicy.digits must be at least 6', bound: 'digits', limit: 6, given: 4 }
    ])
  })

  test('15 minutes is refused (in seconds: 900 given, 600 at most)', () => {
    const r = validateOutOfBandPolicy({ ...voiceCodePolicy, lifetime: Duration.fromObject({ minutes: 15 }) }, 'voiceCodePolicy')
    assert.ok(E.isLeft(r))
    const [e] = r.left
    assert.equal(e?.code, 'mfa.code-policy-out-of-bounds')
    assert.equal(e?.field, 'voiceCodePolicy.lifetime')
    assert.equal(e?.code === 'mfa.code-policy-out-of-bounds' && `${e.given}/${e.limit}`, '900/600')
  })

  test('every bound broken is its own error', () => {
    const weak: CodePolicy = {
      digits: 4,
      lifetime: Duration.fromObject({ minutes: 15 }),
      maxFailedAttempts: Number.POSITIVE_INFINITY,
      maxCodesPerWindow: 1000,
      issueWindow: Duration.fromObject({ seconds: 1 })
    }
    assert.deepEqual(boundsOf(weak), [
      ['digits', 'smsCodePolicy.digits'],
      ['lifetime', 'smsCodePolicy.lifetime'],
      ['maxFailedAttempts', 'smsCodePolicy.maxFailedAttempts'],
      ['maxCodesPerWindow', 'smsCodePolicy.maxCodesPerWindow'],
      ['issueWindow', 'smsCodePolicy.issueWindow']
    ])
  })

  test('no lifetime, fractional digits, more than 10 digits, more than 100 attempts, no sends at all: refused', () => {
    assert.deepEqual(boundsOf({ ...smsCodePolicy, lifetime: Duration.fromObject({}) }).map(([b]) => b), ['lifetime'])
    assert.deepEqual(boundsOf({ ...smsCodePolicy, lifetime: Duration.invalid('unparsable') }).map(([b]) => b), ['lifetime'])
    assert.deepEqual(boundsOf({ ...smsCodePolicy, digits: 6.5 }).map(([b]) => b), ['digits'])
    assert.deepEqual(boundsOf({ ...smsCodePolicy, digits: 12 }).map(([b]) => b), ['digits'])
    assert.deepEqual(boundsOf({ ...smsCodePolicy, maxFailedAttempts: 101 }).map(([b]) => b), ['maxFailedAttempts'])
    assert.deepEqual(boundsOf({ ...smsCodePolicy, maxCodesPerWindow: 0 }).map(([b]) => b), ['maxCodesPerWindow'])
  })

  test('a policy validates exactly when it meets every bound', () => {
    fc.assert(
      fc.property(
        fc.record({
          digits: fc.integer({ min: 1, max: 12 }),
          lifetime: fc.integer({ min: 0, max: 1200 }).map((s) => Duration.fromObject({ seconds: s })),
          maxFailedAttempts: fc.integer({ min: 0, max: 150 }),
          maxCodesPerWindow: fc.integer({ min: 0, max: 15 }),
          issueWindow: fc.integer({ min: 0, max: 7200 }).map((s) => Duration.fromObject({ seconds: s }))
        }),
        (p) => {
          const meets =
            p.digits >= 6 && p.digits <= 10 && p.lifetime.toMillis() > 0 && p.lifetime.toMillis() <= 600_000 &&
            p.maxFailedAttempts >= 1 && p.maxFailedAttempts <= 100 && p.maxCodesPerWindow >= 1 && p.maxCodesPerWindow <= 10 &&
            p.issueWindow.toMillis() >= 900_000
          assert.equal(E.isRight(validateOutOfBandPolicy(p)), meets)
        }
      )
    )
  })
})

describe('codes sent by SMS', () => {
  const issue = issueOutOfBandCode(smsCodePolicy)
  const check = checkOutOfBandCode(smsCodePolicy)

  test('a code verifies once, and only before it expires', () => {
    const sent = right(issue(T0, ledger(), hashOf('123456')))
    const first = check(T0.plus({ minutes: 1 }), sent, hashOf('123456'))
    assert.equal(codeOf(first.verdict), 'ok')
    assert.equal(codeOf(check(T0.plus({ minutes: 2 }), first.ledger, hashOf('123456')).verdict), 'code.already-used')
    assert.equal(codeOf(check(T0.plus({ minutes: 5 }), sent, hashOf('123456')).verdict), 'code.expired')
  })

  test('wrong codes count across re-sent codes, and the fifth locks the phone', () => {
    let l = right(issue(T0, ledger(), hashOf('111111')))
    for (let i = 0; i < 4; i++) l = check(T0, l, hashOf('999999')).ledger
    l = right(issue(T0, l, hashOf('222222')))
    const fifth = check(T0, l, hashOf('999999'))
    assert.equal(codeOf(fifth.verdict), 'code.too-many-attempts')
    assert.equal(codeOf(issue(T0.plus({ minutes: 1 }), fifth.ledger, hashOf('333333'))), 'code.too-many-attempts')
  })

  test('at most 5 texts an hour', () => {
    let l = ledger()
    for (let i = 0; i < 5; i++) l = right(issue(T0.plus({ minutes: i }), l, hashOf(`00000${i}`)))
    assert.equal(codeOf(issue(T0.plus({ minutes: 10 }), l, hashOf('000009'))), 'code.too-many-codes')
    assert.equal(codeOf(issue(T0.plus({ hours: 1 }), l, hashOf('000009'))), 'ok')
  })

  test('a code is read as its policy’s digits, spaces ignored', () => {
    assert.deepEqual(normaliseOutOfBandCode(smsCodePolicy, ' 123 456 '), E.right('123456'))
    assert.equal(codeOf(normaliseOutOfBandCode(smsCodePolicy, '1234')), 'field.invalid')
  })

  test('a verified first code confirms the pending SMS device', () => {
    const policy = { required: true, maxDevices: 5 }
    const id = '22222222-2222-4222-8222-000000000001' as MfaDeviceId
    const devices = right(enrolDevice(policy)(T0, noDevices(ACCOUNT), id, { kind: 'sms', phone: PHONE }))
    const sent = right(issue(T0, ledger(), hashOf('654321')))
    assert.equal(codeOf(confirmDevice(T0, devices, id, check(T0, sent, hashOf('000000')).verdict)), 'code.incorrect')
    const confirmed = right(confirmDevice(T0, devices, id, check(T0, sent, hashOf('654321')).verdict))
    assert.equal(confirmed.devices[0]?.state, 'active')
  })
})

describe('which devices receive codes', () => {
  test('SMS and voice devices do; an authenticator app or a push app does not', () => {
    const base = { id: '22222222-2222-4222-8222-000000000001' as MfaDeviceId, state: 'active' as const, enrolledAt: T0.toISO() as string, confirmedAt: T0.toISO() as string }
    assert.deepEqual(outOfBandKindOf({ ...base, kind: 'voice', phone: PHONE }), E.right('voice'))
    const e = outOfBandKindOf({ ...base, kind: 'push', pushDeviceId: 'okv-1' as PushDeviceId })
    assert.equal(codeOf(e), 'mfa.wrong-kind')
  })

  test('the presets are branded policies usable as plain code policies', () => {
    const p: OutOfBandCodePolicy = smsCodePolicy
    const plain: CodePolicy = p
    assert.equal(plain.maxCodesPerWindow, 5)
  })
})
