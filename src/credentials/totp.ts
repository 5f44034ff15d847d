/**
 * Time-based one-time passwords, as authenticator apps (Google Authenticator
 * and its peers) make them: a shared secret drawn from a CSPRNG, written in
 * RFC 4648 base32 and handed over as an `otpauth://totp/` key URI; codes by
 * HOTP (RFC 4226: HMAC, dynamic truncation) over the time step (RFC 6238:
 * T = floor((unix seconds − T0) / period), T0 = 0); verification within a few
 * steps of drift, in constant time, and never twice for one step: the last
 * accepted step is the credential's state, returned updated (NIST SP 800-63B:
 * each code accepted at most once).
 *
 * The HMAC itself is a port (`Hmac`), so this module stays pure.
 *
 * @since 0.4.0
 */
import * as E from '../kernel/either'
import { DateTime } from 'luxon'
import { domainError, DomainError, invalid, required, unexpected } from '../kernel/errors'
import { readForm, TEXT_LIMITS, textTooLong, unreadable } from '../kernel/form'
import { Hmac, HmacAlgorithm } from '../ports/hmac'
import { constantTimeEquals } from './verification-code'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** The hash function codes are made with: RFC 6238 names these three. */
export type TotpAlgorithm = HmacAlgorithm

/** Every algorithm a policy may name. */
export const TOTP_ALGORITHMS: ReadonlyArray<TotpAlgorithm> = ['SHA1', 'SHA256', 'SHA512']

/** How codes are made and checked. */
export interface TotpPolicy {
  readonly algorithm: TotpAlgorithm
  /** Digits of a code: 6 or 8 (the key URI format allows no others). */
  readonly digits: 6 | 8
  /** Seconds one time step lasts (whole seconds, 1 to 3600). */
  readonly period: number
  /** Time steps before and after now whose codes are still accepted (0 to 10), for clock drift and typing time. */
  readonly drift: number
}

/** Google Authenticator's defaults, RFC 6238's too: HMAC-SHA1, 6 digits, 30-second steps, one step of drift either way. */
export const googleAuthenticator: TotpPolicy = { algorithm: 'SHA1', digits: 6, period: 30, drift: 1 }

/** The shared secret (raw key bytes) of one TOTP credential, 16 to 64 bytes. Keep it sealed at rest. */
export type TotpSecret = Uint8Array & { readonly TotpSecret: unique symbol }

/** Random bytes a new secret is made of, by default, for each algorithm: its output size (RFC 4226 §4 asks 160 bits for SHA1). */
export const TOTP_SECRET_BYTES: Readonly<Record<TotpAlgorithm, number>> = { SHA1: 20, SHA256: 32, SHA512: 64 }

/** Fewest bytes a secret may have whatever a caller asks: 128 bits (RFC 4226 §4's floor). */
export const TOTP_SECRET_MIN_BYTES = 16

/** Most bytes a secret may have (512 bits), as otplib and authenticator apps take. */
export const TOTP_SECRET_MAX_BYTES = 64

/** Longest base32 text decoded (blanks and padding included); longer text is refused before it is read. */
export const BASE32_MAX_LENGTH = 1024

/** What one credential remembers between checks: the last time step a code was accepted for (none yet: `null`). */
export interface TotpState {
  readonly lastAcceptedStep: number | null
}

/** The state of a credential no code has been accepted for. */
export const initialTotpState: TotpState = { lastAcceptedStep: null }

/** The outcome of checking a code: accepted, with the state to save; or refused, with why (the state is unchanged). */
export type TotpVerification =
  | { readonly accepted: true; readonly state: TotpState }
  | { readonly accepted: false; readonly error: DomainError }

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
const EXPECTED_BASE32 = 'base32 text (letters A to Z and digits 2 to 7)'
const PERIOD_RANGE = { minimum: 1, maximum: 3600 }
const DRIFT_RANGE = { minimum: 0, maximum: 10 }
/** The last instant luxon (and Date) can hold: 8.64e15 ms after the epoch. */
const LATEST_INSTANT = '+275760-09-13T00:00:00.000Z'
const EPOCH = '1970-01-01T00:00:00.000Z'
const DIGEST_BYTES: Readonly<Record<TotpAlgorithm, number>> = { SHA1: 20, SHA256: 32, SHA512: 64 }

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * Checks a policy given from outside: a known algorithm, 6 or 8 digits, a
 * whole period of 1 to 3600 seconds, a whole drift of 0 to 10 steps.
 *
 * @example
 * import { totpPolicy } from 'health-portal-domain/credentials'
 * totpPolicy({ algorithm: 'SHA256', digits: 8, period: 30, drift: 1 }) // right(the policy)
 * totpPolicy({ algorithm: 'MD5', digits: 6, period: 30, drift: 1 }) // left: field.invalid (policy.algorithm)
 */
export const totpPolicy = (input: unknown, field = 'policy'): E.Either<DomainError, TotpPolicy> => {
  if (typeof input !== 'object' || input === null) return E.left(invalid(field, 'a TOTP policy (algorithm, digits, period, drift)'))
  const read = readPolicy(input, field)
  if (E.isLeft(read)) return read
  const { algorithm, digits, period, drift } = read.right
  if (!isAlgorithm(algorithm)) return E.left(invalid(`${field}.algorithm`, 'SHA1, SHA256 or SHA512'))
  if (digits !== 6 && digits !== 8) return E.left(invalid(`${field}.digits`, '6 or 8'))
  if (!wholeIn(period, PERIOD_RANGE)) return E.left(outOfRange(`${field}.period`, 'seconds a time step lasts', PERIOD_RANGE))
  if (!wholeIn(drift, DRIFT_RANGE)) return E.left(outOfRange(`${field}.drift`, 'time steps of drift', DRIFT_RANGE))
  return E.right({ algorithm, digits, period, drift })
}

/**
 * A new secret from random bytes already drawn (from `Random.bytes`). By
 * default at least the policy's algorithm's size (20 bytes for SHA1, 32 for
 * SHA256, 64 for SHA512); a caller may ask for fewer, never fewer than 16.
 * More than 64 bytes are refused. The bytes are copied.
 *
 * @example
 * import { totpSecretFromBytes, googleAuthenticator } from 'health-portal-domain/credentials'
 * totpSecretFromBytes(new Uint8Array(20).fill(7)) // right(the 20-byte secret)
 * totpSecretFromBytes(new Uint8Array(16), googleAuthenticator) // left: totp.too-few-bytes (20 wanted)
 * totpSecretFromBytes(new Uint8Array(16), googleAuthenticator, 16) // right(the 16-byte secret)
 */
export const totpSecretFromBytes = (
  bytes: Uint8Array,
  policy: Pick<TotpPolicy, 'algorithm'> = googleAuthenticator,
  minimumBytes?: number,
  field = 'randomBytes'
): E.Either<DomainError, TotpSecret> => {
  const read = readPolicy(policy, 'policy')
  if (E.isLeft(read)) return read
  const { algorithm } = read.right
  if (!isAlgorithm(algorithm)) return E.left(invalid('policy.algorithm', 'SHA1, SHA256 or SHA512'))
  const asked = minimumBytes === undefined ? TOTP_SECRET_BYTES[algorithm] : minimumBytes
  if (!wholeIn(asked, { minimum: 0, maximum: TOTP_SECRET_MAX_BYTES }))
    return E.left(outOfRange('minimumBytes', 'random bytes a secret needs at least', { minimum: TOTP_SECRET_MIN_BYTES, maximum: TOTP_SECRET_MAX_BYTES }))
  return E.map((secret: Uint8Array) => secret as TotpSecret)(checkSecretLength(bytes, Math.max(TOTP_SECRET_MIN_BYTES, asked), field, 'random bytes (a Uint8Array)'))
}

/**
 * Reads a secret written in base32 (as a key URI or a "can't scan it?" screen
 * shows it): case, blanks and padding are forgiven, anything else is refused;
 * it must decode to 16 to 64 bytes.
 *
 * @example
 * import { parseTotpSecret } from 'health-portal-domain/credentials'
 * parseTotpSecret('gezd gnbv gy3t qojq gezd gnbv gy3t qojq') // right(the 20 bytes of '12345678901234567890')
 * parseTotpSecret('JBSWY3DPEHPK3PXP') // left: totp.too-few-bytes (10 bytes)
 */
export const parseTotpSecret = (input: unknown, field = 'secret'): E.Either<DomainError, TotpSecret> =>
  E.chain((bytes: Uint8Array) => E.map((b: Uint8Array) => b as TotpSecret)(checkSecretLength(bytes, TOTP_SECRET_MIN_BYTES, field)))(
    decodeBase32(input, field)
  )

// -------------------------------------------------------------------------------------
// base32 (RFC 4648 §6)
// -------------------------------------------------------------------------------------

/**
 * RFC 4648 base32 of some bytes, without padding (as key URIs want it).
 *
 * @example
 * import { encodeBase32 } from 'health-portal-domain/credentials'
 * encodeBase32(new TextEncoder().encode('foobar')) // 'MZXW6YTBOI'
 */
export const encodeBase32 = (bytes: Uint8Array): string => {
  let out = ''
  let held = 0
  let bits = 0
  for (const byte of bytes) {
    held = ((held << 8) | byte) & 0xfff
    bits += 8
    while (bits >= 5) {
      bits -= 5
      out += BASE32_ALPHABET[(held >> bits) & 31]
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(held << (5 - bits)) & 31]
  return out
}

/**
 * Decodes RFC 4648 base32. Letters of either case; blanks (white space)
 * anywhere are ignored; padding is optional, but if given must be the right
 * number of `=` at the end; a length no bytes encode to is refused; bits left
 * over past the last whole byte are ignored, as authenticator apps do. Text
 * longer than 1024 characters is refused unread. Never throws.
 *
 * @example
 * import { decodeBase32 } from 'health-portal-domain/credentials'
 * decodeBase32('mzxw 6ytb oi') // right(the bytes of 'foobar')
 * decodeBase32('MZXW6YTBOI======') // right(the bytes of 'foobar')
 * decodeBase32('MZXW6YTB0I') // left: field.invalid ('0' is not base32)
 */
export const decodeBase32 = (input: unknown, field = 'secret'): E.Either<DomainError, Uint8Array> => {
  if (input === undefined || input === null) return E.left(required(field))
  if (typeof input !== 'string') return E.left(invalid(field, EXPECTED_BASE32))
  if (input.length > BASE32_MAX_LENGTH) return E.left(textTooLong(field, BASE32_MAX_LENGTH, input.length))
  const text = input.replace(/\s/g, '')
  if (text === '') return E.left(required(field))
  let end = text.length
  while (end > 0 && text.charCodeAt(end - 1) === 0x3d) end--
  const padding = text.length - end
  const rest = end % 8
  const lengthOk = end > 0 && rest !== 1 && rest !== 3 && rest !== 6 && (padding === 0 || (padding < 8 && (end + padding) % 8 === 0))
  if (!lengthOk) return E.left(invalid(field, EXPECTED_BASE32))
  const out = new Uint8Array(Math.floor((end * 5) / 8))
  let held = 0
  let bits = 0
  let at = 0
  for (let i = 0; i < end; i++) {
    const value = base32Value(text.charCodeAt(i))
    if (value < 0) return E.left(invalid(field, EXPECTED_BASE32))
    held = ((held << 5) | value) & 0x1fff
    bits += 5
    if (bits >= 8) {
      bits -= 8
      out[at++] = (held >> bits) & 0xff
    }
  }
  return E.right(out)
}

// -------------------------------------------------------------------------------------
// codes
// -------------------------------------------------------------------------------------

/**
 * The HOTP code (RFC 4226 §5.3) of one counter value (0 to 2^53 − 1, written
 * as 8 big-endian bytes): HMAC of the counter under the secret, dynamic
 * truncation to 31 bits, the last `digits` decimal digits.
 *
 * @example
 * import { hotpCode, totpSecretFromBytes, googleAuthenticator } from 'health-portal-domain/credentials'
 * import { nodeHmac } from 'health-portal-domain/adapters/system'
 * import * as E from 'fp-ts/lib/Either.js'
 * const secret = totpSecretFromBytes(new TextEncoder().encode('12345678901234567890'))
 * if (E.isRight(secret)) hotpCode(nodeHmac(), googleAuthenticator, secret.right, 1) // right('287082')
 */
export const hotpCode = (
  hmac: Hmac,
  policy: Pick<TotpPolicy, 'algorithm' | 'digits'>,
  secret: TotpSecret,
  counter: number
): E.Either<DomainError, string> => {
  const read = readPolicy(policy, 'policy')
  if (E.isLeft(read)) return read
  const { algorithm, digits } = read.right
  if (!isAlgorithm(algorithm)) return E.left(invalid('policy.algorithm', 'SHA1, SHA256 or SHA512'))
  if (digits !== 6 && digits !== 8) return E.left(invalid('policy.digits', '6 or 8'))
  if (!wholeIn(counter, { minimum: 0, maximum: Number.MAX_SAFE_INTEGER }))
    return E.left(outOfRange('counter', 'an HOTP counter', { minimum: 0, maximum: Number.MAX_SAFE_INTEGER }))
  const key = checkSecretLength(secret, TOTP_SECRET_MIN_BYTES, 'secret')
  if (E.isLeft(key)) return key
  const mac = macOf(hmac, algorithm, key.right)
  if (E.isLeft(mac)) return mac
  return codeOf(mac.right, algorithm, digits, counter)
}

/**
 * The time step an instant falls in: floor(unix seconds / period). Refused
 * for an invalid instant or one before 1970.
 *
 * @example
 * import { totpStep, googleAuthenticator } from 'health-portal-domain/credentials'
 * import { DateTime } from 'luxon'
 * totpStep(googleAuthenticator, DateTime.fromSeconds(59)) // right(1)
 */
export const totpStep = (policy: Pick<TotpPolicy, 'period'>, now: DateTime, field = 'now'): E.Either<DomainError, number> => {
  const read = readPolicy(policy, 'policy')
  if (E.isLeft(read)) return read
  const { period } = read.right
  if (!wholeIn(period, PERIOD_RANGE)) return E.left(outOfRange('policy.period', 'seconds a time step lasts', PERIOD_RANGE))
  return stepOf(period, now, field)
}

/** The time step of an instant, for a checked period. */
const stepOf = (period: number, now: DateTime, field: string): E.Either<DomainError, number> => {
  const millis = millisOf(now)
  if (millis === undefined) return E.left(domainError('date.not-a-date', { field, rule: `${field} must be a valid instant` }))
  const seconds = Math.floor(millis / 1000)
  if (seconds < 0)
    return E.left(
      domainError('date.out-of-range', { field, rule: `${field} must not be before the Unix epoch (T0)`, earliest: EPOCH, latest: LATEST_INSTANT })
    )
  return E.right(Math.floor(seconds / period))
}

/**
 * The code an authenticator shows at an instant (RFC 6238): the HOTP code of
 * its time step.
 *
 * @example
 * import { totpCode, totpSecretFromBytes, googleAuthenticator } from 'health-portal-domain/credentials'
 * import { nodeHmac } from 'health-portal-domain/adapters/system'
 * import { DateTime } from 'luxon'
 * import * as E from 'fp-ts/lib/Either.js'
 * const secret = totpSecretFromBytes(new TextEncoder().encode('12345678901234567890'))
 * const at = DateTime.fromSeconds(1111111109)
 * if (E.isRight(secret)) totpCode(nodeHmac(), { ...googleAuthenticator, digits: 8 })(at, secret.right) // right('07081804')
 */
export const totpCode =
  (hmac: Hmac, policy: TotpPolicy = googleAuthenticator) =>
  (now: DateTime, secret: TotpSecret): E.Either<DomainError, string> => {
    const step = totpStep(policy, now)
    return E.isLeft(step) ? step : hotpCode(hmac, policy, secret, step.right)
  }

/**
 * Reads a code as typed: blanks (white space) are dropped, then it must be
 * exactly the policy's number of digits 0–9.
 *
 * @example
 * import { normaliseTotpInput, googleAuthenticator } from 'health-portal-domain/credentials'
 * normaliseTotpInput(googleAuthenticator, '287 082') // right('287082')
 * normaliseTotpInput(googleAuthenticator, '28708') // left: field.invalid (6 digits)
 */
export const normaliseTotpInput = (policy: Pick<TotpPolicy, 'digits'>, input: unknown, field = 'totpCode'): E.Either<DomainError, string> => {
  const read = readPolicy(policy, 'policy')
  if (E.isLeft(read)) return read
  const { digits } = read.right
  if (digits !== 6 && digits !== 8) return E.left(invalid('policy.digits', '6 or 8'))
  return normaliseCode(digits, input, field)
}

/** A code as typed, for a checked number of digits. */
const normaliseCode = (digits: 6 | 8, input: unknown, field: string): E.Either<DomainError, string> => {
  if (input === undefined || input === null) return E.left(required(field))
  if (typeof input !== 'string') return E.left(invalid(field, `${digits} digits`))
  // the common case, a code typed as it is shown: nothing to drop, nothing to match
  if (input.length === digits && onlyDigits(input)) return E.right(input)
  if (input.length > TEXT_LIMITS.short) return E.left(textTooLong(field, TEXT_LIMITS.short, input.length))
  const code = input.replace(/\s/g, '')
  if (code === '') return E.left(required(field))
  return code.length === digits && /^[0-9]+$/.test(code) ? E.right(code) : E.left(invalid(field, `${digits} digits`))
}

// -------------------------------------------------------------------------------------
// verification
// -------------------------------------------------------------------------------------

/**
 * Checks a code typed at `now` against one credential. Accepted when it is the
 * code of a time step within `drift` steps of now that is later than the last
 * step accepted; the returned state remembers that step (the latest matching
 * one), so the same code is never accepted twice. A code of an accepted (or
 * earlier) step is `totp.replayed`; any other well-formed code is
 * `totp.invalid-code`. Codes are compared in constant time.
 *
 * @example
 * import { verifyTotp, initialTotpState, totpSecretFromBytes } from 'health-portal-domain/credentials'
 * import { nodeHmac } from 'health-portal-domain/adapters/system'
 * import { DateTime } from 'luxon'
 * import * as E from 'fp-ts/lib/Either.js'
 * const secret = totpSecretFromBytes(new TextEncoder().encode('12345678901234567890'))
 * const verify = verifyTotp(nodeHmac())
 * const now = DateTime.fromSeconds(59)
 * if (E.isRight(secret)) {
 *   const first = verify(now, secret.right, initialTotpState, '287082') // accepted, state { lastAcceptedStep: 1 }
 *   if (first.accepted) verify(now, secret.right, first.state, '287082') // refused: totp.replayed
 * }
 */
export const verifyTotp =
  (hmac: Hmac, policy: TotpPolicy = googleAuthenticator) =>
  (now: DateTime, secret: TotpSecret, state: TotpState, input: unknown, field = 'totpCode'): TotpVerification => {
    const checked = totpPolicy(policy)
    if (E.isLeft(checked)) return refuse(checked.left)
    const { algorithm, digits, period, drift } = checked.right
    const last = lastAcceptedStepOf(state)
    if (E.isLeft(last)) return refuse(last.left)
    const code = normaliseCode(digits, input, field)
    if (E.isLeft(code)) return refuse(code.left)
    const key = checkSecretLength(secret, TOTP_SECRET_MIN_BYTES, 'secret')
    if (E.isLeft(key)) return refuse(key.left)
    const step = stepOf(period, now, 'now')
    if (E.isLeft(step)) return refuse(step.left)
    // the key's work once for the whole window (the port's `keyed`, where it has one)
    const mac = macOf(hmac, algorithm, key.right)
    if (E.isLeft(mac)) return refuse(mac.left)
    let accepted = -1
    let replayed = false
    for (let s = Math.max(0, step.right - drift); s <= step.right + drift; s++) {
      const expected = codeOf(mac.right, algorithm, digits, s)
      if (E.isLeft(expected)) return refuse(expected.left)
      const matches = constantTimeEquals(expected.right, code.right)
      const fresh = last.right === null || s > last.right
      // Ascending steps: the latest matching one wins, so no step in the window can take the same code again.
      if (matches && fresh) accepted = s
      if (matches && !fresh) replayed = true
    }
    if (accepted >= 0) return { accepted: true, state: { lastAcceptedStep: accepted } }
    return refuse(
      replayed
        ? domainError('totp.replayed', { field, rule: `${field} was already used; wait for the authenticator to show the next code` })
        : domainError('totp.invalid-code', { field, rule: `${field} must be the code the authenticator app shows now` })
    )
  }

// -------------------------------------------------------------------------------------
// key URI (Google Authenticator's Key Uri Format)
// -------------------------------------------------------------------------------------

/**
 * The `otpauth://totp/Issuer:account?secret=…&issuer=…&algorithm=…&digits=…&period=…`
 * URI an authenticator app scans (as a QR code). Issuer and account are
 * required, trimmed, at most 128 and 254 characters, without a colon (the
 * format forbids one in either) or control characters; both are
 * percent-encoded (RFC 3986: all but unreserved characters, a space as %20);
 * the secret is base32 without padding.
 *
 * @example
 * import { totpKeyUri, totpSecretFromBytes, googleAuthenticator } from 'health-portal-domain/credentials'
 * import * as E from 'fp-ts/lib/Either.js'
 * const secret = totpSecretFromBytes(new TextEncoder().encode('12345678901234567890'))
 * if (E.isRight(secret)) totpKeyUri(googleAuthenticator)(secret.right, 'QPP HARP', 'jane.doe@example.com')
 * // right('otpauth://totp/QPP%20HARP:jane.doe%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=QPP%20HARP&algorithm=SHA1&digits=6&period=30')
 */
export const totpKeyUri =
  (policy: TotpPolicy = googleAuthenticator) =>
  (secret: TotpSecret, issuer: unknown, account: unknown): E.Either<DomainError, string> => {
    const checked = totpPolicy(policy)
    if (E.isLeft(checked)) return checked
    const key = checkSecretLength(secret, TOTP_SECRET_MIN_BYTES, 'secret')
    if (E.isLeft(key)) return key
    const who = labelPart(issuer, 'issuer', TEXT_LIMITS.short)
    if (E.isLeft(who)) return who
    const whose = labelPart(account, 'account', TEXT_LIMITS.email)
    if (E.isLeft(whose)) return whose
    const { algorithm, digits, period } = checked.right
    const i = percentEncode(who.right)
    return E.right(
      `otpauth://totp/${i}:${percentEncode(whose.right)}?secret=${encodeBase32(key.right)}&issuer=${i}&algorithm=${algorithm}&digits=${digits}&period=${period}`
    )
  }

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

const refuse = (error: DomainError): TotpVerification => ({ accepted: false, error })

const isAlgorithm = (u: unknown): u is TotpAlgorithm => (TOTP_ALGORITHMS as ReadonlyArray<unknown>).includes(u)

const wholeIn = (u: unknown, range: { readonly minimum: number; readonly maximum: number }): u is number =>
  typeof u === 'number' && Number.isSafeInteger(u) && u >= range.minimum && u <= range.maximum

const outOfRange = (field: string, what: string, range: { readonly minimum: number; readonly maximum: number }): DomainError =>
  domainError('number.out-of-range', { field, rule: `${field} (${what}) must be a whole number from ${range.minimum} to ${range.maximum}`, ...range })

/**
 * A private copy of some bytes, read without running any of the caller's code
 * (no Proxy trap, getter or iterator: a Proxy is no typed array); `undefined`
 * for anything but a readable Uint8Array.
 */
const copyOfBytes = (u: unknown): Uint8Array | undefined => {
  try {
    return ArrayBuffer.isView(u) && u instanceof Uint8Array ? new Uint8Array(u) : undefined
  } catch {
    return undefined
  }
}

/** The epoch milliseconds of a valid luxon instant, or `undefined` for anything else (read without ever throwing). */
const millisOf = (now: unknown): number | undefined => {
  try {
    if (!DateTime.isDateTime(now) || !now.isValid) return undefined
    const millis: unknown = now.toMillis()
    return typeof millis === 'number' && Number.isFinite(millis) ? millis : undefined
  } catch {
    return undefined
  }
}

/**
 * One own property, as `readForm` reads it: its data value, or its getter
 * called once; nothing from the prototype chain. May throw (a Proxy trap, a getter).
 */
const readOwnField = (input: object, name: string): unknown => {
  const d = Object.getOwnPropertyDescriptor(input, name)
  if (d === undefined) return undefined
  return 'value' in d ? d.value : d.get === undefined ? undefined : d.get.call(input)
}

/** `readForm`'s name for a field of a form at `at`. */
const pathOf = (at: string, name: string): string => (at === undefined || at === '' ? name : `${at}.${name}`)

/**
 * A policy's fields, each read once as a plain value (a throwing getter or
 * Proxy is form.unreadable, for the first such field): what `readForm` gives
 * (every field read, in order, whatever fails), without its null-prototype
 * record and field names built for every call.
 */
const readPolicy = (input: unknown, field: string): E.Either<DomainError, Record<keyof TotpPolicy, unknown>> => {
  if (typeof input !== 'object' || input === null) return E.right({ algorithm: undefined, digits: undefined, period: undefined, drift: undefined })
  let error: DomainError | undefined
  const read = (name: keyof TotpPolicy): unknown => {
    try {
      return readOwnField(input, name)
    } catch {
      error ??= unreadable(pathOf(field, name))
      return undefined
    }
  }
  const algorithm = read('algorithm')
  const digits = read('digits')
  const period = read('period')
  const drift = read('drift')
  return error === undefined ? E.right({ algorithm, digits, period, drift }) : E.left(error)
}

/** A private copy of a key of `minimum` to 64 bytes, or why not. */
const checkSecretLength = (input: unknown, minimum: number, field: string, expected = 'a TOTP secret (bytes)'): E.Either<DomainError, Uint8Array> => {
  const bytes = copyOfBytes(input)
  if (bytes === undefined) return E.left(invalid(field, expected))
  if (bytes.length < minimum)
    return E.left(
      domainError('totp.too-few-bytes', {
        field,
        rule: `a TOTP secret must be made of at least ${minimum} random bytes (${minimum * 8} bits)`,
        minimum,
        given: bytes.length
      })
    )
  if (bytes.length > TOTP_SECRET_MAX_BYTES)
    return E.left(outOfRange(field, 'bytes of a TOTP secret', { minimum, maximum: TOTP_SECRET_MAX_BYTES }))
  return E.right(bytes)
}

/** A checked state's last accepted step. */
const lastAcceptedStepOf = (state: unknown): E.Either<DomainError, number | null> => {
  let last: unknown
  if (typeof state === 'object' && state !== null)
    try {
      last = readOwnField(state, 'lastAcceptedStep')
    } catch {
      return E.left(unreadable('state.lastAcceptedStep'))
    }
  return last === null || wholeIn(last, { minimum: 0, maximum: Number.MAX_SAFE_INTEGER })
    ? E.right(last)
    : E.left(invalid('state', 'a TOTP state ({ lastAcceptedStep: a time step or null })'))
}

/**
 * HMAC-`algorithm` under a checked key, as a function of the message: the
 * port's `keyed` where it has one (the key's work done once), its `digest`
 * otherwise. A port whose `keyed` throws or gives no function is a left.
 */
const macOf = (hmac: Hmac, algorithm: TotpAlgorithm, key: Uint8Array): E.Either<DomainError, (message: Uint8Array) => unknown> => {
  let keyed: unknown
  try {
    keyed = hmac.keyed
  } catch {
    // a port that cannot be read: its digest, asked for each message, fails as it always has
    keyed = undefined
  }
  if (typeof keyed !== 'function') return E.right((message) => hmac.digest(algorithm, key, message))
  try {
    const mac: unknown = keyed.call(hmac, algorithm, key)
    return typeof mac === 'function' ? E.right(mac as (message: Uint8Array) => unknown) : E.left(unexpected('the HMAC port\'s keyed must return a function'))
  } catch (cause) {
    return E.left(unexpected(cause))
  }
}

/** Are all these characters digits 0–9? */
const onlyDigits = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x30 || c > 0x39) return false
  }
  return true
}

/** HOTP of a checked counter: the HMAC's digest, truncated (RFC 4226 §5.3). A faulty port is a left. */
const codeOf = (mac: (message: Uint8Array) => unknown, algorithm: TotpAlgorithm, digits: 6 | 8, counter: number): E.Either<DomainError, string> => {
  const message = new Uint8Array(8)
  // a counter below 2^53: both halves are exact, each below 2^32
  const high = Math.floor(counter / 0x100000000)
  const low = counter % 0x100000000
  message[0] = high >>> 24
  message[1] = (high >>> 16) & 0xff
  message[2] = (high >>> 8) & 0xff
  message[3] = high & 0xff
  message[4] = low >>> 24
  message[5] = (low >>> 16) & 0xff
  message[6] = (low >>> 8) & 0xff
  message[7] = low & 0xff
  let returned: unknown
  try {
    returned = mac(message)
  } catch (cause) {
    return E.left(unexpected(cause))
  }
  const digest = copyOfBytes(returned)
  if (digest === undefined || digest.length !== DIGEST_BYTES[algorithm])
    return E.left(unexpected(`the HMAC port must return ${DIGEST_BYTES[algorithm]} bytes for ${algorithm}`))
  const offset = (digest[digest.length - 1] as number) & 0x0f
  const binary =
    (((digest[offset] as number) & 0x7f) << 24) |
    ((digest[offset + 1] as number) << 16) |
    ((digest[offset + 2] as number) << 8) |
    (digest[offset + 3] as number)
  return E.right(String(binary % (digits === 6 ? 1_000_000 : 100_000_000)).padStart(digits, '0'))
}

/** The 5-bit value of a base32 character (ASCII letters of either case, digits 2 to 7), or −1. */
const base32Value = (c: number): number => {
  if (c >= 0x41 && c <= 0x5a) return c - 0x41
  if (c >= 0x61 && c <= 0x7a) return c - 0x61
  if (c >= 0x32 && c <= 0x37) return c - 0x32 + 26
  return -1
}

/** One side of a key URI's label: required text, bounded, trimmed, no colon, no control character, well-formed UTF-16. */
const labelPart = (input: unknown, field: string, maximum: number): E.Either<DomainError, string> => {
  if (input === undefined || input === null) return E.left(required(field))
  if (typeof input !== 'string') return E.left(invalid(field, 'text'))
  if (input.length > maximum) return E.left(textTooLong(field, maximum, input.length))
  const text = input.trim()
  if (text === '') return E.left(required(field))
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x3a) return E.left(invalid(field, 'text without a colon (the key URI format uses it to separate issuer and account)'))
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return E.left(invalid(field, 'text without control characters'))
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1)
      if (!(next >= 0xdc00 && next <= 0xdfff)) return E.left(invalid(field, 'well-formed text'))
      i++
    } else if (c >= 0xdc00 && c <= 0xdfff) return E.left(invalid(field, 'well-formed text'))
  }
  return E.right(text)
}

/** RFC 3986 percent-encoding of UTF-8: only unreserved characters (A–Z a–z 0–9 - . _ ~) stay as they are. */
const percentEncode = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
