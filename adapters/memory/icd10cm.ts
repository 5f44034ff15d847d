/**
 * ICD-10-CM releases in memory: a reader of the CMS order file
 * (`icd10cm_order_YYYY.txt`, fixed width) and a `DiagnosisCodeSet` that
 * answers for the release in force on the date of service.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { DateTime } from 'luxon'
import { domainError, DomainError } from '../../src/kernel/errors'
import { Validation } from '../../src/kernel/validation'
import { IcdCode, parseIcdCode } from '../../src/prior-authorization/code-sets'
import { DiagnosisCodeSet } from '../../src/prior-authorization/ports'
import { ICD10CM_ORDER_SAMPLE, ICD10CM_SAMPLE_VALIDITY } from './data/icd10cm-order-sample'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** One line of the order file: a code, whether it is billable, and its two descriptions. */
export interface Icd10cmEntry {
  readonly orderNumber: number
  readonly code: IcdCode
  /** Flag `1`: valid for submission; flag `0`: a header (category or subcategory). */
  readonly billable: boolean
  readonly shortDescription: string
  readonly longDescription: string
}

/** One ICD-10-CM release and the dates it is in force (both inclusive, ISO dates). */
export interface Icd10cmRelease {
  readonly validFrom: string
  readonly validTo: string
  /** Entries by dotted code, in file order. */
  readonly entries: ReadonlyMap<IcdCode, Icd10cmEntry>
}

// -------------------------------------------------------------------------------------
// order file
// -------------------------------------------------------------------------------------

const LINE_EXPECTED =
  'an order-file line: order number in columns 1–5, the code without its dot in 7–13, flag 1 or 0 in 15, short description in 17–76, long description from 78'

const isoDate = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && DateTime.fromISO(s, { zone: 'utc' }).isValid

const lineError = (n: number, why: string): DomainError =>
  domainError('field.invalid', { field: `line ${n}`, rule: `line ${n}: ${why}`, expected: LINE_EXPECTED })

/** Reads one order-file line (without its line break) into an entry, or says what is wrong with it. */
const readLine = (line: string, n: number): E.Either<DomainError, Icd10cmEntry> => {
  if (line.length < 78) return E.left(lineError(n, `must be at least 78 characters long (it is ${line.length})`))
  const order = line.slice(0, 5)
  const code = line.slice(6, 13)
  const flag = line.slice(14, 15)
  const short = line.slice(16, 76).trimEnd()
  const long = line.slice(77).trimEnd()
  if (!/^[0-9]{5}$/.test(order)) return E.left(lineError(n, 'columns 1–5 must hold a 5-digit order number'))
  if (line[5] !== ' ' || line[13] !== ' ' || line[15] !== ' ' || line[76] !== ' ')
    return E.left(lineError(n, 'columns 6, 14, 16 and 77 must be spaces'))
  if (!/^[A-Z0-9]{3,7} *$/.test(code)) return E.left(lineError(n, 'columns 7–13 must hold the code without its dot, left-justified and space-padded'))
  const parsed = parseIcdCode(code.trimEnd(), `line ${n}`)
  if (E.isLeft(parsed)) return E.left(lineError(n, `columns 7–13 must hold an ICD-10-CM code (${parsed.left.rule})`))
  if (flag !== '0' && flag !== '1') return E.left(lineError(n, 'column 15 must be 1 (billable) or 0 (header)'))
  if (short.trim() === '' || /^\s/.test(short)) return E.left(lineError(n, 'columns 17–76 must hold the short description, left-justified'))
  if (long.trim() === '' || /^\s/.test(long)) return E.left(lineError(n, 'column 78 onward must hold the long description'))
  return E.right({ orderNumber: Number(order), code: parsed.right, billable: flag === '1', shortDescription: short, longDescription: long })
}

/**
 * Reads a CMS ICD-10-CM order file into a release in force from `validFrom`
 * to `validTo` (ISO dates, inclusive; a fiscal-year release runs October 1 to
 * September 30). Blank lines are skipped; every bad line is reported with its
 * (1-based) line number in the error's field (`line 12`); never throws.
 *
 * (adapters/memory/data/README.md shows how to load the official file.)
 */
export const parseIcd10cmOrderFile = (text: string, validFrom: string, validTo: string): Validation<Icd10cmRelease> => {
  const errors: DomainError[] = []
  if (typeof text !== 'string') errors.push(domainError('field.invalid', { field: 'text', rule: 'the order file must be text', expected: 'text' }))
  if (!isoDate(validFrom)) errors.push(domainError('field.invalid', { field: 'validFrom', rule: 'validFrom must be an ISO date', expected: 'an ISO date such as 2025-10-01' }))
  if (!isoDate(validTo)) errors.push(domainError('field.invalid', { field: 'validTo', rule: 'validTo must be an ISO date', expected: 'an ISO date such as 2026-09-30' }))
  if (isoDate(validFrom) && isoDate(validTo) && validTo < validFrom)
    errors.push(domainError('field.invalid', { field: 'validTo', rule: 'validTo must not be before validFrom', expected: `a date on or after ${validFrom}` }))
  const entries = new Map<IcdCode, Icd10cmEntry>()
  const lines = typeof text === 'string' ? text.replace(/^\uFEFF/, '').split(/\r?\n/) : []
  lines.forEach((line, i) => {
    if (line.trim() === '') return
    const r = readLine(line, i + 1)
    if (E.isLeft(r)) errors.push(r.left)
    else if (entries.has(r.right.code)) errors.push(lineError(i + 1, `code ${r.right.code} appears more than once`))
    else entries.set(r.right.code, r.right)
  })
  if (errors.length === 0 && entries.size === 0)
    errors.push(domainError('field.invalid', { field: 'text', rule: 'the order file must hold at least one code', expected: LINE_EXPECTED }))
  const [head, ...tail] = errors
  return head === undefined ? E.right({ validFrom, validTo, entries }) : E.left([head, ...tail])
}

/** Writes an entry as one order-file line (the inverse of the reader). */
export const formatIcd10cmOrderLine = (entry: Icd10cmEntry): string =>
  `${String(entry.orderNumber).padStart(5, '0')} ${entry.code.replace('.', '').padEnd(7)} ${entry.billable ? '1' : '0'} ${entry.shortDescription.padEnd(60)} ${entry.longDescription}`

// -------------------------------------------------------------------------------------
// code set
// -------------------------------------------------------------------------------------

/**
 * A `DiagnosisCodeSet` over loaded releases: `isBillable` answers from the
 * release in force on the service date (the latest-starting one if ranges
 * overlap); `describe` from the newest release that lists the code.
 */
export const memoryDiagnosisCodeSet = (releases: ReadonlyArray<Icd10cmRelease>): DiagnosisCodeSet => {
  const newestFirst = [...releases].sort((a, b) => (a.validFrom < b.validFrom ? 1 : a.validFrom > b.validFrom ? -1 : 0))
  return {
    isBillable: (code, serviceDate) => {
      if (typeof serviceDate !== 'string' || !isoDate(serviceDate))
        return TE.left(domainError('field.invalid', { field: 'serviceDate', rule: 'serviceDate must be an ISO date', expected: 'an ISO date such as 2026-11-22' }))
      const release = newestFirst.find((r) => r.validFrom <= serviceDate && serviceDate <= r.validTo)
      if (release === undefined)
        return TE.left(
          domainError('field.invalid', {
            field: 'serviceDate',
            rule: `no ICD-10-CM release is in force on ${serviceDate}`,
            expected: 'a date covered by a loaded ICD-10-CM release'
          })
        )
      return TE.right(release.entries.get(code)?.billable === true)
    },
    describe: (code) => {
      const found = newestFirst.find((r) => r.entries.has(code))
      return TE.right(O.fromNullable(found?.entries.get(code)?.shortDescription))
    }
  }
}

/**
 * The code set over the bundled sample (a few dozen real codes, in force from
 * 2025-10-01): the memory adapter's default, for tests and examples only.
 */
export const sampleDiagnosisCodeSet = (): DiagnosisCodeSet => {
  const release = parseIcd10cmOrderFile(ICD10CM_ORDER_SAMPLE, ICD10CM_SAMPLE_VALIDITY.validFrom, ICD10CM_SAMPLE_VALIDITY.validTo)
  // The sample is checked by the tests; a broken one is a bug in this package.
  if (E.isLeft(release)) throw new Error(`the bundled ICD-10-CM sample does not parse: ${release.left[0].rule}`)
  return memoryDiagnosisCodeSet([release.right])
}
