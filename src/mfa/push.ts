/**
 * Push approval with number matching (Okta Verify-like), against push
 * fatigue: the sign-in page shows a two-digit number, and the person's app
 * must send that number back with its approval. A push is answered once; a
 * denial or a wrong number fails it; it expires (2 minutes by default); a new
 * push supersedes a pending one; and too many pushes not approved within a
 * window stop further pushes for a while.
 *
 *   sendPush ─► pending ─answerPush─► approved (verified) | denied | number-mismatch
 *                  └──── expires, or a newer push supersedes it
 *
 * The pushes of one account live in one ledger, so the throttle counts across
 * its push devices.
 *
 * @since 0.4.0
 */
import * as E from '../kernel/either'
import { pipe } from 'fp-ts/lib/function.js'
import { DateTime, Duration } from 'luxon'
import type { AccountId } from '../accounts/account'
import { constantTimeEquals } from '../credentials/verification-code'
import { domainError, DomainError, invalid } from '../kernel/errors'
import { TEXT_LIMITS } from '../kernel/form'
import { requireText } from '../kernel/validation'
import type { MfaDevice, MfaDeviceId } from './devices'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A push's identifier (drawn by the caller, a random UUID). */
export type PushChallengeId = string & { readonly PushChallengeId: unique symbol }

/** The two digits shown on the sign-in page, to be sent back by the app (`00` to `99`). */
export type MatchNumber = string & { readonly MatchNumber: unique symbol }

/** How pushes behave. */
export interface PushPolicy {
  /** How long a push may be answered. */
  readonly lifetime: Duration
  /** Pushes not approved (unanswered, expired, superseded, denied, wrong number) allowed within `window`. */
  readonly maxNotApproved: number
  /** Pushes of any outcome allowed within `window` (a bound on the ledger too). */
  readonly maxPerWindow: number
  readonly window: Duration
}

/** This library's policy: answer within 2 minutes; 3 pushes not approved, or 10 in all, per 15 minutes. */
export const numberMatchingPush: PushPolicy = {
  lifetime: Duration.fromObject({ minutes: 2 }),
  maxNotApproved: 3,
  maxPerWindow: 10,
  window: Duration.fromObject({ minutes: 15 })
}

interface PushBase {
  readonly id: PushChallengeId
  readonly deviceId: MfaDeviceId
  readonly number: MatchNumber
  readonly issuedAt: string
  readonly expiresAt: string
}

/** Sent, not answered yet (it may have expired meanwhile: see `pushState`). */
export type PendingPush = PushBase & { readonly state: 'pending' }

/** Approved with the right number before it expired: the only outcome that verifies. */
export type ApprovedPush = PushBase & { readonly state: 'approved'; readonly answeredAt: string }

/** Denied by the person, or approved with a number other than the one shown. */
export type FailedPush = PushBase & { readonly state: 'denied' | 'number-mismatch'; readonly answeredAt: string }

/** Replaced by a newer push before it was answered. */
export type SupersededPush = PushBase & { readonly state: 'superseded' }

/** A push in any state. */
export type PushChallenge = PendingPush | ApprovedPush | FailedPush | SupersededPush

/** A push's state as of now: a pending push past its expiry is `expired`. */
export type PushState = PushChallenge['state'] | 'expired'

/** The pushes sent for one account within the policy's window. */
export interface PushLedger {
  readonly accountId: AccountId
  readonly challenges: ReadonlyArray<PushChallenge>
  /** Optimistic-concurrency version: 0 before the first save; the store raises it. */
  readonly version: number
}

/** What the app sends back: which device answers, approve or deny, and the number it was given. */
export interface PushAnswer {
  readonly deviceId: MfaDeviceId
  readonly decision: 'approve' | 'deny'
  readonly number: MatchNumber | null
}

/** The result of answering: the ledger to save either way, and the verdict. */
export interface PushCheck {
  readonly ledger: PushLedger
  readonly verdict: E.Either<DomainError, 'verified'>
}

/** Sends a push to a device. */
export type SendPush = (
  policy: PushPolicy
) => (now: DateTime, ledger: PushLedger, device: MfaDevice, id: PushChallengeId, number: MatchNumber) => E.Either<DomainError, PushLedger>

/** Answers a push, from the app. */
export type AnswerPush = (now: DateTime, ledger: PushLedger, id: PushChallengeId, answer: PushAnswer) => PushCheck

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/** An account that has been sent no push. */
export const emptyPushLedger = (accountId: AccountId): PushLedger => ({ accountId, challenges: [], version: 0 })

const MATCH_NUMBER = /^\d{2}$/

/** Parses the number the app sends back (or a number drawn with `digitsFromBytes(bytes, 2)`): two digits. */
export const parseMatchNumber = (input: unknown, field = 'number'): E.Either<DomainError, MatchNumber> =>
  pipe(
    requireText(input, field, TEXT_LIMITS.short),
    E.chain((s) => (MATCH_NUMBER.test(s) ? E.right(s as MatchNumber) : E.left(invalid(field, 'two digits'))))
  )

// -------------------------------------------------------------------------------------
// queries
// -------------------------------------------------------------------------------------

const iso = (d: DateTime): string => d.toISO() as string
const instant = (s: string, now: DateTime): DateTime => DateTime.fromISO(s, { zone: now.zone })

/** The push with this id, if the ledger holds it. */
export const pushOf = (ledger: PushLedger, id: PushChallengeId): PushChallenge | undefined => ledger.challenges.find((c) => c.id === id)

/** A push's state as of now (what a sign-in page polls for). */
export const pushState = (now: DateTime, challenge: PushChallenge): PushState =>
  challenge.state === 'pending' && now >= instant(challenge.expiresAt, now) ? 'expired' : challenge.state

const inWindow = (policy: PushPolicy, now: DateTime) => (c: PushChallenge): boolean => now < instant(c.issuedAt, now).plus(policy.window)

/** When another push may be sent: `undefined` now, or the instant the throttle lifts. */
export const pushThrottledUntil = (policy: PushPolicy, now: DateTime, ledger: PushLedger): string | undefined => {
  const recent = ledger.challenges.filter(inWindow(policy, now))
  const notApproved = recent.filter((c) => c.state !== 'approved')
  // The throttle lifts when enough of the counted pushes have left the window (challenges are kept in the order sent).
  const liftsAt = (counted: ReadonlyArray<PushChallenge>, maximum: number): string | undefined => {
    const oldest = counted[counted.length - maximum]
    return counted.length >= maximum && oldest !== undefined ? iso(instant(oldest.issuedAt, now).plus(policy.window)) : undefined
  }
  const until = [liftsAt(notApproved, policy.maxNotApproved), liftsAt(recent, policy.maxPerWindow)].filter((u): u is string => u !== undefined)
  return until.length === 0 ? undefined : until.reduce((a, b) => (instant(a, now) >= instant(b, now) ? a : b))
}

// -------------------------------------------------------------------------------------
// transitions
// -------------------------------------------------------------------------------------

/**
 * Sends a push to a push device, with the number the sign-in page shows.
 * Refused for a device of another kind (`mfa.wrong-kind`), and while
 * throttled (`push.throttled`, with when it lifts). Pushes older than the
 * window are forgotten; a pending one is superseded.
 *
 * @example
 * import { mfa } from 'health-portal-domain'
 * import type { AccountId } from 'health-portal-domain/accounts'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { DateTime } from 'luxon'
 * const now = DateTime.utc()
 * const device: mfa.MfaDevice = {
 *   id: '22222222-2222-4222-8222-222222222222' as mfa.MfaDeviceId, kind: 'push',
 *   pushDeviceId: 'okv-7f3a' as mfa.PushDeviceId, state: 'active', enrolledAt: now.toISO(), confirmedAt: now.toISO()
 * }
 * const pushId = '33333333-3333-4333-8333-333333333333' as mfa.PushChallengeId
 * const sent = mfa.sendPush(mfa.numberMatchingPush)(now, mfa.emptyPushLedger('00000000-0000-4000-8000-000000000001' as AccountId), device, pushId, '27' as mfa.MatchNumber)
 * if (E.isRight(sent)) mfa.answerPush(now, sent.right, pushId, { deviceId: device.id, decision: 'approve', number: '27' as mfa.MatchNumber }).verdict // right('verified')
 */
export const sendPush: SendPush = (policy) => (now, ledger, device, id, number) => {
  if (device.kind !== 'push')
    return E.left(domainError('mfa.wrong-kind', { field: 'deviceId', rule: 'a push goes only to a push device', expected: 'push', actual: device.kind }))
  if (pushOf(ledger, id) !== undefined) return E.left(domainError('list.duplicate', { field: 'pushId', rule: 'pushId must be new', value: id }))
  const until = pushThrottledUntil(policy, now, ledger)
  if (until !== undefined)
    return E.left(
      domainError('push.throttled', {
        field: 'deviceId',
        rule: `too many pushes were not approved (at most ${policy.maxNotApproved}, or ${policy.maxPerWindow} in all, in ${policy.window.toHuman()}): sign in another way or wait`,
        retryAfter: until
      })
    )
  const kept = ledger.challenges.filter(inWindow(policy, now)).map((c): PushChallenge => (c.state === 'pending' ? { ...c, state: 'superseded' } : c))
  const sent: PendingPush = { id, deviceId: device.id, number, issuedAt: iso(now), expiresAt: iso(now.plus(policy.lifetime)), state: 'pending' }
  return E.right({ ...ledger, challenges: [...kept, sent] })
}

/**
 * Answers a push. Order matters: an unknown push, an answer from another
 * device (both leave the push as it was), a push answered or superseded
 * already, expiry; then a denial or a number other than the one shown fails
 * the push for good, and only an approval with the right number verifies it.
 */
export const answerPush: AnswerPush = (now, ledger, id, answer) => {
  const reject = (error: DomainError, next: PushLedger = ledger): PushCheck => ({ ledger: next, verdict: E.left(error) })
  const challenge = pushOf(ledger, id)
  if (challenge === undefined) return reject(domainError('push.not-found', { field: 'pushId', rule: 'pushId must be a push sent to the account' }))
  if (answer.deviceId !== challenge.deviceId) return reject(domainError('push.wrong-device', { field: 'deviceId', rule: 'a push is answered only by the device it was sent to' }))
  if (challenge.state === 'superseded') return reject(domainError('push.superseded', { field: 'pushId', rule: 'a newer push replaced this one: answer the latest' }))
  if (challenge.state !== 'pending')
    return reject(domainError('push.already-answered', { field: 'pushId', rule: 'a push is answered once', state: challenge.state }))
  if (now >= instant(challenge.expiresAt, now)) return reject(domainError('push.expired', { field: 'pushId', rule: 'a push must be answered before it expires: sign in again' }))
  const answered = (state: 'approved' | 'denied' | 'number-mismatch'): PushLedger => ({
    ...ledger,
    challenges: ledger.challenges.map((c) => (c.id === id ? { ...challenge, state, answeredAt: iso(now) } : c))
  })
  if (answer.decision === 'deny') return reject(domainError('push.denied', { field: 'pushId', rule: 'the push was denied on the device' }), answered('denied'))
  if (answer.number === null || !constantTimeEquals(answer.number, challenge.number))
    return reject(domainError('push.number-mismatch', { field: 'number', rule: 'number must be the one shown on the sign-in page' }), answered('number-mismatch'))
  return { ledger: answered('approved'), verdict: E.right('verified') }
}
