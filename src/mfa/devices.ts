/**
 * An account's second factors (HARP's "add device" list: SMS, Voice, Google
 * Authenticator, Okta Verify): each enrolled pending confirmation, made
 * active by a first code, and removable.
 *
 *   enrolDevice ─► pending-confirmation ─confirmDevice (first code verified)─► active
 *   removeDevice: a pending device always; an active one unless it is the
 *                 last while the policy requires two factors
 *
 * Once a device is active, signing in asks for a second factor
 * (`secondFactorRequired`). One phone is enrolled at most once per kind (SMS
 * and voice to the same phone are two devices); an authenticator app is held
 * only as an opaque reference to its sealed secret (`secretRef`), never the
 * secret itself.
 *
 * @since 0.4.0
 */
import * as E from '../kernel/either'
import { pipe } from 'fp-ts/lib/function.js'
import { DateTime } from 'luxon'
import type { AccountId } from '../accounts/account'
import { domainError, DomainError, ErrorOf, invalid } from '../kernel/errors'
import { TEXT_LIMITS, validateForm } from '../kernel/form'
import { parsePhoneNumber, PhoneNumber } from '../kernel/us-identifiers'
import { requireText, Validation, validateAll } from '../kernel/validation'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A device's identifier (drawn by the caller, a random UUID). */
export type MfaDeviceId = string & { readonly MfaDeviceId: unique symbol }

/** How a second factor reaches the person: a text, a call, an authenticator app's code, a push to an app. */
export type FactorKind = 'sms' | 'voice' | 'totp' | 'push'

/** Every kind of second factor. */
export const FACTOR_KINDS: ReadonlyArray<FactorKind> = ['sms', 'voice', 'totp', 'push']

/** An opaque reference to a sealed TOTP secret (the secret itself is kept by the TOTP module, never here). */
export type SecretRef = string & { readonly SecretRef: unique symbol }

/** A push app's registration on a phone (Okta Verify-like): the id the push service addresses. */
export type PushDeviceId = string & { readonly PushDeviceId: unique symbol }

/** Where a factor goes: a phone for SMS and voice, a sealed secret for TOTP, a registered app for push. */
export type FactorTarget =
  | { readonly kind: 'sms'; readonly phone: PhoneNumber }
  | { readonly kind: 'voice'; readonly phone: PhoneNumber }
  | { readonly kind: 'totp'; readonly secretRef: SecretRef }
  | { readonly kind: 'push'; readonly pushDeviceId: PushDeviceId }

/** A device enrolled but not yet confirmed by a first code: it does not count as a second factor. */
export type PendingDevice = FactorTarget & {
  readonly id: MfaDeviceId
  readonly state: 'pending-confirmation'
  readonly enrolledAt: string
}

/** A confirmed device: a second factor the person may sign in with. */
export type ActiveDevice = FactorTarget & {
  readonly id: MfaDeviceId
  readonly state: 'active'
  readonly enrolledAt: string
  readonly confirmedAt: string
}

/** A device in either state. */
export type MfaDevice = PendingDevice | ActiveDevice

/** The second factors of one account. */
export interface AccountDevices {
  readonly accountId: AccountId
  readonly devices: ReadonlyArray<MfaDevice>
  /** Optimistic-concurrency version: 0 before the first save; the store raises it. */
  readonly version: number
}

/** What a preset decides: whether two factors are required of everyone, and how many devices an account may hold. */
export interface MfaPolicy {
  readonly required: boolean
  /** Devices an account may hold, pending ones included (1 to `MAX_DEVICES_LIMIT`). */
  readonly maxDevices: number
}

/** The most devices any policy allows an account (a bound on every stored row). */
export const MAX_DEVICES_LIMIT = 20

/** The enrolment form, as typed: the kind, and the field that kind needs. */
export interface EnrolmentForm {
  readonly kind?: unknown
  readonly phone?: unknown
  readonly secretRef?: unknown
  readonly pushDeviceId?: unknown
}

/** Enrols a device, pending confirmation. */
export type EnrolDevice = (policy: MfaPolicy) => (now: DateTime, devices: AccountDevices, id: MfaDeviceId, target: FactorTarget) => E.Either<DomainError, AccountDevices>

/** Activates a pending device once its first code (or push) was verified. */
export type ConfirmDevice = (now: DateTime, devices: AccountDevices, id: MfaDeviceId, firstCode: E.Either<DomainError, 'verified'>) => E.Either<DomainError, AccountDevices>

/** Removes a device. */
export type RemoveDevice = (policy: MfaPolicy) => (devices: AccountDevices, id: MfaDeviceId) => E.Either<DomainError, AccountDevices>

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/** An account with no device yet. */
export const noDevices = (accountId: AccountId): AccountDevices => ({ accountId, devices: [], version: 0 })

/** Parses the kind of a second factor. */
export const parseFactorKind = (input: unknown, field = 'kind'): E.Either<DomainError, FactorKind> =>
  pipe(
    requireText(input, field, TEXT_LIMITS.short),
    E.chain((s) => ((FACTOR_KINDS as ReadonlyArray<string>).includes(s) ? E.right(s as FactorKind) : E.left(invalid(field, FACTOR_KINDS.join(', ')))))
  )

const OPAQUE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/
const OPAQUE_EXPECTED = '1 to 128 letters, digits, dots, underscores, colons or hyphens'

const opaque =
  <A extends string>() =>
  (input: unknown, field: string): E.Either<DomainError, A> =>
    pipe(
      requireText(input, field, TEXT_LIMITS.short),
      E.chain((s) => (OPAQUE.test(s) ? E.right(s as A) : E.left(invalid(field, OPAQUE_EXPECTED))))
    )

/** Parses the reference to a sealed TOTP secret (opaque: 1 to 128 letters, digits and `._:-`). */
export const parseSecretRef = (input: unknown, field = 'secretRef'): E.Either<DomainError, SecretRef> => opaque<SecretRef>()(input, field)

/** Parses a push app's device id (opaque: 1 to 128 letters, digits and `._:-`). */
export const parsePushDeviceId = (input: unknown, field = 'pushDeviceId'): E.Either<DomainError, PushDeviceId> => opaque<PushDeviceId>()(input, field)

/**
 * Validates an enrolment form: the kind, then the one field it needs (a phone
 * for SMS and voice, `secretRef` for TOTP, `pushDeviceId` for push). An
 * unknown kind is the only error, since it says nothing of which field to read.
 *
 * @example
 * import { mfa } from 'health-portal-domain'
 * mfa.validateEnrolment({ kind: 'sms', phone: '(215) 555-0134' }) // right({ kind: 'sms', phone: '2155550134' })
 * mfa.validateEnrolment({ kind: 'totp' }) // left: secretRef is required
 */
export const validateEnrolment = (input: unknown): Validation<FactorTarget> =>
  validateForm(['kind', 'phone', 'secretRef', 'pushDeviceId'], (form): Validation<FactorTarget> => {
    const kind = parseFactorKind(form.kind)
    if (E.isLeft(kind)) return E.left([kind.left])
    switch (kind.right) {
      case 'sms':
      case 'voice': {
        const k = kind.right
        return pipe(validateAll({ phone: parsePhoneNumber(form.phone, 'phone') }), E.map(({ phone }): FactorTarget => ({ kind: k, phone })))
      }
      case 'totp':
        return pipe(validateAll({ secretRef: parseSecretRef(form.secretRef) }), E.map(({ secretRef }): FactorTarget => ({ kind: 'totp', secretRef })))
      case 'push':
        return pipe(validateAll({ pushDeviceId: parsePushDeviceId(form.pushDeviceId) }), E.map(({ pushDeviceId }): FactorTarget => ({ kind: 'push', pushDeviceId })))
    }
  })(input)

/** Checks a preset's policy: `maxDevices` a whole number from 1 to `MAX_DEVICES_LIMIT`. */
export const validateMfaPolicy = (policy: MfaPolicy, field = 'mfaPolicy'): E.Either<DomainError, MfaPolicy> =>
  Number.isInteger(policy.maxDevices) && policy.maxDevices >= 1 && policy.maxDevices <= MAX_DEVICES_LIMIT
    ? E.right(policy)
    : E.left(
        domainError('number.out-of-range', {
          field: `${field}.maxDevices`,
          rule: `${field}.maxDevices must be a whole number from 1 to ${MAX_DEVICES_LIMIT}`,
          minimum: 1,
          maximum: MAX_DEVICES_LIMIT
        })
      )

// -------------------------------------------------------------------------------------
// errors
// -------------------------------------------------------------------------------------

const notFound = (): ErrorOf<'mfa.device-not-found'> =>
  domainError('mfa.device-not-found', { field: 'deviceId', rule: 'deviceId must be a device of the account' })

/** The field that tells two devices of a kind apart. */
const targetField = (t: FactorTarget): 'phone' | 'secretRef' | 'pushDeviceId' =>
  t.kind === 'totp' ? 'secretRef' : t.kind === 'push' ? 'pushDeviceId' : 'phone'

const targetValue = (t: FactorTarget): string => (t.kind === 'totp' ? t.secretRef : t.kind === 'push' ? t.pushDeviceId : t.phone)

// -------------------------------------------------------------------------------------
// queries
// -------------------------------------------------------------------------------------

/** The device with this id, if the account holds it. */
export const deviceOf = (devices: AccountDevices, id: MfaDeviceId): MfaDevice | undefined => devices.devices.find((d) => d.id === id)

/** The confirmed devices: the second factors the person may sign in with. */
export const activeDevices = (devices: AccountDevices): ReadonlyArray<ActiveDevice> =>
  devices.devices.filter((d): d is ActiveDevice => d.state === 'active')

/**
 * Does signing in ask for a second factor? Yes when the policy requires two
 * factors, and, whatever the policy, once the account has an active device.
 *
 * @example
 * import { mfa } from 'health-portal-domain'
 * import type { AccountId } from 'health-portal-domain/accounts'
 * const none = mfa.noDevices('00000000-0000-4000-8000-000000000001' as AccountId)
 * mfa.secondFactorRequired(none, { required: false, maxDevices: 5 }) // false
 * mfa.secondFactorRequired(none, { required: true, maxDevices: 5 }) // true: enrol one first
 */
export const secondFactorRequired = (devices: AccountDevices, policy: MfaPolicy): boolean => policy.required || activeDevices(devices).length > 0

/** Must the person enrol (and confirm) a device before signing in? Yes when two factors are required and none is active. */
export const mustEnrol = (devices: AccountDevices, policy: MfaPolicy): boolean => policy.required && activeDevices(devices).length === 0

/** Is this target already enrolled (pending or active) as a device of the same kind? */
export const holdsTarget = (devices: AccountDevices, target: FactorTarget): boolean =>
  devices.devices.some((d) => d.kind === target.kind && targetValue(d) === targetValue(target))

// -------------------------------------------------------------------------------------
// transitions
// -------------------------------------------------------------------------------------

/**
 * Enrols a device, pending confirmation. Refused when the account holds its
 * policy's number of devices already (`mfa.too-many-devices`), when the id is
 * taken, or when the same phone (app, secret) is enrolled already for this
 * kind (`mfa.duplicate-device`, naming the field).
 *
 * @example
 * import { mfa } from 'health-portal-domain'
 * import type { AccountId } from 'health-portal-domain/accounts'
 * import type { PhoneNumber } from 'health-portal-domain/kernel'
 * import { DateTime } from 'luxon'
 * const policy = { required: true, maxDevices: 5 }
 * const account = mfa.noDevices('00000000-0000-4000-8000-000000000001' as AccountId)
 * const id = '22222222-2222-4222-8222-222222222222' as mfa.MfaDeviceId
 * mfa.enrolDevice(policy)(DateTime.utc(), account, id, { kind: 'sms', phone: '2155550134' as PhoneNumber }) // right: pending confirmation
 */
export const enrolDevice: EnrolDevice = (policy) => (now, devices, id, target) => {
  if (devices.devices.length >= policy.maxDevices)
    return E.left(domainError('mfa.too-many-devices', { field: 'devices', rule: `an account holds at most ${policy.maxDevices} devices: remove one first`, maximum: policy.maxDevices }))
  if (deviceOf(devices, id) !== undefined)
    return E.left(domainError('list.duplicate', { field: 'deviceId', rule: 'deviceId must be new', value: id }))
  if (holdsTarget(devices, target)) {
    const field = targetField(target)
    return E.left(domainError('mfa.duplicate-device', { field, rule: `${field} is enrolled already as a ${target.kind} device`, kind: target.kind }))
  }
  const device: PendingDevice = { ...target, id, state: 'pending-confirmation', enrolledAt: now.toISO() as string }
  return E.right({ ...devices, devices: [...devices.devices, device] })
}

/**
 * Activates a pending device with the verdict on its first code: an SMS or
 * voice code checked by `checkOutOfBandCode`, an authenticator code checked
 * by the TOTP module, or an approved push (`answerPush`). A refused verdict
 * is passed on and the device stays pending.
 */
export const confirmDevice: ConfirmDevice = (now, devices, id, firstCode) => {
  const device = deviceOf(devices, id)
  if (device === undefined) return E.left(notFound())
  if (device.state !== 'pending-confirmation')
    return E.left(domainError('mfa.device-not-pending', { field: 'deviceId', rule: 'only a device pending confirmation can be confirmed', state: device.state }))
  if (E.isLeft(firstCode)) return firstCode
  const active: ActiveDevice = { ...device, state: 'active', confirmedAt: now.toISO() as string }
  return E.right({ ...devices, devices: devices.devices.map((d) => (d.id === id ? active : d)) })
}

/**
 * Removes a device. A pending one goes at once; an active one too, unless it
 * is the account's last active device while the policy requires two factors
 * (`mfa.last-active-device`: enrol and confirm another first).
 */
export const removeDevice: RemoveDevice = (policy) => (devices, id) => {
  const device = deviceOf(devices, id)
  if (device === undefined) return E.left(notFound())
  if (device.state === 'active' && policy.required && activeDevices(devices).length <= 1)
    return E.left(
      domainError('mfa.last-active-device', { field: 'deviceId', rule: 'two factors are required: the last active device stays until another is confirmed' })
    )
  return E.right({ ...devices, devices: devices.devices.filter((d) => d.id !== id) })
}
