/** The hash functions an HMAC may run over: those RFC 6238 names for TOTP. */
export type HmacAlgorithm = 'SHA1' | 'SHA256' | 'SHA512'

/**
 * Plain HMAC (RFC 2104) over bytes: synchronous and deterministic, the same
 * key and message always give the same digest. One-time-password codes are
 * computed with it (the key is the shared TOTP secret).
 */
export interface Hmac {
  /** HMAC-`algorithm` of `message` under `key`: 20, 32 or 64 bytes. */
  readonly digest: (algorithm: HmacAlgorithm, key: Uint8Array, message: Uint8Array) => Uint8Array
  /**
   * Optional: HMAC-`algorithm` under one key as a function of the message,
   * the key's work (padding, hashing the key blocks) done once for all the
   * messages it is given: each digest must be the one `digest` gives for the
   * same key and message. TOTP uses it for the steps of a verification
   * window; a port without it is asked `digest` for each message.
   *
   * @since 0.4.0
   */
  readonly keyed?: (algorithm: HmacAlgorithm, key: Uint8Array) => (message: Uint8Array) => Uint8Array
}
