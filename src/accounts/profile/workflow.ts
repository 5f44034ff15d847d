/**
 * Changes a signed-in person asks for on their own account.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import * as RTE from 'fp-ts/lib/ReaderTaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { domainError } from '../../kernel/errors'
import { parseUsername } from '../../kernel/username'
import { TEXT_LIMITS } from '../../kernel/form'
import { AccountId, renameUsername } from '../account'
import { Workflow } from '../policies'
import { fromEither, fromPort } from '../workflow-kit'

/** "Usernames cannot be changed": always refused, with the advice to register anew. */
export const changeUsername = (accountId: unknown, requested: unknown): Workflow<never> =>
  pipe(
    RTE.Do,
    RTE.bind('username', () => fromEither(parseUsername(requested, 'username'))),
    RTE.bind('account', () =>
      pipe(
        typeof accountId === 'string' && accountId.length <= TEXT_LIMITS.short ? fromPort((env) => env.accounts.findById(accountId as AccountId)) : RTE.right(O.none),
        RTE.chain((found) =>
          fromEither(O.isSome(found) ? E.right(found.value) : E.left(domainError('account.not-found', { rule: 'the account must exist' })))
        )
      )
    ),
    RTE.chain(({ account, username }) => fromEither(renameUsername(account, username)))
  )
