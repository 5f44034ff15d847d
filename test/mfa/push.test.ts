/**
 * Push approval with number matching (src/mfa/push.ts): each rule, positive
 * and negative, and a model-based test (fast-check commands) over send /
 * answer (right or wrong device, approve or deny, right, wrong or no number)
 * / wait, asserting after every command: a push approves at most once, and
 * only from its device, with the number shown, before it expired and while it
 * was the latest; every answer gets the model's verdict; sending is throttled
 * exactly when the model says; the ledger keeps only the window's pushes.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime, Duration } from 'luxon'
import type { AccountId } from '../../src/accounts/account'
import { digitsFromBytes } from '../../src/credentials/verification-code'
import { DomainError } from '../../src/kernel/errors'
import { PhoneNumber } from '../../src/kernel/us-identifiers'
import {
  answerPush,
  confirmDevice,
  emptyPushLedger,
  enrolDevice,
  MatchNumber,
  MfaDevice,
  MfaDeviceId,
  noDevices,
  numberMatchingPush,
  parseMatchNumber,
  PushAnswer,
  PushChallengeId,
  PushDeviceId,
  PushLedger,
  PushPolicy,
  pushOf,
  pushState,
  pushThrottledUntil,
  sendPush
} from '../../src/mfa'

// -------------------------------------------------------------------------------------
// fixtures
// -------------------------------------------------------------------------------------

const ZONE = 'America/New_York'
const T0 = DateTime.fromISO('2026-12-02T09:00:00', { zone: ZONE }).toMillis()
const at = (ms: number): DateTime => DateTime.fromMillis(ms, { zone: ZONE })
const ACCOUNT = '00000000-0000-4000-8000-000000000001' as AccountId
const pushId = (n: number): PushChallengeId => `33333333-3333-4333-8333-${String(n).padStart(12, '0')}` as PushChallengeId
const MINUTE = 60_000
const device = (n: number, kind: 'push' | 'sms' = 'push'): MfaDevice => {
  const base = { id: `22222222-2222-4222-8222-${String(n).padStart(12, '0')}` as MfaDeviceId, state: 'active' as const, enrolledAt: at(T0).toISO() as string, confirmedAt: at(T0).toISO() as string }
  return kind === 'push' ? { ...base, kind, pushDeviceId: `okv-${n}` as PushDeviceId } : { ...base, kind, phone: '2155550134' as PhoneNumber }
}
const PHONE_APP = device(1)
const TABLET_APP = device(2)
const n = (s: string): MatchNumber => s as MatchNumber
const send = sendPush(numberMatchingPush)
const approve = (d: MfaDevice, number: string | null): PushAnswer => ({ deviceId: d.id, decision: 'approve', number: number === null ? null : n(number) })
const deny = (d: MfaDevice): PushAnswer => ({ deviceId: d.id, decision: 'deny', number: null })
const codeOf = (e: E.Either<DomainError, unknown>): string => (E.isLeft(e) ? e.left.code : 'ok')
const right = <A>(r: E.Either<DomainError, A>): A => {
  if (E.isLeft(r)) assert.fail(`expected success, got ${r.left.code}: ${r.left.rule}`)
  return r.right
}

/** One push, 27 shown, sent to the phone's app at T0. */
const sentOne = (): PushLedger => right(send(at(T0), emptyPushLedger(ACCOUNT), PHONE_APP, pushId(1), n('27')))

// -------------------------------------------------------------------------------------
// rules
// -------------------------------------------------------------------------------------

describe('number matching', () => {
  test('an approval with the number shown verifies, once', () => {
    const first = answerPush(at(T0 + MINUTE), sentOne(), pushId(1), approve(PHONE_APP, '27'))
    assert.equal(codeOf(first.verdict), 'ok')
    assert.equal(pushState(at(T0 + MINUTE), pushOf(first.ledger, pushId(1)) as never), 'approved')
    const again = answerPush(at(T0 + MINUTE), first.ledger, pushId(1), approve(PHONE_APP, '27'))
    assert.equal(codeOf(again.verdict), 'push.already-answered')
    assert.deepEqual(again.ledger, first.ledger)
  })

  test('a wrong number, or none, fails the push for good', () => {
    for (const number of ['72', null]) {
      const wrong = answerPush(at(T0), sentOne(), pushId(1), approve(PHONE_APP, number))
      assert.equal(codeOf(wrong.verdict), 'push.number-mismatch')
      assert.equal(E.isLeft(wrong.verdict) && wrong.verdict.left.field, 'number')
      assert.equal(codeOf(answerPush(at(T0), wrong.ledger, pushId(1), approve(PHONE_APP, '27')).verdict), 'push.already-answered')
    }
  })

  test('a denial fails the push for good', () => {
    const denied = answerPush(at(T0), sentOne(), pushId(1), deny(PHONE_APP))
    assert.equal(codeOf(denied.verdict), 'push.denied')
    assert.equal(codeOf(answerPush(at(T0), denied.ledger, pushId(1), approve(PHONE_APP, '27')).verdict), 'push.already-answered')
  })

  test('after 2 minutes the push has expired', () => {
    const late = answerPush(at(T0 + 2 * MINUTE), sentOne(), pushId(1), approve(PHONE_APP, '27'))
    assert.equal(codeOf(late.verdict), 'push.expired')
    assert.equal(pushState(at(T0 + 2 * MINUTE), pushOf(late.ledger, pushId(1)) as never), 'expired')
    assert.equal(codeOf(answerPush(at(T0 + 2 * MINUTE - 1), sentOne(), pushId(1), approve(PHONE_APP, '27')).verdict), 'ok')
  })

  test('another device cannot answer, and leaves the push as it was', () => {
    const other = answerPush(at(T0), sentOne(), pushId(1), approve(TABLET_APP, '27'))
    assert.equal(codeOf(other.verdict), 'push.wrong-device')
    assert.deepEqual(other.ledger, sentOne())
    assert.equal(codeOf(answerPush(at(T0), other.ledger, pushId(1), approve(PHONE_APP, '27')).verdict), 'ok')
  })

  test('a newer push supersedes a pending one', () => {
    const second = right(send(at(T0 + 10_000), sentOne(), PHONE_APP, pushId(2), n('54')))
    assert.equal(codeOf(answerPush(at(T0 + 20_000), second, pushId(1), approve(PHONE_APP, '27')).verdict), 'push.superseded')
    assert.equal(codeOf(answerPush(at(T0 + 20_000), second, pushId(2), approve(PHONE_APP, '54')).verdict), 'ok')
  })

  test('an unknown push is not found; a push id already used is refused', () => {
    assert.equal(codeOf(answerPush(at(T0), sentOne(), pushId(9), approve(PHONE_APP, '27')).verdict), 'push.not-found')
    assert.equal(codeOf(send(at(T0), sentOne(), PHONE_APP, pushId(1), n('11'))), 'list.duplicate')
  })

  test('a push goes only to a push device', () => {
    const e = send(at(T0), emptyPushLedger(ACCOUNT), device(3, 'sms'), pushId(1), n('27'))
    assert.equal(codeOf(e), 'mfa.wrong-kind')
  })

  test('the number is two digits, drawn without bias', () => {
    assert.deepEqual(parseMatchNumber('07'), E.right('07'))
    for (const bad of ['7', '100', 'ab', '', null]) assert.ok(E.isLeft(parseMatchNumber(bad)), String(bad))
    fc.assert(fc.property(fc.uint8Array({ minLength: 2, maxLength: 8 }), (bytes) => {
      const drawn = digitsFromBytes(bytes, 2)
      if (drawn.length === 2) assert.ok(E.isRight(parseMatchNumber(drawn)))
    }))
  })

  test('an approved push confirms a pending push device', () => {
    const policy = { required: true, maxDevices: 5 }
    const id = PHONE_APP.id
    const devices = right(enrolDevice(policy)(at(T0), noDevices(ACCOUNT), id, { kind: 'push', pushDeviceId: 'okv-1' as PushDeviceId }))
    const pending = devices.devices[0] as MfaDevice
    const sent = right(send(at(T0), emptyPushLedger(ACCOUNT), pending, pushId(1), n('27')))
    const confirmed = right(confirmDevice(at(T0), devices, id, answerPush(at(T0), sent, pushId(1), approve(pending, '27')).verdict))
    assert.equal(confirmed.devices[0]?.state, 'active')
  })
})

describe('against push fatigue: pushes not approved are throttled', () => {
  const unanswered = (count: number, every = MINUTE): PushLedger => {
    let l = emptyPushLedger(ACCOUNT)
    for (let i = 0; i < count; i++) l = right(send(at(T0 + i * every), l, PHONE_APP, pushId(i + 1), n('27')))
    return l
  }

  test('a fourth push after three unanswered within 15 minutes is refused until the first leaves the window', () => {
    const l = unanswered(3)
    const e = send(at(T0 + 3 * MINUTE), l, PHONE_APP, pushId(4), n('27'))
    assert.equal(codeOf(e), 'push.throttled')
    assert.equal(E.isLeft(e) && e.left.code === 'push.throttled' && e.left.retryAfter, at(T0 + 15 * MINUTE).toISO())
    assert.equal(codeOf(send(at(T0 + 15 * MINUTE - 1), l, TABLET_APP, pushId(4), n('27'))), 'push.throttled')
    assert.equal(codeOf(send(at(T0 + 15 * MINUTE), l, PHONE_APP, pushId(4), n('27'))), 'ok')
  })

  test('denials and wrong numbers count; approvals do not', () => {
    let l = sentOne()
    l = answerPush(at(T0), l, pushId(1), deny(PHONE_APP)).ledger
    l = right(send(at(T0 + MINUTE), l, PHONE_APP, pushId(2), n('31')))
    l = answerPush(at(T0 + MINUTE), l, pushId(2), approve(PHONE_APP, '13')).ledger
    l = right(send(at(T0 + 2 * MINUTE), l, PHONE_APP, pushId(3), n('44')))
    l = answerPush(at(T0 + 2 * MINUTE), l, pushId(3), approve(PHONE_APP, '44')).ledger
    assert.equal(pushThrottledUntil(numberMatchingPush, at(T0 + 3 * MINUTE), l), undefined)
    l = right(send(at(T0 + 3 * MINUTE), l, PHONE_APP, pushId(4), n('50')))
    assert.equal(codeOf(send(at(T0 + 4 * MINUTE), l, PHONE_APP, pushId(5), n('60'))), 'push.throttled')
  })

  test('at most 10 pushes in all per window, approved or not; older pushes are forgotten', () => {
    let l = emptyPushLedger(ACCOUNT)
    for (let i = 0; i < 10; i++) {
      l = right(send(at(T0 + i * 1000), l, PHONE_APP, pushId(i + 1), n('27')))
      l = answerPush(at(T0 + i * 1000), l, pushId(i + 1), approve(PHONE_APP, '27')).ledger
    }
    assert.equal(codeOf(send(at(T0 + 20_000), l, PHONE_APP, pushId(11), n('27'))), 'push.throttled')
    const later = right(send(at(T0 + 15 * MINUTE + 9000), l, PHONE_APP, pushId(11), n('27')))
    assert.deepEqual(later.challenges.map((c) => c.id), [pushId(11)])
  })
})

// -------------------------------------------------------------------------------------
// model-based: send / answer / wait, in any order
// -------------------------------------------------------------------------------------

type Outcome = 'pending' | 'approved' | 'denied' | 'number-mismatch' | 'superseded'
interface ModelPush {
  readonly id: PushChallengeId
  readonly device: MfaDevice
  readonly number: MatchNumber
  readonly issuedAt: number
  outcome: Outcome
}
interface Model {
  now: number
  pushes: ModelPush[]
  next: number
}
interface Approval {
  readonly id: PushChallengeId
  readonly at: number
  readonly number: MatchNumber | null
  readonly by: MfaDeviceId
}
interface Real {
  now: number
  ledger: PushLedger
  readonly approvals: Approval[]
}
type Cmd = fc.Command<Model, Real>

/** A small policy, so that the throttle is met often. */
const POLICY: PushPolicy = { lifetime: Duration.fromObject({ minutes: 2 }), maxNotApproved: 3, maxPerWindow: 5, window: Duration.fromObject({ minutes: 10 }) }
const LIFETIME = POLICY.lifetime.toMillis()
const WINDOW = POLICY.window.toMillis()
const DEVICES = [PHONE_APP, TABLET_APP, device(3, 'sms')] as const
const recent = (m: Model): ModelPush[] => m.pushes.filter((p) => m.now < p.issuedAt + WINDOW)

class Send implements Cmd {
  constructor(readonly to: MfaDevice, readonly number: MatchNumber) {}
  check = () => true
  run(m: Model, r: Real): void {
    const id = pushId(++m.next)
    const x = sendPush(POLICY)(at(r.now), r.ledger, this.to, id, this.number)
    const inWindow = recent(m)
    const throttled = inWindow.filter((p) => p.outcome !== 'approved').length >= POLICY.maxNotApproved || inWindow.length >= POLICY.maxPerWindow
    const expected = this.to.kind !== 'push' ? 'mfa.wrong-kind' : throttled ? 'push.throttled' : 'ok'
    assert.equal(codeOf(x), expected)
    if (E.isLeft(x)) return
    r.ledger = x.right
    for (const p of inWindow) if (p.outcome === 'pending') p.outcome = 'superseded'
    m.pushes = [...inWindow, { id, device: this.to, number: this.number, issuedAt: m.now, outcome: 'pending' }]
  }
  toString = () => `send(${this.to.kind} #${this.to.id.slice(-1)}, ${this.number})`
}

type NumberChoice = 'right' | 'wrong' | 'none'

class Answer implements Cmd {
  constructor(readonly pick: number, readonly rightDevice: boolean, readonly decision: 'approve' | 'deny', readonly choice: NumberChoice) {}
  check = (m: Readonly<Model>) => m.pushes.length > 0
  run(m: Model, r: Real): void {
    const p = m.pushes[this.pick % m.pushes.length] as ModelPush
    const by = this.rightDevice ? p.device : (DEVICES.find((d) => d.id !== p.device.id) as MfaDevice)
    const number = this.choice === 'none' ? null : this.choice === 'right' ? p.number : n(String((Number(p.number) + 1) % 100).padStart(2, '0'))
    const x = answerPush(at(r.now), r.ledger, p.id, { deviceId: by.id, decision: this.decision, number })
    const expected =
      !this.rightDevice ? 'push.wrong-device'
      : p.outcome === 'superseded' ? 'push.superseded'
      : p.outcome !== 'pending' ? 'push.already-answered'
      : m.now >= p.issuedAt + LIFETIME ? 'push.expired'
      : this.decision === 'deny' ? 'push.denied'
      : this.choice !== 'right' ? 'push.number-mismatch'
      : 'ok'
    assert.equal(codeOf(x.verdict), expected)
    r.ledger = x.ledger
    if (E.isRight(x.verdict)) r.approvals.push({ id: p.id, at: r.now, number, by: by.id })
    if (expected === 'ok') p.outcome = 'approved'
    else if (expected === 'push.denied') p.outcome = 'denied'
    else if (expected === 'push.number-mismatch') p.outcome = 'number-mismatch'
  }
  toString = () => `answer(#${this.pick}, ${this.rightDevice ? 'its device' : 'another device'}, ${this.decision}, ${this.choice} number)`
}

class Wait implements Cmd {
  constructor(readonly millis: number) {}
  check = () => true
  run(m: Model, r: Real): void {
    m.now += this.millis
    r.now += this.millis
  }
  toString = () => `wait(${Duration.fromMillis(this.millis).shiftTo('minutes', 'seconds').toHuman()})`
}

const commands = fc.commands(
  [
    fc.tuple(fc.constantFrom(...DEVICES), fc.integer({ min: 0, max: 99 })).map(([d, k]) => new Send(d, n(String(k).padStart(2, '0')))),
    fc
      .tuple(fc.nat(), fc.boolean(), fc.constantFrom<'approve' | 'deny'>('approve', 'approve', 'deny'), fc.constantFrom<NumberChoice>('right', 'right', 'wrong', 'none'))
      .map(([i, d, a, c]) => new Answer(i, d, a, c)),
    fc.oneof(fc.integer({ min: 0, max: 3 * MINUTE }), fc.constantFrom(LIFETIME, LIFETIME - 1, WINDOW, 1)).map((ms) => new Wait(ms))
  ],
  { maxCommands: 60, size: 'large' }
)

describe('push approvals, model-based', () => {
  test('a push approves at most once, only from its device, with the number shown, before expiry, while the latest; the throttle is the model’s', () => {
    fc.assert(
      fc.property(commands, (cmds) => {
        const model: Model = { now: T0, pushes: [], next: 0 }
        const real: Real = { now: T0, ledger: emptyPushLedger(ACCOUNT), approvals: [] }
        const sent = new Map<PushChallengeId, ModelPush>()
        const checked = [...cmds].map(
          (c): Cmd => ({
            check: (m) => c.check(m),
            run: (m, r) => {
              c.run(m, r)
              for (const p of m.pushes) sent.set(p.id, { ...p })
              const ids = r.approvals.map((a) => a.id)
              assert.equal(new Set(ids).size, ids.length, 'a push approved twice')
              for (const a of r.approvals) {
                const p = sent.get(a.id) as ModelPush
                assert.equal(a.number, p.number, 'approved with the wrong number')
                assert.equal(a.by, p.device.id, 'approved by another device')
                assert.ok(a.at < p.issuedAt + LIFETIME, 'approved after expiry')
              }
              // Sending forgets the pushes older than the window; the model forgets the same.
              assert.ok(r.ledger.challenges.length <= POLICY.maxPerWindow)
              assert.deepEqual(
                r.ledger.challenges.map((ch) => [ch.id, ch.deviceId, ch.number, ch.state]),
                m.pushes.map((p) => [p.id, p.device.id, p.number, p.outcome])
              )
              const inWindow = recent(m)
              const throttled = inWindow.filter((p) => p.outcome !== 'approved').length >= POLICY.maxNotApproved || inWindow.length >= POLICY.maxPerWindow
              assert.equal(pushThrottledUntil(POLICY, at(r.now), r.ledger) !== undefined, throttled)
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
