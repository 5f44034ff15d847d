/**
 * A US postal address: where a provider's mail (a registration PIN) goes, and
 * the hint that tells two locations of one provider apart.
 *
 * @since 0.3.0
 */
import * as E from './either'
import { pipe } from 'fp-ts/lib/function.js'
import { domainError, DomainError } from './errors'
import { fieldUnder, optionalField, TEXT_LIMITS, validateForm } from './form'
import { parseZipCode, ZipCode } from './us-identifiers'
import { requireLine, requireText, Validation, validateAll } from './validation'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A USPS state or territory abbreviation (`MN`, `DC`, `PR`). */
export type StateCode = string & { readonly StateCode: unique symbol }

/** An address line: trimmed, blanks collapsed, at most 100 characters. */
export type AddressLine = string & { readonly AddressLine: unique symbol }

/** A US postal address. */
export interface PostalAddress {
  readonly line1: AddressLine
  readonly line2: AddressLine | null
  readonly city: AddressLine
  readonly state: StateCode
  readonly zipCode: ZipCode
}

/** The USPS abbreviations of the states, DC, the territories and the military "states". */
export const STATE_CODES: ReadonlyArray<string> = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA', 'ME',
  'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI',
  'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY', 'AS', 'GU', 'MP', 'PR', 'VI', 'AA', 'AE', 'AP'
]

const LINE_MAX = 100

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/** Parses one address line (required, at most 100 characters once blanks are collapsed). */
export const parseAddressLine = (input: unknown, field: string): E.Either<DomainError, AddressLine> =>
  E.map((s: string) => s as AddressLine)(requireLine(input, field, LINE_MAX))

/** Parses a state abbreviation, in any letter case. */
export const parseStateCode = (input: unknown, field = 'state'): E.Either<DomainError, StateCode> =>
  pipe(
    requireText(input, field, TEXT_LIMITS.short),
    E.map((s) => s.toUpperCase()),
    E.chain((s) =>
      STATE_CODES.includes(s)
        ? E.right(s as StateCode)
        : E.left(domainError('field.invalid', { field, rule: `${field} must be a USPS state abbreviation such as MN`, expected: 'a USPS state abbreviation such as MN' }))
    )
  )

const optionalLine = optionalField(parseAddressLine)

/**
 * Validates an address (street, optional second line, city, state, ZIP),
 * collecting every error; `at` prefixes the field names (`address.city`).
 */
export const validatePostalAddress = (input: unknown, at?: string): Validation<PostalAddress> => {
  const f = fieldUnder(at)
  return validateForm(
    ['line1', 'line2', 'city', 'state', 'zipCode'],
    (form) =>
      validateAll({
        line1: parseAddressLine(form.line1, f('line1')),
        line2: optionalLine(form.line2, f('line2')),
        city: parseAddressLine(form.city, f('city')),
        state: parseStateCode(form.state, f('state')),
        zipCode: parseZipCode(form.zipCode, f('zipCode'))
      }),
    at
  )(input)
}

// -------------------------------------------------------------------------------------
// display
// -------------------------------------------------------------------------------------

/** The address on one line, as a hint beside a provider's name: `1 Main St, Suite 2, Saint Paul, MN 55101`. */
export const formatAddress = (a: PostalAddress): string =>
  [a.line1, ...(a.line2 === null ? [] : [a.line2]), `${a.city}, ${a.state} ${a.zipCode}`].join(', ')

/** The address as lines for an envelope. */
export const addressLines = (a: PostalAddress): ReadonlyArray<string> => [
  a.line1,
  ...(a.line2 === null ? [] : [a.line2]),
  `${a.city} ${a.state} ${a.zipCode}`
]
