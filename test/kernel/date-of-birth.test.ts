/**
 * parseDateOfBirth reads the usual shapes (MM-DD-YYYY, MM/DD/YYYY, YYYY-MM-DD)
 * by hand instead of through luxon: a property shows the whole verdict (value,
 * or error code, field, rule and details) is the one the luxon-only version
 * gave, over random, near-miss and adversarial dates and over many "todays".
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { DateTime } from 'luxon'
import { domainError, DomainError, MAXIMUM_AGE_YEARS, parseDateOfBirth, requireText, TEXT_LIMITS } from '../../src/kernel'

// -------------------------------------------------------------------------------------
// the reference: the function as it was, luxon for every input
// -------------------------------------------------------------------------------------

const referenceDateOfBirth =
  (today: string) =>
  (input: unknown, field = 'dateOfBirth'): E.Either<DomainError, string> =>
    pipe(
      requireText(input, field, TEXT_LIMITS.short),
      E.chain((s) => {
        const date = (['MM-dd-yyyy', 'MM/dd/yyyy', 'yyyy-MM-dd'] as const).map((f) => DateTime.fromFormat(s, f, { zone: 'utc' })).find((d) => d.isValid)
        if (date === undefined) return E.left(domainError('date.not-a-date', { field, rule: `${field} must be a real calendar date written MM-DD-YYYY` }))
        const iso = date.toISODate() as string
        if (iso >= today) return E.left(domainError('date.not-in-past', { field, rule: `${field} must be before today` }))
        const oldest = DateTime.fromISO(today, { zone: 'utc' }).minus({ years: MAXIMUM_AGE_YEARS }).toISODate() as string
        if (iso < oldest)
          return E.left(domainError('date.too-old', { field, rule: `${field} must be within the last ${MAXIMUM_AGE_YEARS} years`, maximumAgeYears: MAXIMUM_AGE_YEARS }))
        return E.right(iso)
      })
    )

// -------------------------------------------------------------------------------------
// inputs
// -------------------------------------------------------------------------------------

const pad = (n: number, w: number) => String(n).padStart(w, '0')
const part = (w: number, max: number) => fc.oneof(fc.integer({ min: 0, max }).map((n) => pad(n, w)), fc.stringMatching(new RegExp(`^[0-9]{${w}}$`)), fc.string({ maxLength: w + 1 }))
const separator = fc.constantFrom('-', '/', '.', ' ', '')
const usDate = fc.tuple(part(2, 13), separator, part(2, 32), separator, part(4, 9999)).map((p) => p.join(''))
const isoDate = fc.tuple(part(4, 9999), separator, part(2, 13), separator, part(2, 32)).map((p) => p.join(''))
// near today, the 130-year edge and leap days, where the verdicts change
const edgeDate = fc.tuple(fc.integer({ min: 1880, max: 2040 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 27, max: 31 }), fc.boolean()).map(([y, m, d, us]) =>
  us ? `${pad(m, 2)}-${pad(d, 2)}-${pad(y, 4)}` : `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`
)
const adversarial = fc.constantFrom('02-29-2000', '02-29-1900', '02-29-2024', '00-10-2000', '10-00-2000', '0000-01-01', '01-01-0000', '١٠-١٠-٢٠٠٠', '12-31-9999', ' 03-14-1985 ', '3-14-1985', '03-14-85', '1985-3-14', '03-14/1985', '+1985-03-14', '03-14-1985x', '')
const input = fc.oneof(usDate, isoDate, edgeDate, adversarial, fc.string({ maxLength: 12 }), fc.constantFrom(undefined, null, 42))
const today = fc.oneof(
  fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2026-12-03', '2024-02-29', '2000-02-29', '2130-03-01')
)

// -------------------------------------------------------------------------------------
// the property
// -------------------------------------------------------------------------------------

test('parseDateOfBirth gives exactly the verdict the luxon-only version gave', () => {
  fc.assert(
    fc.property(today, input, (t, i) => {
      assert.deepStrictEqual(parseDateOfBirth(t)(i, 'dateOfBirth'), referenceDateOfBirth(t)(i, 'dateOfBirth'))
    }),
    { numRuns: 20_000 }
  )
})

test('the adversarial dates, one by one, against a fixed today', () => {
  for (const s of ['02-29-2000', '02-29-1900', '02-29-2024', '00-10-2000', '10-00-2000', '0000-01-01', '01-01-0000', '12-31-9999', '1896-12-03', '1896-12-02', '03-14-1985'])
    for (const t of ['2026-12-03', '2026-02-28', '2024-02-29'])
      assert.deepStrictEqual(parseDateOfBirth(t)(s), referenceDateOfBirth(t)(s), `${s} on ${t}`)
})
