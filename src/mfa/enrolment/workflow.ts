/**
 * Managing one's second factors after signing in (and while a first sign-in
 * adds its first device): list them (phones masked), add one pending
 * confirmation, confirm it with a first code or an approved push, send a new
 * code, remove one (never the last active one while two factors are
 * required); and the push app's side, answering a push with the number the
 * sign-in page shows.
 *
 * - SMS and voice: the phone, then a code sent through the port (kept only
 *   as a keyed hash on the code ledger of the account and phone).
 * - Google Authenticator: a secret drawn from the CSPRNG, shown once (base32
 *   and the `otpauth://` key URI), kept sealed with the TOTP secret box;
 *   confirmed by a first code, each code accepted at most once.
 * - Okta Verify: the app's push device id; confirmed by a first push
 *   approved with the number shown.
 *
 * @since 0.4.0
 */
import * as E from '../../kernel/either'
import * as O from 'fp-ts/lib/Option.js'
import type { DateTime } from 'luxon'
import { domainError } from '../../kernel/errors'
import { readForm, TEXT_LIMITS } from '../../kernel/form'
import { requireText } from '../../kernel/validation'
import type { Account, AccountId } from '../../accounts/account'
import { emptyLedger } from '../../credentials/verification-code'
import { encodeBase32, parseTotpSecret, TOTP_SECRET_BYTES, totpKeyUri, totpSecretFromBytes, verifyTotp } from '../../credentials/totp'
import type { KeyedHash } from '../../ports/keyed-hasher'
import type { PhoneNumber } from '../../kernel/us-identifiers'
import {
  confirmDevice,
  deviceOf,
  enrolDevice,
  FactorTarget,
  MfaDevice,
  MfaDeviceId,
  parseFactorKind,
  parsePushDeviceId,
  removeDevice,
  SecretRef,
  validateEnrolment
} from '../devices'
import { checkOutOfBandCode, issueOutOfBandCode, normaliseOutOfBandCode, OUT_OF_BAND_PURPOSES, outOfBandKindOf } from '../out-of-band-code'
import { answerPush, MatchNumber, parseMatchNumber, PushChallengeId, pushOf, pushState, sendPush } from '../push'
import type { MfaEnv, MfaWorkflow } from '../policies'
import { Acting, actingAccount, devicesOf, drawDigits, must, mustAll, port, pushLedgerOf, refuse, saveDevices, savePushLedger, workflow } from '../workflow-kit'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A device as the person's device list shows it: a phone only by its last four digits. */
export interface DeviceSummary {
  readonly deviceId: MfaDeviceId
  readonly kind: MfaDevice['kind']
  readonly state: MfaDevice['state']
  /** "(***) ***-0143" for SMS and voice. */
  readonly maskedPhone?: string
  readonly enrolledAt: string
  readonly confirmedAt?: string
}

/** What adding a device answers: what to do to confirm it. */
export type DeviceAdded =
  | { readonly deviceId: MfaDeviceId; readonly kind: 'sms' | 'voice'; readonly maskedPhone: string }
  /** Shown once: the secret in base32 (to type) and as the key URI (the QR code to scan). */
  | { readonly deviceId: MfaDeviceId; readonly kind: 'totp'; readonly secret: string; readonly keyUri: string }
  /** The number to type into the app when the push arrives. */
  | { readonly deviceId: MfaDeviceId; readonly kind: 'push'; readonly pushId: PushChallengeId; readonly number: MatchNumber }

/** The add-a-device form: the kind, and for SMS and voice the phone, for Okta Verify the app's push device id. */
export interface AddDeviceForm {
  readonly kind?: unknown
  readonly phone?: unknown
  readonly pushDeviceId?: unknown
}

/** The confirm form: the device, and its first code (none for a push device: its push is looked up). */
export interface ConfirmDeviceForm {
  readonly deviceId?: unknown
  readonly code?: unknown
}

/** What the push app sends back. */
export interface PushAnswerForm {
  readonly accountId?: unknown
  readonly pushId?: unknown
  readonly pushDeviceId?: unknown
  readonly decision?: unknown
  readonly number?: unknown
}

// -------------------------------------------------------------------------------------
// factors: what sign-in and enrolment share
// -------------------------------------------------------------------------------------

/** A phone as the device list shows it: the last four digits only. */
export const maskPhone = (phone: PhoneNumber): string => `(***) ***-${phone.slice(-4)}`

const summaryOf = (d: MfaDevice): DeviceSummary => ({
  deviceId: d.id,
  kind: d.kind,
  state: d.state,
  ...(d.kind === 'sms' || d.kind === 'voice' ? { maskedPhone: maskPhone(d.phone) } : {}),
  enrolledAt: d.enrolledAt,
  ...(d.state === 'active' ? { confirmedAt: d.confirmedAt } : {})
})

/** Every device of an account, as listed. */
export const summariesOf = (devices: ReadonlyArray<MfaDevice>): ReadonlyArray<DeviceSummary> => devices.map(summaryOf)

const phoneKey = (env: MfaEnv, purpose: string, accountId: AccountId, phone: PhoneNumber): KeyedHash => env.keyedHasher.digest(purpose, `${accountId}:${phone}`)
const codeHash = (env: MfaEnv, deviceId: MfaDeviceId, code: string): KeyedHash => env.keyedHasher.digest('mfa-code', `${deviceId}:${code}`)

/** Sends a new code to an SMS or voice device: counted on its ledger (refused while locked or once the sends are used up), then texted or spoken. */
export const sendCode = async (env: MfaEnv, at: DateTime, accountId: AccountId, device: MfaDevice): Promise<void> => {
  const kind = must(outOfBandKindOf(device))
  const phone = (device as { readonly phone: PhoneNumber }).phone
  const policy = env.mfaPolicies[kind]
  const purpose = OUT_OF_BAND_PURPOSES[kind]
  const key = phoneKey(env, purpose, accountId, phone)
  const ledger = O.getOrElse(() => emptyLedger(purpose, key, at))(await port(env.codeLedgers.find(purpose, key)))
  const code = drawDigits(env.random, policy.digits)
  const issued = must(issueOutOfBandCode(policy)(at, ledger, codeHash(env, device.id, code), 'deviceId'))
  await port(ledger.version === 0 ? env.codeLedgers.insert(issued) : env.codeLedgers.update(issued))
  const message = { kind: 'mfa-code', to: phone, text: kind === 'sms' ? env.mfaPolicies.smsText(code) : env.mfaPolicies.voiceText(code) }
  await port(kind === 'sms' ? env.smsSender.send(message) : env.voiceCaller.call(message))
}

/**
 * Checks a code typed for a device: an SMS or voice code against its ledger
 * (the attempt is counted whatever the verdict), an authenticator code
 * against its credential (the step accepted is saved with the version check,
 * so one code is accepted at most once, even by two requests at one moment).
 */
export const verifyCode = async (env: MfaEnv, at: DateTime, accountId: AccountId, device: MfaDevice, input: unknown): Promise<void> => {
  if (device.kind === 'sms' || device.kind === 'voice') {
    const policy = env.mfaPolicies[device.kind]
    const code = must(normaliseOutOfBandCode(policy, input, 'code'))
    const purpose = OUT_OF_BAND_PURPOSES[device.kind]
    const key = phoneKey(env, purpose, accountId, device.phone)
    const ledger = await port(env.codeLedgers.find(purpose, key))
    if (O.isNone(ledger)) return refuse(domainError('code.incorrect', { field: 'code', rule: 'code must be the one sent to the phone', attemptsLeft: policy.maxFailedAttempts }))
    const checked = checkOutOfBandCode(policy)(at, ledger.value, codeHash(env, device.id, code), 'code')
    await port(env.codeLedgers.update(checked.ledger))
    must(checked.verdict)
    return
  }
  if (device.kind === 'totp') {
    const found = await port(env.totpCredentials.find(device.secretRef))
    if (O.isNone(found)) return refuse(domainError('mfa.device-not-found', { field: 'deviceId', rule: 'deviceId must be a device of the account' }))
    const credential = found.value
    const secret = must(E.chain(parseTotpSecret)(env.totpSecretBox.open(credential.sealedSecret)))
    const verdict = verifyTotp(env.hmac, env.mfaPolicies.totp)(at, secret, { lastAcceptedStep: credential.lastAcceptedStep }, input, 'code')
    if (!verdict.accepted) return refuse(verdict.error)
    await port(env.totpCredentials.update({ ...credential, lastAcceptedStep: verdict.state.lastAcceptedStep }))
    return
  }
  return refuse(domainError('mfa.wrong-kind', { field: 'deviceId', rule: 'a push device is confirmed by its push, not a code', expected: 'sms, voice or totp', actual: device.kind }))
}

/** Sends a push to a push device with a fresh number to match; answers the push and the number the page shows. */
export const pushTo = async (env: MfaEnv, at: DateTime, accountId: AccountId, device: MfaDevice): Promise<{ readonly pushId: PushChallengeId; readonly number: MatchNumber }> => {
  const ledger = await pushLedgerOf(env, accountId)
  const pushId = env.random.uuid() as PushChallengeId
  const number = drawDigits(env.random, 2) as MatchNumber
  const sent = must(sendPush(env.mfaPolicies.push)(at, ledger, device, pushId, number))
  await savePushLedger(env, sent)
  if (device.kind === 'push')
    await port(env.pushNotifier.notify({ pushDeviceId: device.pushDeviceId, pushId, accountId, issuer: env.mfaPolicies.issuer, expiresAt: at.plus(env.mfaPolicies.push.lifetime).toISO() as string }))
  return { pushId, number }
}

/** Has this push been approved (with the right number, in time)? Otherwise why not. */
export const pushVerdict = async (env: MfaEnv, at: DateTime, accountId: AccountId, pushId: PushChallengeId): Promise<void> => {
  const push = pushOf(await pushLedgerOf(env, accountId), pushId)
  const state = push === undefined ? 'missing' : pushState(at, push)
  switch (state) {
    case 'approved':
      return
    case 'pending':
      return refuse(domainError('push.not-answered', { field: 'pushId', rule: 'the push has not been answered yet: approve it in the app' }))
    case 'expired':
      return refuse(domainError('push.expired', { field: 'pushId', rule: 'a push must be answered before it expires: sign in again' }))
    case 'denied':
      return refuse(domainError('push.denied', { field: 'pushId', rule: 'the push was denied on the device' }))
    case 'number-mismatch':
      return refuse(domainError('push.number-mismatch', { field: 'number', rule: 'number must be the one shown on the sign-in page' }))
    case 'superseded':
      return refuse(domainError('push.superseded', { field: 'pushId', rule: 'a newer push replaced this one: answer the latest' }))
    default:
      return refuse(domainError('push.not-found', { field: 'pushId', rule: 'pushId must be a push sent to the account' }))
  }
}

const parseDeviceId = (input: unknown): MfaDeviceId => must(requireText(input, 'deviceId', TEXT_LIMITS.short)) as MfaDeviceId

/** The account's device named by the form (`mfa.device-not-found` for any other). */
export const deviceNamed = (devices: ReadonlyArray<MfaDevice>, input: unknown): MfaDevice => {
  const id = parseDeviceId(input)
  return devices.find((d) => d.id === id) ?? refuse(domainError('mfa.device-not-found', { field: 'deviceId', rule: 'deviceId must be a device of the account' }))
}

// -------------------------------------------------------------------------------------
// steps over an account (after sign-in, or within a first sign-in)
// -------------------------------------------------------------------------------------

/** Adds a device to an account, pending confirmation, and starts its confirmation (a code, a secret shown once, a push). */
export const addDeviceTo = async (env: MfaEnv, account: Account, input: unknown): Promise<DeviceAdded> => {
  const form = mustAll(readForm(input, ['kind', 'phone', 'pushDeviceId']))
  const kind = must(parseFactorKind(form.kind))
  const at = env.clock.now()
  const devices = await devicesOf(env, account.id)
  const id = env.random.uuid() as MfaDeviceId
  if (kind === 'totp') {
    const policy = env.mfaPolicies.totp
    const secret = must(totpSecretFromBytes(env.random.bytes(TOTP_SECRET_BYTES[policy.algorithm]), policy))
    const secretRef = `totp-${env.random.uuid()}` as SecretRef
    const keyUri = must(totpKeyUri(policy)(secret, env.mfaPolicies.issuer, account.username))
    const enrolled = must(enrolDevice(env.mfaPolicies.mfa)(at, devices, id, { kind: 'totp', secretRef }))
    await port(env.totpCredentials.insert({ id: secretRef, accountId: account.id, sealedSecret: env.totpSecretBox.seal(encodeBase32(secret)), lastAcceptedStep: null, version: 0 }))
    await saveDevices(env, enrolled)
    return { deviceId: id, kind: 'totp', secret: encodeBase32(secret), keyUri }
  }
  const target: FactorTarget = mustAll(validateEnrolment(kind === 'push' ? { kind, pushDeviceId: form.pushDeviceId } : { kind, phone: form.phone }))
  const saved = await saveDevices(env, must(enrolDevice(env.mfaPolicies.mfa)(at, devices, id, target)))
  const device = deviceOf(saved, id) as MfaDevice
  if (device.kind === 'push') {
    const { pushId, number } = await pushTo(env, at, account.id, device)
    return { deviceId: id, kind: 'push', pushId, number }
  }
  await sendCode(env, at, account.id, device)
  return { deviceId: id, kind: device.kind as 'sms' | 'voice', maskedPhone: maskPhone((device as { readonly phone: PhoneNumber }).phone) }
}

/**
 * Discards an account's devices of a kind still pending confirmation (and an
 * authenticator's sealed secret with each): a first log-in that adds a device
 * again replaces the attempt it abandoned, which it cannot otherwise reach
 * (the same phone or app would be `mfa.duplicate-device`, and abandoned
 * attempts would fill the account's devices).
 */
export const discardUnconfirmed = async (env: MfaEnv, accountId: AccountId, kind: MfaDevice['kind']): Promise<void> => {
  const devices = await devicesOf(env, accountId)
  const stale = devices.devices.filter((d) => d.kind === kind && d.state === 'pending-confirmation')
  if (stale.length === 0) return
  const kept = stale.reduce((ds, d) => must(removeDevice(env.mfaPolicies.mfa)(ds, d.id)), devices)
  await saveDevices(env, kept)
  for (const d of stale)
    if (d.kind === 'totp') {
      const credential = await port(env.totpCredentials.find(d.secretRef))
      if (O.isSome(credential)) await port(env.totpCredentials.remove(credential.value))
    }
}

/** Confirms a pending device of an account: its first code, or (a push device) its latest push approved. */
export const confirmDeviceOf = async (env: MfaEnv, account: Account, input: unknown): Promise<MfaDevice> => {
  const form = mustAll(readForm(input, ['deviceId', 'code']))
  const at = env.clock.now()
  const devices = await devicesOf(env, account.id)
  const device = deviceNamed(devices.devices, form.deviceId)
  // Refused before any code is checked: a code typed for an active device is not spent.
  if (device.state !== 'pending-confirmation')
    return refuse(domainError('mfa.device-not-pending', { field: 'deviceId', rule: 'only a device pending confirmation can be confirmed', state: device.state }))
  if (device.kind === 'push') {
    const latest = [...(await pushLedgerOf(env, account.id)).challenges].reverse().find((c) => c.deviceId === device.id)
    if (latest === undefined) return refuse(domainError('push.not-found', { field: 'pushId', rule: 'pushId must be a push sent to the account' }))
    await pushVerdict(env, at, account.id, latest.id)
  } else await verifyCode(env, at, account.id, device, form.code)
  const confirmed = await saveDevices(env, must(confirmDevice(at, devices, device.id, E.right('verified'))))
  return deviceOf(confirmed, device.id) as MfaDevice
}

/** Sends a new code to a pending or active SMS or voice device of an account (the sends are rate-limited). */
export const resendCodeTo = async (env: MfaEnv, account: Account, input: unknown): Promise<DeviceSummary> => {
  const form = mustAll(readForm(input, ['deviceId']))
  const devices = await devicesOf(env, account.id)
  const device = deviceNamed(devices.devices, form.deviceId)
  await sendCode(env, env.clock.now(), account.id, device)
  return summaryOf(device)
}

// -------------------------------------------------------------------------------------
// workflows (a signed-in person acting as their account)
// -------------------------------------------------------------------------------------

/** The person's devices, phones masked. */
export const listDevices = (acting: Acting): MfaWorkflow<ReadonlyArray<DeviceSummary>> =>
  workflow(async (env) => summariesOf((await devicesOf(env, (await actingAccount(env, acting)).id)).devices))

/** "Add device": SMS, Voice, Google Authenticator or Okta Verify. */
export const addDevice = (acting: Acting, form: AddDeviceForm): MfaWorkflow<DeviceAdded> =>
  workflow(async (env) => addDeviceTo(env, await actingAccount(env, acting), form))

/** Confirms an added device with its first code (or its approved push). */
export const confirmAddedDevice = (acting: Acting, form: ConfirmDeviceForm): MfaWorkflow<DeviceSummary> =>
  workflow(async (env) => summaryOf(await confirmDeviceOf(env, await actingAccount(env, acting), form)))

/** Sends a new code to an SMS or voice device. */
export const resendCode = (acting: Acting, form: { readonly deviceId?: unknown }): MfaWorkflow<DeviceSummary> =>
  workflow(async (env) => resendCodeTo(env, await actingAccount(env, acting), form))

/** Removes a device: never the last active one while two factors are required. An authenticator's sealed secret goes with it. */
export const removeAccountDevice = (acting: Acting, form: { readonly deviceId?: unknown }): MfaWorkflow<ReadonlyArray<DeviceSummary>> =>
  workflow(async (env) => {
    const account = await actingAccount(env, acting)
    const { deviceId } = mustAll(readForm(form, ['deviceId']))
    const devices = await devicesOf(env, account.id)
    const device = deviceNamed(devices.devices, deviceId)
    const kept = await saveDevices(env, must(removeDevice(env.mfaPolicies.mfa)(devices, device.id)))
    if (device.kind === 'totp') {
      const credential = await port(env.totpCredentials.find(device.secretRef))
      if (O.isSome(credential)) await port(env.totpCredentials.remove(credential.value))
    }
    return summariesOf(kept.devices)
  })

/**
 * The push app answers a push: approve with the number the sign-in page
 * shows, or deny. Only the app the push was sent to answers it; an unknown
 * account, push or app is one answer (`push.not-found`), saying nothing of
 * which.
 */
export const answerPushFromApp = (form: PushAnswerForm): MfaWorkflow<{ readonly approved: true }> =>
  workflow(async (env) => {
    const read = mustAll(readForm(form, ['accountId', 'pushId', 'pushDeviceId', 'decision', 'number']))
    const accountId = must(requireText(read.accountId, 'accountId', TEXT_LIMITS.short)) as AccountId
    const pushId = must(requireText(read.pushId, 'pushId', TEXT_LIMITS.short)) as PushChallengeId
    const pushDeviceId = must(parsePushDeviceId(read.pushDeviceId))
    const decision = must(requireText(read.decision, 'decision', TEXT_LIMITS.short))
    if (decision !== 'approve' && decision !== 'deny') return refuse(domainError('field.invalid', { field: 'decision', rule: 'decision must be approve or deny', expected: 'approve or deny' }))
    const number = decision === 'approve' ? must(parseMatchNumber(read.number)) : null
    const notFound = domainError('push.not-found', { field: 'pushId', rule: 'pushId must be a push sent to the account' })
    const account = await port(env.accounts.findById(accountId))
    if (O.isNone(account)) return refuse(notFound)
    const device = (await devicesOf(env, accountId)).devices.find((d) => d.kind === 'push' && d.pushDeviceId === pushDeviceId)
    if (device === undefined) return refuse(notFound)
    const ledger = await pushLedgerOf(env, accountId)
    if (pushOf(ledger, pushId) === undefined) return refuse(notFound)
    const checked = answerPush(env.clock.now(), ledger, pushId, { deviceId: device.id, decision, number })
    if (checked.ledger !== ledger) await savePushLedger(env, checked.ledger)
    must(checked.verdict)
    return { approved: true as const }
  })
