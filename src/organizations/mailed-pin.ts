/**
 * The US Mail registration path: a PIN is mailed to the provider's address of
 * record, and the organisation's registration completes when its delegate
 * enters it before it expires.
 *
 * The guide is silent on the PIN's shape and life; this library's policy
 * (`usMailPin`) is 8 digits, valid 30 days (first-class mail takes up to
 * about a week, and a practice may sort its post weekly), at most 5 wrong
 * entries per PIN, and at most 3 letters per registration; a new letter voids
 * the PIN before it. A PIN is kept only as a keyed hash bound to its
 * organisation.
 *
 *   awaiting PIN ─enter right PIN─► verified
 *        │  ─wrong PIN─► awaiting PIN (one try fewer; none left: ask for a new PIN)
 *        └─ask for a new PIN─► awaiting PIN (a fresh PIN mailed)
 *
 * @since 0.3.0
 */
import * as E from '../kernel/either'
import { DateTime, Duration } from 'luxon'
import { domainError, DomainError, ErrorOf } from '../kernel/errors'
import { TEXT_LIMITS } from '../kernel/form'
import { requireText } from '../kernel/validation'
import { constantTimeEquals, digitsFromBytes } from '../credentials/verification-code'
import type { KeyedHash, KeyedHasher } from '../ports/keyed-hasher'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** How mailed PINs work. */
export interface PinPolicy {
  readonly digits: number
  /** From mailing to expiry. */
  readonly lifetime: Duration
  /** Wrong entries a PIN allows before it stops working. */
  readonly maxFailedAttempts: number
  /** Letters one registration may have mailed in all. */
  readonly maxLetters: number
}

/** This library's PIN policy (see the module's description for why). */
export const usMailPin: PinPolicy = {
  digits: 8,
  lifetime: Duration.fromObject({ days: 30 }),
  maxFailedAttempts: 5,
  maxLetters: 3
}

/** The PIN last mailed, as kept: its keyed hash, its life, and how it has been tried. */
export interface MailedPin {
  readonly hash: KeyedHash
  readonly mailedAt: string
  readonly expiresAt: string
  readonly failedAttempts: number
  /** Letters mailed so far for this registration, this one included. */
  readonly lettersSent: number
}

/** How a provider organisation proved itself: a check at once, or a mailed PIN (once entered). */
export type ProviderVerification =
  | { readonly method: 'check'; readonly verifiedAt: string }
  | { readonly method: 'us-mail'; readonly verifiedAt: null; readonly pin: MailedPin }
  | { readonly method: 'us-mail'; readonly verifiedAt: string; readonly pin: null }

/** The purpose PIN hashes are made under. */
export const PIN_PURPOSE = 'registration-pin'

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/** A fresh PIN of the policy's length from random bytes (null when the bytes ran short: draw more). */
export const pinFromBytes = (policy: PinPolicy, bytes: Uint8Array): string | null => {
  const pin = digitsFromBytes(bytes, policy.digits)
  return pin.length === policy.digits ? pin : null
}

/** A PIN's keyed hash, bound to its organisation (the same digits for two organisations never hash alike). */
export const pinDigest = (hasher: KeyedHasher, organisationId: string, pin: string): KeyedHash => hasher.digest(PIN_PURPOSE, `${organisationId}:${pin}`)

/** Parses a PIN as typed (blanks and hyphens ignored). */
export const parsePin =
  (policy: PinPolicy) =>
  (input: unknown, field = 'pin'): E.Either<DomainError, string> =>
    E.chain((s: string): E.Either<DomainError, string> => {
      const digits = s.replace(/[\s-]/g, '')
      return digits.length === policy.digits && /^\d+$/.test(digits)
        ? E.right(digits)
        : E.left(domainError('field.invalid', { field, rule: `${field} must be the ${policy.digits}-digit PIN from the letter`, expected: `${policy.digits} digits` }))
    })(requireText(input, field, TEXT_LIMITS.short))

// -------------------------------------------------------------------------------------
// transitions
// -------------------------------------------------------------------------------------

const iso = (d: DateTime): string => d.toISO() as string

/** The state of a registration whose first PIN was just mailed. */
export const firstPin = (now: DateTime, policy: PinPolicy, hash: KeyedHash): ProviderVerification => ({
  method: 'us-mail',
  verifiedAt: null,
  pin: { hash, mailedAt: iso(now), expiresAt: iso(now.plus({ milliseconds: policy.lifetime.toMillis() })), failedAttempts: 0, lettersSent: 1 }
})

const notAwaiting = (): ErrorOf<'pin.not-awaited'> =>
  domainError('pin.not-awaited', { field: 'pin', rule: 'this organisation is not waiting for a PIN: its registration is complete' })

/** A new PIN replaces the last one; refused once the registration has had its letters. */
export const reissuePin = (now: DateTime, policy: PinPolicy, verification: ProviderVerification, hash: KeyedHash): E.Either<DomainError, ProviderVerification> => {
  if (verification.method === 'check' || verification.pin === null) return E.left(notAwaiting())
  if (verification.pin.lettersSent >= policy.maxLetters)
    return E.left(
      domainError('pin.too-many-letters', {
        field: 'pin',
        rule: `at most ${policy.maxLetters} PIN letters are mailed for one registration; contact Provider e-Services`,
        maximum: policy.maxLetters
      })
    )
  return E.right({
    method: 'us-mail',
    verifiedAt: null,
    pin: { hash, mailedAt: iso(now), expiresAt: iso(now.plus({ milliseconds: policy.lifetime.toMillis() })), failedAttempts: 0, lettersSent: verification.pin.lettersSent + 1 }
  })
}

/** What entering a PIN does: the registration completes, or the try is counted and refused. */
export type PinOutcome =
  | { readonly verified: true; readonly verification: ProviderVerification }
  | { readonly verified: false; readonly verification: ProviderVerification; readonly error: DomainError }

/**
 * Checks a PIN as entered (its keyed hash). The comparison runs first and in
 * constant time; a PIN past expiry or out of tries is refused even when right.
 */
export const enterPin = (now: DateTime, policy: PinPolicy, verification: ProviderVerification, presented: KeyedHash): E.Either<DomainError, PinOutcome> => {
  if (verification.method === 'check' || verification.pin === null) return E.left(notAwaiting())
  const pin = verification.pin
  const matches = constantTimeEquals(pin.hash, presented)
  if (pin.failedAttempts >= policy.maxFailedAttempts)
    return E.left(
      domainError('pin.too-many-attempts', { field: 'pin', rule: 'this PIN was entered wrongly too many times; ask for a new PIN', maximum: policy.maxFailedAttempts })
    )
  const expiresAt = DateTime.fromISO(pin.expiresAt, { zone: now.zone })
  if (!expiresAt.isValid || now >= expiresAt) return E.left(domainError('pin.expired', { field: 'pin', rule: 'this PIN has expired; ask for a new PIN', expiredAt: pin.expiresAt }))
  if (matches) return E.right({ verified: true, verification: { method: 'us-mail', verifiedAt: iso(now), pin: null } })
  const failed = pin.failedAttempts + 1
  return E.right({
    verified: false,
    verification: { ...verification, pin: { ...pin, failedAttempts: failed } },
    error: domainError('pin.incorrect', {
      field: 'pin',
      rule: 'the PIN must be the one in the latest letter',
      attemptsLeft: Math.max(0, policy.maxFailedAttempts - failed)
    })
  })
}

/** Is the organisation still waiting for its PIN? */
export const awaitingPin = (verification: ProviderVerification): boolean => verification.verifiedAt === null
