/**
 * HMAC (RFC 2104) over SHA-1 and SHA-256 (FIPS 180-4) in plain JavaScript,
 * with the key's two blocks (K ⊕ ipad, K ⊕ opad) compressed once per key:
 * each message after that costs two compressions for a TOTP counter, with no
 * call into node:crypto, no Buffer and no stream object. Used by `nodeHmac`'s
 * `keyed` for the short messages of TOTP (a window of a few time steps under
 * one key); its results are node:crypto's `createHmac`, byte for byte (the
 * system adapter tests compare them over keys and messages of every length).
 *
 * Only integer arithmetic and fixed loops over public lengths: no table is
 * indexed by a secret byte.
 *
 * @internal
 */

type Compress = (state: Int32Array, w: Int32Array) => void

const BLOCK = 64

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n))

const sha1Compress: Compress = (state, w) => {
  for (let t = 16; t < 80; t++) w[t] = rotl((w[t - 3] as number) ^ (w[t - 8] as number) ^ (w[t - 14] as number) ^ (w[t - 16] as number), 1)
  let a = state[0] as number
  let b = state[1] as number
  let c = state[2] as number
  let d = state[3] as number
  let e = state[4] as number
  let t = 0
  for (; t < 20; t++) {
    const temp = (rotl(a, 5) + ((b & c) | (~b & d)) + e + 0x5a827999 + (w[t] as number)) | 0
    e = d
    d = c
    c = rotl(b, 30)
    b = a
    a = temp
  }
  for (; t < 40; t++) {
    const temp = (rotl(a, 5) + (b ^ c ^ d) + e + 0x6ed9eba1 + (w[t] as number)) | 0
    e = d
    d = c
    c = rotl(b, 30)
    b = a
    a = temp
  }
  for (; t < 60; t++) {
    const temp = (rotl(a, 5) + ((b & c) | (b & d) | (c & d)) + e - 0x70e44324 + (w[t] as number)) | 0
    e = d
    d = c
    c = rotl(b, 30)
    b = a
    a = temp
  }
  for (; t < 80; t++) {
    const temp = (rotl(a, 5) + (b ^ c ^ d) + e - 0x359d3e2a + (w[t] as number)) | 0
    e = d
    d = c
    c = rotl(b, 30)
    b = a
    a = temp
  }
  state[0] = ((state[0] as number) + a) | 0
  state[1] = ((state[1] as number) + b) | 0
  state[2] = ((state[2] as number) + c) | 0
  state[3] = ((state[3] as number) + d) | 0
  state[4] = ((state[4] as number) + e) | 0
}

const SHA256_K = Int32Array.from(
  [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ].map((k) => k | 0)
)

const sha256Compress: Compress = (state, w) => {
  for (let t = 16; t < 64; t++) {
    const x = w[t - 15] as number
    const y = w[t - 2] as number
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)
    w[t] = ((w[t - 16] as number) + s0 + (w[t - 7] as number) + s1) | 0
  }
  let a = state[0] as number
  let b = state[1] as number
  let c = state[2] as number
  let d = state[3] as number
  let e = state[4] as number
  let f = state[5] as number
  let g = state[6] as number
  let h = state[7] as number
  for (let t = 0; t < 64; t++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))
    const ch = (e & f) ^ (~e & g)
    const t1 = (h + S1 + ch + (SHA256_K[t] as number) + (w[t] as number)) | 0
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))
    const maj = (a & b) ^ (a & c) ^ (b & c)
    const t2 = (S0 + maj) | 0
    h = g
    g = f
    f = e
    e = (d + t1) | 0
    d = c
    c = b
    b = a
    a = (t1 + t2) | 0
  }
  state[0] = ((state[0] as number) + a) | 0
  state[1] = ((state[1] as number) + b) | 0
  state[2] = ((state[2] as number) + c) | 0
  state[3] = ((state[3] as number) + d) | 0
  state[4] = ((state[4] as number) + e) | 0
  state[5] = ((state[5] as number) + f) | 0
  state[6] = ((state[6] as number) + g) | 0
  state[7] = ((state[7] as number) + h) | 0
}

interface Sha {
  readonly iv: Int32Array
  readonly compress: Compress
  /** Digest bytes. */
  readonly size: number
  /**
   * The message schedule, one per function, shared by every call: allocated
   * once (a typed array over 64 bytes lives off V8's heap and is slow to make),
   * safe to share since no call yields or re-enters before it is done with it.
   */
  readonly w: Int32Array
}

const SHA: Readonly<Record<'SHA1' | 'SHA256', Sha>> = {
  SHA1: { iv: Int32Array.from([0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476, 0xc3d2e1f0 | 0]), compress: sha1Compress, size: 20, w: new Int32Array(80) },
  SHA256: {
    iv: Int32Array.from([0x6a09e667, 0xbb67ae85 | 0, 0x3c6ef372, 0xa54ff53a | 0, 0x510e527f, 0x9b05688c | 0, 0x1f83d9ab, 0x5be0cd19]),
    compress: sha256Compress,
    size: 32,
    w: new Int32Array(64)
  }
}

const orInto = (w: Int32Array, i: number, bits: number): void => {
  w[i] = (w[i] as number) | bits
}

/**
 * Hashes `data` on from `state` (which it updates in place), `prefix` bytes
 * (a whole number of blocks) having been hashed into it already: the
 * remaining blocks, the padding (0x80, zeros) and the 64-bit bit length.
 */
const finish = (sha: Sha, state: Int32Array, w: Int32Array, prefix: number, data: Uint8Array): void => {
  const n = data.length
  const total = prefix + n
  const blocks = ((n + 8) >> 6) + 1
  let at = 0
  for (let block = 0; block < blocks; block++) {
    w.fill(0, 0, 16)
    const start = block * BLOCK
    const end = Math.min(n, start + BLOCK)
    for (; at < end; at++) orInto(w, (at >> 2) & 15, (data[at] as number) << (24 - ((at & 3) << 3)))
    if (n >= start && n < start + BLOCK) orInto(w, (n >> 2) & 15, 0x80 << (24 - ((n & 3) << 3)))
    if (block === blocks - 1) {
      // the bit length, at most 2^53 bits here, as two 32-bit words
      w[14] = Math.floor(total / 0x20000000) | 0
      w[15] = (total * 8) | 0
    }
    sha.compress(state, w)
  }
}

const bytesOf = (state: Int32Array, size: number): Uint8Array => {
  const out = new Uint8Array(size)
  for (let i = 0; i < size; i++) out[i] = ((state[i >> 2] as number) >>> (24 - 8 * (i & 3))) & 0xff
  return out
}

/** Compresses the one block K ⊕ pad (a key of at most 64 bytes) from the IV. */
const padState = (sha: Sha, w: Int32Array, key: Uint8Array, xor: number): Int32Array => {
  const s = sha.iv.slice()
  const x = xor * 0x01010101
  w.fill(x, 0, 16)
  for (let at = 0; at < key.length; at++) w[at >> 2] = (w[at >> 2] as number) ^ ((key[at] as number) << (24 - ((at & 3) << 3)))
  sha.compress(s, w)
  return s
}

/**
 * HMAC-`algorithm` under `key`, the key's blocks compressed now: a function
 * from a message to its 20 or 32 bytes, for as many messages as wanted.
 */
export const jsKeyedHmac = (algorithm: 'SHA1' | 'SHA256', key: Uint8Array): ((message: Uint8Array) => Uint8Array) => {
  const sha = SHA[algorithm]
  const w = sha.w
  let k = key
  if (k.length > BLOCK) {
    const s = sha.iv.slice()
    finish(sha, s, w, 0, k)
    k = bytesOf(s, sha.size)
  }
  const inner = padState(sha, w, k, 0x36)
  const outer = padState(sha, w, k, 0x5c)
  // the shared schedule held the key's words: leave none behind
  w.fill(0)
  const words = inner.length
  const outerLength = (BLOCK + sha.size) * 8
  const s = new Int32Array(words)
  return (message) => {
    s.set(inner)
    finish(sha, s, w, BLOCK, message)
    // the outer message is the inner digest: its words as they are, then the padding (one block)
    for (let i = 0; i < 16; i++) w[i] = i < words ? (s[i] as number) : 0
    w[words] = 0x80000000 | 0
    w[15] = outerLength
    s.set(outer)
    sha.compress(s, w)
    w.fill(0)
    return bytesOf(s, sha.size)
  }
}
