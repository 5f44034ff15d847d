/**
 * The National Provider Identifier (NPI): ten digits, the first 1 or 2, the
 * last a Luhn check digit computed over the prefix 80840 and the first nine
 * digits (CMS "NPI check digit" note).
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

/** A National Provider Identifier: ten ASCII digits, first 1 or 2, valid check digit. */
export type Npi = string & { readonly Npi: unique symbol }

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const NPI_EXPECTED = '10 digits starting with 1 or 2, the last a valid check digit'

/**
 * The NPI check digit for nine leading digits: Luhn over `80840` + the nine
 * digits (equivalently, Luhn over the nine digits plus 24). Returns `undefined`
 * when `first9` is not exactly nine ASCII digits.
 *
 * @example
 * import { npiCheckDigit } from 'health-portal-domain/kernel'
 * npiCheckDigit('123456789') // 3
 */
export const npiCheckDigit = (first9: string): number | undefined => {
  if (!/^[0-9]{9}$/.test(first9)) return undefined
  const payload = `80840${first9}`
  let sum = 0
  // Luhn: from the rightmost payload digit (the one next to the check digit), double every other.
  for (let i = payload.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = payload.charCodeAt(i) - 48
    if (double) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return (10 - (sum % 10)) % 10
}

/**
 * Parses an NPI: surrounding blanks, inner spaces and dashes are dropped; ten
 * digits must remain, the first 1 or 2, the last the check digit.
 *
 * @example
 * import { parseNpi } from 'health-portal-domain/kernel'
 * parseNpi('1234567893') // right('1234567893')
 * parseNpi('1234567890') // left: "npi must have a valid check digit …"
 */
export const parseNpi = (input: unknown, field = 'npi'): E.Either<DomainError, Npi> =>
  pipe(
    requireText(input, field, TEXT_LIMITS.short),
    E.chain((s) => {
      const bad = (why: string) => E.left(domainError('field.invalid', { field, rule: `${field} ${why}`, expected: NPI_EXPECTED }))
      const digits = s.replace(/[\s-]/g, '')
      if (!/^[0-9]{10}$/.test(digits)) return bad('must be 10 digits')
      if (digits[0] !== '1' && digits[0] !== '2') return bad('must start with 1 or 2')
      if (npiCheckDigit(digits.slice(0, 9)) !== digits.charCodeAt(9) - 48)
        return bad('must have a valid check digit (the last digit does not match the Luhn check digit of the first nine)')
      return E.right(digits as Npi)
    })
  )

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/** io-ts codec for `Npi`. */
export const NpiCodec = codecFrom<Npi>('Npi', 'npi', parseNpi)
