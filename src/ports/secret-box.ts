import * as E from '../kernel/either'
import { DomainError } from '../kernel/errors'

/**
 * Authenticated encryption for what must be kept but not read at rest — an
 * e-mail waiting in an outbox carries a code in clear until it is sent.
 */
export interface SecretBox {
  readonly seal: (plaintext: string) => string
  readonly open: (sealed: string) => E.Either<DomainError, string>
}
