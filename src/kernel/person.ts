/**
 * A person's name and date of birth.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { DateTime } from 'luxon'
import * as t from 'io-ts'
import { domainError, DomainError } from './errors'
import { codecFrom, requireText } from './validation'
import { TEXT_LIMITS } from './form'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A first or last name: letters (any script), spaces, apostrophes, hyphens and periods. */
export type PersonName = string & { readonly PersonName: unique symbol }

/** A date of birth as an ISO calendar date (YYYY-MM-DD), strictly before today. */
export type DateOfBirth = string & { readonly DateOfBirth: unique symbol }

const NAME_MAX = 50
const NAME = /^\p{L}[\p{L}\p{M}' .-]*$/u
const NAME_EXPECTED = `1 to ${NAME_MAX} letters, spaces, apostrophes, hyphens or periods`
/** No one alive was born more than this many years ago. */
export const MAXIMUM_AGE_YEARS = 130
const DATE_FORMATS = ['MM-dd-yyyy', 'MM/dd/yyyy', 'yyyy-MM-dd'] as const
const DATE_EXPECTED = 'a date written MM-DD-YYYY'

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * Parses a first or last name (inner spaces collapsed).
 *
 * @example
 * import { parsePersonName } from 'health-portal-domain/kernel'
 * parsePersonName("  Mary   O'Neil ", 'firstName') // right("Mary O'Neil")
 */
export const parsePersonName = (input: unknown, field = 'name'): E.Either<DomainError, PersonName> =>
  pipe(
    requireText(input, field, TEXT_LIMITS.short),
    E.map((s) => s.normalize('NFC').replace(/\s+/g, ' ')),
    E.chain((s) =>
      s.length > NAME_MAX
        ? E.left(domainError('field.too-long', { field, rule: `${field} must be at most ${NAME_MAX} characters`, maximum: NAME_MAX }))
        : NAME.test(s)
          ? E.right(s as PersonName)
          : E.left(domainError('field.invalid', { field, rule: `${field} must be ${NAME_EXPECTED}`, expected: NAME_EXPECTED }))
    )
  )

/**
 * Parses a date of birth (MM-DD-YYYY, MM/DD/YYYY or YYYY-MM-DD): a real calendar
 * date, before `today` (the plan's local date), and not more than 130 years ago.
 *
 * @example
 * import { parseDateOfBirth } from 'health-portal-domain/kernel'
 * parseDateOfBirth('2026-11-22')('03-14-1985', 'dateOfBirth') // right('1985-03-14')
 */
export const parseDateOfBirth =
  (today: string) =>
  (input: unknown, field = 'dateOfBirth'): E.Either<DomainError, DateOfBirth> =>
    pipe(
      requireText(input, field, TEXT_LIMITS.short),
      E.chain((s) => {
        const date = DATE_FORMATS.map((f) => DateTime.fromFormat(s, f, { zone: 'utc' })).find((d) => d.isValid)
        if (date === undefined)
          return E.left(domainError('date.not-a-date', { field, rule: `${field} must be a real calendar date written MM-DD-YYYY` }))
        const iso = date.toISODate() as string
        if (iso >= today) return E.left(domainError('date.not-in-past', { field, rule: `${field} must be before today` }))
        const oldest = DateTime.fromISO(today, { zone: 'utc' }).minus({ years: MAXIMUM_AGE_YEARS }).toISODate() as string
        if (iso < oldest)
          return E.left(
            domainError('date.too-old', {
              field,
              rule: `${field} must be within the last ${MAXIMUM_AGE_YEARS} years`,
              maximumAgeYears: MAXIMUM_AGE_YEARS
            })
          )
        return E.right(iso as DateOfBirth)
      })
    )

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/** io-ts codec for `PersonName`. */
export const PersonNameCodec = codecFrom<PersonName>('PersonName', 'name', parsePersonName)

/** io-ts codec for `DateOfBirth`, relative to the given local date. */
export const dateOfBirthCodec = (today: string): t.Type<DateOfBirth, string, unknown> =>
  codecFrom<DateOfBirth>('DateOfBirth', 'dateOfBirth', parseDateOfBirth(today))

/** The format a date of birth is shown in (the guide's MM-DD-YYYY). */
export const DATE_OF_BIRTH_FORMAT = DATE_EXPECTED
