import * as TE from 'fp-ts/lib/TaskEither.js'
import { DomainError } from '../kernel/errors'

/** A stored password hash in PHC-like form (algorithm, parameters, salt and hash). */
export type PasswordHash = string & { readonly PasswordHash: unique symbol }

/** Slow, salted password hashing (scrypt by default). */
export interface PasswordHasher {
  readonly hash: (password: string) => TE.TaskEither<DomainError, PasswordHash>
  /** Does `password` match `hash`? Runs in time independent of where they differ. */
  readonly verify: (password: string, hash: PasswordHash) => TE.TaskEither<DomainError, boolean>
}
