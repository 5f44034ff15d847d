/**
 * Temporary passwords: issued by the plan, valid for a fixed time, good only
 * for choosing a password of one's own — never the long-term password.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { DateTime, Duration } from 'luxon'
import { domainError, DomainError } from '../kernel/errors'
import { symbolsFromBytes } from './verification-code'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** How temporary passwords are made and how long they last. */
export interface TemporaryPasswordPolicy {
  readonly validity: Duration
  readonly length: number
  /** Characters drawn from: no look-alikes (0/O, 1/l/I), so it can be read off an e-mail and typed. */
  readonly alphabet: string
}

/** Harmony: valid 30 days; 16 characters of an unambiguous alphabet. */
export const thirtyDayTemporaryPassword: TemporaryPasswordPolicy = {
  validity: Duration.fromObject({ days: 30 }),
  length: 16,
  alphabet: 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'
}

/** When an issued temporary password stops working. */
export interface TemporaryPasswordWindow {
  readonly issuedAt: string
  readonly expiresAt: string
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/** The validity window of a temporary password issued now. */
export const temporaryPasswordWindow = (policy: TemporaryPasswordPolicy, now: DateTime): TemporaryPasswordWindow => ({
  issuedAt: now.toISO() as string,
  expiresAt: now.plus(policy.validity).toISO() as string
})

/** Characters for a temporary password from random bytes (unbiased); the caller draws until it has `length`. */
export const temporaryPasswordFromBytes = (policy: TemporaryPasswordPolicy, bytes: Uint8Array, count = policy.length): string =>
  symbolsFromBytes(bytes, policy.alphabet, count)

// -------------------------------------------------------------------------------------
// checks
// -------------------------------------------------------------------------------------

/** Is a temporary password still usable at `now`? Strictly before its expiry; never at or after it. */
export const isTemporaryPasswordValid = (window: TemporaryPasswordWindow, now: DateTime): boolean =>
  now < DateTime.fromISO(window.expiresAt, { zone: now.zone })

/** Refuses an expired temporary password, pointing to "Forgot Your Password?" for a new one. */
export const ensureTemporaryPasswordValid = (window: TemporaryPasswordWindow, now: DateTime): E.Either<DomainError, TemporaryPasswordWindow> =>
  isTemporaryPasswordValid(window, now)
    ? E.right(window)
    : E.left(
        domainError('temporary-password.expired', {
          field: 'password',
          rule: 'a temporary password works only until it expires; ask for a new one with "Forgot Your Password?"',
          expiredAt: window.expiresAt
        })
      )
