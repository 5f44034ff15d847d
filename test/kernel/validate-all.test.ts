/**
 * validateAll collects every error in one loop instead of fp-ts sequenceS: a
 * property shows it gives exactly what sequenceS over the validation
 * applicative gave (the same errors in the same order, or the same values),
 * for random records of single errors, error lists and values.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import * as NEA from 'fp-ts/lib/NonEmptyArray.js'
import { sequenceS } from 'fp-ts/lib/Apply.js'
import { pipe } from 'fp-ts/lib/function.js'
import { domainError, DomainError, toNonEmpty, validateAll, ValidationApplicative } from '../../src/kernel'

/** The reference: validateAll as first written. */
const referenceValidateAll = (checks: Record<string, E.Either<DomainError | NEA.NonEmptyArray<DomainError>, unknown>>): unknown => {
  const lifted: Record<string, E.Either<NEA.NonEmptyArray<DomainError>, unknown>> = {}
  for (const [k, v] of Object.entries(checks)) lifted[k] = pipe(v, E.mapLeft(toNonEmpty))
  if (Object.keys(lifted).length === 0) return E.right({})
  return sequenceS(ValidationApplicative)(lifted as never)
}

const error = fc.record({ field: fc.string({ maxLength: 6 }), n: fc.nat(99) }).map(({ field, n }) => domainError('field.invalid', { field, rule: `${field} must be ${n}`, expected: String(n) }))
const check = fc.oneof(
  fc.anything().map((a) => E.right(a)),
  error.map((e) => E.left(e)),
  fc.array(error, { minLength: 1, maxLength: 3 }).map((es) => E.left(es as NEA.NonEmptyArray<DomainError>))
)
// keys that look like indices too, whose order objects fix themselves
const key = fc.oneof(fc.string({ maxLength: 5 }), fc.nat(20).map(String), fc.constantFrom('__proto__x', 'constructor', 'toString'))

test('validateAll gives exactly what sequenceS over the validation applicative gave', () => {
  fc.assert(
    fc.property(fc.dictionary(key, check, { maxKeys: 8 }), (checks) => {
      assert.deepStrictEqual(validateAll(checks), referenceValidateAll(checks))
    }),
    { numRuns: 5_000 }
  )
})
