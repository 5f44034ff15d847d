/**
 * Changes a signed-in person asks for on their own account.
 *
 * @since 0.1.0
 */
import * as RTE from 'fp-ts/lib/ReaderTaskEither.js'
import { usernameImmutable } from '../account'
import { Workflow } from '../policies'

/**
 * "Usernames cannot be changed": always one `username.immutable` error (field
 * `username`), whatever the account id and the username asked for. Neither is
 * read, so the answer does not tell a known account or a well-formed username
 * from any other input.
 */
export const changeUsername = (_accountId: unknown, _requested: unknown): Workflow<never> => RTE.left([usernameImmutable()])
