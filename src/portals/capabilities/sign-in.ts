/**
 * Sign-in with a username and password, and the rule that a username never
 * changes.
 *
 * @since 0.2.0
 */
import * as signIn from '../../accounts/sign-in/workflow'
import * as profile from '../../accounts/profile/workflow'
import { defineCapability } from '../capability'
import { accountSettings } from './sign-up'

/** `portal.signIn(form)`: "Sign in". */
export const signInCapability = defineCapability({
  key: 'signIn',
  feature: 'sign-in',
  settings: accountSettings,
  calls: (exec) => (form: { readonly username?: unknown; readonly password?: unknown }) => exec(() => signIn.signIn(form))
})

/** `portal.changeUsername(accountId, requested)`: usernames cannot be changed: always one `username.immutable` error naming the `username` field, whatever the account id and username given. */
export const changeUsernameCapability = defineCapability({
  key: 'changeUsername',
  feature: 'username changes',
  settings: accountSettings,
  calls: (exec) => (accountId: unknown, requested: unknown) => exec(() => profile.changeUsername(accountId, requested))
})
