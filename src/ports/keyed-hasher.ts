/** A keyed hash (HMAC) of a short secret, hex-encoded; what is stored in place of a code, an answer or an ID. */
export type KeyedHash = string & { readonly KeyedHash: unique symbol }

/**
 * Keyed hashing with a server-held key. `purpose` separates domains (a code and
 * a representative ID with the same text never hash alike).
 */
export interface KeyedHasher {
  readonly digest: (purpose: string, secret: string) => KeyedHash
}
