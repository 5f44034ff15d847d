/**
 * A person's name and date of birth.
 *
 * @since 0.1.0
 */
import * as E from './either'
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
        const iso = calendarDate(s)
        if (iso === null)
          return E.left(domainError('date.not-a-date', { field, rule: `${field} must be a real calendar date written MM-DD-YYYY` }))
        if (iso >= today) return E.left(domainError('date.not-in-past', { field, rule: `${field} must be before today` }))
        const oldest = oldestDateOfBirth(today)
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
// dates, read by hand
// -------------------------------------------------------------------------------------

const isDigit = (c: number): boolean => c >= 48 && c <= 57
const digits = (s: string, from: number, count: number): number => {
  let n = 0
  for (let i = from; i < from + count; i++) n = n * 10 + (s.charCodeAt(i) - 48)
  return n
}
const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const

/**
 * `MM-DD-YYYY`, `MM/DD/YYYY` or `YYYY-MM-DD` (ASCII digits) as an ISO date, or
 * null when it is not a real calendar date; any other shape goes to luxon, as
 * before (the hand-read shapes are luxon's own for these formats: two, two
 * and four digits, proleptic Gregorian, so the verdict is the same, without
 * luxon building its parser on every call).
 */
const calendarDate = (s: string): string | null => {
  let year: number, month: number, day: number
  if (s.length !== 10) return calendarDateByLuxon(s)
  const c2 = s.charCodeAt(2)
  const c4 = s.charCodeAt(4)
  if ((c2 === 45 || c2 === 47) && s.charCodeAt(5) === c2 && isDigit(s.charCodeAt(0)) && isDigit(s.charCodeAt(1)) && isDigit(s.charCodeAt(3)) && isDigit(s.charCodeAt(4)) &&
      isDigit(s.charCodeAt(6)) && isDigit(s.charCodeAt(7)) && isDigit(s.charCodeAt(8)) && isDigit(s.charCodeAt(9))) {
    month = digits(s, 0, 2)
    day = digits(s, 3, 2)
    year = digits(s, 6, 4)
  } else if (c4 === 45 && s.charCodeAt(7) === 45 && isDigit(s.charCodeAt(0)) && isDigit(s.charCodeAt(1)) && isDigit(s.charCodeAt(2)) && isDigit(s.charCodeAt(3)) &&
      isDigit(s.charCodeAt(5)) && isDigit(s.charCodeAt(6)) && isDigit(s.charCodeAt(8)) && isDigit(s.charCodeAt(9))) {
    year = digits(s, 0, 4)
    month = digits(s, 5, 2)
    day = digits(s, 8, 2)
  } else return calendarDateByLuxon(s)
  if (month < 1 || month > 12 || day < 1) return null
  if (day > (month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] as number))) return null
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** Every other shape, read as it always was. */
const calendarDateByLuxon = (s: string): string | null => {
  for (const f of DATE_FORMATS) {
    const d = DateTime.fromFormat(s, f, { zone: 'utc' })
    if (d.isValid) return d.toISODate() as string
  }
  return null
}

// The oldest date of birth accepted depends only on today: worked out once per day, not per form.
let oldestFor = ''
let oldest = ''
const oldestDateOfBirth = (today: string): string => {
  if (today !== oldestFor) {
    oldest = DateTime.fromISO(today, { zone: 'utc' }).minus({ years: MAXIMUM_AGE_YEARS }).toISODate() as string
    oldestFor = today
  }
  return oldest
}

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
