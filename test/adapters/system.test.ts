/**
 * The system adapters (adapters/system): scrypt in PHC form (TEST_ONLY_SCRYPT
 * parameters), HMAC keyed hashing, plain HMAC (`nodeHmac`, its `keyed` in
 * JavaScript against node:crypto), hash-key checks, CSPRNG and clock.
 */
import { createHmac } from 'node:crypto'
import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { cryptoRandom, HashKey, hmacKeyedHasher, nodeHmac, parseHashKey, scryptPasswordHasher, systemClock, TEST_ONLY_SCRYPT } from '../../adapters/system'
import { PasswordHash } from '../../src/ports/password-hasher'
import { anyText, b2cStrongPassword } from '../../src/testkit'

const hasher = scryptPasswordHasher(TEST_ONLY_SCRYPT)
const key = (fill: number) => new Uint8Array(32).fill(fill) as HashKey

describe('scryptPasswordHasher (TEST_ONLY_SCRYPT)', () => {
  test('a hash verifies its own password and no other; it is PHC scrypt with a fresh salt each time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(b2cStrongPassword, anyText({ minLength: 1, maxLength: 40 })), anyText({ minLength: 1, maxLength: 40 }), async (p, q) => {
        const h1 = await hasher.hash(p)()
        const h2 = await hasher.hash(p)()
        assert.ok(E.isRight(h1) && E.isRight(h2))
        assert.match(h1.right, /^\$scrypt\$ln=4,r=1,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/)
        assert.notEqual(h1.right, h2.right)
        assert.deepEqual(await hasher.verify(p, h1.right)(), E.right(true))
        assert.deepEqual(await hasher.verify(p, h2.right)(), E.right(true))
        assert.deepEqual(await hasher.verify(q, h1.right)(), E.right(q.normalize('NFC') === p.normalize('NFC')))
      }),
      { numRuns: 40 }
    )
  })

  test('canonically equivalent spellings (NFC) verify alike', async () => {
    const h = await hasher.hash('Caf\u00e9#2026')()
    assert.ok(E.isRight(h))
    assert.deepEqual(await hasher.verify('Cafe\u0301#2026', h.right)(), E.right(true))
  })

  test('a malformed stored hash is a left (system.unexpected), never a throw or a rejection', async () => {
    await fc.assert(
      fc.asyncProperty(anyText({ maxLength: 60 }), async (stored) => {
        const r = await hasher.verify('Spring#2026', stored as PasswordHash)()
        if (E.isLeft(r)) assert.equal(r.left.code, 'system.unexpected')
        else assert.equal(r.right, false)
      }),
      { numRuns: 50 }
    )
  })
})

describe('hmacKeyedHasher', () => {
  test('deterministic hex SHA-256 digests, separated by purpose and by key', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), fc.string({ minLength: 1, maxLength: 20 }), anyText({ maxLength: 40 }), (p1, p2, secret) => {
        fc.pre(p1 !== p2 && !p1.includes('\u0000') && !p2.includes('\u0000'))
        const a = hmacKeyedHasher(key(1))
        const d = a.digest(p1, secret)
        assert.match(d, /^[0-9a-f]{64}$/)
        assert.equal(a.digest(p1, secret), d)
        assert.notEqual(a.digest(p2, secret), d)
        assert.notEqual(hmacKeyedHasher(key(2)).digest(p1, secret), d)
      })
    )
  })
})

describe('nodeHmac', () => {
  const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')
  const reference = (a: 'SHA1' | 'SHA256' | 'SHA512', k: Uint8Array, m: Uint8Array) => createHmac(a.toLowerCase(), k).update(m).digest('hex')
  const algorithm = fc.constantFrom('SHA1' as const, 'SHA256' as const, 'SHA512' as const)
  // lengths on and around the 64-byte block and the 56-byte padding edge, and keys longer than a block (hashed first)
  const length = fc.oneof(fc.integer({ min: 0, max: 200 }), fc.constantFrom(0, 1, 8, 20, 32, 55, 56, 63, 64, 65, 119, 120, 127, 128, 129))

  test('keyed gives createHmac\u2019s bytes for every algorithm, key and message length, for several messages under one key', () => {
    const hmac = nodeHmac()
    const keyed = hmac.keyed
    assert.ok(keyed)
    fc.assert(
      fc.property(algorithm, length.chain((n) => fc.uint8Array({ minLength: n, maxLength: n })), fc.array(length.chain((n) => fc.uint8Array({ minLength: n, maxLength: n })), { minLength: 1, maxLength: 4 }), (a, k, messages) => {
        const mac = keyed(a, k)
        for (const m of messages) {
          assert.equal(hex(mac(m)), reference(a, k, m))
          assert.equal(hex(hmac.digest(a, k, m)), reference(a, k, m))
        }
      }),
      { numRuns: 400 }
    )
    // every key length from 0 to 129 bytes, an 8-byte TOTP counter
    for (const a of ['SHA1', 'SHA256', 'SHA512'] as const)
      for (let n = 0; n <= 129; n++) {
        const k = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff)
        const m = Uint8Array.from([0, 0, 0, 0, 3, 141, 192, n])
        assert.equal(hex(keyed(a, k)(m)), reference(a, k, m), `${a}, ${n} key bytes`)
      }
  })

  test('keyed keeps no reference to the caller\u2019s key: changing it afterwards changes no digest', () => {
    const keyed = nodeHmac().keyed
    assert.ok(keyed)
    for (const a of ['SHA1', 'SHA256', 'SHA512'] as const) {
      const k = new Uint8Array(20).fill(7)
      const m = new Uint8Array(8)
      const mac = keyed(a, k)
      const before = hex(mac(m))
      k.fill(8)
      assert.equal(hex(mac(m)), before)
      assert.equal(before, reference(a, new Uint8Array(20).fill(7), m))
    }
  })
})

describe('parseHashKey, cryptoRandom, systemClock', () => {
  test('a hash key must be at least 32 bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const r = parseHashKey(bytes)
        assert.equal(E.isRight(r), bytes.length >= 32)
        if (E.isLeft(r)) assert.equal(r.left.code, 'field.invalid')
      })
    )
  })

  test('cryptoRandom gives the bytes asked for and v4 UUIDs; the system clock reads in its zone', () => {
    const random = cryptoRandom()
    fc.assert(
      fc.property(fc.nat(256), (n) => {
        assert.equal(random.bytes(n).length, n)
        assert.match(random.uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      })
    )
    assert.equal(systemClock('America/Chicago').now().zoneName, 'America/Chicago')
  })
})
