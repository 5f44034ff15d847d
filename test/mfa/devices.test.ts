/**
 * Second-factor devices (src/mfa/devices.ts): each rule, positive and
 * negative, and a model-based test (fast-check commands) over enrol / confirm
 * (with a verified or a refused first code) / remove under an arbitrary
 * policy, asserting after every command: once a device has been active while
 * two factors are required, the account never again has zero active devices;
 * no kind holds the same target twice; the policy's device count holds; a
 * second factor is asked for exactly when the policy requires it or a device
 * is active; model and aggregate agree.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime } from 'luxon'
import type { AccountId } from '../../src/accounts/account'
import { DomainError } from '../../src/kernel/errors'
import { PhoneNumber } from '../../src/kernel/us-identifiers'
import {
  AccountDevices,
  activeDevices,
  confirmDevice,
  enrolDevice,
  FactorKind,
  FactorTarget,
  MAX_DEVICES_LIMIT,
  MfaDeviceId,
  MfaPolicy,
  mustEnrol,
  noDevices,
  PushDeviceId,
  removeDevice,
  secondFactorRequired,
  SecretRef,
  validateEnrolment,
  validateMfaPolicy
} from '../../src/mfa'

// -------------------------------------------------------------------------------------
// fixtures
// -------------------------------------------------------------------------------------

const ZONE = 'America/New_York'
const NOW = DateTime.fromISO('2026-12-02T09:00:00', { zone: ZONE })
const ACCOUNT = '00000000-0000-4000-8000-000000000001' as AccountId
const deviceId = (n: number): MfaDeviceId => `22222222-2222-4222-8222-${String(n).padStart(12, '0')}` as MfaDeviceId
const REQUIRED: MfaPolicy = { required: true, maxDevices: 5 }
const OPTIONAL: MfaPolicy = { required: false, maxDevices: 5 }
const PHONE = '2155550134' as PhoneNumber
const OTHER_PHONE = '6125550188' as PhoneNumber
const sms = (phone: PhoneNumber = PHONE): FactorTarget => ({ kind: 'sms', phone })
const voice = (phone: PhoneNumber = PHONE): FactorTarget => ({ kind: 'voice', phone })
const VERIFIED = E.right('verified' as const)
const WRONG_CODE: E.Either<DomainError, 'verified'> = E.left({ code: 'code.incorrect', field: 'verificationCode', rule: 'verificationCode must be the code that was sent', attemptsLeft: 4 })

const right = <A>(r: E.Either<DomainError, A>): A => {
  if (E.isLeft(r)) assert.fail(`expected success, got ${r.left.code}: ${r.left.rule}`)
  return r.right
}
const refusal = <A>(r: E.Either<DomainError, A>): DomainError => {
  if (E.isRight(r)) assert.fail('expected a refusal')
  return r.left
}

/** An account with an active SMS device (1) and a pending voice device (2). */
const enrolled = (policy: MfaPolicy = REQUIRED): AccountDevices => {
  const a = right(enrolDevice(policy)(NOW, noDevices(ACCOUNT), deviceId(1), sms()))
  const b = right(confirmDevice(NOW, a, deviceId(1), VERIFIED))
  return right(enrolDevice(policy)(NOW, b, deviceId(2), voice()))
}

// -------------------------------------------------------------------------------------
// rules
// -------------------------------------------------------------------------------------

describe('the enrolment form', () => {
  test('each kind needs its own field: a phone for SMS and voice, secretRef for TOTP, pushDeviceId for push', () => {
    assert.deepEqual(validateEnrolment({ kind: 'sms', phone: '+1 (215) 555-0134' }), E.right({ kind: 'sms', phone: PHONE }))
    assert.deepEqual(validateEnrolment({ kind: 'voice', phone: '215.555.0134' }), E.right({ kind: 'voice', phone: PHONE }))
    assert.deepEqual(validateEnrolment({ kind: 'totp', secretRef: 'sealed:totp:7f3a' }), E.right({ kind: 'totp', secretRef: 'sealed:totp:7f3a' }))
    assert.deepEqual(validateEnrolment({ kind: 'push', pushDeviceId: 'okv-1234' }), E.right({ kind: 'push', pushDeviceId: 'okv-1234' }))
  })

  test('a missing or wrong field is named; an unknown kind is the one error', () => {
    const errors = (input: unknown): ReadonlyArray<[string, string | undefined]> => {
      const r = validateEnrolment(input)
      return E.isLeft(r) ? r.left.map((e) => [e.code, e.field]) : []
    }
    assert.deepEqual(errors({ kind: 'sms' }), [['field.required', 'phone']])
    assert.deepEqual(errors({ kind: 'voice', phone: '911' }), [['field.invalid', 'phone']])
    assert.deepEqual(errors({ kind: 'totp', secretRef: 'a secret with spaces' }), [['field.invalid', 'secretRef']])
    assert.deepEqual(errors({ kind: 'push' }), [['field.required', 'pushDeviceId']])
    assert.deepEqual(errors({ kind: 'email', phone: '2155550134' }), [['field.invalid', 'kind']])
    assert.deepEqual(errors(null), [['field.required', 'kind']])
  })

  test('whatever it is given, it answers with an Either', () => {
    fc.assert(fc.property(fc.anything(), (u) => assert.ok(E.isLeft(validateEnrolment(u)) || E.isRight(validateEnrolment(u)))))
  })
})

describe('the policy', () => {
  test(`maxDevices is a whole number from 1 to ${MAX_DEVICES_LIMIT}`, () => {
    assert.ok(E.isRight(validateMfaPolicy(REQUIRED)))
    for (const maxDevices of [0, -1, 1.5, MAX_DEVICES_LIMIT + 1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const e = refusal(validateMfaPolicy({ required: true, maxDevices }))
      assert.equal(e.code, 'number.out-of-range')
      assert.equal(e.field, 'mfaPolicy.maxDevices')
    }
  })
})

describe('enrolling', () => {
  test('a new device waits for confirmation and is no second factor yet', () => {
    const a = right(enrolDevice(OPTIONAL)(NOW, noDevices(ACCOUNT), deviceId(1), sms()))
    assert.deepEqual(a.devices.map((d) => d.state), ['pending-confirmation'])
    assert.equal(activeDevices(a).length, 0)
    assert.equal(secondFactorRequired(a, OPTIONAL), false)
  })

  test('the same phone twice for the same kind is refused, pending or active; for the other kind it is a device of its own', () => {
    const a = enrolled()
    for (const target of [sms(), voice()]) {
      const e = refusal(enrolDevice(REQUIRED)(NOW, a, deviceId(9), target))
      assert.equal(e.code, 'mfa.duplicate-device')
      assert.equal(e.field, 'phone')
    }
    const b = right(enrolDevice(REQUIRED)(NOW, noDevices(ACCOUNT), deviceId(1), sms()))
    assert.ok(E.isRight(enrolDevice(REQUIRED)(NOW, b, deviceId(2), voice())))
    assert.ok(E.isRight(enrolDevice(REQUIRED)(NOW, b, deviceId(2), sms(OTHER_PHONE))))
  })

  test('the same authenticator secret or push app twice is refused, naming its field', () => {
    const totp: FactorTarget = { kind: 'totp', secretRef: 'sealed:1' as SecretRef }
    const push: FactorTarget = { kind: 'push', pushDeviceId: 'okv-1' as PushDeviceId }
    const a = right(enrolDevice(REQUIRED)(NOW, right(enrolDevice(REQUIRED)(NOW, noDevices(ACCOUNT), deviceId(1), totp)), deviceId(2), push))
    assert.equal(refusal(enrolDevice(REQUIRED)(NOW, a, deviceId(3), totp)).field, 'secretRef')
    assert.equal(refusal(enrolDevice(REQUIRED)(NOW, a, deviceId(3), push)).field, 'pushDeviceId')
  })

  test('a device id already used is refused', () => {
    assert.equal(refusal(enrolDevice(REQUIRED)(NOW, enrolled(), deviceId(1), sms(OTHER_PHONE))).code, 'list.duplicate')
  })

  test('the policy caps the devices an account holds, pending ones included', () => {
    const policy: MfaPolicy = { required: true, maxDevices: 2 }
    const e = refusal(enrolDevice(policy)(NOW, enrolled(policy), deviceId(3), sms(OTHER_PHONE)))
    assert.equal(e.code, 'mfa.too-many-devices')
    assert.equal(e.code === 'mfa.too-many-devices' && e.maximum, 2)
  })
})

describe('confirming by a first code', () => {
  test('a verified first code makes the device active, and from then on sign-in asks for a second factor', () => {
    const a = right(enrolDevice(OPTIONAL)(NOW, noDevices(ACCOUNT), deviceId(1), sms()))
    const b = right(confirmDevice(NOW.plus({ minutes: 1 }), a, deviceId(1), VERIFIED))
    assert.deepEqual(b.devices.map((d) => [d.state, d.state === 'active' && d.confirmedAt]), [['active', NOW.plus({ minutes: 1 }).toISO()]])
    assert.equal(secondFactorRequired(b, OPTIONAL), true)
  })

  test('a refused first code is passed on and the device stays pending', () => {
    const a = enrolled()
    assert.equal(refusal(confirmDevice(NOW, a, deviceId(2), WRONG_CODE)).code, 'code.incorrect')
  })

  test('an active device cannot be confirmed again; an unknown one is not found', () => {
    assert.equal(refusal(confirmDevice(NOW, enrolled(), deviceId(1), VERIFIED)).code, 'mfa.device-not-pending')
    assert.equal(refusal(confirmDevice(NOW, enrolled(), deviceId(9), VERIFIED)).code, 'mfa.device-not-found')
  })
})

describe('removing', () => {
  test('the last active device stays while two factors are required; a pending one goes', () => {
    const a = enrolled()
    const e = refusal(removeDevice(REQUIRED)(a, deviceId(1)))
    assert.equal(e.code, 'mfa.last-active-device')
    assert.equal(e.field, 'deviceId')
    assert.deepEqual(right(removeDevice(REQUIRED)(a, deviceId(2))).devices.map((d) => d.id), [deviceId(1)])
  })

  test('with a second active device, either may go', () => {
    const a = right(confirmDevice(NOW, enrolled(), deviceId(2), VERIFIED))
    assert.deepEqual(right(removeDevice(REQUIRED)(a, deviceId(1))).devices.map((d) => d.id), [deviceId(2)])
  })

  test('when two factors are optional the last active device may go, and sign-in no longer asks for one', () => {
    const a = right(removeDevice(OPTIONAL)(right(removeDevice(OPTIONAL)(enrolled(OPTIONAL), deviceId(1))), deviceId(2)))
    assert.deepEqual(a.devices, [])
    assert.equal(secondFactorRequired(a, OPTIONAL), false)
  })

  test('an unknown device is not found', () => {
    assert.equal(refusal(removeDevice(REQUIRED)(enrolled(), deviceId(9))).code, 'mfa.device-not-found')
  })
})

describe('queries', () => {
  test('two factors required and none active: the person must enrol first', () => {
    assert.equal(mustEnrol(noDevices(ACCOUNT), REQUIRED), true)
    assert.equal(secondFactorRequired(noDevices(ACCOUNT), REQUIRED), true)
    assert.equal(mustEnrol(enrolled(), REQUIRED), false)
    assert.equal(mustEnrol(noDevices(ACCOUNT), OPTIONAL), false)
  })
})

// -------------------------------------------------------------------------------------
// model-based: enrol / confirm / remove, in any order
// -------------------------------------------------------------------------------------

interface ModelDevice {
  readonly id: MfaDeviceId
  readonly kind: FactorKind
  readonly target: string
  active: boolean
}
interface Model {
  readonly policy: MfaPolicy
  readonly devices: ModelDevice[]
  /** Has the account had an active device while two factors were required? */
  everActive: boolean
  next: number
}
interface Real {
  devices: AccountDevices
}
type Cmd = fc.Command<Model, Real>

/** A small pool, so that duplicates and the cap are met often. */
const PHONES: ReadonlyArray<PhoneNumber> = ['2155550134', '6125550188', '3125550101'].map((p) => p as PhoneNumber)
const targetOf = (kind: FactorKind, n: number): FactorTarget => {
  switch (kind) {
    case 'sms':
    case 'voice':
      return { kind, phone: PHONES[n % PHONES.length] as PhoneNumber }
    case 'totp':
      return { kind, secretRef: `sealed:${n % 2}` as SecretRef }
    case 'push':
      return { kind, pushDeviceId: `okv-${n % 2}` as PushDeviceId }
  }
}
const valueOf = (t: FactorTarget): string => (t.kind === 'totp' ? t.secretRef : t.kind === 'push' ? t.pushDeviceId : t.phone)

class Enrol implements Cmd {
  constructor(readonly kind: FactorKind, readonly n: number) {}
  check = () => true
  run(m: Model, r: Real): void {
    const target = targetOf(this.kind, this.n)
    const id = deviceId(++m.next)
    const x = enrolDevice(m.policy)(NOW, r.devices, id, target)
    const expected =
      m.devices.length >= m.policy.maxDevices ? 'mfa.too-many-devices' : m.devices.some((d) => d.kind === this.kind && d.target === valueOf(target)) ? 'mfa.duplicate-device' : 'ok'
    assert.equal(E.isLeft(x) ? x.left.code : 'ok', expected)
    if (E.isLeft(x)) return
    r.devices = x.right
    m.devices.push({ id, kind: this.kind, target: valueOf(target), active: false })
  }
  toString = () => `enrol(${this.kind}, #${this.n})`
}

class Confirm implements Cmd {
  constructor(readonly pick: number, readonly codeRight: boolean) {}
  check = (m: Readonly<Model>) => m.devices.length > 0
  run(m: Model, r: Real): void {
    const d = m.devices[this.pick % m.devices.length] as ModelDevice
    const x = confirmDevice(NOW, r.devices, d.id, this.codeRight ? VERIFIED : WRONG_CODE)
    const expected = d.active ? 'mfa.device-not-pending' : this.codeRight ? 'ok' : 'code.incorrect'
    assert.equal(E.isLeft(x) ? x.left.code : 'ok', expected)
    if (E.isLeft(x)) return
    r.devices = x.right
    d.active = true
    if (m.policy.required) m.everActive = true
  }
  toString = () => `confirm(#${this.pick}, ${this.codeRight ? 'right' : 'wrong'} code)`
}

class Remove implements Cmd {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.devices.length > 0
  run(m: Model, r: Real): void {
    const d = m.devices[this.pick % m.devices.length] as ModelDevice
    const x = removeDevice(m.policy)(r.devices, d.id)
    const lastActive = d.active && m.policy.required && m.devices.filter((o) => o.active).length === 1
    assert.equal(E.isLeft(x) ? x.left.code : 'ok', lastActive ? 'mfa.last-active-device' : 'ok')
    if (E.isLeft(x)) return
    r.devices = x.right
    m.devices.splice(m.devices.indexOf(d), 1)
  }
  toString = () => `remove(#${this.pick})`
}

const commands = fc.commands(
  [
    fc.tuple(fc.constantFrom<FactorKind>('sms', 'voice', 'totp', 'push'), fc.nat()).map(([k, n]) => new Enrol(k, n)),
    fc.tuple(fc.nat(), fc.boolean()).map(([i, ok]) => new Confirm(i, ok)),
    fc.nat().map((i) => new Remove(i))
  ],
  { maxCommands: 60, size: 'large' }
)

describe('devices, model-based', () => {
  test('once enrolled while required, never zero active devices; no duplicate target; the cap holds; a second factor exactly when required or active', () => {
    fc.assert(
      fc.property(fc.record({ required: fc.boolean(), maxDevices: fc.integer({ min: 1, max: 5 }) }), commands, (policy, cmds) => {
        const model: Model = { policy, devices: [], everActive: false, next: 0 }
        const real: Real = { devices: noDevices(ACCOUNT) }
        const checked = [...cmds].map(
          (c): Cmd => ({
            check: (m) => c.check(m),
            run: (m, r) => {
              c.run(m, r)
              const active = activeDevices(r.devices)
              if (m.everActive) assert.ok(active.length >= 1, `no active device left after ${c.toString()}`)
              assert.ok(r.devices.devices.length <= policy.maxDevices)
              const keys = r.devices.devices.map((d) => `${d.kind}:${valueOf(d)}`)
              assert.equal(new Set(keys).size, keys.length, 'a target enrolled twice for one kind')
              assert.equal(secondFactorRequired(r.devices, policy), policy.required || active.length > 0)
              assert.deepEqual(
                r.devices.devices.map((d) => [d.id, d.kind, valueOf(d), d.state === 'active']),
                m.devices.map((d) => [d.id, d.kind, d.target, d.active])
              )
            },
            toString: () => c.toString()
          })
        )
        fc.modelRun(() => ({ model, real }), checked)
      }),
      { numRuns: 300 }
    )
  })
})
