/**
 * Adapters over the machine: the system clock, node:crypto randomness, scrypt
 * password hashing, HMAC keyed hashing and plain HMAC (for TOTP).
 *
 * @since 0.1.0
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { DateTime } from 'luxon'
import { DomainError, domainError, unexpected } from '../../src/kernel/errors'
import { Clock } from '../../src/ports/clock'
import { Hmac } from '../../src/ports/hmac'
import { KeyedHash, KeyedHasher } from '../../src/ports/keyed-hasher'
import { PasswordHash, PasswordHasher } from '../../src/ports/password-hasher'
import { Random } from '../../src/ports/random'
import { SecretBox } from '../../src/ports/secret-box'
import { jsKeyedHmac } from './keyed-hmac'

/** The machine's clock, read in an explicit zone (never luxon's global default). */
export const systemClock = (zone: string): Clock => ({ now: () => DateTime.now().setZone(zone) })

/** node:crypto's CSPRNG. */
export const cryptoRandom = (): Random => ({ bytes: (n) => new Uint8Array(randomBytes(n)), uuid: () => randomUUID() })

/** scrypt cost parameters. */
export interface ScryptParameters {
  readonly N: number
  readonly r: number
  readonly p: number
  readonly keyLength: number
  readonly saltLength: number
}

/** OWASP's recommendation: N = 2^17, r = 8, p = 1 (about 128 MiB and 0.3 s a hash here). */
export const OWASP_SCRYPT: ScryptParameters = { N: 2 ** 17, r: 8, p: 1, keyLength: 32, saltLength: 16 }

/** Cheap parameters for tests and the specification only: never in production. */
export const TEST_ONLY_SCRYPT: ScryptParameters = { N: 2 ** 4, r: 1, p: 1, keyLength: 32, saltLength: 16 }

const derive = (password: string, salt: Buffer, p: ScryptParameters): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, p.keyLength, { N: p.N, r: p.r, p: p.p, maxmem: 128 * p.N * p.r * 2 + 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key)
    )
  )

const b64 = (b: Buffer): string => b.toString('base64').replace(/={1,2}$/, '')

/**
 * scrypt in PHC string form: `$scrypt$ln=17,r=8,p=1$<salt>$<hash>`. A hash made
 * with other parameters still verifies (the parameters travel in the string).
 */
export const scryptPasswordHasher = (params: ScryptParameters = OWASP_SCRYPT): PasswordHasher => ({
  hash: (password) =>
    TE.tryCatch(async () => {
      const salt = randomBytes(params.saltLength)
      const key = await derive(password, salt, params)
      return `$scrypt$ln=${Math.log2(params.N)},r=${params.r},p=${params.p}$${b64(salt)}$${b64(key)}` as PasswordHash
    }, unexpected),
  verify: (password, stored) =>
    TE.tryCatch(async () => {
      const m = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(stored)
      if (m === null) throw new Error('stored password hash is not in scrypt PHC form')
      const expected = Buffer.from(m[5] as string, 'base64')
      const key = await derive(password, Buffer.from(m[4] as string, 'base64'), {
        N: 2 ** Number(m[1]),
        r: Number(m[2]),
        p: Number(m[3]),
        keyLength: expected.length,
        saltLength: 0
      })
      return key.length === expected.length && timingSafeEqual(key, expected)
    }, unexpected)
})

/** A server key for keyed hashes: at least 32 bytes. */
export type HashKey = Uint8Array & { readonly HashKey: unique symbol }

/** Checks a key's length (32 bytes or more, as HMAC-SHA-256 wants). */
export const parseHashKey = (key: Uint8Array, field = 'hashKey'): E.Either<DomainError, HashKey> =>
  key.length >= 32
    ? E.right(key as HashKey)
    : E.left(domainError('field.invalid', { field, rule: `${field} must be at least 32 bytes`, expected: '32 bytes or more' }))

/** A fresh random key (for one process; keyed hashes made with it do not survive a restart). */
export const randomHashKey = (): HashKey => new Uint8Array(randomBytes(32)) as HashKey

/** HMAC-SHA-256 under a server key; `purpose` is bound into every digest. */
export const hmacKeyedHasher = (key: HashKey): KeyedHasher => {
  const k = Buffer.from(key)
  return { digest: (purpose, secret) => createHmac('sha256', k).update(`${purpose}\u0000${secret}`, 'utf8').digest('hex') as KeyedHash }
}

/** The node:crypto hash name of each HMAC algorithm. */
const NODE_HASH = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512' } as const

/**
 * Plain HMAC over node:crypto (`createHmac`), for one-time-password codes;
 * its `keyed` (one key, many messages) runs SHA1 and SHA256 in JavaScript
 * with the key's blocks hashed once, giving the same bytes.
 *
 * @example
 * import { nodeHmac } from 'health-portal-domain/adapters/system'
 * nodeHmac().digest('SHA1', new TextEncoder().encode('key'), new Uint8Array(8)).length // 20
 */
export const nodeHmac = (): Hmac => {
  const digest: Hmac['digest'] = (algorithm, key, message) => new Uint8Array(createHmac(NODE_HASH[algorithm], key).update(message).digest())
  return {
    digest,
    // SHA1 and SHA256: plain JavaScript with the key blocks compressed once (no node:crypto call per message, several times faster
    // for TOTP's 8-byte messages); SHA512 stays with createHmac, over a private copy of the key
    keyed: (algorithm, key) => {
      if (algorithm === 'SHA1' || algorithm === 'SHA256') return jsKeyedHmac(algorithm, key)
      const own = new Uint8Array(key)
      return (message) => digest(algorithm, own, message)
    }
  }
}

/**
 * AES-256-GCM under a key derived (HKDF-SHA-256) from the server key for one
 * purpose; sealed text is `v1.<iv>.<tag>.<ciphertext>` in base64url.
 */
export const aesGcmSecretBox = (key: HashKey, purpose = 'secret-box'): SecretBox => {
  const k = Buffer.from(hkdfSync('sha256', Buffer.from(key), Buffer.alloc(0), purpose, 32))
  return {
    seal: (plaintext) => {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', k, iv)
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
      return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.')
    },
    open: (sealed) => {
      const parts = sealed.split('.')
      const fail = (cause: string) =>
        E.left(domainError('storage.invalid-row', { rule: 'sealed secrets must open with the server key', table: purpose, cause }))
      if (parts.length !== 4 || parts[0] !== 'v1') return fail('not a sealed secret')
      try {
        const [iv, tag, body] = parts.slice(1).map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer]
        const decipher = createDecipheriv('aes-256-gcm', k, iv)
        decipher.setAuthTag(tag)
        return E.right(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8'))
      } catch {
        return fail('authentication failed: wrong key or altered text')
      }
    }
  }
}
