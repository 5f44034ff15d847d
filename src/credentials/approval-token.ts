/**
 * Approval link tokens: the secret an e-mailed link carries so that whoever
 * holds the mail can approve (or refuse) one request. At least 128 random
 * bits, written URL-safe (base64url without padding); only a keyed hash of a
 * token, bound to the request it was made for, is ever held; comparison runs
 * in constant time.
 *
 * @since 0.3.0
 */
import * as E from '../kernel/either'
import { domainError, DomainError, invalid, required } from '../kernel/errors'
import { textTooLong } from '../kernel/form'
import { KeyedHash, KeyedHasher } from '../ports/keyed-hasher'
import { constantTimeEquals } from './verification-code'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A link token as sent: base64url of 16 to 64 random bytes, no padding. Never stored. */
export type ApprovalToken = string & { readonly ApprovalToken: unique symbol }

/** Fewest random bytes a token is made of: 128 bits, beyond guessing. */
export const APPROVAL_TOKEN_MIN_BYTES = 16

/** Most random bytes a token is made of (512 bits), so a presented token is short to read. */
export const APPROVAL_TOKEN_MAX_BYTES = 64

/** The keyed hasher's purpose for link tokens: a token never hashes like a code or an ID with the same text. */
export const APPROVAL_TOKEN_PURPOSE = 'approval-token'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const encodedLength = (bytes: number): number => Math.ceil((bytes * 4) / 3)
const MIN_LENGTH = encodedLength(APPROVAL_TOKEN_MIN_BYTES)
const MAX_LENGTH = encodedLength(APPROVAL_TOKEN_MAX_BYTES)
const EXPECTED = `a link token of ${MIN_LENGTH} to ${MAX_LENGTH} URL-safe base64 characters`
const FORM = /^[A-Za-z0-9_-]+$/

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/** Base64url without padding (RFC 4648 §5), written out so the domain needs no Buffer. */
const base64url = (bytes: Uint8Array): string => {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number
    const b = bytes[i + 1]
    const c = bytes[i + 2]
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0)
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!
    if (b !== undefined) out += ALPHABET[(n >> 6) & 63]!
    if (c !== undefined) out += ALPHABET[n & 63]!
  }
  return out
}

/** The bytes a well-formed base64url text decodes to (the caller has checked its alphabet and length). */
const bytesOf = (text: string): Uint8Array => {
  const out: number[] = []
  let bits = 0
  let held = 0
  for (const ch of text) {
    held = (held << 6) | ALPHABET.indexOf(ch)
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out.push((held >> bits) & 255)
      held &= (1 << bits) - 1
    }
  }
  return Uint8Array.from(out)
}

/**
 * A token from random bytes already drawn (from `Random.bytes`); fewer than 16
 * bytes, or more than 64, are refused.
 *
 * @example
 * import { approvalTokenFromBytes } from 'health-portal-domain/credentials'
 * approvalTokenFromBytes(new Uint8Array(16)) // right('AAAAAAAAAAAAAAAAAAAAAA')
 */
export const approvalTokenFromBytes = (bytes: Uint8Array, field = 'randomBytes'): E.Either<DomainError, ApprovalToken> => {
  if (!(bytes instanceof Uint8Array)) return E.left(invalid(field, 'random bytes (a Uint8Array)'))
  if (bytes.length < APPROVAL_TOKEN_MIN_BYTES)
    return E.left(
      domainError('approval-token.too-few-bytes', {
        field,
        rule: `a link token must be made of at least ${APPROVAL_TOKEN_MIN_BYTES} random bytes (128 bits)`,
        minimum: APPROVAL_TOKEN_MIN_BYTES,
        given: bytes.length
      })
    )
  if (bytes.length > APPROVAL_TOKEN_MAX_BYTES)
    return E.left(
      domainError('number.out-of-range', {
        field,
        rule: `a link token must be made of ${APPROVAL_TOKEN_MIN_BYTES} to ${APPROVAL_TOKEN_MAX_BYTES} random bytes`,
        minimum: APPROVAL_TOKEN_MIN_BYTES,
        maximum: APPROVAL_TOKEN_MAX_BYTES
      })
    )
  return E.right(base64url(bytes) as ApprovalToken)
}

/**
 * Parses a token taken from a link: its length is bounded before anything
 * else; then only the exact form a token is written in passes (URL-safe
 * alphabet, a length some 16 to 64 bytes encode to, unused trailing bits zero,
 * so each token has one spelling).
 *
 * @example
 * import { parseApprovalToken } from 'health-portal-domain/credentials'
 * parseApprovalToken('AAAAAAAAAAAAAAAAAAAAAA') // right('AAAAAAAAAAAAAAAAAAAAAA')
 * parseApprovalToken('AAAA+AAA') // left: field.invalid
 */
export const parseApprovalToken = (input: unknown, field = 'token'): E.Either<DomainError, ApprovalToken> => {
  if (input === undefined || input === null || input === '') return E.left(required(field))
  if (typeof input !== 'string') return E.left(invalid(field, EXPECTED))
  if (input.length > MAX_LENGTH) return E.left(textTooLong(field, MAX_LENGTH, input.length))
  const wellFormed =
    input.length >= MIN_LENGTH && input.length % 4 !== 1 && FORM.test(input) && base64url(bytesOf(input)) === input
  return wellFormed ? E.right(input as ApprovalToken) : E.left(invalid(field, EXPECTED))
}

// -------------------------------------------------------------------------------------
// hashing and comparison
// -------------------------------------------------------------------------------------

/**
 * The keyed hash that recognises a token of one request (bound to it: the
 * same token sent for two requests never hashes alike), as verification codes
 * are bound to their flow.
 */
export const approvalTokenDigest = (hasher: KeyedHasher, requestId: string, token: ApprovalToken): KeyedHash =>
  hasher.digest(APPROVAL_TOKEN_PURPOSE, `${requestId}:${token}`)

/** Does the presented token's hash equal the stored one? Constant time in where they differ. */
export const approvalTokenMatches = (stored: KeyedHash, presented: KeyedHash): boolean =>
  typeof stored === 'string' && typeof presented === 'string' && constantTimeEquals(stored, presented)
