/**
 * US identifiers with national formats: ZIP codes, Tax IDs (TIN), Social
 * Security Numbers, NANP phone numbers and Medicare PTANs. Each parser
 * normalises what people type and names the rule it breaks. An SSN is kept
 * only as `SsnOnFile`: its last four digits, masked, and a keyed hash.
 *
 * @since 0.1.0
 */
import * as E from './either'
import { pipe } from 'fp-ts/lib/function.js'
import { domainError, DomainError } from './errors'
import { codecFrom, requireText } from './validation'
import { TEXT_LIMITS } from './form'
import type { KeyedHash, KeyedHasher } from '../ports/keyed-hasher'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A ZIP code, `12345` or ZIP+4 `12345-6789`. */
export type ZipCode = string & { readonly ZipCode: unique symbol }

/** A Tax ID (EIN, SSN or ITIN): nine digits, no punctuation. */
export type TaxId = string & { readonly TaxId: unique symbol }

/** A 10-digit NANP phone number, digits only (area code, exchange, line). */
export type PhoneNumber = string & { readonly PhoneNumber: unique symbol }

/**
 * A Social Security Number: nine digits, no punctuation, of a shape the
 * Social Security Administration issues. Held only in memory, to hand to
 * identity proofing; what is kept is its `SsnOnFile`.
 */
export type Ssn = string & { readonly Ssn: unique symbol }

/** What is kept of an SSN: the last four digits, masked (`***-**-1234`), and a keyed hash (purpose `ssn`) to match it again. */
export interface SsnOnFile {
  readonly last4Masked: string
  readonly hash: KeyedHash
}

/** A Medicare Provider Transaction Access Number: 6 to 10 upper-case letters or digits (Part A: 6 digits; Part B: varies by contractor). */
export type Ptan = string & { readonly Ptan: unique symbol }

/** The purpose SSN hashes are made under (the same digits as a Tax ID, purpose `tax-id`, never hash alike). */
export const SSN_PURPOSE = 'ssn'

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const ZIP_EXPECTED = '5 digits, or ZIP+4 (5 digits, a dash and 4 digits)'

/**
 * Parses a ZIP code; nine bare digits become ZIP+4.
 *
 * @example
 * import { parseZipCode } from 'health-portal-domain/kernel'
 * parseZipCode('191032799') // right('19103-2799')
 */
export const parseZipCode = (input: unknown, field = 'zipCode'): E.Either<DomainError, ZipCode> =>
  pipe(
    requireText(input, field, TEXT_LIMITS.short),
    E.chain((s) => {
      const m = /^(\d{5})(?:-?(\d{4}))?$/.exec(s.replace(/\s/g, ''))
      if (m === null) return E.left(domainError('field.invalid', { field, rule: `${field} must be ${ZIP_EXPECTED}`, expected: ZIP_EXPECTED }))
      if (m[1] === '00000' || m[2] === '0000')
        return E.left(domainError('field.invalid', { field, rule: `${field} must not be all zeros`, expected: ZIP_EXPECTED }))
      return E.right((m[2] === undefined ? m[1] : `${m[1]}-${m[2]}`) as ZipCode)
    })
  )

/** The five-digit part of a ZIP code (what two ZIPs must share to be the same place). */
export const zip5 = (z: ZipCode): string => z.slice(0, 5)

const TIN_EXPECTED = '9 digits, written 123456789, 12-3456789 or 123-45-6789'
const TIN_ISSUED = 'a number the IRS or the Social Security Administration issues'

/** EIN prefixes (the first two digits) the IRS never assigns: 00, 07–09, 17–19, 28, 29, 49, 69, 70, 78, 79, 89, 96, 97 (`../shared/REFERENCE.md`, "Tax ID (TIN)", from the IRS list). */
export const NEVER_ASSIGNED_EIN_PREFIXES: ReadonlyArray<string> = ['00', '07', '08', '09', '17', '18', '19', '28', '29', '49', '69', '70', '78', '79', '89', '96', '97']

/** The 4th and 5th digits of an ITIN (which starts with 9), as inclusive ranges: 50–65, 70–88, 90–92, 94–99 (`../shared/REFERENCE.md`, "ITIN"). */
export const ITIN_GROUP_RANGES: ReadonlyArray<readonly [number, number]> = [[50, 65], [70, 88], [90, 92], [94, 99]]

const isItinGroup = (group: string): boolean => ITIN_GROUP_RANGES.some(([low, high]) => Number(group) >= low && Number(group) <= high)

/** Why nine digits can never be an EIN, or undefined when they can. */
const einNeverIssued = (digits: string): string | undefined =>
  NEVER_ASSIGNED_EIN_PREFIXES.includes(digits.slice(0, 2)) ? `${digits.slice(0, 2)} is never assigned as an EIN prefix` : undefined

/** The part of an SSN a rule forbids: the area (digits 1–3), the group (4–5) or the serial (6–9). */
export type SsnPart = 'area' | 'group' | 'serial'

/** Which part of nine digits the Social Security Administration never issues, with the forbidden value, or undefined when none. */
const ssnPartNeverIssued = (digits: string): { readonly part: SsnPart; readonly value: string } | undefined => {
  const area = digits.slice(0, 3)
  if (area === '000' || area === '666' || area.startsWith('9')) return { part: 'area', value: area }
  if (digits.slice(3, 5) === '00') return { part: 'group', value: '00' }
  if (digits.slice(5) === '0000') return { part: 'serial', value: '0000' }
  return undefined
}

/** The rule a never-issued part breaks, in words. */
const ssnPartRule = (p: { readonly part: SsnPart; readonly value: string }): string => `${p.value} is never issued as an SSN ${p.part} number`

/** Why nine digits can never be an SSN or an ITIN, or undefined when they can. */
const ssnNeverIssued = (digits: string): string | undefined => {
  const area = digits.slice(0, 3)
  const group = digits.slice(3, 5)
  if (area.startsWith('9'))
    return isItinGroup(group) ? undefined : `${area} is never issued as an SSN area number, and ${group} cannot be an ITIN's 4th and 5th digits, which are 50–65, 70–88, 90–92 or 94–99`
  const never = ssnPartNeverIssued(digits)
  return never === undefined ? undefined : ssnPartRule(never)
}

/**
 * Parses a Tax ID: nine digits, written bare, as an EIN (12-3456789) or as an
 * SSN/ITIN (123-45-6789); all zeros is refused. Numbers that are never issued
 * are refused with the reason, following `../shared/REFERENCE.md` ("Tax ID
 * (TIN)", "SSN", "ITIN"): written as an EIN, a prefix the IRS never assigns
 * (00, 07–09, 17–19, 28, 29, 49, 69, 70, 78, 79, 89, 96, 97); written as an
 * SSN, area 000, 666 or 900–999 (unless an ITIN: 9, then 4th–5th digits in
 * 50–65, 70–88, 90–92, 94–99), group 00 or serial 0000 (ITINs follow their
 * own rule only); nine bare digits only when they can be neither.
 *
 * @example
 * import { parseTaxId } from 'health-portal-domain/kernel'
 * parseTaxId('12-3456789') // right('123456789')
 * parseTaxId('666-12-3456') // left: 666 is never issued as an SSN area number
 */
export const parseTaxId = (input: unknown, field = 'taxId'): E.Either<DomainError, TaxId> =>
  pipe(
    requireText(input, field, TEXT_LIMITS.short),
    E.chain((s) => {
      const compact = s.replace(/\s/g, '')
      const asEin = /^\d{2}-\d{7}$/.test(compact)
      const asSsn = /^\d{3}-\d{2}-\d{4}$/.test(compact)
      const ok = /^\d{9}$/.test(compact) || asEin || asSsn
      const digits = compact.replace(/-/g, '')
      if (!ok || digits === '000000000')
        return E.left(domainError('field.invalid', { field, rule: `${field} must be ${TIN_EXPECTED}`, expected: TIN_EXPECTED }))
      const ein = asSsn ? 'not written as an EIN' : einNeverIssued(digits)
      const ssn = asEin ? 'not written as an SSN' : ssnNeverIssued(digits)
      if (ein === undefined || ssn === undefined) return E.right(digits as TaxId)
      const why = asEin ? ein : asSsn ? ssn : `as an EIN, ${ein}; as an SSN, ${ssn}`
      return E.left(domainError('field.invalid', { field, rule: `${field} must be ${TIN_ISSUED} (${why})`, expected: TIN_ISSUED }))
    })
  )

const PHONE_EXPECTED = 'a 10-digit US phone number'

/**
 * Parses a NANP phone number: punctuation and a leading 1 or +1 are dropped;
 * ten digits remain; area code and exchange start with 2–9 and are not N11;
 * an area code whose second digit is 9 is never assigned.
 *
 * @example
 * import { parsePhoneNumber } from 'health-portal-domain/kernel'
 * parsePhoneNumber('+1 (215) 555-0134') // right('2155550134')
 */
export const parsePhoneNumber = (input: unknown, field = 'phone'): E.Either<DomainError, PhoneNumber> =>
  pipe(
    requireText(input, field, TEXT_LIMITS.short),
    E.chain((s) => {
      const bad = (why: string) => E.left(domainError('field.invalid', { field, rule: `${field} must be ${PHONE_EXPECTED} (${why})`, expected: PHONE_EXPECTED }))
      if (!/^[\d\s().+-]+$/.test(s)) return bad('digits only, with optional spaces, dots, dashes, brackets and a leading +')
      let digits = s.replace(/\D/g, '')
      if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1)
      if (digits.length !== 10) return bad(`it has ${digits.length} digit${digits.length === 1 ? '' : 's'}`)
      const area = digits.slice(0, 3)
      const exchange = digits.slice(3, 6)
      if (!/^[2-9]/.test(area) || !/^[2-9]/.test(exchange)) return bad('the area code and the exchange start with 2 to 9')
      if (/^[2-9]11$/.test(area) || /^[2-9]11$/.test(exchange)) return bad(`${/^[2-9]11$/.test(area) ? area : exchange} is a service code, not ${/^[2-9]11$/.test(area) ? 'an area code' : 'an exchange'}`)
      if (area[1] === '9') return bad('no area code has 9 as its second digit')
      return E.right(digits as PhoneNumber)
    })
  )

const SSN_EXPECTED = '9 digits, written 123456789 or 123-45-6789'
const SSN_ISSUED = 'a number the Social Security Administration issues'

/**
 * Parses a Social Security Number: nine digits, bare or written 123-45-6789
 * (blanks anywhere ignored). Numbers the Social Security Administration never
 * issues are refused as `ssn.never-issued`, naming the part (`../shared/REFERENCE.md`,
 * "SSN"): area 000, 666 or 900–999 (ITINs and never-issued areas alike), group
 * 00, serial 0000.
 *
 * @example
 * import { parseSsn } from 'health-portal-domain/kernel'
 * parseSsn(' 123-45-6789 ') // right('123456789')
 * parseSsn('900-12-3456') // left: ssn.never-issued, part 'area'
 */
export const parseSsn = (input: unknown, field = 'ssn'): E.Either<DomainError, Ssn> =>
  pipe(
    requireText(input, field, TEXT_LIMITS.short),
    E.chain((s) => {
      const compact = s.replace(/\s/g, '')
      if (!/^\d{9}$/.test(compact) && !/^\d{3}-\d{2}-\d{4}$/.test(compact))
        return E.left(domainError('field.invalid', { field, rule: `${field} must be ${SSN_EXPECTED}`, expected: SSN_EXPECTED }))
      const digits = compact.replace(/-/g, '')
      const never = ssnPartNeverIssued(digits)
      return never === undefined
        ? E.right(digits as Ssn)
        : E.left(domainError('ssn.never-issued', { field, rule: `${field} must be ${SSN_ISSUED} (${ssnPartRule(never)})`, part: never.part, value: never.value }))
    })
  )

/** The last four digits of an SSN as shown: `***-**-1234`. */
export const maskSsn = (ssn: Ssn): string => `***-**-${ssn.slice(5)}`

/**
 * What is kept of an SSN: the masked last four and its keyed hash (purpose
 * `ssn`); the number itself is not recoverable from it.
 *
 * @example
 * import { ssnOnFile, Ssn } from 'health-portal-domain/kernel'
 * import { hmacKeyedHasher, randomHashKey } from 'health-portal-domain/adapters/system'
 * const onFile = ssnOnFile(hmacKeyedHasher(randomHashKey()), '123456789' as Ssn)
 * // onFile.last4Masked === '***-**-6789'; onFile.hash is an HMAC, not the number
 */
export const ssnOnFile = (hasher: KeyedHasher, ssn: Ssn): SsnOnFile => ({ last4Masked: maskSsn(ssn), hash: hasher.digest(SSN_PURPOSE, ssn) })

/** Does this SSN (as typed again, parsed) match the one on file? */
export const ssnMatches = (hasher: KeyedHasher, onFile: SsnOnFile, ssn: Ssn): boolean => ssnOnFile(hasher, ssn).hash === onFile.hash

const PTAN_EXPECTED = '6 to 10 letters or digits (the PTAN on the Medicare enrolment approval letter)'

/**
 * Parses a PTAN: 6 to 10 letters or digits, upper-cased (ASCII letters only).
 * There is no national format or check digit (`../shared/REFERENCE.md`, "PTAN").
 *
 * @example
 * import { parsePtan } from 'health-portal-domain/kernel'
 * parsePtan(' ab1234 ') // right('AB1234')
 */
export const parsePtan = (input: unknown, field = 'ptan'): E.Either<DomainError, Ptan> =>
  pipe(
    requireText(input, field, TEXT_LIMITS.short),
    // ASCII letters only: toUpperCase() would turn 'ß' into 'SS' and let it pass the pattern.
    E.map((s) => s.replace(/[a-z]/g, (c) => c.toUpperCase())),
    E.chain((s) =>
      /^[A-Z0-9]{6,10}$/.test(s) ? E.right(s as Ptan) : E.left(domainError('field.invalid', { field, rule: `${field} must be ${PTAN_EXPECTED}`, expected: PTAN_EXPECTED }))
    )
  )

/** A phone number as people write it: (215) 555-0134. */
export const formatPhoneNumber = (p: PhoneNumber): string => `(${p.slice(0, 3)}) ${p.slice(3, 6)}-${p.slice(6)}`

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/** io-ts codec for `ZipCode`. */
export const ZipCodeCodec = codecFrom<ZipCode>('ZipCode', 'zipCode', parseZipCode)
/** io-ts codec for `TaxId`. */
export const TaxIdCodec = codecFrom<TaxId>('TaxId', 'taxId', parseTaxId)
/** io-ts codec for `PhoneNumber`. */
export const PhoneNumberCodec = codecFrom<PhoneNumber>('PhoneNumber', 'phone', parsePhoneNumber)
/** io-ts codec for `Ssn` (its output is the SSN in clear: never store it, store `ssnOnFile`). */
export const SsnCodec = codecFrom<Ssn>('Ssn', 'ssn', parseSsn)
/** io-ts codec for `Ptan`. */
export const PtanCodec = codecFrom<Ptan>('Ptan', 'ptan', parsePtan)
