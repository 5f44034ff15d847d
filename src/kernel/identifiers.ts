/**
 * Plan-issued identifiers whose format each plan sets: member IDs and
 * personal representative IDs.
 *
 * @since 0.1.0
 */
import * as E from './either'
import { pipe } from 'fp-ts/lib/function.js'
import * as t from 'io-ts'
import { domainError, DomainError } from './errors'
import { codecFrom, FieldParser, requireText } from './validation'
import { TEXT_LIMITS } from './form'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A plan member ID (upper-cased, spaces and dashes removed). */
export type MemberId = string & { readonly MemberId: unique symbol }

/** A Personal Representative ID issued by the plan to a non-member acting for a member. */
export type PersonalRepresentativeId = string & { readonly PersonalRepresentativeId: unique symbol }

/** A plan's Provider ID (from the welcome packet and Explanation of Payment). */
export type ProviderId = string & { readonly ProviderId: unique symbol }

/** A plan's format for one of its identifiers. */
export interface IdentifierFormat {
  readonly pattern: RegExp
  /** What the identifier looks like, in words (used in the error's rule). */
  readonly description: string
}

/** Member IDs where a guide fixes no format: 8 to 12 letters or digits, as ID cards print them. */
export const lettersAndDigitsMemberIdFormat: IdentifierFormat = { pattern: /^[A-Z0-9]{8,12}$/, description: '8 to 12 letters or digits' }

/** Personal Representative IDs where a guide fixes no format: "PR" and 8 digits. */
export const prefixedRepresentativeIdFormat: IdentifierFormat = { pattern: /^PR\d{8}$/, description: '"PR" followed by 8 digits' }

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

// ASCII letters only: toUpperCase() would turn 'ß' into 'SS' and let it pass the pattern.
const normalise = (s: string): string => s.replace(/[\s-]/g, '').replace(/[a-z]/g, (c) => c.toUpperCase())

const identifierParser =
  <A extends string>(format: IdentifierFormat): FieldParser<A> =>
  (input, field) =>
    pipe(
      requireText(input, field, TEXT_LIMITS.short),
      E.map(normalise),
      E.chain((s) =>
        format.pattern.test(s)
          ? E.right(s as A)
          : E.left(domainError('field.invalid', { field, rule: `${field} must be ${format.description}`, expected: format.description }))
      )
    )

/**
 * A member ID parser for a plan's format.
 *
 * @example
 * import { memberIdParser } from 'health-portal-domain/kernel'
 * const parse = memberIdParser({ pattern: /^[A-Z0-9]{8,12}$/, description: '8 to 12 letters or digits' })
 * parse('ab12-3456', 'memberId') // right('AB123456')
 */
export const memberIdParser = (format: IdentifierFormat): ((input: unknown, field?: string) => E.Either<DomainError, MemberId>) => {
  const p = identifierParser<MemberId>(format)
  return (input, field = 'memberId') => p(input, field)
}

/** A Personal Representative ID parser for a plan's format. */
export const representativeIdParser = (
  format: IdentifierFormat
): ((input: unknown, field?: string) => E.Either<DomainError, PersonalRepresentativeId>) => {
  const p = identifierParser<PersonalRepresentativeId>(format)
  return (input, field = 'representativeId') => p(input, field)
}

/** A Provider ID parser for a plan's format. */
export const providerIdParser = (format: IdentifierFormat): ((input: unknown, field?: string) => E.Either<DomainError, ProviderId>) => {
  const p = identifierParser<ProviderId>(format)
  return (input, field = 'providerId') => p(input, field)
}

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/** io-ts codec for a plan's member IDs. */
export const memberIdCodec = (format: IdentifierFormat): t.Type<MemberId, string, unknown> =>
  codecFrom<MemberId>('MemberId', 'memberId', memberIdParser(format))

/** io-ts codec for a plan's Personal Representative IDs. */
export const representativeIdCodec = (format: IdentifierFormat): t.Type<PersonalRepresentativeId, string, unknown> =>
  codecFrom<PersonalRepresentativeId>('PersonalRepresentativeId', 'representativeId', representativeIdParser(format))
