/**
 * Usernames: chosen once, never changed, unique regardless of case.
 *
 * @since 0.1.0
 */
import * as E from './either'
import { pipe } from 'fp-ts/lib/function.js'
import { domainError, DomainError } from './errors'
import { codecFrom, requireText } from './validation'
import { TEXT_LIMITS } from './form'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A username as the person typed it (trimmed), for display. */
export type Username = string & { readonly Username: unique symbol }

/** The case-folded form of a username: two usernames with the same key are the same account. */
export type UsernameKey = string & { readonly UsernameKey: unique symbol }

/** Username rules: 3 to 64 characters; letters, digits and . _ - @; starts with a letter or digit. */
export const USERNAME_RULE = {
  minimum: 3,
  maximum: 64,
  pattern: /^[A-Za-z0-9][A-Za-z0-9._@-]*$/,
  description: '3 to 64 characters: letters, digits and . _ - @, starting with a letter or digit'
} as const

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * Parses a username.
 *
 * @example
 * import { parseUsername } from 'health-portal-domain/kernel'
 * parseUsername(' Adamtest ') // right('Adamtest')
 * parseUsername('')          // left({ code: 'field.required', field: 'username', … })
 */
export const parseUsername = (input: unknown, field = 'username'): E.Either<DomainError, Username> =>
  pipe(
    requireText(input, field, TEXT_LIMITS.short),
    E.chain((s) =>
      s.length < USERNAME_RULE.minimum || s.length > USERNAME_RULE.maximum || !USERNAME_RULE.pattern.test(s)
        ? E.left(
            domainError('field.invalid', {
              field,
              rule: `${field} must be ${USERNAME_RULE.description}`,
              expected: USERNAME_RULE.description
            })
          )
        : E.right(s as Username)
    )
  )

/** The key under which a username is unique: case-folded. */
export const usernameKey = (u: Username): UsernameKey => u.toLowerCase() as UsernameKey

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/** io-ts codec for `Username`. */
export const UsernameCodec = codecFrom<Username>('Username', 'username', parseUsername)
