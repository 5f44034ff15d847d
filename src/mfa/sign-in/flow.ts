/**
 * A two-factor sign-in in progress (HARP): the password checked, then either
 * a device to add first (none is active while two factors are required) or a
 * second factor awaited from one of the active devices, then completed.
 *
 *   awaiting-device ──(a device added and confirmed)──────────────► completed
 *   awaiting-second-factor ─(device chosen: challenge)─(verified)─► completed
 *
 * It is a flow of the flows table (a kind of its own): the same expiry,
 * version check and states as every self-service flow, so a code typed into
 * an expired or finished sign-in is refused like any other step out of turn.
 *
 * @since 0.4.0
 */
import * as E from '../../kernel/either'
import * as t from 'io-ts'
import type { AccountId } from '../../accounts/account'
import type { FlowBase } from '../../accounts/flow'
import type { MfaDeviceId } from '../devices'
import type { MatchNumber, PushChallengeId } from '../push'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** What the sign-in waits for from the device chosen: a code (SMS, voice, authenticator app) or a push answered with the number shown. */
export type SignInChallenge =
  | { readonly kind: 'sms' | 'voice' | 'totp'; readonly deviceId: MfaDeviceId }
  | { readonly kind: 'push'; readonly deviceId: MfaDeviceId; readonly pushId: PushChallengeId; readonly number: MatchNumber }

interface MfaSignInBase extends FlowBase {
  readonly kind: 'mfa-sign-in'
  readonly accountId: AccountId
}

/** The password was right, and no device is active: the person adds one first. */
export type AwaitingDevice = MfaSignInBase & { readonly state: 'awaiting-device' }

/** The password was right: a second factor from an active device is awaited (none chosen yet: `challenge` null). */
export type AwaitingSecondFactor = MfaSignInBase & { readonly state: 'awaiting-second-factor'; readonly challenge: SignInChallenge | null }

/** Signed in with both factors. */
export type SignInCompleted = MfaSignInBase & { readonly state: 'completed'; readonly deviceId: MfaDeviceId; readonly signedInAt: string }

/** A two-factor sign-in in any state. */
export type MfaSignInFlow = AwaitingDevice | AwaitingSecondFactor | SignInCompleted

/** Its states, in the order the steps reach them. */
export const MFA_SIGN_IN_STATES = ['awaiting-device', 'awaiting-second-factor', 'completed'] as const

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const uuid = <A extends string>(name: string): t.Type<A, string, unknown> =>
  new t.Type<A, string, unknown>(name, (u): u is A => typeof u === 'string' && UUID.test(u), (u, c) => (typeof u === 'string' && UUID.test(u) ? t.success(u as A) : t.failure(u, c, `${name} must be a UUID`)), (a) => a)
const instant = new t.Type<string, string, unknown>(
  'instant',
  (u): u is string => typeof u === 'string',
  (u, c) => (typeof u === 'string' && u.length <= 40 && !Number.isNaN(Date.parse(u)) ? t.success(u) : t.failure(u, c, 'must be an ISO instant')),
  (a) => a
)
const matchNumber = new t.Type<MatchNumber, string, unknown>(
  'MatchNumber',
  (u): u is MatchNumber => typeof u === 'string' && /^\d{2}$/.test(u),
  (u, c) => (typeof u === 'string' && /^\d{2}$/.test(u) ? t.success(u as MatchNumber) : t.failure(u, c, 'must be two digits')),
  (a) => a
)
const version = new t.Type<number, number, unknown>(
  'version',
  (u): u is number => typeof u === 'number',
  (u, c) => (typeof u === 'number' && Number.isSafeInteger(u) && u >= 0 ? t.success(u) : t.failure(u, c, 'must be a whole number, 0 or more')),
  (a) => a
)

const base = {
  id: uuid<FlowBase['id']>('FlowId'),
  kind: t.literal('mfa-sign-in'),
  startedAt: instant,
  expiresAt: instant,
  version,
  accountId: uuid<AccountId>('AccountId')
}

const ChallengeCodec = t.union([
  t.strict({ kind: t.keyof({ sms: null, voice: null, totp: null }), deviceId: uuid<MfaDeviceId>('MfaDeviceId') }),
  t.strict({ kind: t.literal('push'), deviceId: uuid<MfaDeviceId>('MfaDeviceId'), pushId: uuid<PushChallengeId>('PushChallengeId'), number: matchNumber })
])

/** A two-factor sign-in as the flows table keeps it: each state exactly its fields, ids as UUIDs. */
export const MfaSignInFlowCodec: t.Type<MfaSignInFlow, unknown, unknown> = t.union([
  t.strict({ ...base, state: t.literal('awaiting-device') }),
  t.strict({ ...base, state: t.literal('awaiting-second-factor'), challenge: t.union([ChallengeCodec, t.null]) }),
  t.strict({ ...base, state: t.literal('completed'), deviceId: uuid<MfaDeviceId>('MfaDeviceId'), signedInAt: instant })
]) as unknown as t.Type<MfaSignInFlow, unknown, unknown>

/** Decodes a stored two-factor sign-in (never trusted): the flow, or why not. */
export const decodeMfaSignInFlow = (u: unknown): E.Either<string, MfaSignInFlow> => {
  try {
    const decoded = MfaSignInFlowCodec.decode(u)
    return E.isRight(decoded) ? E.right(decoded.right) : E.left('not a two-factor sign-in of a known state')
  } catch {
    return E.left('the document could not be read')
  }
}
