/** A cryptographically secure source of randomness. */
export interface Random {
  /** `n` bytes from a CSPRNG. */
  readonly bytes: (n: number) => Uint8Array
  /** A fresh unique identifier (for flows and accounts), unguessable. */
  readonly uuid: () => string
}
