/**
 * E-mail addresses.
 *
 * @since 0.1.0
 */
import * as E from './either'
import { pipe } from 'fp-ts/lib/function.js'
import { domainError, DomainError } from './errors'
import { codecFrom, requireText } from './validation'
import { TEXT_LIMITS } from './form'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** An e-mail address: local part as typed, domain lower-cased. */
export type EmailAddress = string & { readonly EmailAddress: unique symbol }

/** The comparison form of an address (fully lower-cased). */
export type EmailKey = string & { readonly EmailKey: unique symbol }

const EXPECTED = 'an e-mail address such as name@example.com'
// Practical syntax (RFC 5321 lengths, dot-atom local part, a dotted domain of LDH labels).
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/
const LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * Parses an e-mail address.
 *
 * @example
 * import { parseEmailAddress } from 'health-portal-domain/kernel'
 * parseEmailAddress('JaneDoe@Gmail.com') // right('JaneDoe@gmail.com')
 */
export const parseEmailAddress = (input: unknown, field = 'email'): E.Either<DomainError, EmailAddress> =>
  pipe(
    requireText(input, field, TEXT_LIMITS.email),
    E.chain((s) => {
      const at = s.lastIndexOf('@')
      const local = s.slice(0, at)
      const domain = s.slice(at + 1)
      const labels = domain.split('.')
      const ok =
        at > 0 &&
        s.length <= 254 &&
        local.length <= 64 &&
        LOCAL.test(local) &&
        labels.length >= 2 &&
        labels.every((l) => LABEL.test(l)) &&
        /[A-Za-z]/.test(labels[labels.length - 1] ?? '')
      return ok
        ? E.right(`${local}@${domain.toLowerCase()}` as EmailAddress)
        : E.left(domainError('field.invalid', { field, rule: `${field} must be ${EXPECTED}`, expected: EXPECTED }))
    })
  )

/** The comparison key of an address. */
export const emailKey = (e: EmailAddress): EmailKey => e.toLowerCase() as EmailKey

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/** io-ts codec for `EmailAddress`. */
export const EmailAddressCodec = codecFrom<EmailAddress>('EmailAddress', 'email', parseEmailAddress)
