/**
 * Temporary passwords: issued by the plan, valid for a fixed time, good only
 * for choosing a password of one's own — never the long-term password.
 *
 * @since 0.1.0
 */
import * as E from '../kernel/either'
import { DateTime, Duration } from 'luxon'
import { domainError, DomainError } from '../kernel/errors'
import { KeyedHash, KeyedHasher } from '../ports/keyed-hasher'
import { constantTimeEquals, symbolsFromBytes } from './verification-code'

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

/**
 * A temporary password the plan issued, remembered only as a keyed hash until
 * it expires, so that it can never be chosen as the person's own (OWASP ASVS
 * 6.4.1) even after a password of their own replaced it.
 */
export interface IssuedTemporaryPassword {
  readonly digest: KeyedHash
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

/** The keyed hash that recognises a temporary password of one account (bound to it: equal passwords of two accounts never hash alike). */
export const temporaryPasswordDigest = (hasher: KeyedHasher, accountId: string, password: string): KeyedHash =>
  hasher.digest('temporary-password', `${accountId}:${password}`)

/** The issued temporary passwords still within their validity at `now`; the others are forgotten. */
export const unexpiredTemporaryPasswords = (issued: ReadonlyArray<IssuedTemporaryPassword>, now: DateTime): ReadonlyArray<IssuedTemporaryPassword> =>
  issued.filter((entry) => isTemporaryPasswordValid(entry, now))

/** Remembers a temporary password issued now, forgetting those already expired. */
export const rememberTemporaryPassword = (
  issued: ReadonlyArray<IssuedTemporaryPassword>,
  digest: KeyedHash,
  window: TemporaryPasswordWindow
): ReadonlyArray<IssuedTemporaryPassword> => [
  ...unexpiredTemporaryPasswords(issued, DateTime.fromISO(window.issuedAt, { setZone: true })),
  { digest, expiresAt: window.expiresAt }
]

// -------------------------------------------------------------------------------------
// checks
// -------------------------------------------------------------------------------------

/** Is a temporary password still usable at `now`? Strictly before its expiry; never at or after it. */
export const isTemporaryPasswordValid = (window: Pick<TemporaryPasswordWindow, 'expiresAt'>, now: DateTime): boolean =>
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

/**
 * Refuses a new password that is one of the temporary passwords the plan
 * issued and that has not expired (the current one or an earlier one):
 * `candidate` is its keyed hash, compared with every entry in constant time.
 */
export const ensureNotTemporaryPassword = (
  issued: ReadonlyArray<IssuedTemporaryPassword>,
  candidate: KeyedHash,
  now: DateTime
): E.Either<DomainError, KeyedHash> =>
  unexpiredTemporaryPasswords(issued, now).reduce((found, entry) => constantTimeEquals(entry.digest, candidate) || found, false)
    ? E.left(sameAsTemporary())
    : E.right(candidate)

/** The new password is one the plan issued. */
const sameAsTemporary = (): DomainError =>
  domainError('password.same-as-temporary', {
    field: 'newPassword',
    rule: 'newPassword must not be a temporary password the plan issued, the current one or an earlier one still within its validity (OWASP ASVS 6.4.1)'
  })
