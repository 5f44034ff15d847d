/**
 * A deterministic stand-in for the CSPRNG, for tests, examples and fixtures
 * only: the same seed gives the same bytes and UUIDs.
 */
import { createHash } from 'node:crypto'
import { Random } from '../../src/ports/random'

/**
 * Bytes from SHA-256 in counter mode over the seed; UUIDs (version 4 shape)
 * from those bytes. Never use it where randomness must be unguessable.
 *
 * @example
 * import { seededRandom } from 'health-portal-domain/adapters/memory'
 * seededRandom('fixture').bytes(4) // the same four bytes every run
 */
export const seededRandom = (seed: string): Random => {
  let counter = 0
  let pool: number[] = []
  const bytes = (n: number): Uint8Array => {
    while (pool.length < n) pool = pool.concat([...createHash('sha256').update(`${seed}\u0000${counter++}`).digest()])
    const out = Uint8Array.from(pool.slice(0, n))
    pool = pool.slice(n)
    return out
  }
  const uuid = (): string => {
    const b = bytes(16)
    b[6] = ((b[6] as number) & 0x0f) | 0x40
    b[8] = ((b[8] as number) & 0x3f) | 0x80
    const hex = Buffer.from(b).toString('hex')
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  }
  return { bytes, uuid }
}
