/**
 * Codecs of the second-factor documents as a store keeps them (an account's
 * devices, its push ledger): each state exactly its fields (an unknown field
 * is refused, not dropped), every branded value re-parsed in its canonical
 * form, lists bounded.
 *
 * @since 0.4.0
 */
import * as t from 'io-ts'
import { parsePhoneNumber, PhoneNumber } from '../kernel/us-identifiers'
import { closedObject } from '../organizations/client-access-codecs'
import { organisationCodecKit as kit } from '../organizations/codecs'
import { AccountDevices, MAX_DEVICES_LIMIT, MfaDeviceId, parsePushDeviceId, parseSecretRef, PushDeviceId, SecretRef } from './devices'
import { PushChallengeId, PushLedger, MatchNumber } from './push'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const DeviceId = kit.matching<MfaDeviceId>('MfaDeviceId', UUID, 36, 'a UUID in lower case')
const PushId = kit.matching<PushChallengeId>('PushChallengeId', UUID, 36, 'a UUID in lower case')
const Number2 = kit.matching<MatchNumber>('MatchNumber', /^\d{2}$/, 2, 'two digits')
const Phone = kit.canonical<PhoneNumber>('phone', parsePhoneNumber)
const SecretRefCodec = kit.canonical<SecretRef>('secretRef', parseSecretRef)
const PushDeviceIdCodec = kit.canonical<PushDeviceId>('pushDeviceId', parsePushDeviceId)
const Version = kit.refined(t.number, 'version', (n) => (Number.isSafeInteger(n) && n >= 0 ? undefined : 'must be a whole number, 0 or more'))

/** Most pushes a ledger holds: far above any policy's window (a bound on a stored row). */
export const MAX_PUSHES_KEPT = 1000

const targets = [
  { kind: t.literal('sms'), phone: Phone },
  { kind: t.literal('voice'), phone: Phone },
  { kind: t.literal('totp'), secretRef: SecretRefCodec },
  { kind: t.literal('push'), pushDeviceId: PushDeviceIdCodec }
] as const

const deviceCodecs = targets.flatMap((target) => [
  closedObject(`${target.kind.value} device pending`, { ...target, id: DeviceId, state: t.literal('pending-confirmation'), enrolledAt: kit.Instant }),
  closedObject(`${target.kind.value} device active`, { ...target, id: DeviceId, state: t.literal('active'), enrolledAt: kit.Instant, confirmedAt: kit.Instant })
]) as unknown as [t.Mixed, t.Mixed, ...t.Mixed[]]

/** An account's devices as stored. */
export const AccountDevicesCodec = closedObject('AccountDevices', {
  accountId: kit.AccountId,
  devices: kit.boundedArray(t.union(deviceCodecs), MAX_DEVICES_LIMIT, 'devices'),
  version: Version
}) as unknown as t.Type<AccountDevices, unknown, unknown>

const pushBase = { id: PushId, deviceId: DeviceId, number: Number2, issuedAt: kit.Instant, expiresAt: kit.Instant }

/** An account's push ledger as stored. */
export const PushLedgerCodec = closedObject('PushLedger', {
  accountId: kit.AccountId,
  challenges: kit.boundedArray(
    t.union([
      closedObject('push unanswered', { ...pushBase, state: t.keyof({ pending: null, superseded: null }) }),
      closedObject('push answered', { ...pushBase, state: t.keyof({ approved: null, denied: null, 'number-mismatch': null }), answeredAt: kit.Instant })
    ]),
    MAX_PUSHES_KEPT,
    'challenges'
  ),
  version: Version
}) as unknown as t.Type<PushLedger, unknown, unknown>
