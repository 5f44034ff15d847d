/**
 * One-time codes sent by SMS or voice call to an enrolled phone: the
 * verification-code ledger of `src/credentials/verification-code.ts`
 * (`issueCode`, `checkCode`: keyed hashes only, single use, failed attempts
 * counted across re-sent codes, sends rate-limited), under policies that
 * meet the out-of-band bounds of NIST SP 800-63B-4 (at least 6 digits, valid
 * at most 10 minutes, at most 100 failed attempts) and this library's bound
 * on sends (at most 10 in a window of at least 15 minutes).
 *
 *   CodePolicy ─validateOutOfBandPolicy─► OutOfBandCodePolicy
 *   issueOutOfBandCode(policy) · checkOutOfBandCode(policy) over a CodeLedger
 *
 * A ledger is kept per purpose (`mfa-sms`, `mfa-voice`) and phone; its
 * address key is the caller's keyed hash of the account and the phone, so a
 * phone two accounts share keeps two counts. SMS and voice are "restricted"
 * authenticators in NIST's terms: a preset should offer another kind too.
 *
 * @since 0.4.0
 */
import * as E from '../kernel/either'
import { Duration, DateTime } from 'luxon'
import { checkCode, CodeCheck, CodeLedger, CodePolicy, issueCode, normaliseCodeInput } from '../credentials/verification-code'
import { domainError, DomainError, ErrorOf } from '../kernel/errors'
import type { Validation } from '../kernel/validation'
import type { KeyedHash } from '../ports/keyed-hasher'
import type { MfaDevice } from './devices'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** The kinds of device a code is sent to. */
export type OutOfBandKind = 'sms' | 'voice'

/** A code policy checked against the out-of-band bounds (only `validateOutOfBandPolicy` and this module's presets make one). */
export type OutOfBandCodePolicy = CodePolicy & { readonly OutOfBandCodePolicy: unique symbol }

/** The bounds every out-of-band code policy meets. */
export const OUT_OF_BAND_BOUNDS = {
  /** NIST SP 800-63B-4: at least 6 digits. */
  minimumDigits: 6,
  /** Above 10 a code no longer fits the digit drawing or a person's memory. */
  maximumDigits: 10,
  /** NIST SP 800-63B-4 and OWASP ASVS 6.5.5: valid at most 10 minutes. */
  maximumLifetime: Duration.fromObject({ minutes: 10 }),
  /** NIST SP 800-63B-4: at most 100 consecutive failed attempts. */
  maximumFailedAttempts: 100,
  /** This library: at most 10 codes a phone in one window… */
  maximumCodesPerWindow: 10,
  /** …of at least 15 minutes. */
  minimumIssueWindow: Duration.fromObject({ minutes: 15 })
} as const

/** The ledger purpose of each kind's codes. */
export const OUT_OF_BAND_PURPOSES: Readonly<Record<OutOfBandKind, string>> = { sms: 'mfa-sms', voice: 'mfa-voice' }

/** Texted codes: 6 digits, valid 5 minutes, 5 wrong attempts, 5 texts an hour. */
export const smsCodePolicy = {
  digits: 6,
  lifetime: Duration.fromObject({ minutes: 5 }),
  maxFailedAttempts: 5,
  maxCodesPerWindow: 5,
  issueWindow: Duration.fromObject({ hours: 1 })
} as OutOfBandCodePolicy

/** Spoken codes: 6 digits, valid 10 minutes (a call takes longer to reach), 5 wrong attempts, 3 calls an hour. */
export const voiceCodePolicy = {
  digits: 6,
  lifetime: Duration.fromObject({ minutes: 10 }),
  maxFailedAttempts: 5,
  maxCodesPerWindow: 3,
  issueWindow: Duration.fromObject({ hours: 1 })
} as OutOfBandCodePolicy

/** This module's policy for each kind. */
export const OUT_OF_BAND_POLICIES: Readonly<Record<OutOfBandKind, OutOfBandCodePolicy>> = { sms: smsCodePolicy, voice: voiceCodePolicy }

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const outOfBounds = (field: string, bound: keyof CodePolicy, rule: string, limit: number, given: number): ErrorOf<'mfa.code-policy-out-of-bounds'> =>
  domainError('mfa.code-policy-out-of-bounds', { field: `${field}.${bound}`, rule: `${field}.${bound} ${rule}`, bound, limit, given })

const seconds = (d: Duration): number => (Duration.isDuration(d) && d.isValid ? d.toMillis() / 1000 : Number.NaN)

/**
 * Checks a preset's code policy against every out-of-band bound, collecting
 * each one it breaks (`mfa.code-policy-out-of-bounds`, naming the bound, its
 * limit and the value given; lifetime and window in seconds).
 *
 * @example
 * import { mfa } from 'health-portal-domain'
 * import { Duration } from 'luxon'
 * mfa.validateOutOfBandPolicy({ ...mfa.smsCodePolicy, digits: 4, lifetime: Duration.fromObject({ minutes: 15 }) })
 * // left: smsCodePolicy.digits must be at least 6; smsCodePolicy.lifetime must be at most 600 seconds
 */
export const validateOutOfBandPolicy = (policy: CodePolicy, field = 'smsCodePolicy'): Validation<OutOfBandCodePolicy> => {
  const b = OUT_OF_BAND_BOUNDS
  const errors: DomainError[] = []
  const whole = (n: number): boolean => Number.isInteger(n)
  if (!(whole(policy.digits) && policy.digits >= b.minimumDigits))
    errors.push(outOfBounds(field, 'digits', `must be at least ${b.minimumDigits}`, b.minimumDigits, policy.digits))
  else if (policy.digits > b.maximumDigits) errors.push(outOfBounds(field, 'digits', `must be at most ${b.maximumDigits}`, b.maximumDigits, policy.digits))
  const lifetime = seconds(policy.lifetime)
  const maxLifetime = seconds(b.maximumLifetime)
  if (!(lifetime > 0 && lifetime <= maxLifetime))
    errors.push(outOfBounds(field, 'lifetime', `must be more than 0 and at most ${maxLifetime} seconds`, maxLifetime, lifetime))
  if (!(whole(policy.maxFailedAttempts) && policy.maxFailedAttempts >= 1 && policy.maxFailedAttempts <= b.maximumFailedAttempts))
    errors.push(outOfBounds(field, 'maxFailedAttempts', `must be a whole number from 1 to ${b.maximumFailedAttempts}`, b.maximumFailedAttempts, policy.maxFailedAttempts))
  if (!(whole(policy.maxCodesPerWindow) && policy.maxCodesPerWindow >= 1 && policy.maxCodesPerWindow <= b.maximumCodesPerWindow))
    errors.push(outOfBounds(field, 'maxCodesPerWindow', `must be a whole number from 1 to ${b.maximumCodesPerWindow}`, b.maximumCodesPerWindow, policy.maxCodesPerWindow))
  const window = seconds(policy.issueWindow)
  const minWindow = seconds(b.minimumIssueWindow)
  if (!(window >= minWindow)) errors.push(outOfBounds(field, 'issueWindow', `must be at least ${minWindow} seconds`, minWindow, window))
  const [head, ...tail] = errors
  return head === undefined ? E.right(policy as OutOfBandCodePolicy) : E.left([head, ...tail])
}

/** The kind of code a device receives: SMS and voice devices only (`mfa.wrong-kind` for an app). */
export const outOfBandKindOf = (device: MfaDevice): E.Either<DomainError, OutOfBandKind> =>
  device.kind === 'sms' || device.kind === 'voice'
    ? E.right(device.kind)
    : E.left(domainError('mfa.wrong-kind', { field: 'deviceId', rule: 'codes are sent only to SMS and voice devices', expected: 'sms or voice', actual: device.kind }))

// -------------------------------------------------------------------------------------
// transitions
// -------------------------------------------------------------------------------------

/**
 * Records a code sent to a phone (its keyed hash only), replacing the earlier
 * one: `issueCode` under the out-of-band policy (refused while locked or once
 * the window's sends are used up; failed attempts carry over).
 */
export const issueOutOfBandCode =
  (policy: OutOfBandCodePolicy) =>
  (now: DateTime, ledger: CodeLedger, codeHash: KeyedHash, field = 'verificationCode'): E.Either<DomainError, CodeLedger> =>
    issueCode(policy)(now, ledger, codeHash, field)

/**
 * Checks a code typed back (keyed-hashed as the sent one was): `checkCode`
 * under the out-of-band policy, so a code verifies once, before it expires,
 * and too many wrong codes lock the phone for one code lifetime. Its verdict
 * confirms a pending device (`confirmDevice`).
 */
export const checkOutOfBandCode =
  (policy: OutOfBandCodePolicy) =>
  (now: DateTime, ledger: CodeLedger, candidateHash: KeyedHash, field = 'verificationCode'): CodeCheck =>
    checkCode(policy)(now, ledger, candidateHash, field)

/** Reads a code as typed (spaces ignored): the policy's number of digits. */
export const normaliseOutOfBandCode = (policy: OutOfBandCodePolicy, input: unknown, field = 'verificationCode'): E.Either<DomainError, string> =>
  normaliseCodeInput(policy, input, field)
