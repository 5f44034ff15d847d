/**
 * One-time verification codes sent by e-mail (or SMS): issued, re-sent and
 * verified against a per-address ledger. Only a keyed hash of a code is ever
 * held; comparison runs in constant time.
 *
 * @since 0.1.0
 */
import * as E from '../kernel/either'
import * as O from 'fp-ts/lib/Option.js'
import { DateTime, Duration } from 'luxon'
import { domainError, DomainError } from '../kernel/errors'
import { TEXT_LIMITS, textTooLong } from '../kernel/form'
import { KeyedHash } from '../ports/keyed-hasher'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** How codes behave. */
export interface CodePolicy {
  readonly digits: number
  /** How long a code is valid; also how long an address is locked after too many wrong codes. */
  readonly lifetime: Duration
  /** Wrong attempts, counted across re-sent codes, after which the code is invalid. */
  readonly maxFailedAttempts: number
  /** Codes an address may be sent within `issueWindow`. */
  readonly maxCodesPerWindow: number
  readonly issueWindow: Duration
}

/** Azure AD B2C's e-mail one-time password: 6 digits, 600 s, 5 attempts, 10 codes. */
export const b2cEmailCode: CodePolicy = {
  digits: 6,
  lifetime: Duration.fromObject({ seconds: 600 }),
  maxFailedAttempts: 5,
  maxCodesPerWindow: 10,
  issueWindow: Duration.fromObject({ hours: 24 })
}

/** A code that was sent: only its keyed hash, bound to the flow it was sent for. */
export interface IssuedCode {
  readonly codeHash: KeyedHash
  readonly issuedAt: string
  readonly expiresAt: string
  readonly used: boolean
}

/**
 * What the plan remembers about codes sent to one address for one purpose.
 * The ledger of purpose `ANY_PURPOSE` holds no code: it counts every code sent
 * to the address, whatever it was for, against the quota.
 */
export interface CodeLedger {
  /** The purpose (`sign-up`, `password-reset`…) and a keyed hash of the address: the ledger's key. */
  readonly purpose: string
  readonly addressKey: KeyedHash
  readonly current: IssuedCode | null
  /** Wrong attempts since the last success or lockout; a new code does not reset it. */
  readonly failedAttempts: number
  readonly codesIssued: number
  readonly windowStartedAt: string
  readonly lockedUntil: string | null
  /** Optimistic-concurrency version: 0 before the first save. */
  readonly version: number
}

/** The purpose of the ledger that counts the codes an address is sent for every purpose together. */
export const ANY_PURPOSE = 'any-purpose'

/** The result of checking a code: the ledger to save either way, and the verdict. */
export interface CodeCheck {
  readonly ledger: CodeLedger
  readonly verdict: E.Either<DomainError, 'verified'>
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/** A fresh ledger for an address that has never been sent a code. */
export const emptyLedger = (purpose: string, addressKey: KeyedHash, now: DateTime): CodeLedger => ({
  purpose,
  addressKey,
  current: null,
  failedAttempts: 0,
  codesIssued: 0,
  windowStartedAt: iso(now),
  lockedUntil: null,
  version: 0
})

/**
 * Turns random bytes into characters of `alphabet` without modulo bias: a byte
 * is used only below the largest multiple of the alphabet's size that fits in
 * a byte, and discarded otherwise. Returns the characters drawn so far; the
 * caller draws more bytes until it has `count`.
 */
export const symbolsFromBytes = (bytes: Uint8Array, alphabet: string, count: number): string => {
  const limit = 256 - (256 % alphabet.length)
  let out = ''
  for (const b of bytes) {
    if (out.length >= count) break
    if (b < limit) out += alphabet[b % alphabet.length]
  }
  return out
}

/**
 * Decimal digits from random bytes without modulo bias (bytes of 250 or more
 * are discarded: 250 = 25 × 10).
 *
 * @example
 * import { digitsFromBytes } from 'health-portal-domain/credentials'
 * digitsFromBytes(Uint8Array.of(7, 255, 18), 6) // '78'
 */
export const digitsFromBytes = (bytes: Uint8Array, count: number): string => symbolsFromBytes(bytes, '0123456789', count)

// -------------------------------------------------------------------------------------
// transitions
// -------------------------------------------------------------------------------------

/**
 * Records a newly sent code, replacing any earlier one. Refused while the
 * address is locked after too many wrong codes, or when it has had its
 * quota of codes in this window. The failure count carries over.
 */
export const issueCode =
  (policy: CodePolicy) =>
  (now: DateTime, ledger: CodeLedger, codeHash: KeyedHash, field = 'verificationCode'): E.Either<DomainError, CodeLedger> => {
    const lockedUntil = ledger.lockedUntil === null ? null : DateTime.fromISO(ledger.lockedUntil, { zone: now.zone })
    if (lockedUntil !== null && now < lockedUntil)
      return E.left(tooManyAttempts(field, ledger.lockedUntil as string))
    // A lockout that has run its course starts a fresh series of attempts.
    const afterLock: CodeLedger = lockedUntil === null ? ledger : { ...ledger, lockedUntil: null, failedAttempts: 0 }
    return E.map((counted: CodeLedger): CodeLedger => ({
      ...counted,
      current: { codeHash, issuedAt: iso(now), expiresAt: iso(now.plus(policy.lifetime)), used: false }
    }))(countCodeSent(policy)(now, afterLock, field))
  }

/**
 * Counts one more code sent within the issue window (a window that has run
 * out starts afresh); refused once the window's quota is reached. Applied to
 * the `ANY_PURPOSE` ledger it caps the codes an address gets for all
 * purposes together, as "an address gets at most 10 codes in 24 hours" says.
 */
export const countCodeSent =
  (policy: CodePolicy) =>
  (now: DateTime, ledger: CodeLedger, field = 'verificationCode'): E.Either<DomainError, CodeLedger> => {
    const windowEnds = DateTime.fromISO(ledger.windowStartedAt, { zone: now.zone }).plus(policy.issueWindow)
    const inWindow: CodeLedger = now >= windowEnds ? { ...ledger, codesIssued: 0, windowStartedAt: iso(now) } : ledger
    if (inWindow.codesIssued >= policy.maxCodesPerWindow)
      return E.left(
        domainError('code.too-many-codes', {
          field,
          rule: `at most ${policy.maxCodesPerWindow} codes may be sent to an address in ${policy.issueWindow.toHuman()}, whatever they are for`,
          retryAfter: iso(windowEnds)
        })
      )
    return E.right({ ...inWindow, codesIssued: inWindow.codesIssued + 1 })
  }

/**
 * Checks a candidate code (already keyed-hashed the same way as the issued
 * one). Order matters: no usable code, lockout, expiry, then the comparison.
 * A wrong code counts; the last allowed wrong code invalidates the code and
 * locks the address for one code lifetime.
 */
export const checkCode =
  (policy: CodePolicy) =>
  (now: DateTime, ledger: CodeLedger, candidateHash: KeyedHash, field = 'verificationCode'): CodeCheck => {
    const reject = (error: DomainError, next: CodeLedger = ledger): CodeCheck => ({ ledger: next, verdict: E.left(error) })
    if (ledger.lockedUntil !== null && now < DateTime.fromISO(ledger.lockedUntil, { zone: now.zone }))
      return reject(tooManyAttempts(field, ledger.lockedUntil))
    const current = ledger.current
    if (current === null) return reject(expired(field))
    if (current.used) return reject(domainError('code.already-used', { field, rule: `${field} may be used only once` }))
    if (now >= DateTime.fromISO(current.expiresAt, { zone: now.zone })) return reject(expired(field))
    if (constantTimeEquals(current.codeHash, candidateHash))
      return { ledger: { ...ledger, current: { ...current, used: true }, failedAttempts: 0 }, verdict: E.right('verified') }
    const failedAttempts = ledger.failedAttempts + 1
    if (failedAttempts >= policy.maxFailedAttempts) {
      const until = iso(now.plus(policy.lifetime))
      return reject(tooManyAttempts(field, until), { ...ledger, current: null, failedAttempts, lockedUntil: until })
    }
    return reject(
      domainError('code.incorrect', {
        field,
        rule: `${field} must be the code that was sent`,
        attemptsLeft: policy.maxFailedAttempts - failedAttempts
      }),
      { ...ledger, failedAttempts }
    )
  }

/**
 * Compares two strings in time that depends only on their lengths, not on
 * where they first differ (hashes of equal length in practice).
 */
export const constantTimeEquals = (a: string, b: string): boolean => {
  let diff = a.length ^ b.length
  const n = Math.max(a.length, b.length)
  for (let i = 0; i < n; i++) diff |= (a.charCodeAt(i % (a.length || 1)) | 0) ^ (b.charCodeAt(i % (b.length || 1)) | 0)
  return diff === 0
}

/** Is this input shaped like a code of the policy (digits only, right length)? Spaces are ignored. */
export const normaliseCodeInput = (policy: CodePolicy, input: unknown, field = 'verificationCode'): E.Either<DomainError, string> => {
  if (typeof input !== 'string' || input.trim() === '')
    return E.left(domainError('field.required', { field, rule: `${field} is required` }))
  if (input.length > TEXT_LIMITS.short) return E.left(textTooLong(field, TEXT_LIMITS.short, input.length))
  const code = input.replace(/\s/g, '')
  return new RegExp(`^\\d{${policy.digits}}$`).test(code)
    ? E.right(code)
    : E.left(domainError('field.invalid', { field, rule: `${field} must be ${policy.digits} digits`, expected: `${policy.digits} digits` }))
}

const tooManyAttempts = (field: string, retryAfter: string): DomainError =>
  domainError('code.too-many-attempts', { field, rule: 'too many incorrect codes were entered; wait before asking for a new one', retryAfter })

const expired = (field: string): DomainError =>
  domainError('code.expired', { field, rule: `${field} is valid only for a limited time; request a new one` })

const iso = (d: DateTime): string => d.toISO() as string

/** The stored ledger, or a fresh one for an address never sent a code. */
export const ledgerOrEmpty = (purpose: string, addressKey: KeyedHash, now: DateTime) => (found: O.Option<CodeLedger>): CodeLedger =>
  O.getOrElse(() => emptyLedger(purpose, addressKey, now))(found)
