/**
 * HealthPartners-issued checks: what a provider (or a billing organisation,
 * for its client) shows to prove it is paid by the plan. The check number is
 * the secret part: the Tax ID and the NPI are printed in directories, the
 * check only reaches the payee.
 *
 * @since 0.3.0
 */
import * as E from '../kernel/either'
import { pipe } from 'fp-ts/lib/function.js'
import { domainError, DomainError, ErrorOf } from '../kernel/errors'
import { TEXT_LIMITS } from '../kernel/form'
import type { Npi } from '../kernel/npi'
import { requireText } from '../kernel/validation'
import type { KeyedHash } from '../ports/keyed-hasher'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A check number as printed on the check: 6 to 12 digits. */
export type CheckNumber = string & { readonly CheckNumber: unique symbol }

/** A HealthPartners vendor number, as listed on the check: 4 to 12 letters or digits, upper-cased. */
export type VendorNumber = string & { readonly VendorNumber: unique symbol }

/** A check the plan issued, as its payment system records it. */
export interface IssuedCheck {
  readonly checkNumber: CheckNumber
  /** The payee's Tax ID, as a keyed hash. */
  readonly taxIdHash: KeyedHash
  /** The payee NPI printed on the check, if any. */
  readonly npi: Npi | null
  /** The payee's vendor number printed on the check, if any. */
  readonly vendorNumber: VendorNumber | null
  readonly amountCents: number
  /** The issue date, `YYYY-MM-DD`. */
  readonly issuedOn: string
}

/** What was typed to prove a payee: the Tax ID's hash, the check number, and the NPI or the vendor number. */
export type CheckProof =
  | { readonly taxIdHash: KeyedHash; readonly checkNumber: CheckNumber; readonly npi: Npi }
  | { readonly taxIdHash: KeyedHash; readonly checkNumber: CheckNumber; readonly vendorNumber: VendorNumber }
  | { readonly taxIdHash: KeyedHash; readonly checkNumber: CheckNumber }

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const CHECK_EXPECTED = 'the 6 to 12 digit check number printed on a HealthPartners check'
const VENDOR_EXPECTED = 'the 4 to 12 letter or digit vendor number listed on the check'

/** Parses a check number (blanks and a leading `#` ignored). */
export const parseCheckNumber = (input: unknown, field = 'checkNumber'): E.Either<DomainError, CheckNumber> =>
  pipe(
    requireText(input, field, TEXT_LIMITS.short),
    E.map((s) => s.replace(/[\s#]/g, '')),
    E.chain((s) =>
      /^\d{6,12}$/.test(s) ? E.right(s as CheckNumber) : E.left(domainError('field.invalid', { field, rule: `${field} must be ${CHECK_EXPECTED}`, expected: CHECK_EXPECTED }))
    )
  )

/** Parses a vendor number (blanks ignored, upper-cased). */
export const parseVendorNumber = (input: unknown, field = 'vendorNumber'): E.Either<DomainError, VendorNumber> =>
  pipe(
    requireText(input, field, TEXT_LIMITS.short),
    E.map((s) => s.replace(/\s/g, '').toUpperCase()),
    E.chain((s) =>
      /^[A-Z0-9]{4,12}$/.test(s) ? E.right(s as VendorNumber) : E.left(domainError('field.invalid', { field, rule: `${field} must be ${VENDOR_EXPECTED}`, expected: VENDOR_EXPECTED }))
    )
  )

// -------------------------------------------------------------------------------------
// matching
// -------------------------------------------------------------------------------------

/**
 * The refusal of a proof that does not match a check: it never says which
 * part was wrong (that would let someone confirm a Tax ID or a check number).
 */
export const checkNotMatched = (): ErrorOf<'organisation.check-not-matched'> =>
  domainError('organisation.check-not-matched', {
    rule: 'the Tax ID, the check number and the NPI or vendor number must together match a check HealthPartners issued'
  })

/** Does the check found under the number match everything typed? */
export const matchCheck = (proof: CheckProof, check: IssuedCheck | null): E.Either<ErrorOf<'organisation.check-not-matched'>, IssuedCheck> => {
  if (check === null || check.checkNumber !== proof.checkNumber || check.taxIdHash !== proof.taxIdHash) return E.left(checkNotMatched())
  if ('npi' in proof && check.npi !== proof.npi) return E.left(checkNotMatched())
  if ('vendorNumber' in proof && check.vendorNumber !== proof.vendorNumber) return E.left(checkNotMatched())
  return E.right(check)
}
