/**
 * Form validation that collects every error, and the bridge between io-ts
 * codecs and domain errors.
 *
 * @since 0.1.0
 */
import * as E from './either'
import * as NEA from 'fp-ts/lib/NonEmptyArray.js'
import { sequenceS } from 'fp-ts/lib/Apply.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as t from 'io-ts'
import { domainError, DomainError, invalid, isDomainError, required } from './errors'
import { TEXT_LIMITS, textTooLong } from './form'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A result that carries every error found, not just the first. */
export type Validation<A> = E.Either<NEA.NonEmptyArray<DomainError>, A>

/** Parses one field of outside input into a domain value. */
export type FieldParser<A> = (input: unknown, field: string) => E.Either<DomainError, A>

// -------------------------------------------------------------------------------------
// combinators
// -------------------------------------------------------------------------------------

/** The applicative that accumulates errors (fp-ts `getApplicativeValidation`). */
export const ValidationApplicative = E.getApplicativeValidation(NEA.getSemigroup<DomainError>())

/**
 * Validates a record of independent checks, collecting every error.
 *
 * @example
 * import { validateAll } from 'health-portal-domain/kernel'
 * import * as E from 'fp-ts/lib/Either.js'
 * const r = validateAll({ a: E.right(1), b: E.right('x') })
 * // r is E.right({ a: 1, b: 'x' })
 */
export const validateAll = <R extends Record<string, E.Either<DomainError | NEA.NonEmptyArray<DomainError>, unknown>>>(
  checks: R
): Validation<{ [K in keyof R]: R[K] extends E.Either<unknown, infer A> ? A : never }> => {
  // What sequenceS(ValidationApplicative) gives, in one loop: every error in key order, else the values
  // (fp-ts' curried map/ap cost microseconds per field, more than the checks themselves).
  const keys = Object.keys(checks)
  const values: Record<string, unknown> = {}
  let errors: DomainError[] | undefined
  for (const k of keys) {
    const v = checks[k] as E.Either<DomainError | NEA.NonEmptyArray<DomainError>, unknown>
    if (E.isLeft(v)) {
      if (errors === undefined) errors = []
      if (Array.isArray(v.left)) for (const e of v.left as ReadonlyArray<DomainError>) errors.push(e)
      else errors.push(v.left as DomainError)
    } else if (errors === undefined) values[k] = v.right
  }
  return (errors === undefined ? E.right(values) : E.left(errors as NEA.NonEmptyArray<DomainError>)) as never
}


/** Lifts a single error or a list of errors into a non-empty list. */
export const toNonEmpty = (e: DomainError | NEA.NonEmptyArray<DomainError>): NEA.NonEmptyArray<DomainError> =>
  Array.isArray(e) ? (e as NEA.NonEmptyArray<DomainError>) : [e as DomainError]

/**
 * Treats `undefined`, `null` and blank strings as missing: "This information
 * is required." Text over `maximum` characters is refused before it is even
 * trimmed.
 */
export const requireText = (input: unknown, field: string, maximum: number = TEXT_LIMITS.line): E.Either<DomainError, string> => {
  if (input === undefined || input === null) return E.left(required(field))
  if (typeof input !== 'string') return E.left(invalid(field, 'text'))
  if (input.length > maximum) return E.left(textTooLong(field, maximum, input.length))
  const trimmed = input.trim()
  return trimmed === '' ? E.left(required(field)) : E.right(trimmed)
}

/**
 * Required text on one line as people type it: trimmed, runs of blanks
 * collapsed to one space, then at most `maximum` characters
 * (`field.too-long`); read only up to `readLimit` characters at all.
 */
export const requireLine = (input: unknown, field: string, maximum: number, readLimit: number = TEXT_LIMITS.line): E.Either<DomainError, string> =>
  E.chain((s: string): E.Either<DomainError, string> => {
    const line = s.replace(/\s+/g, ' ')
    return line.length > maximum
      ? E.left(domainError('field.too-long', { field, rule: `${field} must be at most ${maximum} characters`, maximum }))
      : E.right(line)
  })(requireText(input, field, readLimit))

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/**
 * Builds an io-ts codec from a field parser, so the same rules serve at every
 * edge (forms, step tables, database rows). The io-ts error keeps the domain
 * error as its message, recoverable with `domainErrorsOf`.
 */
export const codecFrom = <A extends string>(name: string, field: string, parse: FieldParser<A>): t.Type<A, string, unknown> =>
  new t.Type<A, string, unknown>(
    name,
    (u): u is A => {
      if (typeof u !== 'string') return false
      const parsed = parse(u, field)
      return E.isRight(parsed) && parsed.right === u
    },
    (u, c) =>
      pipe(
        parse(u, field),
        E.fold(
          (e) => t.failure(u, c, JSON.stringify(e)),
          (a) => t.success(a)
        )
      ),
    (a) => a
  )

/** Recovers the domain errors from an io-ts decoding failure. */
export const domainErrorsOf = (errors: t.Errors, field = 'input'): NEA.NonEmptyArray<DomainError> => {
  const found: DomainError[] = []
  for (const e of errors) {
    const parsed = safeParse(e.message)
    found.push(isDomainError(parsed) ? parsed : invalid(pathOf(e) || field, e.context[e.context.length - 1]?.type.name ?? 'valid'))
  }
  const [head, ...tail] = found
  return head === undefined ? [invalid(field, 'valid')] : [head, ...tail]
}

/** Decodes with an io-ts codec and returns domain errors on failure. */
export const decodeWith =
  <A, O>(codec: t.Type<A, O, unknown>, field = 'input') =>
  (u: unknown): Validation<A> =>
    pipe(codec.decode(u), E.mapLeft((errs) => domainErrorsOf(errs, field)))

const safeParse = (s: string | undefined): unknown => {
  if (s === undefined) return undefined
  try {
    return JSON.parse(s)
  } catch {
    return undefined
  }
}

const pathOf = (e: t.ValidationError): string =>
  e.context
    .map((c) => c.key)
    .filter((k) => k !== '')
    .join('.')
