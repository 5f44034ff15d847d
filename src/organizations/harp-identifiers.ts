/**
 * The two identifiers HARP's organisation modules read beyond the kernel's:
 * a clinician's PTAN and a person's SSN, each parsed to the format
 * `../shared/REFERENCE.md` gives, and nothing more. Kept out of the
 * organisations namespace: the kernel's parsers of the same names take their
 * place.
 *
 * @since 0.4.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { domainError, DomainError } from '../kernel/errors'
import { TEXT_LIMITS } from '../kernel/form'
import { requireText } from '../kernel/validation'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A Medicare Provider Transaction Access Number: 6 to 10 upper-case letters or digits. */
export type Ptan = string & { readonly Ptan: unique symbol }

/** A Social Security Number: nine digits, no punctuation. */
export type Ssn = string & { readonly Ssn: unique symbol }

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const PTAN = /^[A-Z0-9]{6,10}$/
const PTAN_EXPECTED = '6 to 10 letters or digits'

/** Parses a PTAN (no national format or checksum: 6 to 10 letters or digits, read in upper case). */
export const parsePtan = (input: unknown, field = 'ptan'): E.Either<DomainError, Ptan> =>
  pipe(
    requireText(input, field, TEXT_LIMITS.short),
    E.map((s) => s.toUpperCase()),
    E.chain((s) => (PTAN.test(s) ? E.right(s as Ptan) : E.left(domainError('field.invalid', { field, rule: `${field} must be ${PTAN_EXPECTED}`, expected: PTAN_EXPECTED }))))
  )

const SSN_EXPECTED = '9 digits, written 123456789 or 123-45-6789'

/** Parses an SSN, bare or 123-45-6789: never area 000, 666 or 900–999, group 00 or serial 0000. */
export const parseSsn = (input: unknown, field = 'ssn'): E.Either<DomainError, Ssn> =>
  pipe(
    requireText(input, field, TEXT_LIMITS.short),
    E.chain((s) => {
      const compact = s.replace(/\s/g, '')
      const bad = (why: string) => E.left(domainError('field.invalid', { field, rule: `${field} must be ${why}`, expected: SSN_EXPECTED }))
      if (!/^\d{9}$/.test(compact) && !/^\d{3}-\d{2}-\d{4}$/.test(compact)) return bad(SSN_EXPECTED)
      const digits = compact.replace(/-/g, '')
      const area = digits.slice(0, 3)
      if (area === '000' || area === '666' || area.startsWith('9')) return bad(`a number the Social Security Administration issues (${area} is never an area number)`)
      if (digits.slice(3, 5) === '00') return bad('a number the Social Security Administration issues (00 is never a group number)')
      if (digits.slice(5) === '0000') return bad('a number the Social Security Administration issues (0000 is never a serial number)')
      return E.right(digits as Ssn)
    })
  )
